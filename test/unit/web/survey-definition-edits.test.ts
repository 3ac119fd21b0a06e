import { describe, expect, it } from 'vitest';
import { checkDefinition, surveyDefinition, type SurveyDefinition } from '@pv/shared/survey.schema';
import {
  canMoveQuestion,
  conditionSources,
  describeCondition,
  moveQuestion,
  moveSection,
  optionLines,
  optionsFromLines,
} from '../../../web/src/lib/server/survey-definition-edits.ts';

/** Two sections: "have you used a hub?" then, for "yes", how it was. */
const definition: SurveyDefinition = surveyDefinition.parse({
  sections: [
    {
      id: 'about-you',
      title: 'About you',
      questions: [
        { id: 'uses-hub', type: 'yes-no', label: 'Have you used a Family Hub?' },
        { id: 'age', type: 'number', label: 'How old is your youngest child?' },
      ],
    },
    {
      id: 'your-visit',
      title: 'Your visit',
      condition: { questionId: 'uses-hub', values: ['yes'] },
      questions: [{ id: 'better', type: 'long-text', label: 'What would make it better?' }],
    },
  ],
});

describe('answers typed one a line', () => {
  it('drops blank lines and trims each answer', () => {
    expect(optionLines('  Stay and play \r\n\n Health visitor clinic\n   \n')).toEqual(['Stay and play', 'Health visitor clinic']);
  });

  it('keeps the id of an answer whose words are unchanged, wherever it moves to, and gives new answers new ids', () => {
    const before = [
      { id: 'stay-play', label: 'Stay and play' },
      { id: 'health', label: 'Health visitor clinic' },
    ];
    expect(optionsFromLines(['Infant feeding', 'Health visitor clinic', 'Stay and play'], before)).toEqual([
      { id: 'infant-feeding', label: 'Infant feeding' },
      { id: 'health', label: 'Health visitor clinic' },
      { id: 'stay-play', label: 'Stay and play' },
    ]);
  });

  it('counts a change of case or punctuation as the same answer', () => {
    expect(optionsFromLines(['Stay & Play!'], [{ id: 'stay-play', label: 'stay & play' }])).toEqual([{ id: 'stay-play', label: 'Stay & Play!' }]);
  });

  it('never gives a new answer the id of a removed one, or the id kept for “Other”', () => {
    const made = optionsFromLines(['Health', 'Other'], [{ id: 'health-visitor', label: 'Health visitor clinic' }]);
    expect(made[0]!.id).toBe('health');
    expect(made[1]!.id).not.toBe('other');
    expect(made[1]!.id).toMatch(/^other-[a-z0-9]{4}$/);
  });
});

describe('moving sections and questions', () => {
  it('moves a section above the question its condition uses, which checkDefinition then refuses as looking forward', () => {
    const moved = moveSection(definition, 'your-visit', 'up');
    expect(moved.sections.map((s) => s.id)).toEqual(['your-visit', 'about-you']);
    expect(checkDefinition(moved)['sections.0.condition']).toContain('which comes later (section 2)');
  });

  it('moves a question from the top of a section to the end of the one before, and back', () => {
    const up = moveQuestion(definition, 'better', 'up');
    expect(up.sections.map((s) => s.questions.map((q) => q.id))).toEqual([['uses-hub', 'age', 'better'], []]);
    const down = moveQuestion(up, 'better', 'down');
    expect(down.sections.map((s) => s.questions.map((q) => q.id))).toEqual([['uses-hub', 'age'], ['better']]);
  });

  it('offers no move past either end of the survey', () => {
    expect(canMoveQuestion(definition, 0, 0, 'up')).toBe(false);
    expect(canMoveQuestion(definition, 1, 0, 'down')).toBe(false);
    expect(canMoveQuestion(definition, 1, 0, 'up')).toBe(true);
    expect(moveQuestion(definition, 'uses-hub', 'up')).toEqual(definition);
  });
});

describe('conditions', () => {
  it('offers only the questions of earlier sections that a condition can use', () => {
    expect(conditionSources(definition, 0)).toEqual([]);
    expect(conditionSources(definition, 1).map((s) => [s.id, s.values.map((v) => v.label)])).toEqual([['uses-hub', ['Yes', 'No']]]);
    expect(conditionSources(definition, 2).map((s) => s.id)).toEqual(['uses-hub']);
  });

  it('describes a condition in words', () => {
    expect(describeCondition(definition, { questionId: 'uses-hub', values: ['yes', 'no'] })).toBe('Only when the answer to “Have you used a Family Hub?” is Yes or No');
  });
});
