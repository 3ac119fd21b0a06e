import { error, fail, redirect } from '@sveltejs/kit';
import type { TenantConfig } from '@pv/shared/config.schema';
import type { FieldErrors } from '@pv/shared/errors';
import {
  question as questionSchema,
  questionTypeLabels,
  questionTypes,
  section as sectionSchema,
  newId,
  type Condition,
  type Question,
  type QuestionType,
  type Section,
  type Survey,
  type SurveyDefinition,
} from '@pv/shared/survey.schema';
import type { FormErrors, FormValues } from '$lib/form-errors';
import type { api } from './api';
import { formList, formText, readWith, refusal, save, valuesOf, versioned, type FormRead } from './forms';
import { settingsOf } from './survey-settings-form';
import { officerSurvey, questionIdOf } from './survey-staff';
import { describeCondition, describeQuestion, findQuestion, optionLines, optionsFromLines } from './survey-definition-edits';

/**
 * The survey builder's server side: every change is one small form, read-modify-written onto the
 * definition as it is stored now and sent as the whole survey with the version the officer saw (the
 * API replaces settings and definition together and checks the version). The API's errors come back
 * keyed by path in the definition sent (`definition.sections.1.questions.0.condition`); here they are
 * found again as a section, a question and a field on the page.
 */

/** A section or question id from the URL (or a form), or 404. */
export const partIdOf = questionIdOf;

/** A closed survey is kept as it was answered. */
export function canBuild(survey: Pick<Survey, 'status'>): boolean {
  return survey.status !== 'closed';
}

/** The officer, their API and the survey named by the URL, for the builder's pages: a closed survey's lead back to its overview (which says why). */
export async function buildableSurvey(locals: App.Locals, url: URL, surveyParam: string) {
  const context = await officerSurvey(locals, url, surveyParam);
  if (!canBuild(context.survey)) redirect(303, `/officer/surveys/${context.survey.id}`);
  return context;
}

export function sectionOf(survey: Survey, sectionId: string): { section: Section; index: number } {
  const index = survey.definition.sections.findIndex((s) => s.id === partIdOf(sectionId));
  if (index < 0) error(404, { message: 'There is no such section in this survey. Someone may have deleted it.' });
  return { section: survey.definition.sections[index]!, index };
}

export function questionOf(survey: Survey, questionId: string) {
  const at = findQuestion(survey.definition, partIdOf(questionId));
  if (!at) error(404, { message: 'There is no such question in this survey. Someone may have deleted it.' });
  return at;
}

// ---------------------------------------------------------------------------------------------
// Saving

interface SurveyContext {
  client: ReturnType<typeof api>;
  tenantId: string;
  survey: Survey;
}

/** Sends the survey as it is stored now with a changed definition and the version the officer saw. */
function sendDefinition({ client, tenantId, survey }: SurveyContext, version: number, definition: SurveyDefinition): Promise<Survey> {
  return client.updateSurvey(tenantId, survey.id, version, { ...settingsOf(survey), definition });
}

/**
 * Saves a section or question form: `change` makes its input into the definition to send. The API
 * refuses a version that is out of date with the survey as stored now (`onConflict`); its other errors
 * are keyed by path in the definition sent, which `toPage` finds again on the page.
 */
export async function saveDefinition<I extends object, C>(
  context: SurveyContext,
  form: FormData,
  read: FormRead<I>,
  change: (input: I) => SurveyDefinition,
  options: { url: URL; toPage: (errors: FieldErrors, sent: SurveyDefinition, input: I) => FormErrors; onConflict: (current: Survey, values: FormValues) => C },
) {
  let sent = context.survey.definition;
  let asked: I;
  return save(
    versioned(form, read),
    ({ version, ...input }) => {
      // What the form read, without the version it was on.
      asked = input as unknown as I;
      sent = change(asked);
      return sendDefinition(context, version, sent);
    },
    {
      url: options.url,
      keep: { version: formText(form, 'version') },
      toPage: (errors) => options.toPage(errors, sent, asked),
      onConflict: (current, values) => options.onConflict(current as Survey, values),
    },
  );
}

export const missingVersion = 'Something was missing from the form. Reload the page and try again.';

/** A refused change to the outline (moving, deleting, publishing, closing): the summary, and each message next to its section or question too. */
export function outlineFailure(status: number, summary: OutlineError[], inline: Record<string, string> = {}) {
  return fail(status, { summary, inline });
}

/**
 * An API error from an outline change → its messages linked to the sections and questions of `sent`;
 * a conflict → `conflict`; signing in and permission the usual way.
 */
export async function outlineRefusal(e: unknown, url: URL, sent: SurveyDefinition, conflict: string) {
  const failure = await refusal(e, {}, { url, toPage: (errors) => errors, onConflict: () => outlineFailure(409, [{ message: conflict }]) });
  if ('summary' in failure.data) return failure;
  const { summary, inline } = outlineErrors(failure.data.errors, sent);
  return outlineFailure(failure.status, summary, inline);
}

/** The version on an outline form (publish, close, move, delete), or the failure to send back. */
export function outlineVersion(form: FormData): { version: number; failure?: undefined } | { failure: ReturnType<typeof outlineFailure> } {
  const read = versioned(form, { values: {}, input: {} });
  if (read.errors) return { failure: outlineFailure(400, Object.values(read.errors).map((message) => ({ message }))) };
  return { version: read.input.version };
}

/** Saves a change to the outline (a move, a deletion) made to the definition as stored now. */
export async function changeOutline(context: SurveyContext, form: FormData, change: (definition: SurveyDefinition) => SurveyDefinition, { url, conflict }: { url: URL; conflict: string }) {
  const sent = outlineVersion(form);
  if (sent.failure) return sent.failure;
  const definition = change(context.survey.definition);
  try {
    await sendDefinition(context, sent.version, definition);
  } catch (e) {
    return outlineRefusal(e, url, definition, conflict);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Where an API error belongs

export interface ErrorPlace {
  sectionId?: string;
  questionId?: string;
  /** The field of that section or question (its first path segment), when there is one. */
  field?: string;
}

/** `definition.sections.1.questions.0.condition` → the section and question (in the definition sent) and `condition`. */
export function placeOf(definition: SurveyDefinition, path: string): ErrorPlace {
  const inDefinition = /^definition\.sections\.(\d+)(?:\.questions\.(\d+))?(?:\.([^.]+))?/.exec(path);
  if (inDefinition) {
    const section = definition.sections[Number(inDefinition[1])];
    const question = inDefinition[2] === undefined ? undefined : section?.questions[Number(inDefinition[2])];
    return { sectionId: section?.id, questionId: question?.id, field: inDefinition[3] };
  }
  // checkPublishedChange keys its refusals by question id.
  const published = /^question\.(.+)$/.exec(path);
  if (published) return { questionId: published[1] };
  return {};
}

/** Adds a message a person can't fix in a field (there may be several): `_`, `_1`, `_2`… */
function addGeneral(errors: FormErrors, message: string): void {
  if (Object.values(errors).includes(message)) return;
  let key = '_';
  for (let i = 1; key in errors; i++) key = `_${i}`;
  errors[key] = message;
}

/**
 * API errors for a question form: those about this question on its fields, the rest (another
 * question's condition that used an answer removed here, the equality block twice…) in the summary.
 */
export function questionFormErrors(apiErrors: FieldErrors, definition: SurveyDefinition, q: Question): FormErrors {
  const errors: FormErrors = {};
  for (const [path, message] of Object.entries(apiErrors)) {
    const place = placeOf(definition, path);
    if (place.questionId === q.id && place.field && place.field !== 'id') errors[place.field] ??= message;
    else if (place.questionId === q.id && !place.field && path.startsWith('question.')) {
      // A published question: an answer people chose can't go, a scale they used can't change.
      const field = q.type === 'rating' ? 'points' : 'options' in q ? 'options' : undefined;
      if (field) errors[field] ??= message;
      else addGeneral(errors, message);
    } else addGeneral(errors, message);
  }
  return errors;
}

export function sectionFormErrors(apiErrors: FieldErrors, definition: SurveyDefinition, sectionId: string): FormErrors {
  const errors: FormErrors = {};
  for (const [path, message] of Object.entries(apiErrors)) {
    const place = placeOf(definition, path);
    if (place.sectionId === sectionId && !place.questionId && place.field && place.field !== 'id') errors[place.field] ??= message;
    else addGeneral(errors, message);
  }
  return errors;
}

export interface OutlineError {
  message: string;
  href?: string;
}

/**
 * API errors for the outline (moving, publishing): each one in the summary, linked to its section or
 * question, and also shown inline there, keyed by that section's or question's id.
 */
export function outlineErrors(apiErrors: FieldErrors, definition: SurveyDefinition): { summary: OutlineError[]; inline: Record<string, string> } {
  const summary: OutlineError[] = [];
  const inline: Record<string, string> = {};
  for (const [path, message] of Object.entries(apiErrors)) {
    const place = placeOf(definition, path);
    const id = place.questionId ? `question-${place.questionId}` : place.sectionId ? `section-${place.sectionId}` : undefined;
    if (place.questionId) inline[place.questionId] ??= message;
    else if (place.sectionId) inline[place.sectionId] ??= message;
    if (path === 'closesOn') summary.push({ message, href: '#settings' });
    else summary.push({ message, href: id ? `#${id}` : undefined });
  }
  return { summary, inline };
}

// ---------------------------------------------------------------------------------------------
// Conditions on a form: a radio for each question a condition may use, and under it a checkbox for each of its answers

export const conditionValuesName = (questionId: string) => `conditionValues_${questionId}`;

export function readCondition(form: FormData): { condition?: Condition; values: FormValues } {
  const questionId = formText(form, 'conditionQuestion');
  const values = valuesOf(form, ['conditionQuestion'], [...new Set(form.keys())].filter((key) => key.startsWith('conditionValues_')));
  if (!questionId) return { values };
  return { condition: { questionId, values: formList(form, conditionValuesName(questionId)) }, values };
}

export function conditionFormValues(condition: Condition | undefined): FormValues {
  if (!condition) return { conditionQuestion: '' };
  return { conditionQuestion: condition.questionId, [conditionValuesName(condition.questionId)]: condition.values };
}

// ---------------------------------------------------------------------------------------------
// The section form

/** The section form → a section without its questions (they are kept where it is changed). */
export function readSectionForm(form: FormData, id: string): FormRead<SectionChange> {
  const read = readCondition(form);
  const values = { ...valuesOf(form, ['title', 'intro']), ...read.values };
  const section = readWith(sectionSchema, { id, title: values.title, intro: values.intro, condition: read.condition, questions: [] }, values);
  if (section.errors) return section;
  const { title, intro, condition } = section.input;
  return { values, input: { id, title, intro, condition } };
}

export type SectionChange = Pick<Section, 'id' | 'title' | 'intro' | 'condition'>;

export function sectionValues(section: Section): FormValues {
  return { title: section.title, intro: section.intro, ...conditionFormValues(section.condition) };
}

export function newSectionId(definition: SurveyDefinition, title: string): string {
  return newId(title || 'section', definition.sections.map((s) => s.id));
}

// ---------------------------------------------------------------------------------------------
// The question form

export function questionTypeOf(value: string | null): QuestionType | undefined {
  return questionTypes.find((t) => t === value);
}

export const questionTypeOptions = questionTypes.map((t) => ({ value: t, label: questionTypeLabels[t] }));

const defaults: Partial<Record<QuestionType, FormValues>> = {
  rating: { points: '5' },
  'short-text': { maxLength: '200' },
  'long-text': { maxLength: '2000' },
  number: { wholeNumber: 'yes' },
  equality: { label: 'About you' },
};

export function newQuestionValues(type: QuestionType): FormValues {
  return { type, label: '', hint: '', required: '', options: '', priorityIds: [], hubIds: [], conditionQuestion: '', ...defaults[type] };
}

export function questionValues(q: Question, sectionId: string): FormValues {
  const values: FormValues = {
    type: q.type,
    label: q.label,
    hint: q.hint,
    required: q.required ? 'yes' : '',
    sectionId,
    priorityIds: q.priorityIds,
    hubIds: q.hubIds,
    ...conditionFormValues(q.condition),
  };
  if ('options' in q) values.options = q.options.map((o) => o.label).join('\n');
  if (q.type === 'single' || q.type === 'multiple') values.allowOther = q.allowOther ? 'yes' : '';
  if (q.type === 'rating') Object.assign(values, { points: String(q.points), lowLabel: q.lowLabel, highLabel: q.highLabel });
  if (q.type === 'short-text' || q.type === 'long-text') values.maxLength = String(q.maxLength);
  if (q.type === 'number') Object.assign(values, { min: q.min === undefined ? '' : String(q.min), max: q.max === undefined ? '' : String(q.max), wholeNumber: q.wholeNumber ? 'yes' : '' });
  return values;
}

/** A number typed by a person: commas allowed; '' is "not given". */
function numberFrom(text: string): number | undefined | 'bad' {
  const s = text.trim().replace(/,/g, '');
  if (!s) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : 'bad';
}

/**
 * The question form → a question. `existing` is the question being changed (its id and its answers'
 * ids are kept); a new question gets an id from its words.
 */
export function readQuestionForm(
  form: FormData,
  type: QuestionType,
  existing: Question | undefined,
  takenIds: string[],
): FormRead<Question> {
  const read = readCondition(form);
  const ticked = (key: string) => (formText(form, key) ? 'yes' : '');
  const values: FormValues = {
    ...valuesOf(form, ['label', 'hint', 'sectionId', 'options', 'points', 'lowLabel', 'highLabel', 'maxLength', 'min', 'max'], ['priorityIds', 'hubIds']),
    type,
    required: ticked('required'),
    allowOther: ticked('allowOther'),
    wholeNumber: ticked('wholeNumber'),
    ...read.values,
  };
  const checks: FormErrors = {};
  const raw: Record<string, unknown> = {
    id: existing?.id ?? newId(String(values.label) || questionTypeLabels[type], takenIds),
    type,
    label: values.label,
    hint: values.hint,
    required: values.required === 'yes',
    condition: read.condition,
    priorityIds: values.priorityIds,
    hubIds: values.hubIds,
  };
  if (type === 'single' || type === 'multiple' || type === 'ranking') {
    const lines = optionLines(String(values.options));
    const seen = new Set<string>();
    const twice = lines.find((l) => (seen.has(l.toLowerCase()) ? true : (seen.add(l.toLowerCase()), false)));
    if (twice) checks.options = `“${twice}” is in the list twice. Each answer must be different.`;
    raw.options = optionsFromLines(lines, existing && 'options' in existing ? existing.options : []);
    if (type !== 'ranking') raw.allowOther = values.allowOther === 'yes';
  }
  if (type === 'rating') {
    raw.points = Number(values.points);
    raw.lowLabel = values.lowLabel;
    raw.highLabel = values.highLabel;
  }
  if (type === 'short-text' || type === 'long-text') {
    const n = numberFrom(String(values.maxLength));
    if (n === undefined || n === 'bad' || !Number.isInteger(n) || n < 1) checks.maxLength = 'Enter the most characters an answer can have, as a whole number like 500';
    else raw.maxLength = n;
  }
  if (type === 'number') {
    const min = numberFrom(String(values.min));
    const max = numberFrom(String(values.max));
    if (min === 'bad') checks.min = 'The smallest number allowed must be a number, like 0';
    else raw.min = min;
    if (max === 'bad') checks.max = 'The largest number allowed must be a number, like 10';
    else raw.max = max;
    if (typeof min === 'number' && typeof max === 'number' && min > max) checks.max = 'The largest number allowed must not be smaller than the smallest';
    raw.wholeNumber = values.wholeNumber === 'yes';
  }
  return readWith(questionSchema, raw, values, checks);
}

/**
 * A double-submitted "add" (the second arrives with the version the first replaced) is spotted by its
 * words: the last item of the section is the one this form adds.
 */
export function justAddedQuestion(current: Survey, sectionId: string, q: Pick<Question, 'type' | 'label'>): Question | undefined {
  const last = current.definition.sections.find((s) => s.id === sectionId)?.questions.at(-1);
  return last && last.type === q.type && last.label === q.label ? last : undefined;
}

export function justAddedSection(current: Survey, title: string): Section | undefined {
  const last = current.definition.sections.at(-1);
  return last && last.title === title ? last : undefined;
}

// ---------------------------------------------------------------------------------------------
// Tags

export interface TagOption {
  value: string;
  label: string;
  hint?: string;
}

/** Active priorities, plus any retired one a question still has (so it can be unticked). */
export function priorityOptions(config: TenantConfig, chosen: string[] = []): TagOption[] {
  return [...config.priority]
    .filter((p) => p.status === 'active' || chosen.includes(p.id))
    .sort((a, b) => a.order - b.order)
    .map((p) => ({ value: p.id, label: p.status === 'active' ? p.name : `${p.name} (retired: untick it to save)` }));
}

/** Active hubs by network in the admin's order, the network as the hint. */
export function hubTagOptions(config: TenantConfig, chosen: string[] = []): TagOption[] {
  const networkOrder = new Map(config.hubNetwork.map((n) => [n.id, n.order]));
  const networkName = new Map(config.hubNetwork.map((n) => [n.id, n.name]));
  return [...config.hub]
    .filter((h) => h.status === 'active' || chosen.includes(h.id))
    .sort((a, b) => (networkOrder.get(a.networkId) ?? 0) - (networkOrder.get(b.networkId) ?? 0) || a.order - b.order)
    .map((h) => ({ value: h.id, label: h.status === 'active' ? h.name : `${h.name} (retired: untick it to save)`, hint: networkName.get(h.networkId) }));
}

export function tagNames(config: TenantConfig, q: Question): { priorities: string[]; hubs: string[] } {
  return {
    priorities: q.priorityIds.map((id) => config.priority.find((p) => p.id === id)?.name ?? id),
    hubs: q.hubIds.map((id) => config.hub.find((h) => h.id === id)?.name ?? id),
  };
}

// ---------------------------------------------------------------------------------------------
// Someone else's version, in words

export function theirQuestion(current: Survey, questionId: string): { key: string; value: string }[] | undefined {
  const at = findQuestion(current.definition, questionId);
  if (!at) return undefined;
  const q = at.question;
  return [
    { key: 'Section', value: at.section.title },
    { key: 'Question', value: q.label },
    { key: 'Type', value: describeQuestion(q) },
    { key: 'Help text', value: q.hint || '(none)' },
    { key: 'Must be answered', value: q.required ? 'Yes' : 'No' },
    { key: 'Shown', value: describeCondition(current.definition, q.condition) ?? 'Always' },
  ];
}

export function theirSection(current: Survey, sectionId: string): { key: string; value: string }[] | undefined {
  const s = current.definition.sections.find((x) => x.id === sectionId);
  if (!s) return undefined;
  return [
    { key: 'Title', value: s.title },
    { key: 'Introduction', value: s.intro || '(none)' },
    { key: 'Shown', value: describeCondition(current.definition, s.condition) ?? 'Always' },
    { key: 'Questions', value: String(s.questions.length) },
  ];
}
