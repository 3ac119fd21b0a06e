import { safeguardingInput } from '@pv/shared/feedback.schema';
import { loadReasonPage, reasonAction } from '$lib/server/feedback-pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url, params }) => loadReasonPage(locals, url, params.id);

export const actions: Actions = {
  default: reasonAction(safeguardingInput, (client, tenantId, id, version, reason) => client.flagSafeguarding(tenantId, id, version, reason), { flagged: '1' }),
};
