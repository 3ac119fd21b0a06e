import { describe, expect, it } from 'vitest';
import { isKeyName, keyName } from '@pv/shared/cell-key';
import { surveyDefinition } from '@pv/shared/survey.schema';
import { responsesCsv } from '@pv/shared/survey-csv';
import { transactWrite } from '../../../functions/src/platform/dynamodb.ts';
import { counterDeltas, slicesFor } from '../../../functions/src/surveys/survey-counters.ts';
import { counterUpdates, readCounters, responsePut } from '../../../functions/src/surveys/surveys.repository.ts';
import { recountSurvey } from '../../../functions/src/surveys/recount.service.ts';
import { getSurvey } from '../../../functions/src/surveys/surveys.repository.ts';
import { tenantItems } from '../../support/panels.ts';
import { answerYes, clientHeader, publishedSurvey, saveSection, startDraft, submitDraft, surveyPath } from '../../support/surveys.ts';
import { fullestAnswers, sixtyQuestionDefinition } from '../../support/survey-definitions.ts';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

const byType = (items: Record<string, unknown>[], type: string) => items.filter((i) => i.type === type);

function sameCounters(live: Map<string, Map<string, number>>, recount: Map<string, Map<string, number>>) {
  const flat = (m: Map<string, Map<string, number>>) =>
    Object.fromEntries([...m].flatMap(([slice, attrs]) => [...attrs].filter(([, v]) => v !== 0).map(([k, v]) => [`${slice}|${k}`, v])).sort());
  expect(flat(live)).toEqual(flat(recount));
}

describe('answering a survey', () => {
  it('follows the branches on the server, keeps answers section by section and stores one response with feedback and counters', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const survey = await publishedSurvey(tenant, officer.token);

    const listed = await api(`/tenants/${tenant}/public/surveys`);
    expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: survey.id, title: 'Your Family Hub' })]));
    const page = await api(surveyPath(tenant, survey.id));
    expect(page.body!.definition.sections).toHaveLength(4);
    expect(JSON.stringify(page.body)).not.toContain('parents-mental-health'); // tags are not for the public

    const token = await startDraft(tenant, survey.id, { hubId: 'mansfield-town' });
    const first = await saveSection(tenant, survey.id, token, 'about-you', { 'uses-hub': 'no' });
    expect(first.body).toEqual({ next: 'not-used' });
    // Changing their mind: the server now sends them to the visit section.
    const changed = await saveSection(tenant, survey.id, token, 'about-you', { 'uses-hub': 'yes', services: ['other'], 'services.other': 'Baby massage' });
    expect(changed.body).toEqual({ next: 'your-visit' });
    const visit = await saveSection(tenant, survey.id, token, 'your-visit', { rating: 5, better: 'Sessions after work for dads' });
    expect(visit.body).toEqual({ next: 'equality' });
    const equality = await saveSection(tenant, survey.id, token, 'equality', { eq: { parentRole: 'dad', consent: 'yes' } });
    expect(equality.body).toEqual({ next: null });

    const draft = await api(`${surveyPath(tenant, survey.id)}/draft`, { headers: { 'x-survey-draft': token } });
    expect(draft.body!.answers).toMatchObject({ 'uses-hub': 'yes', rating: 5, 'services.other': 'Baby massage' });

    const submitted = await submitDraft(tenant, survey.id, token);
    expect(submitted.body).toEqual({ submitted: true, firstTime: true });
    const again = await submitDraft(tenant, survey.id, token);
    expect(again.body).toEqual({ submitted: true, firstTime: false });
    // The back button and a resubmitted section: the answers are sent already, nothing changes.
    const late = await saveSection(tenant, survey.id, token, 'your-visit', { rating: 1 });
    expect(late.status).toBe(409);

    const items = await tenantItems(tenant);
    const [response, ...others] = byType(items, 'survey-response');
    expect(others).toHaveLength(0);
    expect(response!.answers).toEqual({ 'uses-hub': 'yes', services: ['other'], 'services.other': 'Baby massage', rating: 5, better: 'Sessions after work for dads' });
    // Dad (from the equality answers, kept only as groups), Mansfield town (decile 1: low-income area).
    expect(response!.groups).toEqual(['dads-partners', 'low-income-area']);
    expect(response!.networkId).toBe('mansfield');
    const [feedback] = byType(items, 'feedback');
    expect(feedback).toMatchObject({ text: 'Sessions after work for dads', priorityIds: ['parents-mental-health'], hubIds: ['mansfield-town'], networkId: 'mansfield', channel: 'online', status: 'new' });
    expect(feedback!.groups).toEqual(response!.groups);
    expect(byType(items, 'survey-draft')).toHaveLength(0);

    const counters = await readCounters(tenant, survey.id);
    const all = counters.slices.get('ALL')!;
    expect(all.get('n')).toBe(1);
    expect(all.get('o_rating_5')).toBe(1);
    expect(all.get('o_services_other')).toBe(1);
    expect(counters.slices.get('NETWORK#mansfield')!.get('n')).toBe(1);
    // The response's record key, and beside every count of it in every slice, that key as the key sum.
    const key = response!.recordKey as number;
    expect(Number.isInteger(key) && key >= 0 && key <= 255).toBe(true);
    for (const slice of ['ALL', 'CHANNEL#online', 'NETWORK#mansfield', 'GROUP#dads-partners', 'GROUP#low-income-area']) {
      const counts = counters.slices.get(slice)!;
      for (const [name, n] of counts) if (!isKeyName(name) && !/^(r|s)_/.test(name) && key) expect(counts.get(keyName(name)), `${slice} ${name}`).toBe(n * key);
    }
    sameCounters(counters.slices, await recountSurvey(tenant, survey.id));

    const results = await api(`/tenants/${tenant}/surveys/${survey.id}/results`, { token: officer.token });
    expect(results.body!.responses).toBe(1);
    const rating = results.body!.questions.find((q: { questionId: string }) => q.questionId === 'rating');
    expect(rating.mean).toBe(5);
    expect(rating.options.find((o: { value: string }) => o.value === '5')).toMatchObject({ count: 1, percent: 100 });
    const byGroup = await api(`/tenants/${tenant}/surveys/${survey.id}/results?groupId=dads-partners`, { token: officer.token });
    expect(byGroup.body!.responses).toBeNull(); // one response: fewer than 5, hidden
    expect(byGroup.body!.suppressed).toBe(true);
    // Days are listed from all responses, each hidden when small, so no day gives a small group away.
    const empty = await api(`/tenants/${tenant}/surveys/${survey.id}/results?groupId=rural`, { token: officer.token });
    expect(empty.body!.byDay).toEqual([{ day: new Date().toISOString().slice(0, 10), count: null }]);

    const text = await api(`/tenants/${tenant}/surveys/${survey.id}/questions/better/answers?search=DADS`, { token: officer.token });
    expect(text.body!.items.map((i: { text: string }) => i.text)).toEqual(['Sessions after work for dads']);
    const none = await api(`/tenants/${tenant}/surveys/${survey.id}/questions/better/answers?search=zebra`, { token: officer.token });
    expect(none.body!.items).toEqual([]);
  });

  it('stores one response when the same submit arrives 50 times at once, and the counters equal a recount', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const survey = await publishedSurvey(tenant, officer.token);
    const tokens = await Promise.all(Array.from({ length: 3 }, () => startDraft(tenant, survey.id)));
    for (const t of tokens) await answerYes(tenant, survey.id, t);

    const burst = await Promise.all(Array.from({ length: 50 }, () => submitDraft(tenant, survey.id, tokens[0]!)));
    expect(burst.every((r) => r.status === 200)).toBe(true);
    expect(burst.filter((r) => r.body!.firstTime)).toHaveLength(1);
    await Promise.all(tokens.slice(1).map((t) => submitDraft(tenant, survey.id, t)));

    const items = await tenantItems(tenant);
    expect(byType(items, 'survey-response')).toHaveLength(3);
    expect(byType(items, 'feedback')).toHaveLength(3);
    const counters = await readCounters(tenant, survey.id);
    expect(counters.slices.get('ALL')!.get('n')).toBe(3);
    const keys = byType(items, 'survey-response').reduce((sum, r) => sum + (r.recordKey as number), 0);
    expect(counters.slices.get('ALL')!.get('n~k') ?? 0).toBe(keys);
    sameCounters(counters.slices, await recountSurvey(tenant, survey.id));
  });

  it('stores the fullest response to a 60-question survey in one transaction, its counts and key sums split over shard parts, equal to a recount', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const definition = sixtyQuestionDefinition();
    const survey = await publishedSurvey(tenant, officer.token, { definition });
    const token = await startDraft(tenant, survey.id, { hubId: 'mansfield-town' });
    for (const section of definition.sections) {
      const saved = await saveSection(tenant, survey.id, token, section.id, fullestAnswers(definition, section.id));
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    }
    expect((await submitDraft(tenant, survey.id, token)).body).toEqual({ submitted: true, firstTime: true });

    // Two updates per slice (one expression would pass 4 KB): the shard item and its part 1.
    const counterItems = (await tenantItems(tenant)).filter((i) => i.type === 'survey-counter' && i.slice === 'ALL');
    expect(counterItems.map((i) => String(i.SK).replace(/#SHARD#\d/, '#SHARD#s')).sort()).toEqual(['ALL#SHARD#s', 'ALL#SHARD#s#PART#1']);
    const counters = await readCounters(tenant, survey.id);
    const all = counters.slices.get('ALL')!;
    const key = byType(await tenantItems(tenant), 'survey-response')[0]!.recordKey as number;
    expect(all.get('n')).toBe(1);
    // Question 60 asks for a number: who answered is counted (with a key sum), the number only summed.
    expect(all.get('a_question-60-about-family-hubs')).toBe(1);
    expect(all.get('a_question-60-about-family-hubs~k') ?? 0).toBe(key);
    expect(all.get('s_question-60-about-family-hubs')).toBe(3);
    expect(all.has('s_question-60-about-family-hubs~k')).toBe(false);
    sameCounters(counters.slices, await recountSurvey(tenant, survey.id));

    // The officer's results read every part: the last multiple-choice question counts every option.
    const results = await api(`/tenants/${tenant}/surveys/${survey.id}/results`, { token: officer.token });
    const last = results.body!.questions.find((q: { questionId: string }) => q.questionId === 'question-56-about-family-hubs');
    expect(last.options.map((o: { count: number }) => o.count)).toEqual(Array(11).fill(1));
  });

  it('counts a response stored before record keys existed with key 0, live and in the recount alike', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const survey = await publishedSurvey(tenant, officer.token);
    const token = await startDraft(tenant, survey.id, { hubId: 'mansfield-town' });
    await answerYes(tenant, survey.id, token);
    await submitDraft(tenant, survey.id, token);
    // An older response, written as submit wrote them before keys: no recordKey, counts without key sums.
    const definition = (await getSurvey(tenant, survey.id))!.definition;
    const old = { id: 'a0a0a0a0a0a0a0a0a0a0', day: '2026-01-05', channel: 'paper' as const, definitionVersion: 1, networkId: 'bassetlaw', answers: { 'uses-hub': 'no', 'why-not': 'Too far' }, groups: ['rural'] };
    const put = responsePut(tenant, survey.id, { ...old, recordKey: 0 });
    delete (put.Put!.Item as Record<string, unknown>).recordKey;
    const deltas = counterDeltas(definition, old);
    expect([...deltas.keys()].some(isKeyName)).toBe(false);
    await transactWrite([put, ...slicesFor(old).flatMap((slice) => counterUpdates(tenant, survey.id, slice, 2, deltas))], () => new Error('write failed'));

    const counters = await readCounters(tenant, survey.id);
    expect(counters.slices.get('ALL')!.get('n')).toBe(2);
    expect(counters.slices.get('CHANNEL#paper')!.has('n~k')).toBe(false);
    const fresh = byType(await tenantItems(tenant), 'survey-response').find((r) => r.id !== old.id)!;
    expect(counters.slices.get('ALL')!.get('n~k') ?? 0).toBe(fresh.recordKey);
    sameCounters(counters.slices, await recountSurvey(tenant, survey.id));
  });

  it('never lets a record key or a key sum out: no API response and no CSV carries one', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const survey = await publishedSurvey(tenant, officer.token);
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) {
      const token = await startDraft(tenant, survey.id, { hubId: 'mansfield-town' });
      await answerYes(tenant, survey.id, token, `Comment ${i}`);
      await saveSection(tenant, survey.id, token, 'equality', { eq: { parentRole: 'dad', consent: 'yes' } });
      tokens.push(token);
    }
    const submitted = [];
    for (const token of tokens) submitted.push(await submitDraft(tenant, survey.id, token));
    const entry = await api(`/tenants/${tenant}/surveys/${survey.id}/entries`, { method: 'POST', token: officer.token, json: { channel: 'paper', hubId: 'worksop', paperRef: 'WK-7' } });
    const entryHeaders = { 'x-survey-draft': entry.body!.token as string };
    const entryPath = `/tenants/${tenant}/surveys/${survey.id}/entry`;
    await api(`${entryPath}/sections/about-you`, { method: 'PUT', token: officer.token, json: { answers: { 'uses-hub': 'no' } }, headers: entryHeaders });
    await api(`${entryPath}/sections/not-used`, { method: 'PUT', token: officer.token, json: { answers: { 'why-not': 'No bus' } }, headers: entryHeaders });
    submitted.push(await api(`${entryPath}/submit`, { method: 'POST', token: officer.token, headers: entryHeaders }));
    expect(submitted.map((s) => s.body)).toEqual(Array(4).fill({ submitted: true, firstTime: true }));
    const stored = byType(await tenantItems(tenant), 'survey-response');
    expect(stored.every((r) => Number.isInteger(r.recordKey))).toBe(true);

    const officerPath = `/tenants/${tenant}/surveys/${survey.id}`;
    const exported = await api(`${officerPath}/responses-export`, { method: 'POST', token: officer.token, json: {} });
    const results = await api(`${officerPath}/results`, { token: officer.token });
    const bodies = [
      ...submitted,
      exported,
      results,
      await api(`/tenants/${tenant}/surveys`, { token: officer.token }),
      await api(officerPath, { token: officer.token }),
      await api(`${officerPath}/results?channel=paper`, { token: officer.token }),
      await api(`${officerPath}/results?networkId=mansfield`, { token: officer.token }),
      await api(`${officerPath}/results?groupId=dads-partners`, { token: officer.token }),
      await api(`${officerPath}/questions/better/answers`, { token: officer.token }),
      await api(`${officerPath}/invitations`, { token: officer.token }),
      await api(`${officerPath}/entry`, { token: officer.token, headers: entryHeaders }),
      await api(`/tenants/${tenant}/public/surveys`),
      await api(surveyPath(tenant, survey.id)),
      await api(`${surveyPath(tenant, survey.id)}/draft`, { headers: { 'x-survey-draft': tokens[0]! } }),
    ];
    for (const b of bodies) {
      expect(b.status).toBeLessThan(500);
      const text = JSON.stringify(b.body);
      expect(text).not.toMatch(/recordKey/i);
      expect(text).not.toContain('~k');
    }
    // The results list each day once, and never a key sum as if it were a day; officers' counts stay exact.
    expect(results.body!.byDay).toHaveLength(1);
    expect(results.body!.responses).toBe(4);

    // The export holds what the CSV needs, nothing more; the CSV has no column beyond the survey's.
    const allowed = ['id', 'day', 'submittedAt', 'channel', 'definitionVersion', 'hubId', 'networkId', 'answers', 'paperRef', 'enteredBy'];
    expect(exported.body!.items).toHaveLength(4);
    for (const item of exported.body!.items) for (const field of Object.keys(item)) expect(allowed).toContain(field);
    const definition = surveyDefinition.parse((await getSurvey(tenant, survey.id))!.definition);
    const csv = responsesCsv(definition, exported.body!.items, { hubs: {}, networks: {} });
    const header = csv.slice(1, csv.indexOf('\r\n'));
    expect(header).not.toMatch(/key/i);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(5);
  });

  it('refuses forged answers — an unknown option, a hidden question, 1 MB of text — and keeps what was there', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const survey = await publishedSurvey(tenant, officer.token);
    const token = await startDraft(tenant, survey.id);
    await saveSection(tenant, survey.id, token, 'about-you', { 'uses-hub': 'no' });

    const unknown = await saveSection(tenant, survey.id, token, 'about-you', { 'uses-hub': 'maybe' });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.body!.errors['q_uses-hub']).toMatch(/Choose one of the answers/);

    const hidden = await saveSection(tenant, survey.id, token, 'your-visit', { rating: 3 });
    expect(hidden.status).toBe(400);
    expect(hidden.body!.errors._).toMatch(/not shown/);

    const huge = await saveSection(tenant, survey.id, token, 'not-used', { 'why-not': 'x'.repeat(1_000_000) });
    expect(huge.status).toBe(413);
    const long = await saveSection(tenant, survey.id, token, 'not-used', { 'why-not': 'x'.repeat(501) });
    expect(long.status).toBe(400);

    const draft = await api(`${surveyPath(tenant, survey.id)}/draft`, { headers: { 'x-survey-draft': token } });
    expect(draft.body!.answers).toEqual({ 'uses-hub': 'no' });
    // Submitting with a required answer missing is refused too.
    const early = await submitDraft(tenant, survey.id, token);
    expect(early.status).toBe(400);
    expect(early.body!.errors['q_why-not']).toMatch(/Answer “Why have you not used one\?”/);
    expect(byType(await tenantItems(tenant), 'survey-response')).toHaveLength(0);
  });

  it('keeps anonymous responses free of anything that leads back to a person', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const survey = await publishedSurvey(tenant, officer.token);
    const client = '203.0.113.77';
    const token = await startDraft(tenant, survey.id, {}, client);
    await answerYes(tenant, survey.id, token);
    await saveSection(tenant, survey.id, token, 'equality', { eq: { parentRole: 'mum', ethnicity: 'black-african', consent: 'yes' } });
    await submitDraft(tenant, survey.id, token);

    const items = await tenantItems(tenant);
    const stored = JSON.stringify(items.filter((i) => ['survey-response', 'feedback'].includes(i.type as string)));
    expect(stored).not.toContain(client);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain('black-african'); // equality answers become groups, never stored as answers
    for (const item of items.filter((i) => ['survey-response', 'feedback'].includes(i.type as string))) {
      expect(item).not.toHaveProperty('memberId');
      expect(item).not.toHaveProperty('submittedAt');
      expect(item).not.toHaveProperty('receivedAt');
      expect(String(item.id)).toMatch(/^[0-9a-f]{20}$/); // random, not a time-ordered id
    }
    // Nothing anywhere in the tenant holds the client's address in the clear.
    expect(JSON.stringify(items)).not.toContain(client);
  });

  it('limits fresh starts from one client, without storing who they are', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const survey = await publishedSurvey(tenant, officer.token);
    const client = '198.51.100.9';
    for (let i = 0; i < 30; i++) await startDraft(tenant, survey.id, {}, client);
    const refused = await api(`${surveyPath(tenant, survey.id)}/drafts`, { method: 'POST', json: {}, headers: clientHeader(client) });
    expect(refused.status).toBe(429);
    expect(refused.body!.title).toMatch(/Try again in \d+ minutes?\./);
    // Another household is not affected.
    await startDraft(tenant, survey.id, {}, '198.51.100.10');
  });

  it('says a survey is closed after its closing date or when an officer closes it', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const survey = await publishedSurvey(tenant, officer.token);
    const token = await startDraft(tenant, survey.id);
    await answerYes(tenant, survey.id, token);
    const closed = await api(`/tenants/${tenant}/surveys/${survey.id}/close`, { method: 'POST', token: officer.token, json: { version: survey.version } });
    expect(closed.status).toBe(200);
    const late = await submitDraft(tenant, survey.id, token);
    expect(late.status).toBe(409);
    expect(late.body!.title).toMatch(/This survey closed on/);
    const listed = await api(`/tenants/${tenant}/public/surveys`);
    expect(listed.body!.map((s: { id: string }) => s.id)).not.toContain(survey.id);
  });
});
