import { fail, redirect } from '@sveltejs/kit';
import type { FieldErrors } from '@pv/shared/errors';
import { publishProblems, surveyAudienceLabels, type Survey, type SurveyDefinition } from '@pv/shared/survey.schema';
import { officerContext, orFail, textOf, today } from '$lib/server/officer';
import {
  apiRefusal,
  canBuild,
  missingVersion,
  outlineErrors,
  partIdOf,
  saveDefinition,
  sentVersion,
  surveyContext,
  surveyIdOf,
  tagNames,
} from '$lib/server/survey-builder';
import {
  canMoveQuestion,
  describeCondition,
  describeQuestion,
  findQuestion,
  moveQuestion,
  moveSection,
  type Direction,
} from '$lib/server/survey-definition-edits';
import { dateInWords } from '$lib/words';
import type { Actions, PageServerLoad } from './$types';

function flash(url: URL, survey: Survey): string | undefined {
  const p = url.searchParams;
  const label = (id: string | null) => (id ? (findQuestion(survey.definition, id)?.question.label ?? survey.definition.sections.find((s) => s.id === id)?.title) : undefined);
  const name = label(p.get('id'));
  const newVersion = survey.status !== 'draft' ? ` This is version ${survey.definitionVersion} of the questions: people who have already answered keep the version they saw.` : '';
  if (p.has('created')) return `‘${survey.title}’ has been created. Now add its sections and questions.`;
  if (p.has('published')) return `‘${survey.title}’ is published. Parents can answer it until the end of ${dateInWords(survey.closesOn)}.`;
  if (p.has('closed')) return `‘${survey.title}’ is closed. Parents can no longer answer it.`;
  if (p.has('saved')) return `Your changes to the survey’s settings are saved.`;
  if (p.get('added') === 'section' && name) return `The section ‘${name}’ has been added.${newVersion}`;
  if (p.get('added') === 'question' && name) return `The question ‘${name}’ has been added.${newVersion}`;
  if (p.has('changed') && name) return `Your changes to ‘${name}’ are saved.${newVersion}`;
  if (p.has('moved') && name) return `‘${name}’ has moved ${p.get('to') === 'up' ? 'up' : 'down'}.${newVersion}`;
  if (p.has('deleted')) return `‘${p.get('deleted')!.slice(0, 300)}’ has been deleted.${newVersion}`;
  return undefined;
}

function outline(definition: SurveyDefinition, config: Parameters<typeof tagNames>[0]) {
  return definition.sections.map((s, si) => ({
    id: s.id,
    title: s.title,
    intro: s.intro,
    shown: describeCondition(definition, s.condition) ?? 'Always',
    canMoveUp: si > 0,
    canMoveDown: si < definition.sections.length - 1,
    questions: s.questions.map((q, qi) => ({
      id: q.id,
      label: q.label,
      // The equality block is always optional, and says so itself.
      optional: !q.required && q.type !== 'equality',
      type: describeQuestion(q),
      shown: describeCondition(definition, q.condition),
      tags: tagNames(config, q),
      canMoveUp: canMoveQuestion(definition, si, qi, 'up'),
      canMoveDown: canMoveQuestion(definition, si, qi, 'down'),
    })),
  }));
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId, survey } = await surveyContext(locals, url, params.survey);
  const config = await orFail(client.config(tenantId), url);
  const problems = survey.status === 'draft' ? outlineErrors(publishProblems(survey, today()), '', survey.definition).summary : [];
  return {
    survey: {
      id: survey.id,
      title: survey.title,
      introduction: survey.introduction,
      privacyNotice: survey.privacyNotice,
      closesOn: dateInWords(survey.closesOn),
      audience: survey.audience,
      audienceLabel: surveyAudienceLabels[survey.audience],
      anonymous: survey.anonymous,
      status: survey.status,
      effectiveStatus: survey.effectiveStatus,
      responses: survey.responseCount,
      definitionVersion: survey.definitionVersion,
      version: survey.version,
      sectionCount: survey.definition.sections.length,
    },
    canBuild: canBuild(survey),
    outline: outline(survey.definition, config),
    problems,
    flash: flash(url, survey),
  };
};

const directionOf = (value: string): Direction | undefined => (value === 'up' || value === 'down' ? value : undefined);

/** A refused change to the outline: the summary, and each message next to its section or question too. */
function outlineFailure(outcome: Exclude<Awaited<ReturnType<typeof saveDefinition>>, { ok: true }>, definition: SurveyDefinition) {
  if ('conflict' in outcome) {
    return fail(409, {
      summary: [{ message: 'Someone else changed this survey while you were looking at it. Check the sections and questions below, then try again.' }],
      inline: {} as Record<string, string>,
    });
  }
  return fail(outcome.status, outlineErrors(outcome.errors, outcome.title, definition));
}

/** Moves a section or a question up or down, then back to it on the outline. */
async function move({ request, locals, url, params }: Parameters<Actions[string]>[0], part: 'section' | 'question') {
  const { client, tenantId, survey } = await surveyContext(locals, url, params.survey!);
  const form = await request.formData();
  const version = sentVersion(form);
  const direction = directionOf(textOf(form, 'direction'));
  const id = partIdOf(textOf(form, 'id'));
  if (!version || !direction) return fail(400, { summary: [{ message: missingVersion }], inline: {} as Record<string, string> });
  const definition = (part === 'section' ? moveSection : moveQuestion)(survey.definition, id, direction);
  const outcome = await saveDefinition(client, tenantId, survey, version, definition, url);
  if (!outcome.ok) return outlineFailure(outcome, definition);
  redirect(303, `/officer/surveys/${survey.id}?moved=1&id=${id}&to=${direction}#${part}-${id}`);
}

export const actions: Actions = {
  moveSection: async (event) => move(event, 'section'),
  moveQuestion: async (event) => move(event, 'question'),

  publish: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const surveyId = surveyIdOf(params.survey);
    const version = sentVersion(await request.formData());
    if (!version) return fail(400, { summary: [{ message: missingVersion }], inline: {} as Record<string, string> });
    try {
      await client.publishSurvey(tenantId, surveyId, version);
    } catch (e) {
      const outcome = apiRefusal(e, url);
      const current = await orFail(client.survey(tenantId, surveyId), url);
      return outlineFailure(outcome, current.definition);
    }
    redirect(303, `/officer/surveys/${surveyId}?published=1`);
  },

  close: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const surveyId = surveyIdOf(params.survey);
    const version = sentVersion(await request.formData());
    if (!version) return fail(400, { summary: [{ message: missingVersion }], inline: {} as Record<string, string> });
    try {
      await client.closeSurvey(tenantId, surveyId, version);
    } catch (e) {
      const outcome = apiRefusal(e, url);
      if ('conflict' in outcome) return outlineFailure(outcome, { sections: [] });
      return fail(outcome.status, { summary: [{ message: outcome.title }], inline: {} as Record<string, string> });
    }
    redirect(303, `/officer/surveys/${surveyId}?closed=1`);
  },
};
