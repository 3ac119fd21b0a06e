import { apiHandler } from '../platform/http.ts';
import { staff, themeParams } from './feedback.params.ts';
import { themeWithComments } from './themes.service.ts';

export const handler = apiHandler({ access: staff, params: themeParams }, async ({ params }) => ({
  body: await themeWithComments(params.tenantId, params.themeId),
}));
