/**
 * Outbox keys. An email to send is written as an item in the same transaction as the change that
 * causes it; the table's stream delivers the new item to the sender, so a failed email never loses
 * or duplicates the write.
 *
 * | access pattern                         | key                                                  | used by               |
 * |----------------------------------------|------------------------------------------------------|-----------------------|
 * | enqueue a message (in the change's txn) | PK = TENANT#<t>#OUTBOX#<ulid>, SK = OUTBOX, expiresAt | any domain            |
 * | claim / mark sent (conditional update)  | same key, condition on `state`                        | send-outbox.handler   |
 */
export const outboxKeys = {
  message: (tenantId: string, id: string) => ({ PK: `TENANT#${tenantId}#OUTBOX#${id}`, SK: 'OUTBOX' }),
};
