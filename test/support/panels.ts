import { inject } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '@pv/shared/auth.schema';
import type { AssistedMemberInput, JoinInput } from '@pv/shared/panel.schema';
import { listMail, type CaughtMail } from '../../functions/src/local/mail-catcher.ts';
import { createPanel } from '../../functions/src/panels/panels.service.ts';
import { db, tableName } from '../../functions/src/platform/dynamodb.ts';
import { newId } from '../../functions/src/platform/ids.ts';

/** Helpers for panel tests: a panel, a joiner's details, their emails, and every item a tenant holds. */

export function officerCaller(tenantId: string): Caller {
  return { sub: `officer-${tenantId}`, email: `officer@${tenantId}.example`, tenantId, roles: ['officer'] };
}

export async function testPanel(tenantId: string, networkId = 'mansfield', recruiting = true) {
  return createPanel(officerCaller(tenantId), tenantId, {
    name: `Panel ${newId().slice(-8)}`,
    description: 'Parents and carers in Mansfield',
    networkId,
    recruiting,
    targetSize: 40,
    status: 'active',
  });
}

export function joiner(overrides: Partial<JoinInput> = {}): Record<string, unknown> {
  return {
    name: 'Sam Taylor',
    email: `sam-${newId().toLowerCase()}@test.example`,
    phone: '',
    preferredChannel: 'email',
    language: 'English',
    supportNeeds: '',
    childAgeBands: ['under-1'],
    topics: ['parents-mental-health'],
    agreeToContact: true,
    ...overrides,
  };
}

/** Waits for the mail catcher to have `count` messages to this address. */
export async function mailTo(address: string, count = 1): Promise<CaughtMail[]> {
  const inbox = inject('env').mailInbox;
  // Up to 30 s: a loaded machine running every suite at once can take a while to deliver.
  for (let i = 0; i < 300; i++) {
    const mine = (await listMail(inbox)).filter((m) => m.to.some((t) => t.address === address));
    if (mine.length >= count) return mine.sort((a, b) => a.date.localeCompare(b.date));
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No email to ${address}`);
}

export function linkToken(mail: CaughtMail): string {
  const match = /token=([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error(`No link in: ${mail.text}`);
  return match[1]!;
}

/** Every item of a tenant, as stored (a scan: tests only). */
export async function tenantItems(tenantId: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: 'begins_with(PK, :t)',
        ExpressionAttributeValues: { ':t': `TENANT#${tenantId}#` },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** An officer's "add a member" form, filled in. */
export function assistedInput(overrides: Partial<JoinInput> = {}): AssistedMemberInput {
  const { agreeToContact: _a, ...rest } = joiner(overrides) as unknown as JoinInput;
  return { ...rest, hubId: overrides.hubId, recruitedBy: 'event', consentGivenVerbally: true };
}
