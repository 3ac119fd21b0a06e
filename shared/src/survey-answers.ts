import { dayText } from './dates.ts';
import type { FieldErrors } from './errors.ts';
import { profileInput, profileQuestions, type ProfileAnswers } from './panel.schema.ts';
import { clean } from './validation.ts';
import {
  conditionValues,
  isRealDate,
  otherOptionId,
  questionIndex,
  type Condition,
  type Question,
  type Section,
  type SurveyDefinition,
} from './survey.schema.ts';

/**
 * A parent's answers to a survey, which questions and sections they see given those answers, and
 * the server-side check of every answer against the survey's own definition (type, options,
 * required, limits, conditions). The web shows; the API decides.
 *
 * Answers are keyed by question id. Single choice, yes/no and dates are strings, ratings and numbers
 * are numbers, multiple choice and ranking are arrays of option ids (ranking in order), text is a
 * string; "Other, please say" text is under `<questionId>.other`; the equality block is an object of
 * profile answers with `consent: true` (turned into groups and dropped when a response is stored).
 */
export type EqualityAnswer = ProfileAnswers & { consent: true };
export type AnswerValue = string | number | string[] | EqualityAnswer;
export type Answers = Record<string, AnswerValue>;

/** The form field (and element id, and error key) of a question. */
export const fieldName = (questionId: string) => `q_${questionId}`;
export const otherFieldName = (questionId: string) => `q_${questionId}_other`;
export const otherKey = (questionId: string) => `${questionId}.other`;

// ---------------------------------------------------------------------------------------------
// What is shown

function answered(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** A condition holds when its question is shown and its answer is (or, for multiple choice, includes) one of the values. */
export function conditionHolds(c: Condition, answers: Answers, shownQuestions: ReadonlySet<string>): boolean {
  if (!shownQuestions.has(c.questionId)) return false;
  const value = answers[c.questionId];
  if (!answered(value)) return false;
  if (Array.isArray(value)) return value.some((v) => c.values.includes(v));
  return c.values.includes(String(value));
}

export interface Visibility {
  sections: Set<string>;
  questions: Set<string>;
}

/**
 * Which sections and questions a person with these answers sees. One pass in survey order: every
 * condition looks back at an earlier section (checkDefinition refuses anything else), so its
 * question's visibility is already known. A condition that looks anywhere else is treated as false.
 */
export function visibility(definition: SurveyDefinition, answers: Answers): Visibility {
  const sections = new Set<string>();
  const questions = new Set<string>();
  const shownBefore = new Set<string>(); // questions of earlier sections only
  for (const s of definition.sections) {
    const sectionShown = !s.condition || conditionHolds(s.condition, answers, shownBefore);
    const shownHere: string[] = [];
    if (sectionShown) {
      sections.add(s.id);
      for (const q of s.questions) {
        if (!q.condition || conditionHolds(q.condition, answers, shownBefore)) shownHere.push(q.id);
      }
    }
    for (const id of shownHere) {
      questions.add(id);
      shownBefore.add(id);
    }
  }
  return { sections, questions };
}

/** Indexes of the sections shown, in order. */
export function shownSectionIndexes(definition: SurveyDefinition, answers: Answers): number[] {
  const { sections } = visibility(definition, answers);
  return definition.sections.flatMap((s, i) => (sections.has(s.id) ? [i] : []));
}

/** The next section shown after `index` (-1 for the first), or undefined when there is none: time to check answers. */
export function nextSectionIndex(definition: SurveyDefinition, answers: Answers, index: number): number | undefined {
  return shownSectionIndexes(definition, answers).find((i) => i > index);
}

export function previousSectionIndex(definition: SurveyDefinition, answers: Answers, index: number): number | undefined {
  return shownSectionIndexes(definition, answers)
    .filter((i) => i < index)
    .at(-1);
}

/** "Section 2 of 4": the position among the sections this person sees. */
export function progress(definition: SurveyDefinition, answers: Answers, index: number): { position: number; of: number } {
  const shown = shownSectionIndexes(definition, answers);
  const before = shown.filter((i) => i < index).length;
  return { position: before + 1, of: Math.max(shown.length, before + 1) };
}

/** Only the answers to questions now shown (an earlier change may have hidden a later section). */
export function pruneHidden(definition: SurveyDefinition, answers: Answers): Answers {
  const { questions } = visibility(definition, answers);
  const kept: Answers = {};
  for (const [key, value] of Object.entries(answers)) {
    const questionId = key.endsWith('.other') ? key.slice(0, -'.other'.length) : key;
    if (questions.has(questionId)) kept[key] = value;
  }
  return kept;
}

/** Shown sections with a required question still unanswered, by index. */
export function unansweredRequired(definition: SurveyDefinition, answers: Answers): { sectionIndex: number; question: Question }[] {
  const { questions } = visibility(definition, answers);
  return definition.sections.flatMap((s, sectionIndex) =>
    s.questions
      .filter((q) => q.required && q.type !== 'equality' && questions.has(q.id) && !answered(answers[q.id]))
      .map((question) => ({ sectionIndex, question })),
  );
}

// ---------------------------------------------------------------------------------------------
// Checking answers

const quote = (q: Question) => `“${q.label}”`;

type Checked = { value?: AnswerValue; other?: string; error?: string; errorKey?: string };

function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function asStrings(v: unknown): string[] | undefined {
  if (v === undefined || v === null || v === '') return [];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.filter((x) => x !== '');
  return undefined;
}

/** One question's incoming answer (from JSON or a form, so strings are accepted for numbers). */
function checkAnswer(q: Question, raw: unknown, rawOther: unknown): Checked {
  const empty = raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
  switch (q.type) {
    case 'single':
    case 'yes-no': {
      if (empty) return {};
      const value = asString(raw);
      const allowed = conditionValues(q).map((v) => v.value);
      if (value === undefined || !allowed.includes(value)) return { error: `Choose one of the answers to ${quote(q)}` };
      if (q.type === 'single' && value === otherOptionId) {
        const other = clean(asString(rawOther) ?? '');
        if (!other) return { error: `Say what your other answer to ${quote(q)} is`, errorKey: otherFieldName(q.id) };
        if (other.length > 200) return { error: 'Your other answer must be 200 characters or fewer', errorKey: otherFieldName(q.id) };
        return { value, other };
      }
      return { value };
    }
    case 'multiple': {
      const values = asStrings(raw);
      if (values === undefined) return { error: `Choose from the answers to ${quote(q)}` };
      if (!values.length) return {};
      const allowed = new Set(conditionValues(q).map((v) => v.value));
      if (values.some((v) => !allowed.has(v))) return { error: `Choose from the answers to ${quote(q)}` };
      const unique = [...new Set(values)];
      if (unique.includes(otherOptionId)) {
        const other = clean(asString(rawOther) ?? '');
        if (!other) return { error: `Say what your other answer to ${quote(q)} is`, errorKey: otherFieldName(q.id) };
        if (other.length > 200) return { error: 'Your other answer must be 200 characters or fewer', errorKey: otherFieldName(q.id) };
        return { value: unique, other };
      }
      return { value: unique };
    }
    case 'rating': {
      if (empty) return {};
      const n = Number(asString(raw));
      if (!Number.isInteger(n) || n < 1 || n > q.points) return { error: `Choose a number from 1 to ${q.points} for ${quote(q)}` };
      return { value: n };
    }
    case 'short-text':
    case 'long-text': {
      const s = asString(raw);
      if (raw !== undefined && raw !== null && s === undefined) return { error: `Your answer to ${quote(q)} must be text` };
      const value = clean(s ?? '');
      if (!value) return {};
      if (value.length > q.maxLength) {
        return { error: `Your answer to ${quote(q)} must be ${q.maxLength.toLocaleString('en-GB')} characters or fewer (it has ${value.length.toLocaleString('en-GB')})` };
      }
      return { value };
    }
    case 'number': {
      if (empty) return {};
      const s = asString(raw)?.trim().replace(/,/g, '');
      const n = s === undefined || s === '' ? Number.NaN : Number(s);
      if (!Number.isFinite(n)) return { error: `Your answer to ${quote(q)} must be a number, like 3` };
      if (q.wholeNumber && !Number.isInteger(n)) return { error: `Your answer to ${quote(q)} must be a whole number` };
      if (q.min !== undefined && n < q.min) return { error: `Your answer to ${quote(q)} must be ${q.min} or more` };
      if (q.max !== undefined && n > q.max) return { error: `Your answer to ${quote(q)} must be ${q.max} or less` };
      return { value: n };
    }
    case 'date': {
      if (empty) return {};
      const s = asString(raw);
      if (s === undefined || !isRealDate(s)) return { error: `Your answer to ${quote(q)} must be a real date, like 27 3 2026` };
      return { value: s };
    }
    case 'ranking': {
      if (empty) return {};
      const ids = q.options.map((o) => o.id);
      let order: string[] | undefined;
      if (Array.isArray(raw)) order = asStrings(raw);
      else if (raw && typeof raw === 'object') {
        // { optionId: rank } from a form of number pickers
        const ranks = Object.entries(raw as Record<string, unknown>);
        if (ranks.every(([, r]) => asString(r) === undefined || asString(r) === '')) return {};
        const numbered = ranks.map(([id, r]) => [id, Number(asString(r))] as const);
        if (numbered.some(([, r]) => !Number.isInteger(r) || r < 1 || r > ids.length)) {
          return { error: `Give each answer to ${quote(q)} a number from 1 to ${ids.length}` };
        }
        if (new Set(numbered.map(([, r]) => r)).size !== numbered.length) {
          return { error: `Give each answer to ${quote(q)} a different number` };
        }
        order = [...numbered].sort((a, b) => a[1] - b[1]).map(([id]) => id);
      }
      if (!order || order.length !== ids.length || new Set(order).size !== ids.length || order.some((id) => !ids.includes(id))) {
        return { error: `Put every answer to ${quote(q)} in order, each with a different number from 1 to ${ids.length}` };
      }
      return { value: order };
    }
    case 'equality': {
      if (raw === undefined || raw === null || raw === '') return {};
      if (typeof raw !== 'object' || Array.isArray(raw)) return { error: 'The equality answers are not in the right form' };
      const given = Object.entries(raw as Record<string, unknown>).filter(([k, v]) => k !== 'consent' && v !== undefined && v !== '');
      const consent = (raw as Record<string, unknown>).consent;
      const consented = consent === true || consent === 'on' || consent === 'true' || consent === 'yes';
      if (!given.length) return {};
      if (!consented) {
        return {
          error: 'Tick the box to say you agree we can keep these answers, or leave them all blank',
          errorKey: `${fieldName(q.id)}_consent`,
        };
      }
      const known = new Set([...Object.keys(profileQuestions), 'mainLanguage']);
      const unknown = given.find(([k]) => !known.has(k));
      if (unknown) return { error: `“${unknown[0]}” is not one of the equality questions` };
      const parsed = profileInput.safeParse({ ...(raw as object), consent: true });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return { error: issue.message, errorKey: `${fieldName(q.id)}_${String(issue.path[0] ?? 'consent')}` };
      }
      const { consent: _c, ...answers } = parsed.data;
      return { value: { ...answers, consent: true } as EqualityAnswer };
    }
  }
}

export type CheckResult = { ok: true; answers: Answers } | { ok: false; errors: FieldErrors };

/**
 * Checks what was sent for one section, given the answers already held for the rest of the survey.
 * Refuses answers to questions that are not on this page or not shown, unknown options, too much
 * text, and missing required answers. On success, `answers` are this section's clean answers.
 */
export function checkSection(definition: SurveyDefinition, sectionId: string, incoming: Record<string, unknown>, prior: Answers): CheckResult {
  const section = definition.sections.find((s) => s.id === sectionId);
  if (!section) return { ok: false, errors: { _: 'This section is not part of the survey' } };
  const others = withoutSection(prior, section);
  const shown = visibility(definition, others);
  if (!shown.sections.has(section.id)) return { ok: false, errors: { _: 'This section is not shown for the answers given earlier' } };
  return checkShownSection(section, incoming, shown);
}

/** The answers to every other section ("other" text goes with its question). */
export function withoutSection(answers: Answers, section: Section): Answers {
  const ids = new Set(section.questions.map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([k]) => !ids.has(k.replace(/\.other$/, ''))));
}

function checkShownSection(section: Section, incoming: Record<string, unknown>, shown: Visibility): CheckResult {
  const errors: FieldErrors = {};
  const answers: Answers = {};
  const onPage = new Map(section.questions.map((q) => [q.id, q]));
  for (const key of Object.keys(incoming)) {
    const id = key.endsWith('.other') ? key.slice(0, -'.other'.length) : key;
    const q = onPage.get(id);
    if (!q) {
      errors[fieldName(id)] = `“${id}” is not a question in this section`;
    } else if (!shown.questions.has(id) && incoming[key] !== undefined && incoming[key] !== '') {
      errors[fieldName(id)] = `${quote(q)} is not asked for the answers given earlier, so it can’t be answered`;
    }
  }
  for (const q of section.questions) {
    if (!shown.questions.has(q.id)) continue;
    const checked = checkAnswer(q, incoming[q.id], incoming[otherKey(q.id)]);
    if (checked.error) {
      errors[checked.errorKey ?? fieldName(q.id)] = checked.error;
      continue;
    }
    if (checked.value === undefined) {
      if (q.required && q.type !== 'equality') errors[fieldName(q.id)] = requiredMessage(q);
      continue;
    }
    answers[q.id] = checked.value;
    if (checked.other !== undefined) answers[otherKey(q.id)] = checked.other;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers };
}

function requiredMessage(q: Question): string {
  switch (q.type) {
    case 'single':
    case 'yes-no':
    case 'rating':
      return `Choose an answer to ${quote(q)}`;
    case 'multiple':
      return `Choose at least one answer to ${quote(q)}`;
    case 'ranking':
      return `Put the answers to ${quote(q)} in order`;
    case 'date':
      return `Enter a date for ${quote(q)}`;
    default:
      return `Answer ${quote(q)}`;
  }
}

/**
 * Checks a whole response at once (an officer's paper entry, or a parent's answers at submit): every
 * section in order, each against the answers before it. Anything sent for a question that is not
 * shown, or that does not exist, is refused rather than dropped.
 */
export function checkResponse(definition: SurveyDefinition, incoming: Record<string, unknown>): CheckResult {
  const errors: FieldErrors = {};
  const answers: Answers = {};
  const known = questionIndex(definition);
  for (const key of Object.keys(incoming)) {
    const id = key.endsWith('.other') ? key.slice(0, -'.other'.length) : key;
    if (!known.has(id)) errors[fieldName(id)] = `“${id}” is not a question in this survey`;
  }
  for (const section of definition.sections) {
    const shown = visibility(definition, answers);
    const mine: Record<string, unknown> = {};
    for (const q of section.questions) {
      if (q.id in incoming) mine[q.id] = incoming[q.id];
      if (otherKey(q.id) in incoming) mine[otherKey(q.id)] = incoming[otherKey(q.id)];
    }
    if (!shown.sections.has(section.id)) {
      for (const [key, value] of Object.entries(mine)) {
        if (value !== undefined && value !== '') errors[fieldName(key.replace(/\.other$/, ''))] = `“${labelFor(section, key)}” is not asked for the answers given, so it can’t be answered`;
      }
      continue;
    }
    const result = checkShownSection(section, mine, shown);
    if (result.ok) Object.assign(answers, result.answers);
    else Object.assign(errors, result.errors);
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers };
}

function labelFor(section: Section, key: string): string {
  const id = key.replace(/\.other$/, '');
  return section.questions.find((q) => q.id === id)?.label ?? id;
}

// ---------------------------------------------------------------------------------------------
// From a form (no JavaScript) to what checkSection takes

/**
 * A section's form fields → the raw answers checkSection expects. Dates come as day, month and year
 * boxes; rankings as one number picker per answer; the equality block as the profile form's fields.
 * `get` returns every value sent under a name.
 */
export function sectionFromForm(section: Section, get: (name: string) => string[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const one = (name: string) => get(name)[0]?.trim() ?? '';
  for (const q of section.questions) {
    const name = fieldName(q.id);
    switch (q.type) {
      case 'multiple':
        raw[q.id] = get(name);
        break;
      case 'date': {
        const [d, m, y] = [one(`${name}.day`), one(`${name}.month`), one(`${name}.year`)];
        if (d || m || y) raw[q.id] = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
        break;
      }
      case 'ranking':
        raw[q.id] = Object.fromEntries(q.options.map((o) => [o.id, one(`${name}_${o.id}`)]));
        break;
      case 'equality': {
        const fields = [...Object.keys(profileQuestions), 'mainLanguage'];
        const value: Record<string, string> = {};
        for (const f of fields) {
          const v = one(`${name}_${f}`);
          if (v) value[f] = v;
        }
        if (one(`${name}_consent`)) value.consent = 'yes';
        raw[q.id] = value;
        break;
      }
      default: {
        const v = one(name);
        if (v !== '') raw[q.id] = v;
      }
    }
    if ((q.type === 'single' || q.type === 'multiple') && q.allowOther) {
      const other = one(otherFieldName(q.id));
      if (other) raw[otherKey(q.id)] = other;
    }
  }
  return raw;
}

/** The form values that show held answers again (the inverse of sectionFromForm), by field name. */
export function formValuesFor(section: Section, answers: Answers): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const q of section.questions) {
    const name = fieldName(q.id);
    const value = answers[q.id];
    if (value === undefined) continue;
    if (q.type === 'date' && typeof value === 'string') {
      const [y, m, d] = value.split('-');
      values[`${name}.day`] = String(Number(d));
      values[`${name}.month`] = String(Number(m));
      values[`${name}.year`] = y ?? '';
    } else if (q.type === 'ranking' && Array.isArray(value)) {
      value.forEach((id, i) => (values[`${name}_${id}`] = String(i + 1)));
    } else if (q.type === 'equality' && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) if (v !== undefined) values[`${name}_${k}`] = k === 'consent' ? 'yes' : String(v);
    } else if (Array.isArray(value)) {
      values[name] = value;
    } else {
      values[name] = String(value);
    }
    const other = answers[otherKey(q.id)];
    if (typeof other === 'string') values[otherFieldName(q.id)] = other;
  }
  return values;
}

/** An answer in words, for check-your-answers and exports. */
export function describeAnswer(q: Question, answers: Answers): string {
  const value = answers[q.id];
  if (value === undefined) return '';
  const other = answers[otherKey(q.id)];
  const labelOf = (id: string) =>
    id === otherOptionId ? `Other: ${typeof other === 'string' ? other : ''}` : ('options' in q ? q.options.find((o) => o.id === id)?.label : undefined) ?? id;
  switch (q.type) {
    case 'single':
      return labelOf(String(value));
    case 'multiple':
      return (value as string[]).map(labelOf).join('; ');
    case 'ranking':
      return (value as string[]).map((id, i) => `${i + 1}. ${labelOf(id)}`).join('; ');
    case 'yes-no':
      return value === 'yes' ? 'Yes' : 'No';
    case 'rating':
      return `${value} out of ${q.points}`;
    case 'date':
      return dayText(String(value));
    case 'equality':
      return 'Answered (kept apart from your other answers)';
    default:
      return String(value);
  }
}
