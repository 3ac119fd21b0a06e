import * as z from 'zod';
import type { FieldErrors } from './errors.ts';
import type { Answers } from './survey-answers.ts';
import { clean, formBoolean, optionalText, slug, text, version } from './validation.ts';

/**
 * Surveys: the settings an officer chooses, the definition (sections of questions, with conditions),
 * and the checks that keep a definition answerable: conditions only look back at earlier sections,
 * never forward and never round in a loop. Shared by the API (which enforces) and the web builder
 * (which explains). Answers are in survey-answers.ts.
 */

// ---------------------------------------------------------------------------------------------
// Settings

export const surveyAudiences = ['public', 'panel', 'both'] as const;
export type SurveyAudience = (typeof surveyAudiences)[number];
export const surveyAudienceLabels: Record<SurveyAudience, string> = {
  public: 'Anyone with the link (listed on the public site)',
  panel: 'Panel members by personal invitation only',
  both: 'Both: public link and personal invitations',
};

export const surveyStatuses = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function isRealDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const surveySettingsInput = z.object({
  title: text('Enter a title for the survey', 'Title', { min: 3, max: 120 }),
  introduction: text('Enter an introduction that says what the survey is about', 'Introduction', { max: 2000 }),
  privacyNotice: text('Enter a privacy notice: who sees the answers and how long they are kept', 'Privacy notice', { max: 3000 }),
  closesOn: z
    .string({ error: 'Enter the closing date' })
    .refine(isRealDate, { error: 'The closing date must be a real date, like 2027-03-31' }),
  audience: z.enum(surveyAudiences, { error: 'Choose who can answer' }),
  anonymous: formBoolean,
});
export type SurveySettings = z.output<typeof surveySettingsInput>;

// ---------------------------------------------------------------------------------------------
// Questions

export const questionTypes = [
  'single',
  'multiple',
  'rating',
  'yes-no',
  'short-text',
  'long-text',
  'number',
  'date',
  'ranking',
  'equality',
] as const;
export type QuestionType = (typeof questionTypes)[number];

export const questionTypeLabels: Record<QuestionType, string> = {
  single: 'Single choice',
  multiple: 'Multiple choice',
  rating: 'Rating scale',
  'yes-no': 'Yes or no',
  'short-text': 'Short text',
  'long-text': 'Long text',
  number: 'Number',
  date: 'Date',
  ranking: 'Ranking',
  equality: 'Equality monitoring (the standard questions)',
};

/** Types whose answers a condition can look at. */
export const conditionSourceTypes: readonly QuestionType[] = ['single', 'multiple', 'rating', 'yes-no'];
/** Types whose answers become Feedback items (free text a person wrote). */
export const freeTextTypes: readonly QuestionType[] = ['short-text', 'long-text'];

export const otherOptionId = 'other';

export const limits = {
  sections: 20,
  questions: 80,
  freeTextQuestions: 20,
  options: 30,
  rankingOptions: 10,
  shortText: 500,
  longText: 5000,
} as const;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'Ids use lower-case letters, numbers and dashes (40 at most)' });

export const condition = z.object({
  questionId: id,
  values: z.array(z.string().min(1).max(60)).min(1, { error: 'Choose at least one answer the condition looks for' }).max(30),
});
export type Condition = z.output<typeof condition>;

export const choiceOption = z.object({
  id: slug.min(1),
  label: text('Enter the text of each answer', 'Each answer', { max: 200 }),
});
export type ChoiceOption = z.output<typeof choiceOption>;

const tags = z.array(slug).max(20).default([]);

const questionBase = {
  id,
  label: text('Enter the question', 'The question', { max: 300 }),
  hint: optionalText('Help text', 500),
  required: z.boolean().default(false),
  condition: condition.optional(),
  priorityIds: tags,
  hubIds: tags,
};

const options = (max: number) =>
  z
    .array(choiceOption)
    .min(2, { error: 'Give at least 2 answers to choose from' })
    .max(max, { error: `Give ${max} answers or fewer` });

export const question = z.discriminatedUnion(
  'type',
  [
    z.object({ ...questionBase, type: z.literal('single'), options: options(limits.options), allowOther: z.boolean().default(false) }),
    z.object({ ...questionBase, type: z.literal('multiple'), options: options(limits.options), allowOther: z.boolean().default(false) }),
    z.object({
      ...questionBase,
      type: z.literal('rating'),
      points: z.number().int().min(3, { error: 'A scale has 3 to 10 points' }).max(10, { error: 'A scale has 3 to 10 points' }).default(5),
      lowLabel: text('Say what the lowest point means, like “Very poor”', 'The lowest label', { max: 60 }),
      highLabel: text('Say what the highest point means, like “Very good”', 'The highest label', { max: 60 }),
    }),
    z.object({ ...questionBase, type: z.literal('yes-no') }),
    z.object({
      ...questionBase,
      type: z.literal('short-text'),
      maxLength: z.number().int().min(1).max(limits.shortText, { error: `Short answers can be up to ${limits.shortText} characters` }).default(200),
    }),
    z.object({
      ...questionBase,
      type: z.literal('long-text'),
      maxLength: z.number().int().min(1).max(limits.longText, { error: `Long answers can be up to ${limits.longText} characters` }).default(2000),
    }),
    z.object({
      ...questionBase,
      type: z.literal('number'),
      min: z.number().optional(),
      max: z.number().optional(),
      wholeNumber: z.boolean().default(true),
    }),
    z.object({ ...questionBase, type: z.literal('date') }),
    z.object({ ...questionBase, type: z.literal('ranking'), options: options(limits.rankingOptions) }),
    z.object({ ...questionBase, type: z.literal('equality') }),
  ],
  { error: 'Choose a type of question' },
);
export type Question = z.output<typeof question>;
export type QuestionInput = z.input<typeof question>;

export const section = z.object({
  id,
  title: text('Enter a title for the section', 'Section title', { max: 120 }),
  intro: optionalText('Section introduction', 1000),
  condition: condition.optional(),
  questions: z.array(question).max(limits.questions),
});
export type Section = z.output<typeof section>;

export const surveyDefinition = z.object({
  sections: z.array(section).max(limits.sections, { error: `A survey has ${limits.sections} sections or fewer` }),
});
export type SurveyDefinition = z.output<typeof surveyDefinition>;

export const surveyInput = surveySettingsInput.extend({ definition: surveyDefinition.default({ sections: [] }) });
export type SurveyInput = z.output<typeof surveyInput>;
export const surveyUpdateInput = surveyInput.extend({ version });
export type SurveyUpdateInput = z.output<typeof surveyUpdateInput>;

export interface Survey extends SurveyInput {
  id: string;
  status: SurveyStatus;
  /** Goes up each time a published survey's wording changes; each response records the one it saw. */
  definitionVersion: number;
  responseCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt?: string;
}

/** A survey on the public list. */
export interface PublicSurveySummary {
  id: string;
  title: string;
  introduction: string;
  closesOn: string;
}

/** What a parent sees: no counts, no tags. */
export interface PublicSurvey {
  id: string;
  title: string;
  introduction: string;
  privacyNotice: string;
  closesOn: string;
  anonymous: boolean;
  audience: SurveyAudience;
  status: SurveyStatus;
  definition: SurveyDefinition;
  definitionVersion: number;
}

/** A survey is open until the end of its closing day (UK time is close enough at day granularity: we use UTC). */
export function effectiveStatus(survey: Pick<Survey, 'status' | 'closesOn'>, now = new Date()): SurveyStatus {
  if (survey.status === 'open' && now.toISOString().slice(0, 10) > survey.closesOn) return 'closed';
  return survey.status;
}

// ---------------------------------------------------------------------------------------------
// Where things are

export interface QuestionPlace {
  question: Question;
  sectionIndex: number;
  questionIndex: number;
}

export function questionIndex(definition: SurveyDefinition): Map<string, QuestionPlace> {
  const places = new Map<string, QuestionPlace>();
  definition.sections.forEach((s, sectionIndex) =>
    s.questions.forEach((question, questionIndex) => places.set(question.id, { question, sectionIndex, questionIndex })),
  );
  return places;
}

export function allQuestions(definition: SurveyDefinition): Question[] {
  return definition.sections.flatMap((s) => s.questions);
}

/** The answers a condition on this question can look for, with their labels. */
export function conditionValues(q: Question): { value: string; label: string }[] {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return [
        ...q.options.map((o) => ({ value: o.id, label: o.label })),
        ...(q.allowOther ? [{ value: otherOptionId, label: 'Other' }] : []),
      ];
    case 'yes-no':
      return [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ];
    case 'rating':
      return Array.from({ length: q.points }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Checking a definition

/**
 * Everything wrong with a definition, keyed by where it is (`sections.1.questions.0.condition`), in
 * plain English that says how to fix it. Empty when the survey can be answered.
 *
 * Conditions may only look at questions in an earlier section: the server chooses the next page
 * when a section is sent, so an answer on the same page, or a later one, is not known yet. A loop
 * (A shows when B says yes, B shows when A says yes) is always also a forward reference; it is named
 * as a loop because that is the easier thing to understand.
 */
export function checkDefinition(definition: SurveyDefinition): FieldErrors {
  const errors: FieldErrors = {};
  const add = (path: string, message: string) => {
    if (!(path in errors)) errors[path] = message;
  };
  const places = questionIndex(definition);
  const sectionIds = new Set<string>();
  const questionIds = new Set<string>();
  let equalityBlocks = 0;
  let freeText = 0;
  let total = 0;

  definition.sections.forEach((s, si) => {
    if (sectionIds.has(s.id)) add(`sections.${si}.id`, `Two sections have the id “${s.id}”: each needs its own`);
    sectionIds.add(s.id);
    s.questions.forEach((q, qi) => {
      total++;
      if (questionIds.has(q.id)) add(`sections.${si}.questions.${qi}.id`, `Two questions have the id “${q.id}”: each needs its own`);
      questionIds.add(q.id);
      if (q.type === 'equality') equalityBlocks++;
      if (freeTextTypes.includes(q.type)) freeText++;
      if (q.type === 'single' || q.type === 'multiple' || q.type === 'ranking') {
        const seen = new Set<string>();
        q.options.forEach((o, oi) => {
          if (seen.has(o.id) || (o.id === otherOptionId && q.type !== 'ranking' && q.allowOther)) {
            add(`sections.${si}.questions.${qi}.options.${oi}`, `Two answers to “${q.label}” are the same: “${o.label}”`);
          }
          seen.add(o.id);
        });
      }
      if (q.type === 'number' && q.min !== undefined && q.max !== undefined && q.min > q.max) {
        add(`sections.${si}.questions.${qi}.max`, 'The largest number allowed must not be smaller than the smallest');
      }
    });
  });
  if (total > limits.questions) add('sections', `A survey has ${limits.questions} questions or fewer; this one has ${total}`);
  if (equalityBlocks > 1) add('sections', 'Use the equality monitoring questions once in a survey');
  if (freeText > limits.freeTextQuestions) {
    add('sections', `A survey has ${limits.freeTextQuestions} text questions or fewer; this one has ${freeText}`);
  }

  const dependsOn = dependencyGraph(definition);
  const checkCondition = (path: string, c: Condition, ownerSection: number, ownerId: string, ownerName: string) => {
    const source = places.get(c.questionId);
    if (!source) {
      add(path, `${ownerName} depends on a question that is no longer in the survey. Choose another question or remove the condition.`);
      return;
    }
    const sourceName = `“${source.question.label}”`;
    if (c.questionId === ownerId) {
      add(path, `${ownerName} depends on its own answer. A question can only depend on an earlier one.`);
      return;
    }
    if (source.sectionIndex >= ownerSection) {
      const loop = findLoop(dependsOn, c.questionId, ownerId);
      if (loop) {
        add(path, `${ownerName} makes a loop: ${loop.map((n) => `“${labelOf(definition, n)}”`).join(' depends on ')}. Remove one of these conditions.`);
      } else if (source.sectionIndex === ownerSection) {
        add(
          path,
          `${ownerName} depends on ${sourceName}, which is on the same page. Conditions can only use answers from an earlier section, ` +
            'because the next page is chosen when a section is sent. Move one of them to another section.',
        );
      } else {
        add(
          path,
          `${ownerName} depends on ${sourceName}, which comes later (section ${source.sectionIndex + 1}), so it has not been answered yet. ` +
            'Conditions can only look back at earlier sections.',
        );
      }
      return;
    }
    if (!conditionSourceTypes.includes(source.question.type)) {
      add(path, `${ownerName} depends on ${sourceName}, a ${questionTypeLabels[source.question.type].toLowerCase()} question. Conditions can use single choice, multiple choice, rating and yes or no questions.`);
      return;
    }
    const allowed = new Set(conditionValues(source.question).map((v) => v.value));
    const unknown = c.values.find((v) => !allowed.has(v));
    if (unknown !== undefined) add(path, `“${unknown}” is not an answer to ${sourceName}. Choose from its answers.`);
  };

  definition.sections.forEach((s, si) => {
    if (s.condition) checkCondition(`sections.${si}.condition`, s.condition, si, `section:${s.id}`, `The section “${s.title}”`);
    s.questions.forEach((q, qi) => {
      if (q.condition) checkCondition(`sections.${si}.questions.${qi}.condition`, q.condition, si, q.id, `The question “${q.label}”`);
    });
  });
  return errors;
}

function labelOf(definition: SurveyDefinition, node: string): string {
  if (node.startsWith('section:')) return definition.sections.find((s) => `section:${s.id}` === node)?.title ?? node;
  return allQuestions(definition).find((q) => q.id === node)?.label ?? node;
}

/**
 * node → the nodes it depends on. A question depends on its condition's question and on its own
 * section (a question in a hidden section is hidden); a section depends on its condition's question.
 */
function dependencyGraph(definition: SurveyDefinition): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const s of definition.sections) {
    graph.set(`section:${s.id}`, s.condition ? [s.condition.questionId] : []);
    for (const q of s.questions) graph.set(q.id, [`section:${s.id}`, ...(q.condition ? [q.condition.questionId] : [])]);
  }
  return graph;
}

/** A path from `from` back to `to` through the dependencies (so `to` → `from` closes a loop), or undefined. */
function findLoop(graph: Map<string, string[]>, from: string, to: string): string[] | undefined {
  const seen = new Set<string>();
  const walk = (node: string, path: string[]): string[] | undefined => {
    if (node === to) return [...path, node];
    if (seen.has(node)) return undefined;
    seen.add(node);
    for (const next of graph.get(node) ?? []) {
      const found = walk(next, [...path, node]);
      if (found) return found;
    }
    return undefined;
  };
  const path = walk(from, [to]);
  // Only question → question links are worth naming; section hops are implied.
  return path?.filter((n) => !n.startsWith('section:'));
}

/** Parses and checks a definition; the issues of both steps, keyed by path. */
export function parseDefinition(input: unknown): { ok: true; definition: SurveyDefinition } | { ok: false; errors: FieldErrors } {
  const parsed = surveyDefinition.safeParse(input);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.') || '_';
      if (!(key in errors)) errors[key] = issue.message;
    }
    return { ok: false, errors };
  }
  const errors = checkDefinition(parsed.data);
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, definition: parsed.data };
}

/** What must be true before parents can see a survey (the API refuses to publish otherwise; the builder says so first). */
export function publishProblems(survey: Pick<SurveyInput, 'definition' | 'closesOn'>, today: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!survey.definition.sections.length) errors.definition = 'Add at least one section with a question';
  survey.definition.sections.forEach((s, i) => {
    if (!s.questions.length) errors[`definition.sections.${i}`] = `The section “${s.title}” has no questions. Add one or remove the section.`;
  });
  if (survey.closesOn < today) errors.closesOn = 'The closing date has passed. Choose a later date.';
  for (const [k, v] of Object.entries(checkDefinition(survey.definition))) errors[`definition.${k}`] = v;
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Changing a published survey

/**
 * What a published survey may not do: lose a question, or an answer option, that people have already
 * answered, or change what kind of question it is. Wording, help text, tags, new questions and new
 * options are fine (and bump the definition version). `answered` holds question ids and
 * `questionId:optionId` pairs with at least one answer.
 */
export function checkPublishedChange(before: SurveyDefinition, after: SurveyDefinition, answered: ReadonlySet<string>): FieldErrors {
  const errors: FieldErrors = {};
  const now = questionIndex(after);
  for (const q of allQuestions(before)) {
    const next = now.get(q.id);
    if (!next) {
      if (answered.has(q.id)) errors[`question.${q.id}`] = `“${q.label}” has answers, so it can’t be removed. You can change its wording or make it optional.`;
      continue;
    }
    if (next.question.type !== q.type) {
      errors[`question.${q.id}`] = `“${q.label}” is published, so it can’t change from ${questionTypeLabels[q.type].toLowerCase()} to ${questionTypeLabels[next.question.type].toLowerCase()}. Add a new question instead.`;
      continue;
    }
    if ('options' in q && 'options' in next.question) {
      const kept = new Set(next.question.options.map((o) => o.id));
      for (const o of q.options) {
        if (!kept.has(o.id) && answered.has(`${q.id}:${o.id}`)) {
          errors[`question.${q.id}`] = `The answer “${o.label}” to “${q.label}” has been chosen, so it can’t be removed.`;
        }
      }
    }
    if (q.type === 'rating' && next.question.type === 'rating' && next.question.points !== q.points && answered.has(q.id)) {
      errors[`question.${q.id}`] = `“${q.label}” has answers, so its scale can’t change from ${q.points} points.`;
    }
  }
  return errors;
}

/** True when two definitions differ (deep, key order ignored). */
export function definitionsDiffer(a: SurveyDefinition, b: SurveyDefinition): boolean {
  return stableJson(a) !== stableJson(b);
}

export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A fresh id for a section, question or option, from a readable stem. */
export function newId(stem: string, taken: Iterable<string>, random = () => Math.random()): string {
  const used = new Set(taken);
  // Whole words up to 24 characters ("what-would-make-it", not "what-would-make-it-bette").
  const words = clean(stem).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').split('-');
  let base = '';
  for (const word of words) {
    const next = base ? `${base}-${word}` : word;
    if (next.length > 24) break;
    base = next;
  }
  base = base || words[0]?.slice(0, 24) || 'q';
  if (!used.has(base) && base !== otherOptionId) return base;
  for (;;) {
    const candidate = `${base}-${Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0')}`;
    if (!used.has(candidate)) return candidate;
  }
}

// ---------------------------------------------------------------------------------------------
// Answering, entering on paper, inviting, results

export const responseChannels = ['online', 'paper', 'phone', 'event'] as const;
export type ResponseChannel = (typeof responseChannels)[number];
export const responseChannelLabels: Record<ResponseChannel, string> = {
  online: 'Online',
  paper: 'Paper form',
  phone: 'Phone call',
  event: 'At an event',
};

/** Starting to answer: from the public link (optionally a hub's poster link) or a personal invitation. */
export const startDraftInput = z.object({
  hubId: slug.optional(),
  invitation: z.string().regex(/^[A-Za-z0-9_-]{43}$/).optional(),
});
export type StartDraftInput = z.output<typeof startDraftInput>;

export const assistedDraftInput = z.object({
  channel: z.enum(['paper', 'phone', 'event'], { error: 'Choose how the answers were given' }),
  hubId: z.preprocess((v) => (v === '' ? undefined : v), slug.optional()),
  paperRef: z
    .string()
    .optional()
    .transform((s) => clean(s ?? '').toUpperCase())
    .pipe(z.string().max(40, { error: 'The paper reference must be 40 characters or fewer' }).regex(/^[A-Z0-9 /_-]*$/, { error: 'Use letters, numbers, spaces, dashes and slashes in the paper reference' })),
});
export type AssistedDraftInput = z.output<typeof assistedDraftInput>;

export const saveSectionInput = z.object({ answers: z.record(z.string().max(60), z.unknown()) });

export const resumeLinkInput = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, { error: 'Enter your email address' })
    .max(254, { error: 'Email address must be 254 characters or fewer' })
    .email({ error: 'Enter an email address in the right format, like name@example.com' }),
});

export interface DraftView {
  survey: PublicSurvey;
  answers: Answers;
  /** True once this draft's answers are stored as a response. */
  submitted: boolean;
  channel: ResponseChannel;
  /** A personal invitation (the link is also the way back). */
  invited: boolean;
  assisted?: { paperRef: string; enteredBy: string };
}

export interface SubmitResult {
  submitted: true;
  /** False when this was a repeat of a submit already stored (double click, retry, back button). */
  firstTime: boolean;
}

export const inviteInput = z
  .object({
    scope: z.enum(['all', 'panel', 'group'], { error: 'Choose who to invite' }),
    panelId: z.preprocess((v) => (v === '' ? undefined : v), slug.optional()),
    groupId: z.preprocess((v) => (v === '' ? undefined : v), slug.optional()),
    reminder: formBoolean,
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'panel' && !v.panelId) ctx.addIssue({ code: 'custom', path: ['panelId'], message: 'Choose a panel' });
    if (v.scope === 'group' && !v.groupId) ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'Choose a group' });
  });
export type InviteInput = z.output<typeof inviteInput>;

export interface InviteResult {
  invited: number;
  reminded: number;
  /** Members with no email address: invite them by phone or on paper. */
  noEmail: number;
  alreadyInvited: number;
  alreadyAnswered: number;
}

export interface InvitationStats {
  panels: { panelId: string; panelName: string; invited: number; answered: number; rate: number | null }[];
  invited: number;
  answered: number;
  rate: number | null;
}

export const resultsQuery = z.object({
  channel: z.enum(responseChannels).optional(),
  networkId: slug.optional(),
  groupId: slug.optional(),
});
export type ResultsQuery = z.output<typeof resultsQuery>;

/** A count that may be hidden because it is small (group filters only). */
export type ShownCount = number | null;

export interface QuestionResult {
  questionId: string;
  label: string;
  type: QuestionType;
  answered: ShownCount;
  /** Choice, yes/no, rating: one row per answer. */
  options?: { value: string; label: string; count: ShownCount; percent: number | null }[];
  /** Rating and number: the mean; ranking: mean position per option (1 = first). */
  mean?: number | null;
  ranks?: { value: string; label: string; meanPosition: number | null }[];
}

export interface SurveyResults {
  surveyId: string;
  filter: ResultsQuery;
  filterLabel: string;
  responses: ShownCount;
  /** True when small counts are hidden (a group filter). */
  suppressed: boolean;
  threshold: number;
  byDay: { day: string; count: ShownCount }[];
  questions: QuestionResult[];
  /** Counter items read to build this page (flat however many responses there are). */
  itemsRead: number;
}

export interface TextAnswer {
  id: string;
  day: string;
  text: string;
  channel: ResponseChannel;
}

export interface StoredResponse {
  id: string;
  day: string;
  submittedAt?: string;
  channel: ResponseChannel;
  definitionVersion: number;
  hubId?: string;
  networkId?: string;
  answers: Answers;
  paperRef?: string;
  enteredBy?: string;
}
