import * as z from 'zod';
import { tenantParams } from '../tenants/tenants.params.ts';

export const consultationParams = tenantParams.extend({
  consultationId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, { error: 'There is no consultation with this id' }),
});
export const staff = { roles: ['officer', 'admin'] } as const;
