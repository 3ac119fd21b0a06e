import { assistedMemberInput } from '@pv/shared/panel.schema';
import { apiHandler } from '../platform/http.ts';
import { panelParams, staff } from './panels.params.ts';
import { addAssistedMember } from './panels.service.ts';

export const handler = apiHandler({ access: staff, params: panelParams, body: assistedMemberInput, idempotent: true }, async ({ params, body, caller }) => ({
  status: 201,
  body: await addAssistedMember(caller!, params.tenantId, params.panelId, body),
}));
