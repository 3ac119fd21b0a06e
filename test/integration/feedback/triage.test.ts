import { describe, expect, it } from 'vitest';
import { updateTenantSettings, getConfig } from '../../../functions/src/tenants/tenants.service.ts';
import { recountFeedback, liveFeedbackCounters } from '../../../functions/src/feedback/recount.service.ts';
import { createTheme } from '../../../functions/src/feedback/themes.service.ts';
import { comment, seedComments } from '../../support/feedback.ts';
import { mailTo, officerCaller, tenantItems } from '../../support/panels.ts';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

describe('feedback triage', () => {
  it('lists untagged new comments first, suggests priorities with the words that matched, and keeps the tab counts right', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const [untagged, tagged] = await seedComments(tenant, [
      comment({ text: 'I felt so anxious and lonely after the birth, and the waiting list for counselling was months.' }),
      comment({ text: 'More stay and play sessions please', priorityIds: ['early-experiences-chat-play-read-and-learn'] }),
    ]);
    const queue = await api(`/tenants/${tenant}/feedback?status=new`, { token: officer.token });
    expect(queue.status).toBe(200);
    expect(queue.body!.items.map((i: { id: string }) => i.id)).toEqual([untagged!.id, tagged!.id]);
    expect(queue.body!.counts).toEqual({ untagged: 1, new: 2, reviewed: 0, 'not-relevant': 0 });
    const first = queue.body!.items[0];
    expect(first).not.toHaveProperty('memberId');
    const mental = first.suggestions.find((s: { priorityId: string }) => s.priorityId === 'parents-mental-health');
    expect(mental.because).toEqual(expect.arrayContaining(['anxious', 'lonely', 'counselling', 'waiting list']));
    expect(first.suggestions.some((s: { priorityId: string }) => s.priorityId === 'preparing-to-be-parents-and-healthy-beginnings')).toBe(true);

    // Accept one suggestion, turn down the other: it is reviewed and not suggested again.
    const saved = await api(`/tenants/${tenant}/feedback/${untagged!.id}/tags`, {
      method: 'PUT',
      token: officer.token,
      json: { version: 1, priorityIds: ['parents-mental-health'], crossCuttingIds: ['think-dad'], dismissed: ['preparing-to-be-parents-and-healthy-beginnings'] },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ status: 'reviewed', priorityIds: ['parents-mental-health'], version: 2, suggestions: [] });
    const stale = await api(`/tenants/${tenant}/feedback/${untagged!.id}/tags`, { method: 'PUT', token: officer.token, json: { version: 1, priorityIds: [], crossCuttingIds: [], dismissed: [] } });
    expect(stale.status).toBe(409);
    expect(stale.body!.current.version).toBe(2);
    const bad = await api(`/tenants/${tenant}/feedback/${untagged!.id}/tags`, { method: 'PUT', token: officer.token, json: { version: 2, priorityIds: ['made-up'], crossCuttingIds: [], dismissed: [] } });
    expect(bad.body!.errors.priorityIds).toMatch(/Choose priorities/);

    const notRelevant = await api(`/tenants/${tenant}/feedback/${tagged!.id}/status`, { method: 'POST', token: officer.token, json: { version: 1, status: 'not-relevant' } });
    expect(notRelevant.body!.status).toBe('not-relevant');
    const after = await api(`/tenants/${tenant}/feedback?status=reviewed`, { token: officer.token });
    expect(after.body!.counts).toEqual({ untagged: 0, new: 0, reviewed: 1, 'not-relevant': 1 });
    expect(after.body!.items.map((i: { id: string }) => i.id)).toEqual([untagged!.id]);
    expect(await liveFeedbackCounters(tenant)).toEqual(await recountFeedback(tenant));
  });

  it('filters, and applies bulk actions to a chosen set, counters staying equal to a recount', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const comments = await seedComments(tenant, [
      ...Array.from({ length: 6 }, (_, i) => comment({ text: `Dads group ${i} at the hub`, groups: ['dads-partners'] })),
      ...Array.from({ length: 3 }, () => comment({ text: 'Parking at Worksop is hard', hubIds: ['worksop'], networkId: 'bassetlaw' })),
    ]);
    const dads = await api(`/tenants/${tenant}/feedback?status=new&group=dads-partners&limit=4`, { token: officer.token });
    expect(dads.body!.items).toHaveLength(4);
    const rest = await api(`/tenants/${tenant}/feedback?status=new&group=dads-partners&limit=4&cursor=${dads.body!.next}`, { token: officer.token });
    expect(rest.body!.items).toHaveLength(2);
    expect((await api(`/tenants/${tenant}/feedback?status=new&q=parking`, { token: officer.token })).body!.items).toHaveLength(3);

    const ids = comments.slice(0, 6).map((c) => c.id);
    const bulk = await api(`/tenants/${tenant}/feedback-bulk`, { method: 'POST', token: officer.token, json: { ids, action: 'add-priority', priorityId: 'building-strong-relationships' } });
    expect(bulk.body).toEqual({ changed: 6, unchanged: 0, skipped: 0 });
    const again = await api(`/tenants/${tenant}/feedback-bulk`, { method: 'POST', token: officer.token, json: { ids, action: 'add-priority', priorityId: 'building-strong-relationships' } });
    expect(again.body).toEqual({ changed: 0, unchanged: 6, skipped: 0 });
    const noPriority = await api(`/tenants/${tenant}/feedback-bulk`, { method: 'POST', token: officer.token, json: { ids, action: 'add-priority' } });
    expect(noPriority.body!.errors.priorityId).toMatch(/Choose a priority/);
    expect(await liveFeedbackCounters(tenant)).toEqual(await recountFeedback(tenant));
    const counters = await liveFeedbackCounters(tenant);
    expect(counters.get('ALL')!.get('p:building-strong-relationships|n:mansfield|g:dads-partners')).toBe(6);
  });

  it('routes a safeguarding concern to the named contact only, out of every list and count', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const lead = await signedInUser(tenant, 'officer');
    const [worrying] = await seedComments(tenant, [comment({ text: 'My partner hits me when the baby cries.' })]);
    await updateTenantSettings(officerCaller(tenant), tenant, 1, { ...(await getConfig(tenant)).tenant, safeguardingContact: lead.caller.email });
    const noReason = await api(`/tenants/${tenant}/feedback/${worrying!.id}/safeguarding`, { method: 'POST', token: officer.token, json: { version: 1 } });
    expect(noReason.status).toBe(400);
    const flagged = await api(`/tenants/${tenant}/feedback/${worrying!.id}/safeguarding`, { method: 'POST', token: officer.token, json: { version: 1, reason: 'Disclosure of domestic abuse' } });
    expect(flagged.status).toBe(204);
    expect((await api(`/tenants/${tenant}/feedback/${worrying!.id}`, { token: officer.token })).status).toBe(404);
    const queue = await api(`/tenants/${tenant}/feedback?status=new`, { token: officer.token });
    expect(queue.body!.items).toEqual([]);
    expect(queue.body!.counts.new).toBe(0);
    expect((await api(`/tenants/${tenant}/safeguarding`, { token: officer.token })).status).toBe(403);
    const list = await api(`/tenants/${tenant}/safeguarding`, { token: lead.token });
    expect(list.body!.items).toHaveLength(1);
    expect(list.body!.items[0]).toMatchObject({ text: 'My partner hits me when the baby cries.', flag: { reason: 'Disclosure of domestic abuse', by: officer.caller.email } });
    const [mail] = await mailTo(lead.caller.email);
    expect(mail!.text).toContain('/officer/safeguarding');
    expect(mail!.text).not.toContain('hits me');
    const handled = await api(`/tenants/${tenant}/safeguarding/${worrying!.id}/handled`, { method: 'POST', token: lead.token, json: { version: 2, note: 'Referred to MASH' } });
    expect(handled.status).toBe(204);
    expect(await liveFeedbackCounters(tenant)).toEqual(await recountFeedback(tenant));
    // The comment is in no index anyone else reads.
    const stored = (await tenantItems(tenant)).find((i) => i.type === 'feedback')!;
    expect(stored.GSI1PK).toBeUndefined();
    expect(stored.GSI2PK).toBe(`TENANT#${tenant}#SAFEGUARDING`);
  });

  it('refuses a quote with what parents really write that identifies someone, storing nothing (issue 14 §6)', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const text =
      'Dr Patel at Kings Mill was lovely. My health visitor Sarah at Warsop never rang back. My son Alfie, NHS number 943 476 5919, was born on 3 March 2024; we live on Eakring Road and I am the only dad at the Tuesday group in Cotgrave.';
    const [said] = await seedComments(tenant, [comment({ text })]);
    await createTheme(officerCaller(tenant), tenant, { name: 'Health visiting', description: '' }, [said!.id]);
    const before = (await api(`/tenants/${tenant}/feedback/${said!.id}`, { token: officer.token })).body!;
    for (const [quote, finding] of [
      ['Dr Patel at Kings Mill was lovely.', /Dr Patel.*a person’s name/],
      ['My health visitor Sarah at Warsop never rang back.', /Sarah.*a first name/],
      ['My son Alfie … was born on 3 March 2024', /Alfie.*a child’s name.*born on 3 March 2024.*date of birth|born on 3 March 2024.*date of birth.*Alfie.*a child’s name/],
      ['NHS number 943 476 5919', /943 476 5919.*an NHS number/],
      ['we live on Eakring Road', /Eakring Road.*a street address/],
      ['I am the only dad at the Tuesday group in Cotgrave.', /only dad at the Tuesday group in Cotgrave.*pick out one person/],
    ] as const) {
      const refused = await api(`/tenants/${tenant}/feedback/${said!.id}/quote`, { method: 'PUT', token: officer.token, json: { version: before.version, text: quote } });
      expect(refused.status, quote).toBe(400);
      expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
      expect(refused.body!.errors.text, quote).toMatch(finding);
    }
    const after = (await api(`/tenants/${tenant}/feedback/${said!.id}`, { token: officer.token })).body!;
    expect(after.version).toBe(before.version);
    expect(after.quote).toBeUndefined();
    // Words with nothing that identifies anyone are taken.
    const ok = await api(`/tenants/${tenant}/feedback/${said!.id}/quote`, { method: 'PUT', token: officer.token, json: { version: before.version, text: 'never rang back.' } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    // Taken, but only to wait for a second officer's approval.
    expect(ok.body!.quote).toMatchObject({ text: 'never rang back.', state: 'awaiting-approval', by: officer.caller.email });
  });

  it('keeps partners and other partnerships out', async () => {
    const tenant = await freshTenant();
    const other = await freshTenant();
    const [c] = await seedComments(tenant, [comment()]);
    const partner = await signedInUser(tenant, 'partner');
    const stranger = await signedInUser(other, 'officer');
    expect((await api(`/tenants/${tenant}/feedback`, { token: partner.token })).status).toBe(403);
    expect((await api(`/tenants/${tenant}/feedback/${c!.id}`, { token: stranger.token })).status).toBe(403);
    expect((await api(`/tenants/${other}/feedback/${c!.id}`, { token: stranger.token })).status).toBe(404);
    const bulk = await api(`/tenants/${other}/feedback-bulk`, { method: 'POST', token: stranger.token, json: { ids: [c!.id], action: 'not-relevant' } });
    expect(bulk.body).toEqual({ changed: 0, unchanged: 0, skipped: 1 });
  });
});
