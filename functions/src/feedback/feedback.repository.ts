import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ConversationChannel } from '@pv/shared/consultation.schema';
import type { ResponseChannel, TextAnswer } from '@pv/shared/survey.schema';
import { db, decodeCursor, encodeCursor, tableName, type TransactItem } from '../platform/dynamodb.ts';
import { feedbackKeys as keys } from './feedback.keys.ts';

/**
 * A Feedback item: something a parent said, in their words, with the tags that say what it is about
 * (priorities, cross-cutting themes), where (hub, hub network) and whose voice it is (groups). It
 * never holds who said it for an anonymous survey; for a named one, `memberId` lets the "you said,
 * we did" loop tell them what changed.
 */
export interface Feedback {
  id: string;
  text: string;
  /** Where it came from. */
  source:
    | { kind: 'survey'; surveyId: string; questionId: string; responseId: string }
    | { kind: 'conversation'; consultationId: string; conversationId: string; people: number };
  channel: ResponseChannel | ConversationChannel;
  /** Day only for anonymous surveys (a time could be matched to access logs). */
  receivedOn: string;
  receivedAt?: string;
  priorityIds: string[];
  themeIds: string[];
  hubIds: string[];
  networkId?: string;
  groups: string[];
  status: 'new';
  memberId?: string;
  panelId?: string;
}

export function feedbackPut(tenantId: string, f: Feedback): TransactItem {
  const sourceIndex =
    f.source.kind === 'survey'
      ? keys.bySource(tenantId, f.source.surveyId, f.source.questionId, f.receivedOn, f.id)
      : keys.byConsultation(tenantId, f.source.consultationId, f.receivedOn, f.id);
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.feedback(tenantId, f.id), ...sourceIndex, type: 'feedback', tenantId, ...f, search: f.text.toLowerCase() },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/**
 * Answers to one survey question, oldest day first, a page at a time. With `search`, DynamoDB
 * filters each page by a case-insensitive "contains" on the stored lower-case copy, so a page may
 * hold fewer than `limit` matches; the cursor goes on from where the reading stopped.
 */
export async function listTextAnswers(
  tenantId: string,
  surveyId: string,
  questionId: string,
  options: { limit: number; cursor?: string; search?: string },
): Promise<{ items: TextAnswer[]; next?: string; read: number }> {
  const partition = keys.bySourcePartition(tenantId, surveyId, questionId);
  const search = options.search?.trim().toLowerCase();
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': partition, ...(search ? { ':q': search } : {}) },
      ...(search ? { FilterExpression: 'contains(#search, :q)', ExpressionAttributeNames: { '#search': 'search' } } : {}),
      // Reading stops at `limit` items read (before the filter); a search reads up to 10 times as many.
      Limit: search ? options.limit * 10 : options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, (key) => key.GSI1PK === partition),
    }),
  );
  return {
    items: (out.Items ?? []).map((i) => ({ id: i.id as string, day: i.receivedOn as string, text: i.text as string, channel: i.channel as ResponseChannel })),
    next: encodeCursor(out.LastEvaluatedKey),
    read: out.ScannedCount ?? 0,
  };
}
