import { themeUpdateInput } from '@pv/shared/feedback.schema';
import { apiHandler } from '../platform/http.ts';
import { staff, themeParams } from './feedback.params.ts';
import { updateTheme } from './themes.service.ts';

export const handler = apiHandler({ access: staff, params: themeParams, body: themeUpdateInput }, async ({ params, body, caller }) => {
  const { version, ...input } = body;
  return { body: await updateTheme(caller!, params.tenantId, params.themeId, version, input) };
});
