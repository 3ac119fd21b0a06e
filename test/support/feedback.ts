import { newRecordKey } from '@pv/shared/cell-key';
import type { Feedback } from '@pv/shared/feedback.schema';
import { newFeedbackWrites } from '../../functions/src/feedback/feedback.repository.ts';
import { transactWrite } from '../../functions/src/platform/dynamodb.ts';
import { newId } from '../../functions/src/platform/ids.ts';

/** A comment as a logged conversation makes it (written through the same code, counters included). */
export function comment(overrides: Partial<Feedback> = {}): Feedback {
  return {
    id: newId(),
    text: 'We waited months for a referral and nobody kept in touch.',
    source: { kind: 'conversation', consultationId: 'test', conversationId: newId(), people: 1 },
    channel: 'stay-and-play',
    receivedOn: new Date().toISOString().slice(0, 10),
    priorityIds: [],
    crossCuttingIds: [],
    hubIds: ['mansfield-town'],
    networkId: 'mansfield',
    groups: [],
    status: 'new',
    version: 1,
    ...overrides,
  };
}

/** Writes comments through the same code as the product; returns them with the record keys they were given. */
export async function seedComments(tenantId: string, comments: Feedback[]): Promise<Feedback[]> {
  const keyed = comments.map((c) => ({ ...c, recordKey: c.recordKey ?? newRecordKey() }));
  for (let i = 0; i < keyed.length; i += 20) {
    await transactWrite(newFeedbackWrites(tenantId, keyed.slice(i, i + 20)), () => new Error('seed failed'));
  }
  return keyed;
}
