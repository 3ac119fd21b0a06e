import * as z from 'zod';
import { configInputs, kindFromSegment, type ConfigKind } from '@pv/shared/config.schema';
import { slug } from '@pv/shared/validation';
import { parseWith } from '../platform/http.ts';

/** Path parameters shared by the configuration handlers. */
export const tenantParams = z.object({ tenantId: slug });

export const kindParams = tenantParams.extend({
  kind: z
    .string()
    .refine((s) => s in kindFromSegment, { error: 'There is no such kind of configuration' })
    .transform((s) => kindFromSegment[s] as ConfigKind),
});

export const itemParams = kindParams.extend({ id: z.string().regex(/^[a-z0-9-]{1,130}$/, { error: 'There is no item with this id' }) });

/** The body schema depends on the kind in the path, so it is checked here rather than in the route spec. */
export function parseConfigInput(kind: ConfigKind, body: unknown) {
  return parseWith(configInputs[kind], body, 'information you gave');
}
