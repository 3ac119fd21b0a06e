import type { Caller } from '@pv/shared/auth.schema';
import type { SurveyInput } from '@pv/shared/survey.schema';
import { saveSection, startAssistedDraft, startDraft, submit } from '../../surveys/responses.service.ts';
import { createSurvey, publishSurvey } from '../../surveys/surveys.service.ts';
import { random } from './random.ts';

/**
 * A demo survey for Nottinghamshire, open to the public and to panels, with branching (people who
 * have used a Family Hub are asked about their visit; others why not), tagged questions and the
 * equality block; and answers from made-up parents, online and on paper, phrased like the quotes in
 * the partnership's own documents, so the results page shows something on first start. Deterministic.
 */

export function demoSurvey(closesOn: string): SurveyInput {
  return {
    title: 'Your Family Hub: what works and what could be better',
    introduction:
      'We want to know how Family Hubs work for you and your family: what helps, what gets in the way, and what we should change first. It takes about 5 minutes.',
    privacyNotice:
      'Your answers are anonymous: we do not ask for your name, and we do not keep your internet address with your answers. ' +
      'The engagement team reads every answer. We share what parents said, never who said it, with Family Hubs, the council and the NHS, and we keep answers for two years.',
    closesOn,
    audience: 'both',
    anonymous: true,
    definition: {
      sections: [
        {
          id: 'your-hub',
          title: 'You and Family Hubs',
          intro: '',
          questions: [
            { id: 'used-hub', type: 'yes-no', label: 'Have you been to a Family Hub in the last year?', hint: '', required: true, priorityIds: [], hubIds: [] },
            {
              id: 'child-ages',
              type: 'multiple',
              label: 'How old are your children?',
              hint: '',
              required: false,
              allowOther: false,
              options: [
                { id: 'expecting', label: 'Expecting a baby' },
                { id: 'under-1', label: 'Under 1' },
                { id: '1-2', label: '1 to 2 years' },
                { id: '3-5', label: '3 to 5 years' },
              ],
              priorityIds: [],
              hubIds: [],
            },
          ],
        },
        {
          id: 'your-visit',
          title: 'Your visits',
          intro: 'Think about the Family Hub you go to most.',
          condition: { questionId: 'used-hub', values: ['yes'] },
          questions: [
            {
              id: 'services',
              type: 'multiple',
              label: 'Which services have you used?',
              hint: '',
              required: false,
              allowOther: true,
              options: [
                { id: 'stay-play', label: 'Stay and play' },
                { id: 'health-visitor', label: 'Health visitor clinic' },
                { id: 'infant-feeding', label: 'Infant feeding support' },
                { id: 'parenting', label: 'Parenting courses' },
                { id: 'mental-health', label: 'Support with my mental health' },
              ],
              priorityIds: [],
              hubIds: [],
            },
            { id: 'welcome', type: 'rating', label: 'How welcome did you feel?', hint: '', required: true, points: 5, lowLabel: 'Not at all welcome', highLabel: 'Very welcome', priorityIds: ['building-strong-relationships'], hubIds: [] },
            {
              id: 'better',
              type: 'long-text',
              label: 'What one thing would make your Family Hub better?',
              hint: 'For example, opening times, the sessions on offer, or how you find out about them',
              required: false,
              maxLength: 1500,
              priorityIds: ['parents-mental-health', 'building-blocks-of-health-and-wellbeing'],
              hubIds: [],
            },
          ],
        },
        {
          id: 'not-used',
          title: 'Why not',
          intro: '',
          condition: { questionId: 'used-hub', values: ['no'] },
          questions: [
            {
              id: 'why-not',
              type: 'single',
              label: 'What is the main reason you have not been?',
              hint: '',
              required: true,
              allowOther: true,
              options: [
                { id: 'did-not-know', label: 'I did not know about it' },
                { id: 'too-far', label: 'It is too far or hard to get to' },
                { id: 'times', label: 'The times do not suit me' },
                { id: 'not-for-me', label: 'I did not think it was for people like me' },
              ],
              priorityIds: [],
              hubIds: [],
            },
            { id: 'would-help', type: 'short-text', label: 'What would make you more likely to go?', hint: '', required: false, maxLength: 300, priorityIds: ['building-blocks-of-health-and-wellbeing'], hubIds: [] },
          ],
        },
        {
          id: 'priorities',
          title: 'What matters most',
          intro: '',
          questions: [
            {
              id: 'rank',
              type: 'ranking',
              label: 'Put these in order of how much they matter to your family',
              hint: '',
              required: false,
              options: [
                { id: 'mental-health', label: 'Support for parents’ mental health' },
                { id: 'talking', label: 'Help with talking, play and reading' },
                { id: 'money', label: 'Advice on money and the cost of living' },
                { id: 'feeding', label: 'Feeding and healthy eating' },
              ],
              priorityIds: [],
              hubIds: [],
            },
          ],
        },
        { id: 'about-you', title: 'About you (optional)', intro: '', questions: [{ id: 'equality', type: 'equality', label: 'Equality monitoring', hint: '', required: false, priorityIds: [], hubIds: [] }] },
      ],
    },
  };
}

const betterAnswers = [
  'More face-to-face support. Prevention rather than letting it get to crisis before we get help.',
  'To be made aware of support available locally whilst waiting for referrals to come through.',
  'More advice on the cost of living and groups like cooking on a budget and understanding bills.',
  'Sessions after work or on Saturdays so dads can come too.',
  'There should be more perinatal mental health support for dads and co-parents.',
  'A quiet room for feeding and somewhere to leave the pram.',
  'Tell us what is on each week. I only found out about baby massage from another mum.',
  'The staff were lovely, but the stay and play is always full by 10 o’clock.',
  'Help with speech. My son is 2 and the wait for speech and language is months.',
  'Somebody to talk to when you are struggling, without having to fill in forms first.',
];
const wouldHelp = [
  'If it was on the bus route.',
  'Knowing someone who goes.',
  'Sessions in the evening.',
  'Information in Polish.',
  'If they said it was free.',
  'A text reminder the day before.',
];

const seeder: Caller = { sub: 'seed', email: 'demo-seed@parent-voice.example', tenantId: '', roles: ['officer'] };

export async function seedDemoSurvey(tenantId: string, responses = 60): Promise<void> {
  const caller = { ...seeder, tenantId };
  const closesOn = new Date(Date.now() + 45 * 86400_000).toISOString().slice(0, 10);
  const survey = await createSurvey(caller, tenantId, demoSurvey(closesOn));
  await publishSurvey(caller, tenantId, survey.id, survey.version);
  const rnd = random(51);
  const hubs = ['mansfield-town', 'forest-town', 'worksop', 'retford-design-site', 'arnold', 'beeston', 'kirkby-in-ashfield', 'hawtonville-newark-design-site'];
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  for (let i = 0; i < responses; i++) {
    const paper = rnd() < 0.2;
    const hubId = pick(hubs);
    const token = paper
      ? (await startAssistedDraft(caller, tenantId, survey.id, { channel: 'paper', hubId, paperRef: `DEMO-${String(i).padStart(3, '0')}` })).token
      : (await startDraft(tenantId, survey.id, { hubId }, `seed-${i}`)).token;
    const staff = paper ? caller : undefined;
    const used = rnd() < 0.7;
    await saveSection(tenantId, survey.id, token, 'your-hub', { 'used-hub': used ? 'yes' : 'no', 'child-ages': [pick(['expecting', 'under-1', '1-2', '3-5'])] }, staff);
    if (used) {
      const services = ['stay-play', 'health-visitor', 'infant-feeding', 'parenting', 'mental-health'].filter(() => rnd() < 0.4);
      await saveSection(
        tenantId,
        survey.id,
        token,
        'your-visit',
        { services: services.length ? services : ['stay-play'], welcome: 2 + Math.floor(rnd() * 4), ...(rnd() < 0.8 ? { better: pick(betterAnswers) } : {}) },
        staff,
      );
    } else {
      await saveSection(tenantId, survey.id, token, 'not-used', { 'why-not': pick(['did-not-know', 'too-far', 'times', 'not-for-me']), ...(rnd() < 0.6 ? { 'would-help': pick(wouldHelp) } : {}) }, staff);
    }
    const order = ['mental-health', 'talking', 'money', 'feeding'].sort(() => rnd() - 0.5);
    await saveSection(tenantId, survey.id, token, 'priorities', { rank: order }, staff);
    const dad = rnd() < 0.15;
    await saveSection(
      tenantId,
      survey.id,
      token,
      'about-you',
      rnd() < 0.75 ? { equality: { parentRole: dad ? 'dad' : 'mum', ageBand: pick(['20-24', '25-34', '25-34', '35-44']), ethnicity: pick(['white-british', 'white-british', 'white-british', 'asian-pakistani', 'black-african', 'white-other']), consent: 'yes' } } : {},
      staff,
    );
    await submit(tenantId, survey.id, token, staff);
  }
}
