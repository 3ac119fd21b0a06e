/**
 * Audit log keys. Who changed what, when, in one tenant.
 *
 * | access pattern                         | key                                             | used by                 |
 * |----------------------------------------|-------------------------------------------------|-------------------------|
 * | append an entry (in the change's txn)  | PK = TENANT#<t>#AUDIT, SK = AUDIT#<ulid>         | every config change     |
 * | newest entries first, paged            | Query PK = TENANT#<t>#AUDIT, ScanIndexForward=false | list-audit.handler   |
 */
export const auditKeys = {
  partition: (tenantId: string) => `TENANT#${tenantId}#AUDIT`,
  entry: (tenantId: string, id: string) => ({ PK: `TENANT#${tenantId}#AUDIT`, SK: `AUDIT#${id}` }),
};
