/** The daily retention job, invoked by an EventBridge schedule (cdk) or `npm run retention` locally. */
import { logger } from '../platform/logger.ts';
import { runRetention, type RetentionCounts } from './retention.service.ts';

export const handler = async (): Promise<{ tenants: number } & RetentionCounts> => {
  const runs = await runRetention();
  const totals = { tenants: runs.length, surveysCleared: 0, responsesDeleted: 0, unconfirmedErased: 0, leftMembersErased: 0, membersSkipped: 0, auditEntriesDeleted: 0 };
  for (const { counts } of runs) for (const key of Object.keys(counts) as (keyof RetentionCounts)[]) totals[key] += counts[key];
  logger.info('retention run', totals);
  return totals;
};
