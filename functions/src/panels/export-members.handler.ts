import { apiHandler } from '../platform/http.ts';
import { memberQuery } from './list-members.handler.ts';
import { panelParams, staff } from './panels.params.ts';
import { exportMembers } from './panels.service.ts';

/** A POST: every export is recorded in the audit log. */
export const handler = apiHandler({ access: staff, params: panelParams, body: memberQuery }, async ({ params, body, caller }) => ({
  body: await exportMembers(caller!, params.tenantId, params.panelId, body),
}));
