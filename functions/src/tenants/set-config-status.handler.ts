import * as z from 'zod';
import { configStatus } from '@pv/shared/config.schema';
import { version } from '@pv/shared/validation';
import { apiHandler } from '../platform/http.ts';
import { itemParams } from './tenants.params.ts';
import { setConfigStatus } from './tenants.service.ts';

const body = z.object({ status: z.enum(configStatus, { error: 'Choose active or retired' }), version });

export const handler = apiHandler({ access: { roles: ['admin'] }, params: itemParams, body }, async ({ params, body, caller }) => ({
  body: await setConfigStatus(caller!, params.tenantId, params.kind, params.id, body.status, body.version),
}));
