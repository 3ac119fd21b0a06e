import { eraseFeedbackInput } from '@pv/shared/feedback.schema';
import { loadReasonPage, reasonAction } from '$lib/server/feedback-pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, params }) => loadReasonPage(locals, url, params.id);

export const actions: Actions = {
  default: reasonAction(eraseFeedbackInput, (client, tenantId, id, version, reason) => client.eraseFeedback(tenantId, id, version, reason), { removed: '1' }),
};
