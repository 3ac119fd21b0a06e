import * as z from 'zod';
import { themeInput } from '@pv/shared/feedback.schema';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './feedback.params.ts';
import { createTheme } from './themes.service.ts';

const body = themeInput.extend({ ids: z.array(z.string().regex(/^[A-Za-z0-9]{10,40}$/)).max(100).default([]) });

/** A new theme, optionally with the comments chosen in the queue. */
export const handler = apiHandler({ access: staff, params: tenantParams, body, idempotent: true }, async ({ params, body, caller }) => {
  const { ids, ...input } = body;
  return { status: 201, body: await createTheme(caller!, params.tenantId, input, ids) };
});
