import * as z from 'zod';
import { tenantParams } from '../tenants/tenants.params.ts';

export const feedbackParams = tenantParams.extend({
  feedbackId: z.string().regex(/^[A-Za-z0-9]{10,40}$/, { error: 'There is no comment with this id' }),
});
export const themeParams = tenantParams.extend({
  themeId: z.string().regex(/^[a-z0-9-]{1,80}$/, { error: 'There is no theme with this id' }),
});
export const staff = { roles: ['officer', 'admin'] } as const;
