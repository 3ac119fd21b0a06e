import * as z from 'zod';
import { tenantParams } from '../tenants/tenants.params.ts';

export const actionParams = tenantParams.extend({
  actionId: z.string().regex(/^[0-9A-Z]{26}$/, { error: 'There is no action with this id' }),
});
export const staff = { roles: ['officer', 'admin'] } as const;
