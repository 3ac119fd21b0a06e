import { mergeInput } from '@pv/shared/feedback.schema';
import { relinkThemes } from '../actions/actions.service.ts';
import { apiHandler } from '../platform/http.ts';
import { staff, themeParams } from './feedback.params.ts';
import { mergeTheme } from './themes.service.ts';

/** Merges this theme into another; its comments and actions move there. */
export const handler = apiHandler({ access: staff, params: themeParams, body: mergeInput }, async ({ params, body, caller }) => ({
  body: await mergeTheme(caller!, params.tenantId, params.themeId, body.version, body.intoThemeId, (from, into, ids) => relinkThemes(params.tenantId, from, into, ids)),
}));
