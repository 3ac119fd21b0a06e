import { logger } from '../platform/logger.ts';
import { sendLoopDigests } from './closing-the-loop.ts';

/** Scheduled once a day (EventBridge in AWS; every few minutes by `npm start` locally): sends waiting digests. */
export async function handler(): Promise<{ sent: number; waiting: number }> {
  const result = await sendLoopDigests();
  logger.info('loop digests', result);
  return result;
}
