import * as z from 'zod';
import { memberStatuses } from '@pv/shared/panel.schema';
import { slug } from '@pv/shared/validation';
import { apiHandler } from '../platform/http.ts';
import { panelParams, staff } from './panels.params.ts';
import { listMembers } from './panels.service.ts';

export const memberQuery = z.object({
  status: z.preprocess((v) => (v === '' ? undefined : v), z.enum(memberStatuses).optional()),
  hubId: z.preprocess((v) => (v === '' ? undefined : v), slug.optional()),
  q: z.string().max(100).optional(),
  notInvolvedSince: z.preprocess((v) => (v === '' ? undefined : v), z.iso.datetime().optional()),
});

export const handler = apiHandler({ access: staff, params: panelParams, query: memberQuery }, async ({ params, query }) => ({
  body: await listMembers(params.tenantId, params.panelId, query),
}));
