import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkDefinition,
  checkPublishedChange,
  conditionSourceTypes,
  conditionValues,
  parseDefinition,
  question,
  questionIndex,
  surveyDefinition,
  type Question,
  type SurveyDefinition,
} from '@pv/shared/survey.schema';
import {
  checkResponse,
  checkSection,
  nextSectionIndex,
  progress,
  pruneHidden,
  sectionFromForm,
  formValuesFor,
  visibility,
  type Answers,
} from '@pv/shared/survey-answers';

const q = (input: Record<string, unknown>): Question => question.parse({ label: 'A question', ...input });

/** Three sections: "Do you use a Family Hub?" — yes → how was it (rating, text); no → why not. */
const branching: SurveyDefinition = surveyDefinition.parse({
  sections: [
    {
      id: 'about-you',
      title: 'About you',
      questions: [
        { id: 'uses-hub', type: 'yes-no', label: 'Have you used a Family Hub?', required: true },
        { id: 'services', type: 'multiple', label: 'Which services?', allowOther: true, options: [{ id: 'stay-play', label: 'Stay and play' }, { id: 'health', label: 'Health visitor' }] },
      ],
    },
    {
      id: 'your-visit',
      title: 'Your visit',
      condition: { questionId: 'uses-hub', values: ['yes'] },
      questions: [
        { id: 'rating', type: 'rating', label: 'How was it?', lowLabel: 'Very poor', highLabel: 'Very good', required: true },
        { id: 'better', type: 'long-text', label: 'What would make it better?', condition: { questionId: 'services', values: ['health'] } },
      ],
    },
    {
      id: 'not-used',
      title: 'Why not',
      condition: { questionId: 'uses-hub', values: ['no'] },
      questions: [{ id: 'why-not', type: 'short-text', label: 'Why have you not used one?', maxLength: 50, required: true }],
    },
  ],
});

describe('checking a survey definition', () => {
  it('accepts a survey whose conditions look back at earlier sections', () => {
    expect(checkDefinition(branching)).toEqual({});
  });

  it('refuses a condition on a question on the same page, and says why', () => {
    const def = structuredClone(branching);
    def.sections[0]!.questions[1]!.condition = { questionId: 'uses-hub', values: ['yes'] };
    const errors = checkDefinition(def);
    expect(errors['sections.0.questions.1.condition']).toMatch(/same page.*earlier section/);
  });

  it('refuses a condition that points forward, and says where the question is', () => {
    const def = structuredClone(branching);
    def.sections[0]!.questions[1]!.condition = { questionId: 'rating', values: ['5'] };
    expect(checkDefinition(def)['sections.0.questions.1.condition']).toMatch(/comes later \(section 2\)/);
  });

  it('names a loop as a loop', () => {
    const def = structuredClone(branching);
    // "uses-hub" shown only when "rating" is 5, while the rating's section needs uses-hub = yes
    def.sections[0]!.questions[0]!.condition = { questionId: 'rating', values: ['5'] };
    expect(checkDefinition(def)['sections.0.questions.0.condition']).toMatch(/makes a loop: “Have you used a Family Hub\?” depends on “How was it\?” depends on “Have you used a Family Hub\?”/);
  });

  it('refuses a condition on itself, on a missing question, on a text question or with an unknown answer', () => {
    const self = structuredClone(branching);
    self.sections[0]!.questions[0]!.condition = { questionId: 'uses-hub', values: ['yes'] };
    expect(checkDefinition(self)['sections.0.questions.0.condition']).toMatch(/its own answer/);
    const missing = structuredClone(branching);
    missing.sections[2]!.condition = { questionId: 'gone', values: ['yes'] };
    expect(checkDefinition(missing)['sections.2.condition']).toMatch(/no longer in the survey/);
    const onText = structuredClone(branching);
    onText.sections[2]!.condition = { questionId: 'better', values: ['x'] };
    expect(checkDefinition(onText)['sections.2.condition']).toMatch(/comes later|long text/);
    const unknown = structuredClone(branching);
    unknown.sections[2]!.condition = { questionId: 'uses-hub', values: ['maybe'] };
    expect(checkDefinition(unknown)['sections.2.condition']).toMatch(/“maybe” is not an answer/);
  });

  it('refuses duplicate ids, a second equality block and too many text questions', () => {
    const dup = structuredClone(branching);
    dup.sections[1]!.questions[0]!.id = 'uses-hub';
    expect(Object.values(checkDefinition(dup)).join(' ')).toMatch(/Two questions have the id “uses-hub”/);
    const twoEquality = surveyDefinition.parse({
      sections: [{ id: 's', title: 'S', questions: [{ id: 'e1', type: 'equality', label: 'About you' }, { id: 'e2', type: 'equality', label: 'About you' }] }],
    });
    expect(checkDefinition(twoEquality).sections).toMatch(/equality monitoring questions once/);
    const manyText = surveyDefinition.parse({
      sections: [{ id: 's', title: 'S', questions: Array.from({ length: 21 }, (_, i) => ({ id: `t${i}`, type: 'short-text', label: 'Say' })) }],
    });
    expect(checkDefinition(manyText).sections).toMatch(/20 text questions or fewer/);
  });

  it('gives zod’s plain messages for a malformed definition', () => {
    const result = parseDefinition({ sections: [{ id: 's', title: 'S', questions: [{ id: 'q', type: 'single', label: 'Pick', options: [{ id: 'a', label: 'A' }] }] }] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors['sections.0.questions.0.options']).toMatch(/at least 2 answers/);
  });
});

describe('what a parent sees', () => {
  it('shows the visit section only to people who used a hub, and the text question only to health visitor users', () => {
    expect([...visibility(branching, { 'uses-hub': 'yes' }).sections]).toEqual(['about-you', 'your-visit']);
    expect(visibility(branching, { 'uses-hub': 'yes' }).questions.has('better')).toBe(false);
    expect(visibility(branching, { 'uses-hub': 'yes', services: ['health'] }).questions.has('better')).toBe(true);
    expect([...visibility(branching, { 'uses-hub': 'no' }).sections]).toEqual(['about-you', 'not-used']);
  });

  it('chooses the next page on the server from the answers so far, and counts progress among shown sections', () => {
    expect(nextSectionIndex(branching, { 'uses-hub': 'no' }, 0)).toBe(2);
    expect(nextSectionIndex(branching, { 'uses-hub': 'yes' }, 1)).toBeUndefined();
    expect(progress(branching, { 'uses-hub': 'no' }, 2)).toEqual({ position: 2, of: 2 });
    expect(progress(branching, {}, 0)).toEqual({ position: 1, of: 1 });
  });

  it('drops answers that an earlier change has hidden', () => {
    const answers: Answers = { 'uses-hub': 'no', rating: 4, 'why-not': 'Too far' };
    expect(pruneHidden(branching, answers)).toEqual({ 'uses-hub': 'no', 'why-not': 'Too far' });
  });
});

describe('checking answers on the server', () => {
  it('keeps clean answers to a section', () => {
    const result = checkSection(branching, 'about-you', { 'uses-hub': 'yes', services: ['health', 'other'], 'services.other': ' Baby massage ' }, {});
    expect(result).toEqual({ ok: true, answers: { 'uses-hub': 'yes', services: ['health', 'other'], 'services.other': 'Baby massage' } });
  });

  it('refuses an unknown option, a missing required answer, too much text and a hidden question’s answer', () => {
    expect(checkSection(branching, 'about-you', { 'uses-hub': 'maybe' }, {})).toMatchObject({ ok: false, errors: { 'q_uses-hub': expect.stringMatching(/Choose one of the answers/) } });
    expect(checkSection(branching, 'about-you', {}, {})).toMatchObject({ ok: false, errors: { 'q_uses-hub': expect.stringMatching(/Choose an answer/) } });
    expect(checkSection(branching, 'not-used', { 'why-not': 'x'.repeat(1_000_000) }, { 'uses-hub': 'no' })).toMatchObject({
      ok: false,
      errors: { 'q_why-not': expect.stringMatching(/50 characters or fewer \(it has 1,000,000\)/) },
    });
    expect(checkSection(branching, 'your-visit', { rating: 3, better: 'More sessions' }, { 'uses-hub': 'yes', services: ['stay-play'] })).toMatchObject({
      ok: false,
      errors: { q_better: expect.stringMatching(/not asked/) },
    });
    expect(checkSection(branching, 'your-visit', { rating: 3 }, { 'uses-hub': 'no' })).toMatchObject({ ok: false, errors: { _: expect.stringMatching(/not shown/) } });
    expect(checkSection(branching, 'about-you', { 'uses-hub': 'yes', sneaky: 'x' }, {})).toMatchObject({ ok: false, errors: { q_sneaky: expect.any(String) } });
  });

  it('asks for the other answer when "Other" is chosen', () => {
    expect(checkSection(branching, 'about-you', { 'uses-hub': 'yes', services: ['other'] }, {})).toMatchObject({
      ok: false,
      errors: { q_services_other: expect.stringMatching(/Say what your other answer/) },
    });
  });

  it('checks numbers, dates and rankings', () => {
    const def = surveyDefinition.parse({
      sections: [
        {
          id: 's',
          title: 'S',
          questions: [
            { id: 'kids', type: 'number', label: 'How many children?', min: 0, max: 20 },
            { id: 'born', type: 'date', label: 'When was your baby born?' },
            { id: 'rank', type: 'ranking', label: 'Rank these', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'c', label: 'C' }] },
          ],
        },
      ],
    });
    expect(checkSection(def, 's', { kids: '2', born: '2026-02-28', rank: { a: '2', b: '1', c: '3' } }, {})).toEqual({
      ok: true,
      answers: { kids: 2, born: '2026-02-28', rank: ['b', 'a', 'c'] },
    });
    const bad = checkSection(def, 's', { kids: '2.5', born: '2026-02-30', rank: { a: '1', b: '1', c: '3' } }, {});
    expect(bad.ok).toBe(false);
    expect(!bad.ok && Object.keys(bad.errors).sort()).toEqual(['q_born', 'q_kids', 'q_rank']);
    expect(checkSection(def, 's', { kids: '21' }, {})).toMatchObject({ ok: false, errors: { q_kids: expect.stringMatching(/20 or less/) } });
  });

  it('refuses equality answers without the consent box, and accepts them with it', () => {
    const def = surveyDefinition.parse({ sections: [{ id: 's', title: 'S', questions: [{ id: 'eq', type: 'equality', label: 'About you' }] }] });
    expect(checkSection(def, 's', { eq: { parentRole: 'dad' } }, {})).toMatchObject({ ok: false, errors: { q_eq_consent: expect.stringMatching(/Tick the box/) } });
    expect(checkSection(def, 's', { eq: { parentRole: 'dad', consent: 'yes' } }, {})).toMatchObject({ ok: true, answers: { eq: { parentRole: 'dad', consent: true } } });
    expect(checkSection(def, 's', { eq: { parentRole: 'astronaut', consent: 'yes' } }, {}).ok).toBe(false);
    expect(checkSection(def, 's', { eq: {} }, {})).toEqual({ ok: true, answers: {} });
  });

  it('round-trips a section through its form fields', () => {
    const answers: Answers = { 'uses-hub': 'yes', services: ['stay-play', 'other'], 'services.other': 'Baby massage' };
    const values = formValuesFor(branching.sections[0]!, answers);
    const get = (name: string) => ([] as string[]).concat(values[name] ?? []);
    const result = checkSection(branching, 'about-you', sectionFromForm(branching.sections[0]!, get), {});
    expect(result).toEqual({ ok: true, answers });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random surveys

const optionIds = ['a', 'b', 'c'];

/** A random survey shape whose conditions may point anywhere (forward, same page, at text, at nothing). */
const arbitrarySurvey = fc
  .array(
    fc.array(
      fc.record({
        type: fc.constantFrom('single', 'multiple', 'yes-no', 'rating', 'short-text'),
        conditionOn: fc.option(fc.record({ target: fc.nat(30), values: fc.subarray(['a', 'b', 'c', 'yes', 'no', '1', '3', 'zzz'], { minLength: 1 }) }), { nil: undefined }),
        required: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    { minLength: 1, maxLength: 5 },
  )
  .chain((sections) =>
    fc.record({
      sections: fc.constant(sections),
      sectionConditions: fc.array(fc.option(fc.record({ target: fc.nat(30), values: fc.subarray(['a', 'yes', '2', 'zzz'], { minLength: 1 }) }), { nil: undefined }), {
        minLength: sections.length,
        maxLength: sections.length,
      }),
    }),
  )
  .map(({ sections, sectionConditions }) => {
    const total = sections.reduce((n, s) => n + s.length, 0);
    let n = 0;
    const ids = Array.from({ length: total }, (_, i) => `q${i}`);
    return surveyDefinition.parse({
      sections: sections.map((qs, si) => ({
        id: `s${si}`,
        title: `Section ${si}`,
        ...(sectionConditions[si] ? { condition: { questionId: ids[sectionConditions[si]!.target % total], values: sectionConditions[si]!.values } } : {}),
        questions: qs.map((spec) => {
          const id = ids[n++]!;
          return {
            id,
            type: spec.type,
            label: `Question ${id}`,
            required: spec.required,
            ...(spec.type === 'single' || spec.type === 'multiple' ? { options: optionIds.map((o) => ({ id: o, label: o.toUpperCase() })) } : {}),
            ...(spec.type === 'rating' ? { points: 3, lowLabel: 'Low', highLabel: 'High' } : {}),
            ...(spec.conditionOn ? { condition: { questionId: ids[spec.conditionOn.target % total], values: spec.conditionOn.values } } : {}),
          };
        }),
      })),
    });
  });

/** The same random shapes, with every condition moved to look back at a choice question for answers it has (or dropped). */
const validSurvey = arbitrarySurvey.map((def) => {
  const fixed = structuredClone(def);
  const earlierChoices = (sectionIndex: number) =>
    fixed.sections.slice(0, sectionIndex).flatMap((s) => s.questions.filter((x) => conditionSourceTypes.includes(x.type)));
  const repair = (c: { questionId: string; values: string[] } | undefined, sectionIndex: number) => {
    if (!c) return undefined;
    const candidates = earlierChoices(sectionIndex);
    if (!candidates.length) return undefined;
    const source = candidates[c.questionId.length % candidates.length]!;
    const allowed = conditionValues(source).map((v) => v.value);
    const values = c.values.filter((v) => allowed.includes(v));
    return { questionId: source.id, values: values.length ? values : [allowed[0]!] };
  };
  fixed.sections.forEach((s, si) => {
    s.condition = repair(s.condition, si);
    for (const x of s.questions) x.condition = repair(x.condition, si);
  });
  return fixed;
});

/** The rule, written independently: a condition is fine when it looks back at a choice question in an earlier section for answers it has. */
function oracleAccepts(def: SurveyDefinition): boolean {
  const places = questionIndex(def);
  const ok = (c: { questionId: string; values: string[] } | undefined, ownerSection: number) => {
    if (!c) return true;
    const source = places.get(c.questionId)!;
    if (source.sectionIndex >= ownerSection) return false;
    if (!conditionSourceTypes.includes(source.question.type)) return false;
    const allowed = conditionValues(source.question).map((v) => v.value);
    return c.values.every((v) => allowed.includes(v));
  };
  return def.sections.every((s, si) => ok(s.condition, si) && s.questions.every((x) => ok(x.condition, si)));
}

/** A person's walk through the survey: answer every shown question, section by section, as the server would let them. */
function walk(def: SurveyDefinition, choose: (q: Question) => unknown): { answers: Answers; pages: number } {
  let answers: Answers = {};
  let pages = 0;
  for (let i = nextSectionIndex(def, answers, -1); i !== undefined; i = nextSectionIndex(def, answers, i)) {
    const s = def.sections[i]!;
    const shown = visibility(def, answers).questions;
    const incoming = Object.fromEntries(s.questions.filter((x) => shown.has(x.id)).map((x) => [x.id, choose(x)]));
    const result = checkSection(def, s.id, incoming, answers);
    if (!result.ok) throw new Error(`walk refused: ${JSON.stringify(result.errors)}`);
    answers = { ...answers, ...result.answers };
    pages++;
  }
  return { answers, pages };
}

function answerFor(q: Question, pick: number): unknown {
  switch (q.type) {
    case 'single':
      return optionIds[pick % 3];
    case 'multiple':
      return optionIds.slice(0, (pick % 3) + 1);
    case 'yes-no':
      return pick % 2 ? 'yes' : 'no';
    case 'rating':
      return (pick % 3) + 1;
    default:
      return `Answer ${pick}`;
  }
}

describe('condition logic (property tests)', () => {
  it('accepts a definition exactly when every condition looks back at a choice question for answers it has', () => {
    fc.assert(
      fc.property(arbitrarySurvey, (def) => {
        expect(Object.keys(checkDefinition(def)).length === 0).toBe(oracleAccepts(def));
      }),
      { numRuns: 400 },
    );
  });

  it('generates valid surveys for the properties below', () => {
    fc.assert(fc.property(validSurvey, (def) => {
      expect(checkDefinition(def)).toEqual({});
    }), { numRuns: 200 });
  });

  it('never shows a question whose section or condition source is hidden, and hidden answers never change what is shown', () => {
    fc.assert(
      fc.property(validSurvey, fc.nat(), (def, pick) => {
        const { answers } = walk(def, (x) => answerFor(x, pick));
        const shown = visibility(def, answers);
        const places = questionIndex(def);
        for (const [id, place] of places) {
          if (!shown.questions.has(id)) continue;
          const s = def.sections[place.sectionIndex]!;
          expect(shown.sections.has(s.id)).toBe(true);
          if (place.question.condition) expect(shown.questions.has(place.question.condition.questionId)).toBe(true);
        }
        // Answers to every hidden question, added behind the server's back, change nothing shown.
        const noisy: Answers = { ...answers };
        for (const [id, place] of places) if (!shown.questions.has(id)) noisy[id] = answerFor(place.question, pick + 1) as never;
        expect(visibility(def, noisy)).toEqual(shown);
        expect(pruneHidden(def, noisy)).toEqual(answers);
      }),
      { numRuns: 300 },
    );
  });

  it('a walk through the survey is a valid whole response, and one answer to a hidden question makes it invalid', () => {
    fc.assert(
      fc.property(validSurvey, fc.nat(), (def, pick) => {
        const { answers } = walk(def, (x) => answerFor(x, pick));
        expect(checkResponse(def, answers)).toEqual({ ok: true, answers });
        const hidden = [...questionIndex(def).values()].find((p) => !visibility(def, answers).questions.has(p.question.id));
        if (hidden) {
          const forged = { ...answers, [hidden.question.id]: answerFor(hidden.question, pick) };
          expect(checkResponse(def, forged).ok).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the walk ends, visiting each section at most once, for any accepted definition', () => {
    fc.assert(
      fc.property(validSurvey, fc.nat(), (def, pick) => {
        const { pages } = walk(def, (x) => answerFor(x, pick));
        expect(pages).toBeLessThanOrEqual(def.sections.length);
        expect(pages).toBeGreaterThanOrEqual(def.sections[0]!.condition ? 0 : 1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('changing a published survey', () => {
  it('allows new wording, refuses removing an answered question or option, or changing a type', () => {
    const after = structuredClone(branching);
    after.sections[0]!.questions[0]!.label = 'Have you been to a Family Hub?';
    expect(checkPublishedChange(branching, after, new Set(['uses-hub']))).toEqual({});
    const removed = structuredClone(branching);
    removed.sections[2]!.questions = [];
    expect(checkPublishedChange(branching, removed, new Set(['why-not']))['question.why-not']).toMatch(/has answers, so it can’t be removed/);
    expect(checkPublishedChange(branching, removed, new Set())).toEqual({});
    const optionGone = structuredClone(branching);
    (optionGone.sections[0]!.questions[1] as Extract<Question, { type: 'multiple' }>).options.pop();
    expect(checkPublishedChange(branching, optionGone, new Set(['services:health']))['question.services']).toMatch(/“Health visitor”.*can’t be removed/);
    const retyped = structuredClone(branching);
    retyped.sections[2]!.questions[0] = q({ id: 'why-not', type: 'long-text', label: 'Why?' });
    expect(checkPublishedChange(branching, retyped, new Set())['question.why-not']).toMatch(/can’t change from short text to long text/);
  });
});
