import { redirect } from '@sveltejs/kit';
import { publishProblems, surveyAudienceLabels, type Survey, type SurveyDefinition } from '@pv/shared/survey.schema';
import { formText } from '$lib/server/forms';
import { officerContext, orFail, today } from '$lib/server/officer';
import {
  canBuild,
  changeOutline,
  missingVersion,
  outlineErrors,
  outlineFailure,
  outlineRefusal,
  outlineVersion,
  partIdOf,
  tagNames,
} from '$lib/server/survey-builder';
import { officerSurvey, surveyIdOf } from '$lib/server/survey-staff';
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
  const { client, tenantId, survey } = await officerSurvey(locals, url, params.survey);
  const config = await orFail(client.config(tenantId), url);
  const problems = survey.status === 'draft' ? outlineErrors(publishProblems(survey, today()), survey.definition).summary : [];
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

const changedMeanwhile = 'Someone else changed this survey while you were looking at it. Check the sections and questions below, then try again.';

/** Moves a section or a question up or down, then back to it on the outline. */
async function move({ request, locals, url, params }: Parameters<Actions[string]>[0], part: 'section' | 'question') {
  const context = await officerSurvey(locals, url, params.survey!);
  const form = await request.formData();
  const direction = directionOf(formText(form, 'direction'));
  const id = partIdOf(formText(form, 'id'));
  if (!direction) return outlineFailure(400, [{ message: missingVersion }]);
  const failure = await changeOutline(context, form, (definition) => (part === 'section' ? moveSection : moveQuestion)(definition, id, direction), {
    url,
    conflict: changedMeanwhile,
  });
  if (failure) return failure;
  redirect(303, `/officer/surveys/${context.survey.id}?moved=1&id=${id}&to=${direction}#${part}-${id}`);
}

/** Publishes or closes the survey at the version the officer saw. */
async function changeStatus({ request, locals, url, params }: Parameters<Actions[string]>[0], change: 'publish' | 'close') {
  const { client, tenantId } = officerContext(locals, url);
  const surveyId = surveyIdOf(params.survey!);
  const sent = outlineVersion(await request.formData());
  if (sent.failure) return sent.failure;
  try {
    if (change === 'publish') await client.publishSurvey(tenantId, surveyId, sent.version);
    else await client.closeSurvey(tenantId, surveyId, sent.version);
  } catch (e) {
    // Publishing's reasons are about the questions as stored now.
    const about = change === 'publish' ? (await orFail(client.survey(tenantId, surveyId), url)).definition : { sections: [] };
    return outlineRefusal(e, url, about, changedMeanwhile);
  }
  redirect(303, `/officer/surveys/${surveyId}?${change === 'publish' ? 'published' : 'closed'}=1`);
}

export const actions: Actions = {
  moveSection: async (event) => move(event, 'section'),
  moveQuestion: async (event) => move(event, 'question'),
  publish: async (event) => changeStatus(event, 'publish'),
  close: async (event) => changeStatus(event, 'close'),
};
