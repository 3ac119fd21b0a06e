import type { ConfigKind } from '@pv/shared/config.schema';

/**
 * Tenant and tenant-configuration keys. A tenant's whole configuration lives in one partition, so the
 * public home page and every admin page read it with one Query (a few dozen small items).
 *
 * | access pattern                       | key                                                    | used by                         |
 * |--------------------------------------|--------------------------------------------------------|---------------------------------|
 * | get a tenant                         | PK = TENANT#<t>, SK = TENANT                            | get-public-tenant, get-config   |
 * | list tenants (public directory)      | GSI1PK = TENANTS, GSI1SK = TENANT#<t>                   | list-tenants                    |
 * | whole configuration of a tenant      | Query PK = TENANT#<t>, SK begins_with CONFIG#           | get-config, get-public-tenant   |
 * | one configuration item               | PK = TENANT#<t>, SK = CONFIG#<kind>#<id>                 | create/update/move/status/delete |
 */
export const tenantKeys = {
  tenant: (tenantId: string) => ({ PK: `TENANT#${tenantId}`, SK: 'TENANT' }),
  tenantIndex: (tenantId: string) => ({ GSI1PK: 'TENANTS', GSI1SK: `TENANT#${tenantId}` }),
  tenantsIndexPartition: 'TENANTS',
  partition: (tenantId: string) => `TENANT#${tenantId}`,
  configPrefix: 'CONFIG#',
  configItem: (tenantId: string, kind: ConfigKind, id: string) => ({ PK: `TENANT#${tenantId}`, SK: `CONFIG#${kind}#${id}` }),
};
