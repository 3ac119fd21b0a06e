import type { AuditEntry, TenantConfig } from '@pv/shared/config.schema';
import type { Caller } from '@pv/shared/auth.schema';
import { emptyTally, keyOf, perturb, shown } from '@pv/shared/cell-key';
import { DomainError, invalid, notFound } from '@pv/shared/errors';
import type { AttendanceInput, Invitation, Meeting, MeetingInput, MeetingReplyInput, MyInvitation, Participation, SupportKind } from '@pv/shared/panel.schema';
import { auditEntry } from '../audit/audit-entry.ts';
import { auditPut } from '../audit/audit.repository.ts';
import { issueLink, type MemberCaller } from '../member-access/member-access.service.ts';
import { newOutboxMessage, outboxPut } from '../outbox/outbox.repository.ts';
import { transactWrite, type TransactItem } from '../platform/dynamodb.ts';
import { newId, nowIso } from '../platform/ids.ts';
import * as panelsRepo from '../panels/panels.repository.ts';
import { requirePanel } from '../panels/panels.service.ts';
import { monthUpdate, readCounters } from '../representation/representation.repository.ts';
import { getConfig } from '../tenants/tenants.service.ts';
import { meetingInvitation } from './meeting-emails.ts';
import * as repo from './meetings.repository.ts';

/**
 * Panel meetings: an officer schedules one (with the support on offer), invites the panel (an email
 * with a single-use link to reply), members reply, the officer records who came and what support
 * they took up. Attendance feeds each member's "last involved" date and a per-month counter.
 */

function audit(caller: Caller, action: AuditEntry['action'], itemId: string, summary: string): AuditEntry {
  return auditEntry(caller, { action, kind: 'meeting', itemId, summary });
}

export async function requireMeeting(tenantId: string, panelId: string, meetingId: string): Promise<Meeting> {
  const meeting = await repo.getMeeting(tenantId, panelId, meetingId);
  if (!meeting) throw notFound('There is no meeting at this address.');
  return meeting;
}

export async function createMeeting(caller: Caller, tenantId: string, panelId: string, input: MeetingInput): Promise<Meeting> {
  const [config, panel] = await Promise.all([getConfig(tenantId), requirePanel(tenantId, panelId)]);
  if (input.hubId && !config.hub.some((h) => h.id === input.hubId && h.networkId === panel.networkId)) {
    throw invalid({ hubId: 'Choose a Family Hub in this panel’s network' });
  }
  if (input.format !== 'online' && !input.hubId && !input.place) {
    throw invalid({ place: 'Choose a Family Hub or say where the meeting is' });
  }
  const meeting: Meeting = {
    ...input,
    id: newId(),
    panelId,
    invited: 0,
    replies: { yes: 0, no: 0, 'need-support': 0 },
    attended: 0,
    supportTaken: {},
    attendanceRecorded: false,
    version: 1,
    createdAt: nowIso(),
  };
  await transactWrite(
    [repo.meetingPut(tenantId, meeting), auditPut(tenantId, audit(caller, 'create', meeting.id, `Scheduled ‘${meeting.title}’ for ‘${panel.name}’ on ${meeting.date}`))],
    () => new DomainError('conflict', 'This meeting already exists.'),
  );
  return meeting;
}

export async function listMeetings(tenantId: string, panelId: string): Promise<Meeting[]> {
  await requirePanel(tenantId, panelId);
  return (await repo.listMeetings(tenantId, panelId)).sort((a, b) => `${b.date}${b.time}`.localeCompare(`${a.date}${a.time}`));
}

export async function meetingWithInvitations(tenantId: string, panelId: string, meetingId: string) {
  const meeting = await requireMeeting(tenantId, panelId, meetingId);
  const invitations = (await repo.listInvitations(tenantId, meetingId)).sort((a, b) => a.name.localeCompare(b.name));
  return { meeting, invitations };
}

/** Invites every active member not yet invited. Phone-only members are listed for the officer to call. */
export async function inviteMembers(caller: Caller, tenantId: string, panelId: string, meetingId: string) {
  const [config, panel, meeting] = await Promise.all([getConfig(tenantId), requirePanel(tenantId, panelId), requireMeeting(tenantId, panelId, meetingId)]);
  if (meeting.date < nowIso().slice(0, 10)) throw new DomainError('unprocessable', 'This meeting has already happened, so nobody new can be invited.');
  const [members, invitations] = await Promise.all([panelsRepo.listMembers(tenantId, panelId), repo.listInvitations(tenantId, meetingId)]);
  const already = new Set(invitations.map((i) => i.memberId));
  const hub = config.hub.find((h) => h.id === meeting.hubId);
  const where = [hub?.name, meeting.place].filter(Boolean).join(', ');
  let emailed = 0;
  let toPhone = 0;
  const now = nowIso();
  for (const member of members.filter((m) => m.status === 'active' && !already.has(m.id))) {
    const invitation: Invitation = { meetingId, memberId: member.id, name: member.name, supportNeeded: [], note: '', supportTaken: [], invitedAt: now };
    const items: TransactItem[] = [
      repo.invitationPut(tenantId, invitation),
      repo.meetingInvitedCount(tenantId, panelId, meetingId),
      panelsRepo.memberAppend(tenantId, panelId, member.id, 'meetingIds', meetingId),
    ];
    if (member.email && member.preferredChannel === 'email') {
      const link = issueLink(tenantId, 'sign-in', panelId, member.id, `meetings/${meetingId}`);
      const text = meetingInvitation(member.name, panel.name, config.tenant.name, meeting, where, link.url);
      const message = newOutboxMessage(tenantId, { to: member.email, ...text });
      items.push(link.item, outboxPut(message), panelsRepo.memberAppend(tenantId, panelId, member.id, 'outboxIds', message.id));
      emailed++;
    } else {
      toPhone++;
    }
    // Two list_appends on one member item can't share a transaction: fold them into one update.
    await transactWrite(mergeMemberAppends(items), () => new DomainError('conflict', 'Someone else is sending these invitations at the same time.'));
  }
  await transactWrite(
    [auditPut(tenantId, audit(caller, 'invite', meetingId, `Invited ${emailed + toPhone} members to ‘${meeting.title}’`))],
    () => new DomainError('internal', 'Could not record the invitations in the audit log.'),
  );
  return { invited: emailed + toPhone, emailed, toPhone };
}

function mergeMemberAppends(items: TransactItem[]): TransactItem[] {
  const appends = items.filter((i) => i.Update?.UpdateExpression?.startsWith('SET #f = list_append'));
  if (appends.length < 2) return items;
  const first = appends[0]!.Update!;
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':empty': [] };
  const sets = appends.map((a, i) => {
    names[`#f${i}`] = a.Update!.ExpressionAttributeNames!['#f']!;
    values[`:id${i}`] = a.Update!.ExpressionAttributeValues![':id'];
    return `#f${i} = list_append(if_not_exists(#f${i}, :empty), :id${i})`;
  });
  const merged: TransactItem = {
    Update: { ...first, UpdateExpression: `SET ${sets.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values },
  };
  return [...items.filter((i) => !appends.includes(i)), merged];
}

// ---------------------------------------------------------------------------------------------
// Members' side

/** A member's meetings and invitations as stored; read alongside the tenant config, then shaped by myInvitations(). */
export const findMyMeetings = repo.meetingsAndInvitations;

/** A member's view of their meetings, soonest first, with hub names from the config the caller already read. */
export function myInvitations(config: TenantConfig, { meetings, invitations }: Awaited<ReturnType<typeof findMyMeetings>>): MyInvitation[] {
  return meetings
    .map((m): MyInvitation => {
      const inv = invitations.find((i) => i.meetingId === m.id);
      return {
        meetingId: m.id,
        title: m.title,
        date: m.date,
        time: m.time,
        format: m.format,
        place: m.place,
        hubName: config.hub.find((h) => h.id === m.hubId)?.name,
        supportOffered: m.supportOffered,
        reply: inv?.reply,
        supportNeeded: inv?.supportNeeded ?? [],
        note: inv?.note ?? '',
        attended: inv?.attended,
      };
    })
    .sort((a, b) => `${a.date}${a.time}`.localeCompare(`${b.date}${b.time}`));
}

export async function replyToMeeting(me: MemberCaller, meetingId: string, input: MeetingReplyInput): Promise<void> {
  const [meeting, invitation] = await Promise.all([
    requireMeeting(me.tenantId, me.panelId, meetingId),
    repo.getInvitation(me.tenantId, meetingId, me.memberId),
  ]);
  if (!invitation) throw notFound('You were not invited to this meeting.');
  if (meeting.date < nowIso().slice(0, 10)) throw new DomainError('unprocessable', 'This meeting has already happened.');
  const items: TransactItem[] = [
    repo.invitationUpdate(me.tenantId, meetingId, me.memberId, {
      reply: input.reply,
      supportNeeded: input.reply === 'no' ? [] : input.supportNeeded,
      note: input.note,
      repliedAt: nowIso(),
    }),
  ];
  if (invitation.reply !== input.reply) {
    items.push(repo.meetingReplyCount(me.tenantId, me.panelId, meetingId, input.reply, 1));
    if (invitation.reply) items.push(repo.meetingReplyCount(me.tenantId, me.panelId, meetingId, invitation.reply, -1));
  }
  // Both counter updates touch the meeting item: one Update with both.
  await transactWrite(mergeReplyCounts(items), () => new DomainError('conflict', 'Your reply changed in another window. Try again.'));
}

function mergeReplyCounts(items: TransactItem[]): TransactItem[] {
  const counts = items.filter((i) => i.Update?.UpdateExpression?.startsWith('SET replies.#r'));
  if (counts.length < 2) return items;
  const [up, down] = counts.map((c) => c.Update!);
  return [
    items[0]!,
    {
      Update: {
        ...up!,
        UpdateExpression: 'SET replies.#r = if_not_exists(replies.#r, :zero) + :by, replies.#o = if_not_exists(replies.#o, :zero) + :down',
        ExpressionAttributeNames: { '#r': up!.ExpressionAttributeNames!['#r']!, '#o': down!.ExpressionAttributeNames!['#r']! },
        ExpressionAttributeValues: { ':by': 1, ':down': -1, ':zero': 0 },
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Attendance and participation

export async function recordAttendance(caller: Caller, tenantId: string, panelId: string, meetingId: string, input: AttendanceInput): Promise<Meeting> {
  const meeting = await requireMeeting(tenantId, panelId, meetingId);
  if (meeting.version !== input.version) {
    throw new DomainError('conflict', 'Someone else recorded attendance for this meeting while you were. Check their version and try again.', { current: meeting });
  }
  if (meeting.date > nowIso().slice(0, 10)) throw new DomainError('unprocessable', 'You can record attendance on or after the day of the meeting.');
  const invitations = new Map((await repo.listStoredInvitations(tenantId, meetingId)).map((i) => [i.memberId, i]));
  const unknown = input.attendees.find((a) => !invitations.has(a.memberId));
  if (unknown) throw new DomainError('invalid', 'Someone on the list was not invited to this meeting. Reload the page and try again.');
  const meetingDay = `${meeting.date}T${meeting.time}:00.000Z`;
  const month = meeting.date.slice(0, 7);
  for (const a of input.attendees) {
    const before = invitations.get(a.memberId)!;
    const supportTaken = a.attended ? a.supportTaken : [];
    if (before.attended === a.attended && JSON.stringify(before.supportTaken) === JSON.stringify(supportTaken)) continue;
    const items: TransactItem[] = [repo.attendanceUpdate(tenantId, before, a.attended, supportTaken)];
    // An attendance is counted, with its invitation's record key, in the same transaction as the
    // invitation says so: the month's count and key sum always match the invitations.
    const wasCounted = before.attended === true;
    if (wasCounted !== a.attended) {
      const recordKey = wasCounted ? keyOf(before) : await repo.ensureInvitationKey(tenantId, before);
      const sign = a.attended ? 1 : -1;
      items.push(monthUpdate(tenantId, panelId, month, { attended: { n: sign, k: sign * recordKey } }));
    }
    await transactWrite(items, () => new DomainError('conflict', 'An invitation changed while you were recording attendance. Reload the page and try again.'));
    if (a.attended) await panelsRepo.touchMemberInvolvement(tenantId, panelId, a.memberId, meetingDay);
    invitations.set(a.memberId, { ...before, attended: a.attended, supportTaken });
  }
  const all = [...invitations.values()];
  const attended = all.filter((i) => i.attended).length;
  const supportTaken: Partial<Record<SupportKind, number>> = {};
  for (const i of all) for (const s of i.supportTaken ?? []) supportTaken[s] = (supportTaken[s] ?? 0) + 1;
  const after: Meeting = { ...meeting, attended, supportTaken, attendanceRecorded: true, version: meeting.version + 1 };
  await transactWrite(
    [
      repo.meetingPut(tenantId, after, meeting.version),
      ...(meeting.attendanceRecorded ? [] : [monthUpdate(tenantId, panelId, month, { meetings: 1 })]),
      auditPut(tenantId, audit(caller, 'attendance', meetingId, `Recorded attendance at ‘${meeting.title}’: ${attended} came`)),
    ],
    () => new DomainError('conflict', 'Someone else recorded attendance for this meeting at the same time. Reload and check.'),
  );
  return after;
}

/**
 * The last 12 months of meetings and attendance (counters), and how many active members have not
 * been involved for 6 months. Attendances are about people, so each month's figure is published by
 * the cell key method (one month is one block: the same attendances always give the same figure);
 * the number of meetings is not, and is exact.
 */
export async function participation(tenantId: string, panelId: string, now = new Date()): Promise<Participation> {
  const [config, { months }, members] = await Promise.all([getConfig(tenantId), readCounters(tenantId), panelsRepo.listMembers(tenantId, panelId)]);
  const threshold = config.tenant.suppressionThreshold;
  const byMonth = months.get(panelId) ?? new Map();
  const list: Participation['months'] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const month = d.toISOString().slice(0, 7);
    const m = byMonth.get(month);
    const meetings = m?.meetings ?? 0;
    // No meeting that month: nobody could have come, a structural zero that says nothing about anyone.
    list.push({ month, meetings, attended: meetings === 0 ? 0 : shown(perturb(m?.attended ?? emptyTally), threshold) });
  }
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, now.getUTCDate())).toISOString();
  const active = members.filter((m) => m.status === 'active');
  return {
    months: list,
    threshold,
    notInvolvedFor6Months: active.filter((m) => (m.lastInvolvedAt ?? m.joinedAt) < since).length,
    since,
  };
}

/** Erasure: their name and note leave the invitations; the reply and attendance stay as anonymous counts. */
export async function anonymiseInvitationItems(tenantId: string, memberId: string, meetingIds: string[]): Promise<TransactItem[]> {
  const items: TransactItem[] = [];
  for (const meetingId of new Set(meetingIds)) {
    if (await repo.getInvitation(tenantId, meetingId, memberId)) items.push(repo.invitationScrub(tenantId, meetingId, memberId));
  }
  return items;
}
