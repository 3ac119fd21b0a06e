import { afterEach, describe, expect, it, vi } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry } from '@pv/shared/config.schema';
import { auditPut, listAudit } from '../../../functions/src/audit/audit.repository.ts';
import { createMeeting, inviteMembers, recordAttendance } from '../../../functions/src/meetings/meetings.service.ts';
import { leavePanel, saveMyProfile } from '../../../functions/src/panels/membership.service.ts';
import { addAssistedMember, join } from '../../../functions/src/panels/panels.service.ts';
import { getPanel, listMembers } from '../../../functions/src/panels/panels.repository.ts';
import { db, tableName, transactWrite } from '../../../functions/src/platform/dynamodb.ts';
import { newId } from '../../../functions/src/platform/ids.ts';
import { rebuildRepresentation } from '../../../functions/src/representation/recount.service.ts';
import { readCounters } from '../../../functions/src/representation/representation.repository.ts';
import { addDays, addMonths, addYears } from '../../../functions/src/retention/retention.dates.ts';
import { runRetention } from '../../../functions/src/retention/retention.service.ts';
import { getSurvey, results } from '../../../functions/src/surveys/surveys.service.ts';
import { getConfig, updateTenantSettings } from '../../../functions/src/tenants/tenants.service.ts';
import { assistedInput, joiner, officerCaller, tenantItems, testPanel } from '../../support/panels.ts';
import { answerYes, publishedSurvey, startDraft, submitDraft } from '../../support/surveys.ts';
import { freshTenant, signedInUser } from '../../support/tenants.ts';

/**
 * The retention job against the real table (issue 14, item 8). Records are made now; the job is run
 * with a `now` later than the periods ("moving the clock"). A record that must still be there is
 * made with the clock moved forward too (`at`), so it is recent when the job runs.
 */

const DAY = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
/** Noon UTC on a calendar day: the job's `now`. */
const noon = (day: string) => new Date(`${day}T12:00:00.000Z`);

/** Runs `work` with the process clock (Date only) at `when`; the DynamoDB calls still go through. */
async function at<T>(when: Date, work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(when);
  try {
    return await work();
  } finally {
    vi.useRealTimers();
  }
}
afterEach(() => vi.useRealTimers());

const partition = async (tenant: string, pk: string) => (await tenantItems(tenant)).filter((i) => i.PK === pk);
const responsesOf = (tenant: string, survey: string) => partition(tenant, `TENANT#${tenant}#SURVEY#${survey}#RESP`);
const profilePartition = (tenant: string, member: string) => partition(tenant, `TENANT#${tenant}#PROFILE#${member}`);
const outboxItem = async (tenant: string, id: string) =>
  (await db().send(new GetCommand({ TableName: tableName(), Key: { PK: `TENANT#${tenant}#OUTBOX#${id}`, SK: 'OUTBOX' }, ConsistentRead: true }))).Item;
const memberById = async (tenant: string, panel: string, id: string) => (await listMembers(tenant, panel)).find((m) => m.id === id);
const memberByEmail = async (tenant: string, panel: string, email: string) => (await listMembers(tenant, panel)).find((m) => m.email === email);
const keysOf = (items: Record<string, unknown>[]) => items.map((i) => `${String(i.PK)}|${String(i.SK)}`).sort();

/** Every non-empty representation counter, as the recount test reads them. */
async function counters(tenant: string) {
  const { counts, months } = await readCounters(tenant);
  const flat: Record<string, unknown> = {};
  for (const [scope, m] of counts) for (const [what, t] of m) if (t.n !== 0 || t.k !== 0) flat[`${scope}#${what}`] = t;
  for (const [panel, m] of months) for (const [month, c] of m) if (c.attended.n !== 0 || c.attended.k !== 0 || c.meetings !== 0) flat[`${panel}#${month}`] = c;
  return flat;
}

async function setRetention(tenant: string, periods: Record<string, number>) {
  const t = (await getConfig(tenant)).tenant;
  const admin = { sub: `admin-${tenant}`, email: `admin@${tenant}.example`, tenantId: tenant, roles: ['admin' as const] };
  const { name, strategy, about, suppressionThreshold, safeguardingContact, staffIdleMinutes } = t;
  await updateTenantSettings(admin, tenant, t.version, { name, strategy, about, suppressionThreshold, safeguardingContact, staffIdleMinutes, ...periods });
}

/** A survey closing on `closesOn` with `count` submitted responses (through the public API). */
async function surveyWithResponses(tenant: string, officerToken: string, closesOn: string, count: number) {
  const survey = await publishedSurvey(tenant, officerToken, { closesOn });
  for (let i = 0; i < count; i++) {
    const token = await startDraft(tenant, survey.id);
    await answerYes(tenant, survey.id, token, `Answer ${i}`);
    const submitted = await submitDraft(tenant, survey.id, token);
    if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  }
  return survey;
}

/** A member who joined through an officer and then left (at the process clock's time). */
async function memberWhoLeft(tenant: string, panelId: string) {
  const m = await addAssistedMember(officerCaller(tenant), tenant, panelId, assistedInput({ hubId: 'warsop' }), { welcomeEmail: false });
  const me = { tenantId: tenant, panelId, memberId: m.id, sessionToken: '' };
  await saveMyProfile(me, { consent: true, parentRole: 'dad', mainLanguage: 'english' });
  await leavePanel(me);
  return m.id;
}

describe('the retention job', () => {
  it("deletes a closed survey's responses the day after its period ends, keeps the totals, and keeps a recently closed survey's responses", async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const old = await surveyWithResponses(tenant, officer.token, addDays(today(), 1), 3);
    const recent = await surveyWithResponses(tenant, officer.token, addDays(today(), 60), 2);
    const totals = await results(tenant, old.id, {});
    expect((await getSurvey(tenant, old.id)).responseCount).toBe(3);
    expect(await responsesOf(tenant, old.id)).toHaveLength(3);

    // Kept until the end of the day 24 months after closing…
    const lastDay = addMonths(addDays(today(), 1), 24);
    await runRetention(noon(lastDay), [tenant]);
    expect(await responsesOf(tenant, old.id)).toHaveLength(3);

    // …and gone the day after. The totals stay, and so does the count of responses.
    const [run] = await runRetention(noon(addDays(lastDay, 1)), [tenant]);
    expect(await responsesOf(tenant, old.id)).toHaveLength(0);
    expect(run!.counts.responsesDeleted).toBeGreaterThanOrEqual(3);
    expect(await results(tenant, old.id, {})).toEqual(totals);
    expect((await getSurvey(tenant, old.id)).responseCount).toBe(3);
    // Closed ~22 months before that run: its answers stay.
    expect(await responsesOf(tenant, recent.id)).toHaveLength(2);
  });

  it('erases a join nobody confirmed after 30 days through the erase path, keeps a newer one, and the counters still equal a recount', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const active = await addAssistedMember(officerCaller(tenant), tenant, panel.id, assistedInput(), { welcomeEmail: false });
    const oldJoin = joiner();
    await join(tenant, panel.id, oldJoin as never, newId());
    const stale = (await memberByEmail(tenant, panel.id, String(oldJoin.email)))!;
    const runAt = noon(addDays(today(), 31));
    const newJoin = joiner();
    await at(new Date(runAt.getTime() - 5 * DAY), () => join(tenant, panel.id, newJoin as never, newId()));
    const fresh = (await memberByEmail(tenant, panel.id, String(newJoin.email)))!;
    expect(stale.status).toBe('pending');
    expect(await profilePartition(tenant, stale.id)).not.toHaveLength(0); // the consent given when joining
    expect(stale.outboxIds).toHaveLength(1);
    const pendingBefore = (await getPanel(tenant, panel.id))!.pendingCount;

    const [run] = await runRetention(runAt, [tenant]);

    expect(await memberById(tenant, panel.id, stale.id)).toBeUndefined();
    // The erase path, not only the member item: consent ledger and the copy of the email we sent go too.
    expect(await profilePartition(tenant, stale.id)).toHaveLength(0);
    expect(await outboxItem(tenant, stale.outboxIds![0]!)).toBeUndefined();
    expect(await memberById(tenant, panel.id, fresh.id)).toMatchObject({ status: 'pending' });
    expect(await memberById(tenant, panel.id, active.id)).toMatchObject({ status: 'active' });
    expect((await getPanel(tenant, panel.id))!.pendingCount).toBe(pendingBefore! - 1);
    expect(run!.counts.unconfirmedErased).toBeGreaterThanOrEqual(1);

    const live = await counters(tenant);
    await rebuildRepresentation(await getConfig(tenant));
    expect(await counters(tenant)).toEqual(live);
  });

  it('erases a member who left more than 12 months ago, keeps one who left recently, keeps their attendance counted, and a second run changes nothing', async () => {
    const tenant = await freshTenant();
    const panel = await testPanel(tenant);
    const caller = officerCaller(tenant);
    const longGone = await memberWhoLeft(tenant, panel.id);
    const stayer = await addAssistedMember(caller, tenant, panel.id, assistedInput({ hubId: 'warsop' }), { welcomeEmail: false });
    // The stayer came to a meeting with the one who will leave: attendance stays counted after the erase.
    const leaver = await addAssistedMember(caller, tenant, panel.id, assistedInput({ hubId: 'warsop' }), { welcomeEmail: false });
    const meeting = await createMeeting(caller, tenant, panel.id, { title: 'Spring panel', date: today(), time: '10:00', hubId: 'warsop', format: 'in-person', place: '', supportOffered: [] });
    await inviteMembers(caller, tenant, panel.id, meeting.id);
    await recordAttendance(caller, tenant, panel.id, meeting.id, {
      version: meeting.version,
      attendees: [stayer.id, leaver.id].map((memberId) => ({ memberId, attended: true, supportTaken: [] })),
    });
    await leavePanel({ tenantId: tenant, panelId: panel.id, memberId: leaver.id, sessionToken: '' });

    const runAt = noon(addDays(addMonths(today(), 12), 1));
    const recentLeaver = await at(new Date(runAt.getTime() - 30 * DAY), () => memberWhoLeft(tenant, panel.id));
    const attendedBefore = (await counters(tenant))[`${panel.id}#${today().slice(0, 7)}`];
    expect(attendedBefore).toMatchObject({ attended: { n: 2 }, meetings: 1 });
    expect(await profilePartition(tenant, longGone)).not.toHaveLength(0); // withdrawn consents, written on leaving

    const [first] = await runRetention(runAt, [tenant]);

    expect(await memberById(tenant, panel.id, longGone)).toBeUndefined();
    expect(await memberById(tenant, panel.id, leaver.id)).toBeUndefined();
    expect(await profilePartition(tenant, longGone)).toHaveLength(0);
    expect(await memberById(tenant, panel.id, recentLeaver)).toMatchObject({ status: 'left' });
    expect(await profilePartition(tenant, recentLeaver)).not.toHaveLength(0);
    expect(await memberById(tenant, panel.id, stayer.id)).toMatchObject({ status: 'active' });
    expect(first!.counts.leftMembersErased).toBeGreaterThanOrEqual(2);
    // Nobody's name on the invitation any more, but the attendance is still counted.
    expect((await counters(tenant))[`${panel.id}#${today().slice(0, 7)}`]).toEqual(attendedBefore);
    const live = await counters(tenant);
    await rebuildRepresentation(await getConfig(tenant));
    expect(await counters(tenant)).toEqual(live);

    // Idempotent: a second run at the same moment finds nothing due and deletes nothing.
    const nonAudit = async () => keysOf((await tenantItems(tenant)).filter((i) => i.type !== 'audit'));
    const before = await nonAudit();
    const [second] = await runRetention(runAt, [tenant]);
    expect(second!.counts).toEqual({ surveysCleared: 0, responsesDeleted: 0, unconfirmedErased: 0, leftMembersErased: 0, membersSkipped: 0, auditEntriesDeleted: 0 });
    expect(await nonAudit()).toEqual(before);
  });

  it('deletes audit entries older than six years, keeps newer ones, and records each run with its counts', async () => {
    const tenant = await freshTenant();
    const cutoffDay = addYears(today(), -6);
    const entry = (at: string): AuditEntry => ({
      id: newId(),
      at,
      actor: { sub: 'someone', email: 'someone@test.example' },
      action: 'update',
      kind: 'tenant',
      itemId: tenant,
      changes: { about: ['before', 'after'] },
    });
    const tooOld = entry(`${addDays(cutoffDay, -1)}T23:59:59.000Z`);
    const justKept = entry(`${cutoffDay}T00:00:00.000Z`);
    await transactWrite([auditPut(tenant, tooOld), auditPut(tenant, justKept)], () => new Error('audit put failed'));
    const ids = async () => (await listAudit(tenant, 1000)).items.map((i) => i.id);
    expect(await ids()).toEqual(expect.arrayContaining([tooOld.id, justKept.id]));

    const [run] = await runRetention(noon(today()), [tenant]);

    expect(await ids()).not.toContain(tooOld.id);
    expect(await ids()).toContain(justKept.id);
    expect(run!.counts.auditEntriesDeleted).toBe(1);
    const recorded = (await listAudit(tenant, 1000)).items.filter((i) => i.kind === 'retention');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      actor: { sub: 'retention-job' },
      action: 'delete',
      itemId: today(),
      changes: { auditEntriesDeleted: [null, 1], responsesDeleted: [null, run!.counts.responsesDeleted] },
    });
    expect(recorded[0]!.summary).toMatch(/1 old audit entries deleted/);
  });

  it("gives a sent email's copy an expiry (DynamoDB TTL) of the partnership's period after sending", async () => {
    const custom = await freshTenant();
    const usual = await freshTenant();
    await setRetention(custom, { keepSentMessagesDays: 14 });
    const sentCopy = async (tenant: string) => {
      const panel = await testPanel(tenant);
      const details = joiner();
      await join(tenant, panel.id, details as never, newId());
      const id = (await memberByEmail(tenant, panel.id, String(details.email)))!.outboxIds![0]!;
      // The local stream poller plays the outbox Lambda; wait for it to mark the message sent.
      for (let i = 0; i < 300; i++) {
        const item = await outboxItem(tenant, id);
        if (item?.state === 'sent') return item;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('The message was not sent');
    };
    const kept = (item: Record<string, unknown>) => Number(item.expiresAt) - Math.floor(Date.parse(String(item.sentAt)) / 1000);
    expect(kept(await sentCopy(custom))).toBeGreaterThanOrEqual(14 * 86_400 - 2);
    expect(kept(await sentCopy(custom))).toBeLessThanOrEqual(14 * 86_400 + 2);
    const usualKept = kept(await sentCopy(usual));
    expect(usualKept).toBeGreaterThanOrEqual(90 * 86_400 - 2);
    expect(usualKept).toBeLessThanOrEqual(90 * 86_400 + 2);
  });

  it("honours a partnership's shorter periods and never touches another partnership's data", async () => {
    const short = await freshTenant();
    const usual = await freshTenant();
    await setRetention(short, { keepResponsesMonths: 6, keepLeftMembersMonths: 1 });
    const setUp = async (tenant: string) => {
      const officer = await signedInUser(tenant, 'officer');
      const survey = await surveyWithResponses(tenant, officer.token, addDays(today(), 1), 2);
      const panel = await testPanel(tenant);
      return { survey, panel, leaver: await memberWhoLeft(tenant, panel.id) };
    };
    const s = await setUp(short);
    const u = await setUp(usual);

    // Seven months on: past the short partnership's 6 and 1 months, well inside the usual 24 and 12.
    const runAt = noon(addMonths(today(), 7));
    const runs = await runRetention(runAt, [short, usual]);
    expect(await responsesOf(short, s.survey.id)).toHaveLength(0);
    expect(await memberById(short, s.panel.id, s.leaver)).toBeUndefined();
    expect(await responsesOf(usual, u.survey.id)).toHaveLength(2);
    expect(await memberById(usual, u.panel.id, u.leaver)).toMatchObject({ status: 'left' });
    expect(runs.find((r) => r.tenantId === short)!.counts.leftMembersErased).toBeGreaterThanOrEqual(1);

    // Years later everything of the usual partnership is due too; a run for the short one alone leaves it be.
    const before = keysOf(await tenantItems(usual));
    await runRetention(noon(addYears(today(), 7)), [short]);
    expect(keysOf(await tenantItems(usual))).toEqual(before);
    expect(await responsesOf(usual, u.survey.id)).toHaveLength(2);
    // …and its own run then does delete them: the data was due, so the check above could fail.
    await runRetention(noon(addYears(today(), 7)), [usual]);
    expect(await responsesOf(usual, u.survey.id)).toHaveLength(0);
    expect(await memberById(usual, u.panel.id, u.leaver)).toBeUndefined();
  });
});
