import {
  allQuestions,
  conditionSourceTypes,
  conditionValues,
  newId,
  otherOptionId,
  questionTypeLabels,
  type ChoiceOption,
  type Question,
  type Section,
  type SurveyDefinition,
} from '@pv/shared/survey.schema';
import { clean } from '@pv/shared/validation';
import type { ConditionSource } from '../survey-builder-forms.ts';

/**
 * The builder's small changes to a survey definition, as plain functions: each takes the definition
 * as it is stored now and returns a new one (the API then checks and stores the whole survey). Kept
 * free of SvelteKit so the unit tests can use them.
 */

export type Direction = 'up' | 'down';

export interface QuestionAt {
  question: Question;
  section: Section;
  sectionIndex: number;
  questionIndex: number;
}

export function findQuestion(definition: SurveyDefinition, questionId: string): QuestionAt | undefined {
  for (const [sectionIndex, section] of definition.sections.entries()) {
    const questionIndex = section.questions.findIndex((q) => q.id === questionId);
    if (questionIndex >= 0) return { question: section.questions[questionIndex]!, section, sectionIndex, questionIndex };
  }
  return undefined;
}

export function sectionIndexOf(definition: SurveyDefinition, sectionId: string): number {
  return definition.sections.findIndex((s) => s.id === sectionId);
}

const withSections = (definition: SurveyDefinition, sections: Section[]): SurveyDefinition => ({ ...definition, sections });

export function addSection(definition: SurveyDefinition, section: Section): SurveyDefinition {
  return withSections(definition, [...definition.sections, section]);
}

/** Title, introduction and condition; the section keeps its id and its questions. */
export function changeSection(definition: SurveyDefinition, sectionId: string, change: Pick<Section, 'title' | 'intro' | 'condition'>): SurveyDefinition {
  return withSections(
    definition,
    definition.sections.map((s) => (s.id === sectionId ? { ...s, title: change.title, intro: change.intro, condition: change.condition } : s)),
  );
}

export function moveSection(definition: SurveyDefinition, sectionId: string, direction: Direction): SurveyDefinition {
  const from = sectionIndexOf(definition, sectionId);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= definition.sections.length) return definition;
  const sections = [...definition.sections];
  [sections[from], sections[to]] = [sections[to]!, sections[from]!];
  return withSections(definition, sections);
}

export function deleteSection(definition: SurveyDefinition, sectionId: string): SurveyDefinition {
  return withSections(
    definition,
    definition.sections.filter((s) => s.id !== sectionId),
  );
}

export function addQuestion(definition: SurveyDefinition, sectionId: string, question: Question): SurveyDefinition {
  return withSections(
    definition,
    definition.sections.map((s) => (s.id === sectionId ? { ...s, questions: [...s.questions, question] } : s)),
  );
}

/**
 * A changed question, in place; or, when it is to go to another section, at the end of that one.
 */
export function changeQuestion(definition: SurveyDefinition, question: Question, toSectionId?: string): SurveyDefinition {
  const at = findQuestion(definition, question.id);
  if (!at) return definition;
  if (!toSectionId || toSectionId === at.section.id) {
    return withSections(
      definition,
      definition.sections.map((s) => (s.id === at.section.id ? { ...s, questions: s.questions.map((q) => (q.id === question.id ? question : q)) } : s)),
    );
  }
  return addQuestion(deleteQuestion(definition, question.id), toSectionId, question);
}

/**
 * Up or down within its section; from the top of a section "up" goes to the end of the section before,
 * and from the bottom "down" to the start of the next, so a question can be moved anywhere a step at a time.
 */
export function moveQuestion(definition: SurveyDefinition, questionId: string, direction: Direction): SurveyDefinition {
  const at = findQuestion(definition, questionId);
  if (!at) return definition;
  const sections = definition.sections.map((s) => ({ ...s, questions: [...s.questions] }));
  const here = sections[at.sectionIndex]!.questions;
  const to = direction === 'up' ? at.questionIndex - 1 : at.questionIndex + 1;
  if (to >= 0 && to < here.length) {
    [here[at.questionIndex], here[to]] = [here[to]!, here[at.questionIndex]!];
    return withSections(definition, sections);
  }
  const next = sections[direction === 'up' ? at.sectionIndex - 1 : at.sectionIndex + 1];
  if (!next) return definition;
  here.splice(at.questionIndex, 1);
  if (direction === 'up') next.questions.push(at.question);
  else next.questions.unshift(at.question);
  return withSections(definition, sections);
}

export function canMoveQuestion(definition: SurveyDefinition, sectionIndex: number, questionIndex: number, direction: Direction): boolean {
  const section = definition.sections[sectionIndex];
  if (!section) return false;
  if (direction === 'up') return questionIndex > 0 || sectionIndex > 0;
  return questionIndex < section.questions.length - 1 || sectionIndex < definition.sections.length - 1;
}

export function deleteQuestion(definition: SurveyDefinition, questionId: string): SurveyDefinition {
  return withSections(
    definition,
    definition.sections.map((s) => ({ ...s, questions: s.questions.filter((q) => q.id !== questionId) })),
  );
}

export const sectionIds = (definition: SurveyDefinition) => definition.sections.map((s) => s.id);
export const questionIds = (definition: SurveyDefinition) => allQuestions(definition).map((q) => q.id);

// ---------------------------------------------------------------------------------------------
// Answer options typed one a line

/** Lines of a textarea → answer labels: trimmed, blanks dropped. */
export function optionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => clean(line))
    .filter(Boolean);
}

const loose = (label: string) => label.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * Answer labels → options. An answer whose words are unchanged keeps its id (so conditions on it and
 * answers already given stay attached to it); a small change of case or punctuation counts as
 * unchanged. Anything else is a new answer with a new id.
 */
export function optionsFromLines(lines: string[], previous: readonly ChoiceOption[] = []): ChoiceOption[] {
  const unclaimed = [...previous];
  const claim = (match: (o: ChoiceOption) => boolean) => {
    const i = unclaimed.findIndex(match);
    return i < 0 ? undefined : unclaimed.splice(i, 1)[0];
  };
  const kept = lines.map((label) => claim((o) => o.label === label));
  const matched = lines.map((label, i) => kept[i] ?? claim((o) => loose(o.label) === loose(label)));
  const taken = new Set([...previous.map((o) => o.id), otherOptionId]);
  return lines.map((label, i) => {
    const old = matched[i];
    if (old) return { id: old.id, label };
    const id = newId(label, taken);
    taken.add(id);
    return { id, label };
  });
}

// ---------------------------------------------------------------------------------------------
// Conditions

/** The questions a condition in section `beforeIndex` may look at: those that can, in earlier sections. */
export function conditionSources(definition: SurveyDefinition, beforeIndex: number): ConditionSource[] {
  return definition.sections.slice(0, Math.max(0, beforeIndex)).flatMap((s, si) =>
    s.questions
      .filter((q) => conditionSourceTypes.includes(q.type))
      .map((q) => ({ id: q.id, label: q.label, sectionTitle: s.title, sectionNumber: si + 1, values: conditionValues(q) })),
  );
}

/** "Only when “Have you used a Family Hub?” is Yes" — for the outline. */
export function describeCondition(definition: SurveyDefinition, condition: Section['condition']): string | undefined {
  if (!condition) return undefined;
  const source = findQuestion(definition, condition.questionId)?.question;
  if (!source) return `Only when question ${condition.questionId} has one of the answers chosen`;
  const labels = conditionValues(source);
  const words = condition.values.map((v) => labels.find((l) => l.value === v)?.label ?? v);
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '');
  return `Only when the answer to “${source.label}” is ${list}`;
}

/** Question type and its details in a few words, for the outline. */
export function describeQuestion(q: Question): string {
  const type = questionTypeLabels[q.type];
  switch (q.type) {
    case 'single':
    case 'multiple':
      return `${type}: ${q.options.map((o) => o.label).join('; ')}${q.allowOther ? '; Other' : ''}`;
    case 'ranking':
      return `${type}: ${q.options.map((o) => o.label).join('; ')}`;
    case 'rating':
      return `${type}, 1 (${q.lowLabel}) to ${q.points} (${q.highLabel})`;
    case 'short-text':
    case 'long-text':
      return `${type}, up to ${q.maxLength.toLocaleString('en-GB')} characters`;
    case 'number': {
      const range = [q.min !== undefined ? `from ${q.min}` : '', q.max !== undefined ? `to ${q.max}` : ''].filter(Boolean).join(' ');
      return [type, q.wholeNumber ? 'whole numbers' : '', range].filter(Boolean).join(', ');
    }
    default:
      return type;
  }
}
