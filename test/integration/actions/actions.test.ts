import { describe, expect, it } from 'vitest';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { actionKeys } from '../../../functions/src/actions/actions.keys.ts';
import { sendLoopDigests } from '../../../functions/src/actions/closing-the-loop.ts';
import { myMembership } from '../../../functions/src/panels/membership.service.ts';
import { memberAppend } from '../../../functions/src/panels/panels.repository.ts';
import { db, tableName, transactWrite } from '../../../functions/src/platform/dynamodb.ts';
import { feedbackRef } from '../../../functions/src/surveys/member-links.ts';
import { createTheme } from '../../../functions/src/feedback/themes.service.ts';
import { addAssistedMember } from '../../../functions/src/panels/panels.service.ts';
import { comment, seedComments } from '../../support/feedback.ts';
import { publishedFor } from '../../support/cell-key.ts';
import { assistedInput, linkToken, mailTo, officerCaller, testPanel } from '../../support/panels.ts';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

function action(themeIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    youSaid: 'You told us nobody kept in touch while you waited for a referral.',
    weDid: 'Every family waiting for speech and language support now gets a call each month from their Family Hub.',
    status: 'in-progress',
    owner: 'Family Hubs, Mansfield and Ashfield',
    targetOn: '2027-03-31',
    themeIds,
    ...overrides,
  };
}

describe('"you said, we did" actions', () => {
  it('are checked for personal data, approved by a second person, published with suppressed counts, and tell named contributors once a day', async () => {
    const tenant = await freshTenant();
    const drafter = await signedInUser(tenant, 'officer');
    const approver = await signedInUser(tenant, 'officer');
    const panel = await testPanel(tenant);
    const email = `named-${Date.now()}@test.example`;
    const member = await addAssistedMember(officerCaller(tenant), tenant, panel.id, assistedInput({ email, name: 'Jo Bloggs' }));
    const comments = await seedComments(tenant, [
      comment({ text: 'Jo here: nobody rang while we waited. Call me on 07700 900123.', memberId: member.id, panelId: panel.id, groups: ['dads-partners'] }),
      ...Array.from({ length: 5 }, () => comment({ groups: ['dads-partners'], priorityIds: ['parents-mental-health'] })),
      comment({ groups: ['young-parents'] }),
    ]);
    // As logging a conversation with a named member does: the member item lists their comment.
    await transactWrite([memberAppend(tenant, panel.id, member.id, 'surveyItems', feedbackRef(comments[0]!.id))], () => new Error('link failed'));
    const theme = await createTheme(officerCaller(tenant), tenant, { name: 'Told nothing while waiting', description: '' }, comments.map((c) => c.id));
    expect(theme.counts['*']).toBe(7);

    const missing = await api(`/tenants/${tenant}/actions`, { method: 'POST', token: drafter.token, json: { ...action([]), weDid: '' } });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body!.errors)).toEqual(expect.arrayContaining(['weDid', 'themeIds']));
    const created = await api(`/tenants/${tenant}/actions`, { method: 'POST', token: drafter.token, json: action([theme.id], { weDid: 'Jo Bloggs asked for calls, so we ring 07700 900123 monthly.' }) });
    expect(created.status).toBe(201);
    const id = created.body!.id as string;
    const detail = await api(`/tenants/${tenant}/actions/${id}`, { token: drafter.token });
    expect(detail.body!.findings.map((f: { kind: string }) => f.kind).sort()).toEqual(['name', 'phone']);

    // Not public, and can't be sent until each finding is fixed or confirmed.
    expect((await api(`/tenants/${tenant}/public/log/${id}`)).status).toBe(404);
    const blocked = await api(`/tenants/${tenant}/actions/${id}/submit`, { method: 'POST', token: drafter.token, json: { version: 1, confirmed: [] } });
    expect(blocked.status).toBe(422);
    expect(blocked.body!.findings).toHaveLength(2);
    const fixed = await api(`/tenants/${tenant}/actions/${id}`, { method: 'PUT', token: drafter.token, json: { ...action([theme.id]), version: 1 } });
    expect(fixed.body!.state).toBe('draft');
    const stale = await api(`/tenants/${tenant}/actions/${id}`, { method: 'PUT', token: approver.token, json: { ...action([theme.id]), version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body!.current.version).toBe(2);
    const sent = await api(`/tenants/${tenant}/actions/${id}/submit`, { method: 'POST', token: drafter.token, json: { version: 2, confirmed: [] } });
    expect(sent.body!.state).toBe('awaiting-approval');
    const self = await api(`/tenants/${tenant}/actions/${id}/approve`, { method: 'POST', token: drafter.token, json: { version: 3 } });
    expect(self.status).toBe(403);
    const approved = await api(`/tenants/${tenant}/actions/${id}/approve`, { method: 'POST', token: approver.token, json: { version: 3 } });
    expect(approved.status).toBe(200);

    const pub = await api(`/tenants/${tenant}/public/log/${id}`);
    // Counts through the cell key method (from the comments' record keys): 7 comments, 6 from dads.
    const dads = comments.filter((c) => c.groups.includes('dads-partners'));
    expect(pub.body).toMatchObject({
      status: 'in-progress',
      basedOn: publishedFor(comments, undefined, 5),
      networkIds: ['mansfield'],
      hubIds: ['mansfield-town'],
      groups: publishedFor(dads, undefined, 5) === null ? [] : ['dads-partners'],
    });
    expect(Math.abs(pub.body!.basedOn - 7)).toBeLessThanOrEqual(2);
    expect(pub.body!.priorityIds).toContain('parents-mental-health');
    // One young parent: never named.
    expect(pub.body!.groups).not.toContain('young-parents');
    expect(JSON.stringify(pub.body)).not.toMatch(/Jo|07700|memberId|draftedBy|approvedBy/);
    const log = await api(`/tenants/${tenant}/public/log?hub=mansfield-town&priority=parents-mental-health`);
    expect(log.body!.items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(log.body!.counts).toEqual({ feedback: publishedFor(comments.filter((c) => c.priorityIds.includes('parents-mental-health')), undefined, 5), actions: 1, done: 0 });
    const young = await api(`/tenants/${tenant}/public/log?group=young-parents`);
    expect(young.body!.items).toEqual([]);
    expect(young.body!.counts.feedback).toBeNull();

    // The named contributor hears, with a working unsubscribe link; anonymous comments have nobody to tell.
    // (The first email was the welcome to the panel.)
    const mail = (await mailTo(email, 2)).find((m) => m.subject === 'What happened after you told us');
    expect(mail!.text).toContain(`/you-said-we-did/${id}`);
    expect(mail!.text).not.toContain('07700');

    // A status change the same day waits for tomorrow's digest (never two emails a day).
    const edited = await api(`/tenants/${tenant}/actions/${id}`, { method: 'PUT', token: drafter.token, json: { ...action([theme.id]), status: 'done', doneOn: '2026-11-30', update: 'Calls started in every hub.', version: 4 } });
    expect(edited.body!.published.status).toBe('in-progress');
    await api(`/tenants/${tenant}/actions/${id}/submit`, { method: 'POST', token: drafter.token, json: { version: 5, confirmed: [] } });
    await api(`/tenants/${tenant}/actions/${id}/approve`, { method: 'POST', token: approver.token, json: { version: 6 } });
    const done = await api(`/tenants/${tenant}/public/log/${id}`);
    expect(done.body!.timeline.map((t: { status: string }) => t.status)).toEqual(['in-progress', 'done']);
    expect((await api(`/tenants/${tenant}/public/log?status=done`)).body!.counts).toMatchObject({ actions: 1, done: 1 });
    expect((await api(`/tenants/${tenant}/public/log?status=planned`)).body).toMatchObject({ items: [], counts: { actions: 1, done: 1 } });
    expect(await sendLoopDigests(tenant)).toMatchObject({ sent: 0 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await mailTo(email)).toHaveLength(2);
    // Tomorrow (today's marker gone), the digest goes out with the change.
    await db().send(new DeleteCommand({ TableName: tableName(), Key: actionKeys.loopDay(tenant, member.id, new Date().toISOString().slice(0, 10)) }));
    expect(await sendLoopDigests(tenant)).toMatchObject({ sent: 1 });
    const digest = (await mailTo(email, 3)).at(-1)!;
    expect(digest.text).toContain('Where it is now: Done');
    expect(await sendLoopDigests(tenant)).toMatchObject({ sent: 0 });

    const mine = await myMembership({ tenantId: tenant, panelId: panel.id, memberId: member.id, sessionToken: 'unused' });
    expect(mine.actions).toEqual([expect.objectContaining({ id, status: 'done' })]);
    expect(mine.loopEmails).toBe(true);

    const unsubscribed = await api(`/tenants/${tenant}/membership/unsubscribe`, { method: 'POST', json: { token: linkToken(mail!) } });
    expect(unsubscribed.status).toBe(204);
    expect((await api(`/tenants/${tenant}/membership/unsubscribe`, { method: 'POST', json: { token: linkToken(mail!) } })).status).toBe(204);
    expect((await myMembership({ tenantId: tenant, panelId: panel.id, memberId: member.id, sessionToken: 'unused' })).loopEmails).toBe(false);
    expect((await api(`/tenants/${tenant}/membership/unsubscribe`, { method: 'POST', json: { token: 'x'.repeat(43) } })).status).toBe(404);
  });

  it('keeps drafts off the public log and partners and other partnerships out', async () => {
    const tenant = await freshTenant();
    const other = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const partner = await signedInUser(tenant, 'partner');
    const stranger = await signedInUser(other, 'officer');
    const comments = await seedComments(tenant, [comment()]);
    const theme = await createTheme(officerCaller(tenant), tenant, { name: 'Parking', description: '' }, comments.map((c) => c.id));
    const created = await api(`/tenants/${tenant}/actions`, { method: 'POST', token: officer.token, json: action([theme.id]) });
    expect((await api(`/tenants/${tenant}/public/log`)).body!.items).toEqual([]);
    expect((await api(`/tenants/${tenant}/actions`, { token: partner.token })).status).toBe(403);
    expect((await api(`/tenants/${tenant}/actions/${created.body!.id}`, { token: stranger.token })).status).toBe(403);
    expect((await api(`/tenants/${other}/actions/${created.body!.id}`, { token: stranger.token })).status).toBe(404);
    expect((await api(`/tenants/${other}/public/log/${created.body!.id}`)).status).toBe(404);
  });
});
