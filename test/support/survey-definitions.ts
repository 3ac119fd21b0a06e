import { surveyDefinition, type Question, type SurveyDefinition } from '@pv/shared/survey.schema';
import type { Answers, AnswerValue } from '@pv/shared/survey-answers';

/**
 * Long surveys, to measure what one response writes to the counters: pure data, no services, so unit
 * and integration tests share them.
 */

/** A 60-question survey in 6 sections: ten each of single choice (8 + Other), multiple choice (10 + Other), a 10-point rating, yes/no, ranking (8) and number. */
export function sixtyQuestionDefinition(): SurveyDefinition {
  const opts = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `option-number-${i + 1}`, label: `Option ${i + 1}` }));
  const questions = Array.from({ length: 60 }, (_, i) => {
    const base = { id: `question-${String(i + 1).padStart(2, '0')}-about-family-hubs`, label: `Question ${i + 1}` };
    switch (i % 6) {
      case 0:
        return { ...base, type: 'single', options: opts(8), allowOther: true };
      case 1:
        return { ...base, type: 'multiple', options: opts(10), allowOther: true };
      case 2:
        return { ...base, type: 'rating', points: 10, lowLabel: 'Low', highLabel: 'High' };
      case 3:
        return { ...base, type: 'yes-no' };
      case 4:
        return { ...base, type: 'ranking', options: opts(8) };
      default:
        return { ...base, type: 'number' };
    }
  });
  return surveyDefinition.parse({
    sections: Array.from({ length: 6 }, (_, s) => ({ id: `section-${s + 1}`, title: `Section ${s + 1}`, questions: questions.slice(s * 10, s * 10 + 10) })),
  });
}

/** The schema's largest: 80 multiple-choice questions of 30 options and "Other". */
export function largestAllowedDefinition(): SurveyDefinition {
  const questions = Array.from({ length: 80 }, (_, i) => ({
    id: `q${i}`,
    type: 'multiple',
    label: `Question ${i}`,
    allowOther: true,
    options: Array.from({ length: 30 }, (_, o) => ({ id: `o${o}`, label: `Option ${o}` })),
  }));
  return surveyDefinition.parse({ sections: Array.from({ length: 4 }, (_, s) => ({ id: `s${s}`, title: `S${s}`, questions: questions.slice(s * 20, s * 20 + 20) })) });
}

/** The answer that moves the most counter attributes: every option of a multiple choice (Other with its text), every option ranked. */
function fullestAnswer(q: Question): [string, AnswerValue][] {
  switch (q.type) {
    case 'single':
      return [[q.id, q.options[0]!.id]];
    case 'multiple':
      return q.allowOther ? [[q.id, [...q.options.map((o) => o.id), 'other']], [`${q.id}.other`, 'Something else']] : [[q.id, q.options.map((o) => o.id)]];
    case 'rating':
      return [[q.id, q.points]];
    case 'yes-no':
      return [[q.id, 'yes']];
    case 'ranking':
      return [[q.id, q.options.map((o) => o.id)]];
    case 'number':
      return [[q.id, 3]];
    case 'equality':
      return [];
    default:
      return [[q.id, 'Some words']];
  }
}

/** The fullest response to a section (or, with no section, to the whole survey). */
export function fullestAnswers(definition: SurveyDefinition, sectionId?: string): Answers {
  const sections = definition.sections.filter((s) => !sectionId || s.id === sectionId);
  return Object.fromEntries(sections.flatMap((s) => s.questions.flatMap(fullestAnswer)));
}
