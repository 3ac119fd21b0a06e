import type { AuditEntry } from '@pv/shared/config.schema';
import { newId, nowIso } from '../platform/ids.ts';

/** Who made a change: a signed-in caller, a member acting on their own data, or a job. */
export interface AuditActor {
  sub: string;
  email: string;
}

/**
 * The one shape of an audit entry: a new id, the time now, who did it, and what they did to which
 * item. `changes` defaults to none; `summary` is left off rather than stored empty.
 */
export function auditEntry(
  actor: AuditActor,
  what: Pick<AuditEntry, 'action' | 'kind' | 'itemId'> & Partial<Pick<AuditEntry, 'summary' | 'changes'>>,
): AuditEntry {
  return {
    id: newId(),
    at: nowIso(),
    actor: { sub: actor.sub, email: actor.email },
    action: what.action,
    kind: what.kind,
    itemId: what.itemId,
    changes: what.changes ?? {},
    ...(what.summary !== undefined ? { summary: what.summary } : {}),
  };
}
