/**
 * Idempotency records: one per caller and Idempotency-Key, in a partition of its own, removed by TTL
 * (`expiresAt`, 24 hours) after the request it answers.
 *
 * | access pattern                                   | key                                               | used by                        |
 * |--------------------------------------------------|---------------------------------------------------|--------------------------------|
 * | claim a key, read its stored response, free it   | PK = TENANT#t#IDEMP#<caller>#<key>, SK = IDEMP    | POSTs that create (idempotency) |
 */
export const idempotencyKeys = {
  record: (t: string, caller: string, key: string) => ({ PK: `TENANT#${t}#IDEMP#${caller}#${key}`, SK: 'IDEMP' }),
};
