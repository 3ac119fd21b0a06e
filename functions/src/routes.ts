/**
 * Every API route, in one list read by both the local API server and the CDK API stack, so a route
 * exists (with the same access rule) in both or in neither. `handler` is the file under functions/src
 * that exports `handler`.
 */
export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: string;
  /** Public routes have no authoriser; every other route needs a valid Cognito ID token. */
  public: boolean;
}

export const routes: RouteDefinition[] = [
  { method: 'GET', path: '/tenants', handler: 'tenants/list-tenants.handler.ts', public: true },
  { method: 'GET', path: '/tenants/{tenantId}', handler: 'tenants/get-public-tenant.handler.ts', public: true },
  { method: 'PUT', path: '/tenants/{tenantId}', handler: 'tenants/update-tenant-settings.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/config', handler: 'tenants/get-config.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/config/{kind}', handler: 'tenants/create-config-item.handler.ts', public: false },
  { method: 'PUT', path: '/tenants/{tenantId}/config/{kind}/{id}', handler: 'tenants/update-config-item.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/config/{kind}/{id}/move', handler: 'tenants/move-config-item.handler.ts', public: false },
  { method: 'POST', path: '/tenants/{tenantId}/config/{kind}/{id}/status', handler: 'tenants/set-config-status.handler.ts', public: false },
  { method: 'DELETE', path: '/tenants/{tenantId}/config/{kind}/{id}', handler: 'tenants/delete-config-item.handler.ts', public: false },
  { method: 'GET', path: '/tenants/{tenantId}/audit', handler: 'audit/list-audit.handler.ts', public: false },
  { method: 'GET', path: '/me', handler: 'staff/get-me.handler.ts', public: false },
];
