import { tableName, type TransactItem } from '../platform/dynamodb.ts';
import { feedbackKeys } from '../feedback/feedback.keys.ts';
import { surveyKeys } from './surveys.keys.ts';

/**
 * A member's named survey answers and the Feedback made from them, listed on the member item
 * (`surveyItems`), so that erasing the member removes the link from each: the answers stay counted,
 * but nothing says whose they were.
 */
export const responseRef = (surveyId: string, day: string, responseId: string) => `R|${surveyId}|${day}|${responseId}`;
export const feedbackRef = (feedbackId: string) => `F|${feedbackId}`;

export function unlinkMemberItems(tenantId: string, refs: readonly string[]): TransactItem[] {
  return refs.flatMap((ref): TransactItem[] => {
    const [kind, ...rest] = ref.split('|');
    const key =
      kind === 'R' && rest.length === 3
        ? surveyKeys.response(tenantId, rest[0]!, rest[1]!, rest[2]!)
        : kind === 'F' && rest.length === 1
          ? feedbackKeys.feedback(tenantId, rest[0]!)
          : undefined;
    if (!key) return [];
    return [
      {
        Update: {
          TableName: tableName(),
          Key: key,
          UpdateExpression: 'REMOVE memberId, panelId, submittedAt, receivedAt',
          ConditionExpression: 'attribute_exists(PK)',
        },
      },
    ];
  });
}
