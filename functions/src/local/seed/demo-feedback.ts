import type { Caller } from '@pv/shared/auth.schema';
import type { ActionInput } from '@pv/shared/action.schema';
import type { ConversationChannel } from '@pv/shared/consultation.schema';
import type { Feedback } from '@pv/shared/feedback.schema';
import { approveAction, createAction, submitAction, updateAction } from '../../actions/actions.service.ts';
import { changeStage, createConsultation } from '../../consultations/consultations.service.ts';
import { conversationPut } from '../../consultations/consultations.repository.ts';
import { getManyFeedback, newFeedbackWrites } from '../../feedback/feedback.repository.ts';
import { approveQuote, setQuote } from '../../feedback/triage.service.ts';
import { createTheme } from '../../feedback/themes.service.ts';
import { transactWrite } from '../../platform/dynamodb.ts';
import { groupsFor, hubFacts } from '../../representation/representation.service.ts';
import { getConfig } from '../../tenants/tenants.service.ts';
import { random } from './random.ts';

/**
 * What Nottinghamshire's parents said at stay-and-play sessions, panel meetings and on the phone
 * during a consultation, phrased like the quotes in the partnership's own documents: several hundred
 * comments over nine months, across every hub, some still waiting to be tagged; six themes; and
 * "you said, we did" actions at each status (one still waiting for a second officer's approval).
 * Deterministic: the same on every machine.
 */

const officer: Caller = { sub: 'demo-officer', email: 'officer@notts.example', tenantId: 'notts', roles: ['officer'] };
const secondOfficer: Caller = { sub: 'demo-officer-2', email: 'officer2@notts.example', tenantId: 'notts', roles: ['officer'] };

type ThemeKey = 'waiting' | 'dads' | 'cost' | 'low-after-birth' | 'feeding' | 'play' | 'access' | 'none';

const P = {
  health: 'building-blocks-of-health-and-wellbeing',
  mental: 'parents-mental-health',
  preparing: 'preparing-to-be-parents-and-healthy-beginnings',
  relationships: 'building-strong-relationships',
  early: 'early-experiences-chat-play-read-and-learn',
};

const quotes: { text: string; theme: ThemeKey; priorities: string[] }[] = [
  { text: 'We waited five months for speech therapy and nobody rang us in that time.', theme: 'waiting', priorities: [P.early] },
  { text: "Told to wait for a referral, then heard nothing. I didn't know who to ask.", theme: 'waiting', priorities: [P.mental] },
  { text: 'Something to do while we wait for the assessment would help, even a leaflet of play ideas.', theme: 'waiting', priorities: [P.early] },
  { text: 'To be made aware of support available locally whilst waiting for referrals to come through.', theme: 'waiting', priorities: [P.mental, P.early] },
  { text: "Groups are all in the daytime. I work, so as a dad there's nothing I can get to.", theme: 'dads', priorities: [P.relationships] },
  { text: 'The health visitor only ever spoke to my partner, not to me.', theme: 'dads', priorities: [P.relationships, P.mental] },
  { text: "A dads' group on a Saturday morning would get me through the door.", theme: 'dads', priorities: [P.relationships] },
  { text: 'More advice for families on the cost of living, like cooking on a budget and understanding bills.', theme: 'cost', priorities: [P.health] },
  { text: "We can't afford the bus to the hub twice a week.", theme: 'cost', priorities: [P.health] },
  { text: "Heating or food this winter, that's the choice. Somewhere warm to go with the baby helps.", theme: 'cost', priorities: [P.health] },
  { text: "I felt so low after the birth and didn't know it had a name.", theme: 'low-after-birth', priorities: [P.mental] },
  { text: 'More face-to-face support. Prevention rather than letting it get to crisis before we get help.', theme: 'low-after-birth', priorities: [P.mental] },
  { text: 'Anxious all the time in the first weeks; a call from someone would have meant a lot.', theme: 'low-after-birth', priorities: [P.mental, P.preparing] },
  { text: 'Breastfeeding support ended when we left hospital and I gave up after a week.', theme: 'feeding', priorities: [P.preparing] },
  { text: 'The infant feeding café at the hub was the best thing, please keep it going.', theme: 'feeding', priorities: [P.preparing] },
  { text: 'Stay and play is the only time my son mixes with other children.', theme: 'play', priorities: [P.early] },
  { text: 'Free books and rhyme time at the library made a difference to her talking.', theme: 'play', priorities: [P.early] },
  { text: 'The funded hours are no use when there is no nursery place near us.', theme: 'play', priorities: [P.early] },
  { text: "Information only comes in English; my mum can't read the letters.", theme: 'access', priorities: [] },
  { text: "I don't have data on my phone, so online booking doesn't work for me.", theme: 'access', priorities: [] },
  { text: 'The staff at the hub are lovely, thank you.', theme: 'none', priorities: [] },
  { text: 'Parking is impossible at the hub in the morning.', theme: 'none', priorities: [] },
];

const openers = ['', '', 'Honestly, ', 'For us, ', 'To be honest, '];
const closers = ['', '', ' It has been hard.', ' Thank you for asking.', ' Other mums said the same.', ' Please listen to this.'];
const channels: ConversationChannel[] = ['stay-and-play', 'stay-and-play', 'panel-meeting', 'phone', 'event', 'home-visit'];

const themeNames: Record<Exclude<ThemeKey, 'none'>, string> = {
  waiting: 'Told nothing while waiting for a referral',
  dads: 'Dads left out: daytime groups, services talk to mums',
  cost: 'Cost of living gets in the way of coming',
  'low-after-birth': 'Low mood after the birth, not knowing where to turn',
  feeding: 'Feeding support stops after hospital',
  play: 'Play, books and nursery places',
  access: 'Information and booking that not everyone can use',
};

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86400_000).toISOString().slice(0, 10);

export async function seedDemoFeedback(tenantId: string, count = 360): Promise<void> {
  const rand = random(2026_11_30);
  const config = await getConfig(tenantId);
  const hubs = config.hub.filter((h) => h.status === 'active');
  const consultation = await createConsultation(officer, tenantId, {
    title: 'Waiting for support: what would help?',
    summary: 'How it feels to wait for speech and language, mental health or other support for your family, and what would help while you wait.',
    whyAsking: 'Parents told us they hear nothing while they wait. We want to know what would make the wait easier.',
    canChange: 'How Family Hubs keep in touch while you wait, and what support is offered in the meantime.',
    cannotChange: 'How long NHS waiting lists are.',
    priorityIds: [P.mental, P.early],
    networkIds: [],
    surveyIds: [],
    opensOn: day(280),
    closesOn: day(10),
  });
  await changeStage(officer, tenantId, consultation.id, 1, 'open');

  const byTheme = new Map<ThemeKey, string[]>();
  const comments: { feedback: Feedback; conversation: Parameters<typeof conversationPut>[1] }[] = [];
  for (let i = 0; i < count; i++) {
    const q = quotes[Math.floor(rand() * quotes.length)]!;
    const hub = hubs[Math.floor(rand() * hubs.length)]!;
    const groups = new Set(groupsFor(config, undefined, hubFacts(config, hub.networkId, hub.id)));
    if (q.theme === 'dads' || rand() < 0.1) groups.add('dads-partners');
    if (rand() < 0.08) groups.add('young-parents');
    if (q.theme === 'access' || rand() < 0.05) groups.add('other-languages');
    if (rand() < 0.08) groups.add('send');
    const receivedOn = day(Math.floor(rand() * 270) + 1);
    // The newest fifth are still waiting to be read; the rest have been tagged by an officer.
    const reviewed = i < count * 0.8;
    const id = `DEMOFB${String(i).padStart(4, '0')}${Math.floor(rand() * 1e9).toString(36).toUpperCase()}`.slice(0, 26);
    const people = 1 + Math.floor(rand() * 8);
    const channel = channels[Math.floor(rand() * channels.length)]!;
    const text = `${openers[Math.floor(rand() * openers.length)]}${q.text}${closers[Math.floor(rand() * closers.length)]}`.replace(/^(Honestly|For us|To be honest), (\w)/, (_m, a: string, b: string) => `${a}, ${b.toLowerCase()}`);
    const feedback: Feedback = {
      id,
      text,
      source: { kind: 'conversation', consultationId: consultation.id, conversationId: `C${id}`.slice(0, 26), people },
      channel,
      receivedOn,
      receivedAt: `${receivedOn}T10:00:00.000Z`,
      priorityIds: reviewed ? q.priorities : [],
      crossCuttingIds: reviewed && groups.has('dads-partners') ? ['think-dad'] : [],
      hubIds: [hub.id],
      networkId: hub.networkId,
      groups: [...groups].sort(),
      status: reviewed ? (q.theme === 'none' && rand() < 0.5 ? 'not-relevant' : 'reviewed') : 'new',
      version: 1,
    };
    comments.push({
      feedback,
      conversation: {
        id: `C${id}`.slice(0, 26),
        consultationId: consultation.id,
        said: text,
        where: `${channel === 'phone' ? 'Phone call from' : 'Session at'} ${hub.name}`,
        hubId: hub.id,
        networkId: hub.networkId,
        channel,
        heldOn: receivedOn,
        people,
        feedbackId: id,
        loggedBy: officer.email,
        loggedAt: `${receivedOn}T12:00:00.000Z`,
        namedMember: false,
      },
    });
    if (reviewed && q.theme !== 'none') byTheme.set(q.theme, [...(byTheme.get(q.theme) ?? []), id]);
  }
  for (let i = 0; i < comments.length; i += 20) {
    const batch = comments.slice(i, i + 20);
    await transactWrite([...batch.map((c) => conversationPut(tenantId, c.conversation)), ...newFeedbackWrites(tenantId, batch.map((c) => c.feedback))], () => new Error('demo feedback failed'));
  }
  await changeStage(officer, tenantId, consultation.id, 2, 'closed');
  await changeStage(officer, tenantId, consultation.id, 3, 'analysing');

  const themeIds: Partial<Record<ThemeKey, string>> = {};
  for (const [key, ids] of byTheme) {
    themeIds[key] = (await createTheme(officer, tenantId, { name: themeNames[key as Exclude<ThemeKey, 'none'>], description: '' }, ids)).id;
  }

  // Officers chose a few quotes in each theme for partners to read (the parents' own words, checked),
  // and a second officer approved them; the last one chosen waits for approval (sign in as
  // officer2@notts.example to approve it from "Quotes waiting for approval").
  let quoteToApprove: { id: string; version: number } | undefined;
  for (const [key, ids] of byTheme) {
    if (key === 'none') continue;
    for (const id of ids.slice(0, 3)) {
      const f = (await getManyFeedback(tenantId, [id]))[0]!;
      const core = quotes.find((q) => f.text.includes(q.text));
      if (!core) continue;
      if (quoteToApprove) await approveQuote(secondOfficer, tenantId, quoteToApprove.id, quoteToApprove.version);
      quoteToApprove = { id, version: (await setQuote(officer, tenantId, id, f.version, core.text)).version };
    }
  }

  const publish = async (input: ActionInput, later?: Partial<ActionInput>) => {
    let a = await createAction(officer, tenantId, input);
    a = await submitAction(officer, tenantId, a.id, a.version, []);
    a = (await approveAction(secondOfficer, tenantId, a.id, a.version)).action;
    if (later) {
      a = await updateAction(officer, tenantId, a.id, a.version, { ...input, ...later });
      a = await submitAction(officer, tenantId, a.id, a.version, []);
      a = (await approveAction(secondOfficer, tenantId, a.id, a.version)).action;
    }
    return a;
  };
  const base = { notDoingReason: '', targetOn: '', doneOn: '', consultationIds: [] as string[], priorityIds: [] as string[], update: '' };
  await publish(
    {
      ...base,
      youSaid: 'You told us nobody kept in touch while you waited for a referral, and you did not know what support there was in the meantime.',
      weDid: 'Every family waiting for speech and language support now gets a call each month from their Family Hub, and a “while you wait” pack of play and talk ideas.',
      status: 'in-progress',
      owner: 'Family Hubs with the NHS speech and language therapy service',
      targetOn: day(-60),
      themeIds: [themeIds.waiting!],
      consultationIds: [consultation.id],
    },
    { status: 'done', doneOn: day(3), update: 'Monthly calls and the “while you wait” pack started in every Family Hub network.' },
  );
  await publish({
    ...base,
    youSaid: 'Dads told us groups are all in the daytime, and that health visitors and other services talk to mums, not to them.',
    weDid: 'We are starting Saturday morning dads’ groups in Mansfield and Worksop, and health visitors now ask to see both parents at every visit.',
    status: 'in-progress',
    owner: 'Family Hubs and the health visiting service',
    targetOn: day(-120),
    themeIds: [themeIds.dads!],
  });
  await publish({
    ...base,
    youSaid: 'You told us the cost of living makes it hard to get to the Family Hub, and to keep your home warm and your family fed.',
    weDid: 'We are testing free bus tickets to Family Hub sessions in Bassetlaw and Ashfield, and every hub now runs a warm space with cooking on a budget sessions.',
    status: 'planned',
    owner: 'Nottinghamshire County Council, Family Hubs',
    targetOn: day(-90),
    themeIds: [themeIds.cost!],
  });
  await publish({
    ...base,
    youSaid: 'You told us breastfeeding and infant feeding support stops when you leave hospital.',
    weDid: 'We asked the NHS for a weekend feeding support line.',
    status: 'not-doing',
    notDoingReason: 'There is no money for a weekend line this year. Instead, staff at every Family Hub are being trained in infant feeding, so you can get help at any session.',
    owner: 'Nottingham and Nottinghamshire Integrated Care Board',
    themeIds: [themeIds.feeding!],
  });
  // Drafted and sent, waiting for a second officer: sign in as officer2@notts.example to approve it.
  const waiting = await createAction(officer, tenantId, {
    ...base,
    youSaid: 'You told us you felt low after the birth and did not know where to turn.',
    weDid: 'Health visitors will give every family a card with the local perinatal mental health line at the six-week check.',
    status: 'planned',
    owner: 'Health visiting service',
    themeIds: [themeIds['low-after-birth']!],
  });
  await submitAction(officer, tenantId, waiting.id, waiting.version, []);
}
