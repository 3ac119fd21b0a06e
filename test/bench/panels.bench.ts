import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '@pv/shared/auth.schema';
import { startLocalEnvironment } from '../../functions/src/local/environment.ts';
import { demoTenants } from '../../functions/src/local/seed/demo-tenants.ts';
import { seedTenant } from '../../functions/src/local/seed/seed.ts';
import { saveMyProfile } from '../../functions/src/panels/membership.service.ts';
import { panelKeys } from '../../functions/src/panels/panels.keys.ts';
import { addAssistedMember, createPanel, join, listPanels } from '../../functions/src/panels/panels.service.ts';
import { db, tableName } from '../../functions/src/platform/dynamodb.ts';
import { newId } from '../../functions/src/platform/ids.ts';
import { representationKeys } from '../../functions/src/representation/representation.keys.ts';
import { counterItem } from '../../functions/src/representation/representation.repository.ts';
import { representation } from '../../functions/src/representation/representation.service.ts';
import { getConfig } from '../../functions/src/tenants/tenants.service.ts';
import { counts, countItems, measure } from './count-items.ts';

/**
 * 3. Panels. Counts every item DynamoDB is asked to write or read (a middleware on the client), so
 * the cost of a join is a number of writes, not a time; then compares the representation view with
 * 100 and 10,000 members behind it, interleaved so noise falls on both alike.
 */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Members and their counters written straight to the table: the view reads counters only, so this is what it sees at scale. */
async function bulkMembers(tenantId: string, panelId: string, n: number, groups: string[]) {
  const puts: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const id = newId();
    puts.push({ ...panelKeys.member(tenantId, panelId, id), type: 'member', tenantId, id, panelId, name: `Bulk member ${i}`, email: `bulk${i}@example.com`, status: 'active' });
  }
  for (let i = 0; i < puts.length; i += 25) {
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: puts.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
  // Counts with key sums beside them, as live counters hold (a record key averages 127.5).
  const counter = (scope: string, what: string, count: number) => counterItem(tenantId, representationKeys.counter(tenantId, scope, what).SK, { n: count, k: count * 127 });
  const counters: Record<string, unknown>[] = [];
  for (const scope of [representationKeys.panelScope(panelId), representationKeys.allScope]) {
    counters.push(counter(scope, 'MEMBERS', n));
    counters.push(counter(scope, 'ANSWERED', Math.round(n * 0.7)));
    groups.forEach((g, i) => counters.push(counter(scope, `GROUP#${g}`, Math.round((n * (i + 1)) / 40))));
  }
  for (let i = 0; i < counters.length; i += 25) {
    await db().send(new BatchWriteCommand({ RequestItems: { [tableName()]: counters.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
  }
}

export async function benchPanels(): Promise<void> {
  const dataDir = mkdtempSync(pathJoin(tmpdir(), 'pv-bench-panels-'));
  const env = await startLocalEnvironment({
    ports: { dynamodb: 28100, cognito: 29329, smtp: 21125, mailWeb: 21180, api: 23101 },
    dataDir,
    persist: false,
    seed: false,
    tableName: 'parent-voice-bench-panels',
  });
  try {
    countItems();
    const notts = demoTenants.find((d) => d.id === 'notts')!;
    const tenantId = 'bench-join';
    await seedTenant(notts, tenantId);
    const caller: Caller = { sub: 'bench', email: 'bench@example.com', tenantId, roles: ['officer'] };
    const panel = await createPanel(caller, tenantId, { name: 'Bench panel', description: '', networkId: 'mansfield', recruiting: true, targetSize: 50, status: 'active' });
    const person = (i: number) => ({
      name: `Person ${i}`,
      email: `person${i}@example.com`,
      phone: '',
      preferredChannel: 'email' as const,
      language: '',
      supportNeeds: '',
      hubId: 'mansfield-town',
      childAgeBands: ['under-1' as const],
      topics: ['parents-mental-health'],
    });

    console.log('\n3. Panels: DynamoDB items per operation (reads are items returned; writes are items in puts, updates and transactions)');
    const joined = await measure(() => join(tenantId, panel.id, { ...person(1), agreeToContact: true }, '192.0.2.1'));
    console.log(`   join (pending member, claim, consent, link, email, 2 rate limits) ${String(joined.writes).padStart(3)} writes  ${String(joined.reads).padStart(4)} reads`);
    const config = await getConfig(tenantId);
    const added = await measure(() =>
      addAssistedMember(caller, tenantId, panel.id, { ...person(2), recruitedBy: 'event', consentGivenVerbally: true }, { welcomeEmail: false }),
    );
    console.log(`   add a member (assisted: member, claim, consent, counters, audit)  ${String(added.writes).padStart(3)} writes  ${String(added.reads).padStart(4)} reads`);
    const answers = await measure(() =>
      saveMyProfile(
        { tenantId, panelId: panel.id, memberId: added.result.id, sessionToken: '' },
        { consent: true, parentRole: 'dad', ageBand: '25-34', ethnicity: 'asian-indian', mainLanguage: 'gujarati', neonatal: 'yes' },
      ),
    );
    console.log(`   equality answers (profile, consent, counters)                     ${String(answers.writes).padStart(3)} writes  ${String(answers.reads).padStart(4)} reads`);

    // Representation: 100 vs 10,000 members.
    const groups = config.group.map((g) => g.id);
    const sizes = [100, 10_000];
    const tenants: string[] = [];
    for (const size of sizes) {
      const t = `bench-rep-${size}`;
      await seedTenant(notts, t);
      const c: Caller = { ...caller, tenantId: t };
      const p = await createPanel(c, t, { name: 'Bench panel', description: '', networkId: 'mansfield', recruiting: true, targetSize: 50, status: 'active' });
      await bulkMembers(t, p.id, size, groups);
      tenants.push(t);
    }
    const view = async (t: string) => representation(await getConfig(t), await listPanels(t));
    for (let i = 0; i < 10; i++) for (const t of tenants) await view(t);
    const samples = new Map<string, number[]>(tenants.map((t) => [t, []]));
    const reads = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      for (const t of tenants) {
        counts.reads = 0;
        const start = performance.now();
        await view(t);
        samples.get(t)!.push(performance.now() - start);
        reads.set(t, counts.reads);
      }
    }
    const [small, large] = tenants.map((t) => median(samples.get(t)!));
    console.log('   representation view (config + panels + counters), median of 60 interleaved rounds');
    console.log(`     100 members      ${small!.toFixed(2)} ms   ${reads.get(tenants[0]!)} items read`);
    console.log(`     10,000 members   ${large!.toFixed(2)} ms   ${reads.get(tenants[1]!)} items read`);
    console.log(`     ratio 10,000 / 100: ${(large! / small!).toFixed(2)} × time, ${(reads.get(tenants[1]!)! / reads.get(tenants[0]!)!).toFixed(2)} × items read (flat = 1)`);
  } finally {
    await env.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
