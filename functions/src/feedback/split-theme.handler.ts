import { splitInput } from '@pv/shared/feedback.schema';
import { apiHandler } from '../platform/http.ts';
import { staff, themeParams } from './feedback.params.ts';
import { splitTheme } from './themes.service.ts';

export const handler = apiHandler({ access: staff, params: themeParams, body: splitInput, idempotent: true }, async ({ params, body, caller }) => {
  const { ids, ...input } = body;
  return { status: 201, body: await splitTheme(caller!, params.tenantId, params.themeId, input, ids) };
});
