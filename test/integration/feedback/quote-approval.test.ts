import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Feedback, Quote } from '@pv/shared/feedback.schema';
import { changeWrites, getFeedback } from '../../../functions/src/feedback/feedback.repository.ts';
import { createTheme } from '../../../functions/src/feedback/themes.service.ts';
import { transactWrite } from '../../../functions/src/platform/dynamodb.ts';
import { routes } from '../../../functions/src/routes.ts';
import { getConfig, updateTenantSettings } from '../../../functions/src/tenants/tenants.service.ts';
import { comment, seedComments } from '../../support/feedback.ts';
import { addAssistedMember } from '../../../functions/src/panels/panels.service.ts';
import { assistedInput, officerCaller, tenantItems, testPanel } from '../../support/panels.ts';
import { api, freshTenant, signedInUser, type TestUser } from '../../support/tenants.ts';

/**
 * Issue 14 §6: quotes need a second officer's approval, as actions do. A quote one officer writes
 * (or changes) reaches no partner or public route until a different officer or an admin approves
 * it; whoever wrote the words cannot approve them; approval runs the personal-data check again.
 */

type Res = Awaited<ReturnType<typeof api>>;

async function quotesOnThemePage(tenant: string, themeId: string, partner: TestUser): Promise<string[]> {
  const res = await api(`/tenants/${tenant}/insight/themes/${themeId}`, { token: partner.token });
  expect(res.status).toBe(200);
  return (res.body!.quotes as { text: string }[]).map((q) => q.text);
}

const feedbackOf = async (tenant: string, id: string, user: TestUser) => (await api(`/tenants/${tenant}/feedback/${id}`, { token: user.token })).body!;
const setQuote = (tenant: string, id: string, user: TestUser, version: number, text: string) =>
  api(`/tenants/${tenant}/feedback/${id}/quote`, { method: 'PUT', token: user.token, json: { version, text } });
const approve = (tenant: string, id: string, user: TestUser, version: number) => api(`/tenants/${tenant}/feedback/${id}/quote/approve`, { method: 'POST', token: user.token, json: { version } });
const sendBack = (tenant: string, id: string, user: TestUser, version: number, reason: string) =>
  api(`/tenants/${tenant}/feedback/${id}/quote/return`, { method: 'POST', token: user.token, json: { version, reason } });
const waiting = async (tenant: string, user: TestUser) => ((await api(`/tenants/${tenant}/quotes-waiting`, { token: user.token })).body!.items as { feedbackId: string }[]).map((q) => q.feedbackId);

function expectRefused(res: Res, status: number, title: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  expect(res.body!.title).toMatch(title);
}

/** Stores a quote as an older version of the service would have (no state, or unchecked words). */
async function storeQuote(tenant: string, id: string, quote: Quote): Promise<void> {
  const before = (await getFeedback(tenant, id))!;
  const after: Feedback = { ...before, quote, version: before.version + 1 };
  await transactWrite(changeWrites(tenant, [{ before, after }]), () => new Error('store failed'));
}

describe('quotes need a second officer’s approval (issue 14 §6)', () => {
  it('keeps a new quote off every partner and public route until another officer approves it', async () => {
    const tenant = await freshTenant();
    const [officerA, officerB, partner, admin] = await Promise.all([
      signedInUser(tenant, 'officer'),
      signedInUser(tenant, 'officer'),
      signedInUser(tenant, 'partner'),
      signedInUser(tenant, 'admin'),
    ]);
    const run = randomUUID().slice(0, 8);
    const marker = `QUOTE${run}`;
    const twin = `TWIN${run}`;
    const [said, other] = await seedComments(tenant, [
      comment({ text: `${marker} we waited months for a referral and nobody kept in touch.` }),
      comment({ text: `${twin} the stay and play at the hub is brilliant.` }),
    ]);
    const theme = await createTheme(officerCaller(tenant), tenant, { name: 'Waiting for help', description: '' }, [said!.id, other!.id]);

    // The twin: written by A, approved by B, so the walk below provably reaches quotes.
    const twinSaved = await setQuote(tenant, other!.id, officerA, (await feedbackOf(tenant, other!.id, officerA)).version, `${twin} the stay and play at the hub is brilliant.`);
    expect(twinSaved.status, JSON.stringify(twinSaved.body)).toBe(200);
    expect((await approve(tenant, other!.id, officerB, twinSaved.body!.version)).status).toBe(200);

    const saved = await setQuote(tenant, said!.id, officerA, (await feedbackOf(tenant, said!.id, officerA)).version, `${marker} we waited months … nobody kept in touch.`);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body!.quote).toMatchObject({ state: 'awaiting-approval', by: officerA.caller.email });
    expect(await waiting(tenant, officerB)).toEqual([said!.id]);

    // Every readable route, as no one and as a partner: the twin is there, the waiting quote is not.
    const values: Record<string, string> = { tenantId: tenant, themeId: theme.id, feedbackId: said!.id };
    const urls = routes
      .filter((r) => r.method === 'GET' && [...r.path.matchAll(/\{(\w+)\}/g)].every((m) => m[1]! in values))
      .map((r) => r.path.replace(/\{(\w+)\}/g, (_, n: string) => values[n]!));
    const walk = async () => {
      const seen = { marker: [] as string[], twin: [] as string[] };
      for (const url of urls) {
        for (const user of [undefined, partner]) {
          const body = JSON.stringify((await api(url, user ? { token: user.token } : {})).body ?? '');
          if (body.includes(marker)) seen.marker.push(`${url} as ${user ? 'partner' : 'no one'}`);
          if (body.includes(twin)) seen.twin.push(url);
        }
      }
      return seen;
    };
    const before = await walk();
    console.log(`quote walk: ${urls.length} readable URLs × 2 callers (no one, partner), twice`);
    expect(before.marker).toEqual([]);
    expect(before.twin.length).toBeGreaterThan(0);
    expect(await quotesOnThemePage(tenant, theme.id, partner)).toEqual([`${twin} the stay and play at the hub is brilliant.`]);

    // The author cannot approve their own words: 403, and nothing changes.
    const own = await approve(tenant, said!.id, officerA, saved.body!.version);
    expectRefused(own, 403, /second person must approve a quote/);
    const unchanged = await feedbackOf(tenant, said!.id, officerA);
    expect(unchanged.version).toBe(saved.body!.version);
    expect(unchanged.quote).toEqual(saved.body!.quote);
    expect(await quotesOnThemePage(tenant, theme.id, partner)).not.toContainEqual(expect.stringContaining(marker));

    // A partner cannot approve it either; an out-of-date version is refused.
    expect((await approve(tenant, said!.id, partner, saved.body!.version)).status).toBe(403);
    expectRefused(await approve(tenant, said!.id, officerB, saved.body!.version - 1), 409, /Someone else changed this comment/);

    // Officer B approves: partners read it now, and it leaves the waiting list.
    const approved = await approve(tenant, said!.id, officerB, saved.body!.version);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body!.quote).toMatchObject({ state: 'approved', by: officerA.caller.email, approvedBy: officerB.caller.email });
    expect(await quotesOnThemePage(tenant, theme.id, partner)).toContain(`${marker} we waited months … nobody kept in touch.`);
    expect(await waiting(tenant, officerB)).toEqual([]);
    // Approving twice is refused.
    expectRefused(await approve(tenant, said!.id, admin, approved.body!.version), 409, /not waiting for approval/);

    // Changing an approved quote sends it back to waiting, and it leaves the theme's page at once.
    const changed = await setQuote(tenant, said!.id, officerB, approved.body!.version, `${marker} we waited months for a referral`);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body!.quote).toMatchObject({ state: 'awaiting-approval', by: officerB.caller.email });
    expect(changed.body!.quote.approvedBy).toBeUndefined();
    const afterChange = await walk();
    expect(afterChange.marker).toEqual([]);
    expect(afterChange.twin.length).toBe(before.twin.length);
    expect(await waiting(tenant, officerA)).toEqual([said!.id]);
    // Whoever changed it is now the one who cannot approve; the first author can.
    expectRefused(await approve(tenant, said!.id, officerB, changed.body!.version), 403, /second person/);
    const reapproved = await approve(tenant, said!.id, officerA, changed.body!.version);
    expect(reapproved.status, JSON.stringify(reapproved.body)).toBe(200);
    expect(await quotesOnThemePage(tenant, theme.id, partner)).toContain(`${marker} we waited months for a referral`);

    // Each step is audited, with no quote text in the audit log.
    const audit = await api(`/tenants/${tenant}/audit`, { token: admin.token });
    const entries = (audit.body!.items as { itemId: string; summary: string; action: string }[]).filter((e) => e.itemId === said!.id);
    expect(entries.map((e) => e.summary)).toEqual(
      expect.arrayContaining(['Chose a quote from a comment for partners and sent it for approval', 'Approved a quote for partners to read', 'Changed a quote for partners and sent it for approval']),
    );
    expect(entries.filter((e) => e.action === 'approve')).toHaveLength(2);
    expect(JSON.stringify(audit.body)).not.toContain(marker);
  }, 120_000);

  it('sends a quote back, and takes a withdrawn one off the waiting list', async () => {
    const tenant = await freshTenant();
    const [officerA, officerB, partner, admin] = await Promise.all([
      signedInUser(tenant, 'officer'),
      signedInUser(tenant, 'officer'),
      signedInUser(tenant, 'partner'),
      signedInUser(tenant, 'admin'),
    ]);
    const [said] = await seedComments(tenant, [comment({ text: 'The health visitor never rang back and I felt alone.' })]);
    const theme = await createTheme(officerCaller(tenant), tenant, { name: 'Health visiting', description: '' }, [said!.id]);
    const saved = (await setQuote(tenant, said!.id, officerA, (await feedbackOf(tenant, said!.id, officerA)).version, 'never rang back')).body!;
    expect(saved.quote).toMatchObject({ state: 'awaiting-approval' });

    const noReason = await sendBack(tenant, said!.id, officerB, saved.version, '');
    expect(noReason.status).toBe(400);
    expect(noReason.body!.errors.reason).toBe('Say what needs changing');
    const returned = await sendBack(tenant, said!.id, officerB, saved.version, 'Use the whole sentence');
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body!.quote).toMatchObject({ state: 'returned', returned: { by: officerB.caller.email, reason: 'Use the whole sentence' } });
    expect(await waiting(tenant, officerB)).toEqual([]);
    expect(await quotesOnThemePage(tenant, theme.id, partner)).toEqual([]);
    // A sent-back quote is not waiting: it cannot be approved until its author saves it again.
    expectRefused(await approve(tenant, said!.id, officerB, returned.body!.version), 409, /not waiting for approval/);

    const again = await setQuote(tenant, said!.id, officerA, returned.body!.version, 'The health visitor never rang back');
    expect(again.body!.quote).toMatchObject({ state: 'awaiting-approval' });
    expect(again.body!.quote.returned).toBeUndefined();
    expect(await waiting(tenant, officerB)).toEqual([said!.id]);
    // An admin is a second person too.
    const byAdmin = await approve(tenant, said!.id, admin, again.body!.version);
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(200);
    expect(await quotesOnThemePage(tenant, theme.id, partner)).toEqual(['The health visitor never rang back']);
    // Changed again, then withdrawn while waiting.
    const changedAgain = await setQuote(tenant, said!.id, officerA, byAdmin.body!.version, 'never rang back and I felt alone.');
    expect(changedAgain.body!.quote).toMatchObject({ state: 'awaiting-approval' });
    expect(await quotesOnThemePage(tenant, theme.id, partner)).toEqual([]);

    // Withdrawn by its author (an empty text): off the waiting list, nothing for partners.
    const withdrawn = await setQuote(tenant, said!.id, officerA, changedAgain.body!.version, '');
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body!.quote).toBeUndefined();
    expect(await waiting(tenant, officerB)).toEqual([]);
    expect(await quotesOnThemePage(tenant, theme.id, partner)).toEqual([]);
    const left = (await tenantItems(tenant)).filter((i) => i.type === 'quote' || i.type === 'quote-waiting');
    expect(left).toEqual([]);
  }, 60_000);

  it('runs the personal-data check again at approval, refusing an NHS number or “Dr Patel”', async () => {
    const tenant = await freshTenant();
    const [officerB, partner] = await Promise.all([signedInUser(tenant, 'officer'), signedInUser(tenant, 'partner')]);
    const text = 'Dr Patel at Kings Mill was lovely. My NHS number is 943 476 5919 and nobody rang.';
    const [said, other] = await seedComments(tenant, [comment({ text }), comment({ text })]);
    const theme = await createTheme(officerCaller(tenant), tenant, { name: 'Hospital', description: '' }, [said!.id, other!.id]);
    // Quotes written before the check knew these (stored as an older version would have stored them).
    const at = new Date().toISOString();
    await storeQuote(tenant, said!.id, { text: 'Dr Patel at Kings Mill was lovely.', by: 'someone@else.example', at, state: 'awaiting-approval' });
    await storeQuote(tenant, other!.id, { text: 'My NHS number is 943 476 5919', by: 'someone@else.example', at, state: 'awaiting-approval' });
    expect((await waiting(tenant, officerB)).sort()).toEqual([said!.id, other!.id].sort());

    for (const [id, finding] of [
      [said!.id, /Dr Patel/],
      [other!.id, /943 476 5919.*NHS number/],
    ] as const) {
      const before = await feedbackOf(tenant, id, officerB);
      const refused = await approve(tenant, id, officerB, before.version);
      expectRefused(refused, 409, finding);
      const after = await feedbackOf(tenant, id, officerB);
      expect(after.version).toBe(before.version);
      expect(after.quote.state).toBe('awaiting-approval');
      // It can be sent back instead.
      expect((await sendBack(tenant, id, officerB, before.version, 'Take out the name and number')).status).toBe(200);
    }
    expect(await quotesOnThemePage(tenant, theme.id, partner)).toEqual([]);
  });

  it('refuses at approval a name that became a panel member’s after the quote was written', async () => {
    const tenant = await freshTenant();
    const [officerA, officerB, partner] = await Promise.all([signedInUser(tenant, 'officer'), signedInUser(tenant, 'officer'), signedInUser(tenant, 'partner')]);
    const [said] = await seedComments(tenant, [comment({ text: 'Zephyrine at the stay and play helped us so much.' })]);
    const theme = await createTheme(officerCaller(tenant), tenant, { name: 'Stay and play', description: '' }, [said!.id]);
    const saved = await setQuote(tenant, said!.id, officerA, (await feedbackOf(tenant, said!.id, officerA)).version, 'Zephyrine at the stay and play helped us so much.');
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    // She joins a panel before the second officer looks.
    await addAssistedMember(officerCaller(tenant), tenant, (await testPanel(tenant)).id, assistedInput({ name: 'Zephyrine Quill', hubId: 'mansfield-town' }));
    expectRefused(await approve(tenant, said!.id, officerB, saved.body!.version), 409, /Zephyrine.*name/);
    expect((await feedbackOf(tenant, said!.id, officerB)).quote.state).toBe('awaiting-approval');
    expect(await quotesOnThemePage(tenant, theme.id, partner)).toEqual([]);
  });

  it('takes a waiting quote off the list when its comment is flagged as a safeguarding concern or marked not relevant', async () => {
    const tenant = await freshTenant();
    const [officerA, officerB, contact] = await Promise.all([signedInUser(tenant, 'officer'), signedInUser(tenant, 'officer'), signedInUser(tenant, 'officer')]);
    await updateTenantSettings(officerCaller(tenant), tenant, 1, { ...(await getConfig(tenant)).tenant, safeguardingContact: contact.caller.email });
    const run = randomUUID().slice(0, 8);
    const [worrying, offTopic] = await seedComments(tenant, [comment({ text: `SG${run} nobody rang and I am scared at home` }), comment({ text: `NR${run} the car park is full` })]);
    await createTheme(officerCaller(tenant), tenant, { name: 'Waiting', description: '' }, [worrying!.id, offTopic!.id]);
    for (const [c, words] of [
      [worrying!, `SG${run} nobody rang`],
      [offTopic!, `NR${run} the car park is full`],
    ] as const) {
      expect((await setQuote(tenant, c.id, officerA, (await feedbackOf(tenant, c.id, officerA)).version, words)).status).toBe(200);
    }
    expect((await waiting(tenant, officerB)).sort()).toEqual([worrying!.id, offTopic!.id].sort());

    const flagged = await api(`/tenants/${tenant}/feedback/${worrying!.id}/safeguarding`, { method: 'POST', token: officerA.token, json: { version: (await feedbackOf(tenant, worrying!.id, officerA)).version, reason: 'A disclosure' } });
    expect(flagged.status, JSON.stringify(flagged.body)).toBe(204);
    const notRelevant = await api(`/tenants/${tenant}/feedback/${offTopic!.id}/status`, { method: 'POST', token: officerA.token, json: { version: (await feedbackOf(tenant, offTopic!.id, officerA)).version, status: 'not-relevant' } });
    expect(notRelevant.status, JSON.stringify(notRelevant.body)).toBe(200);

    const list = await api(`/tenants/${tenant}/quotes-waiting`, { token: officerB.token });
    expect(list.body!.items).toEqual([]);
    expect(JSON.stringify(list.body)).not.toContain(`SG${run}`);
    // The flagged comment is not there to approve; the one left out of the counts cannot be published.
    expect((await approve(tenant, worrying!.id, officerB, 99)).status).toBe(404);
    const off = await feedbackOf(tenant, offTopic!.id, officerB);
    expectRefused(await approve(tenant, offTopic!.id, officerB, off.version), 409, /no longer counted in a theme/);
    expect((await tenantItems(tenant)).filter((i) => i.type === 'quote' || i.type === 'quote-waiting')).toEqual([]);
  });

  it('keeps showing a quote stored before approval was needed (it was approved under the old rule)', async () => {
    const tenant = await freshTenant();
    const [officer, partner] = await Promise.all([signedInUser(tenant, 'officer'), signedInUser(tenant, 'partner')]);
    const [said] = await seedComments(tenant, [comment({ text: 'More stay and play sessions please.' })]);
    const theme = await createTheme(officerCaller(tenant), tenant, { name: 'Play', description: '' }, [said!.id]);
    await storeQuote(tenant, said!.id, { text: 'More stay and play sessions please.', by: 'officer@old.example', at: new Date().toISOString() });
    expect(await quotesOnThemePage(tenant, theme.id, partner)).toEqual(['More stay and play sessions please.']);
    expect(await waiting(tenant, officer)).toEqual([]);
    // Saving the same words again changes nothing: it stays approved and on the page.
    const current = await feedbackOf(tenant, said!.id, officer);
    const same = await setQuote(tenant, said!.id, officer, current.version, 'More stay and play sessions please.');
    expect(same.body!.version).toBe(current.version);
    expect(await quotesOnThemePage(tenant, theme.id, partner)).toEqual(['More stay and play sessions please.']);
  });
});
