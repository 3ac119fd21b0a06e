import * as z from 'zod';
import { tenantParams } from '../tenants/tenants.params.ts';

/** Aggregates only, already suppressed: partners read them, and so do officers and admins. */
export const readers = { roles: ['officer', 'admin', 'partner'] } as const;

export const themeParams = tenantParams.extend({ themeId: z.string().regex(/^[a-z0-9-]{1,80}$/, { error: 'There is no theme at this address' }) });
