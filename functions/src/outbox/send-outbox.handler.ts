import type { DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { logger } from '../platform/logger.ts';
import { sendMail } from '../platform/mailer.ts';
import { sendSignInLinks } from '../panels/membership.service.ts';
import { SIGN_IN_REQUEST_TYPE } from '../panels/panels.repository.ts';
import { retentionOf } from '@pv/shared/config.schema';
import { getTenant } from '../tenants/tenants.repository.ts';
import { claim, markSent, release } from './outbox.repository.ts';

/**
 * Delivers outbox messages from the table's stream (in AWS: a Lambda event source filtered to new
 * outbox items; locally: the stream poller). Claim → send → mark sent, so a record delivered twice
 * sends one email. Failures are reported per record so only they are retried.
 *
 * The same stream brings sign-in link requests (panels/membership.service.ts requestSignInLink): looked
 * up here, away from the request, so a member and a stranger get the same answer in the same time.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) continue;
    // Only outbox items matter here (in AWS the event source filter already says so); other items
    // are not even unmarshalled, so an odd attribute elsewhere can never hold up an email.
    const type = (record.dynamodb.NewImage.type as { S?: string } | undefined)?.S;
    if (type === SIGN_IN_REQUEST_TYPE) {
      const { tenantId, id, email } = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as { tenantId: string; id: string; email: string };
      try {
        await sendSignInLinks(tenantId, id, email);
      } catch (error) {
        logger.error('sign-in request failed', { tenantId, requestId: id, errorName: (error as Error).name });
        failures.push({ itemIdentifier: record.dynamodb.SequenceNumber ?? id });
      }
      continue;
    }
    if (type !== 'outbox') continue;
    const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
    const { tenantId, id } = item as { tenantId: string; id: string };
    if (!(await claim(tenantId, id))) continue;
    try {
      // The copy is kept as long as the partnership's retention settings say (default 90 days); read
      // before sending, so a failed read never sends the email twice.
      const keepDays = retentionOf((await getTenant(tenantId)) ?? {}).keepSentMessagesDays;
      const providerId = await sendMail({ to: item.to, subject: item.subject, text: item.text });
      await markSent(tenantId, id, providerId, keepDays);
      logger.info('outbox message sent', { tenantId, messageId: id, template: item.template });
    } catch (error) {
      logger.error('outbox message failed', { tenantId, messageId: id, errorName: (error as Error).name, errorCode: (error as { code?: string }).code });
      await release(tenantId, id);
      failures.push({ itemIdentifier: record.dynamodb.SequenceNumber ?? id });
    }
  }
  return { batchItemFailures: failures };
}
