import { redirect } from '@sveltejs/kit';
import { channelOptions, emptyConversationValues, memberOptions, readConversationForm } from '$lib/server/consultation-form';
import { takesConversations } from '$lib/server/consultation-stages';
import { createOnce, newIdempotencyKey } from '$lib/server/forms';
import { consultationIdOf, hubGroups, officerContext, orFail, today } from '$lib/server/officer';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = officerContext(locals, url);
  const id = consultationIdOf(params.consultation);
  const [{ consultation }, config, members] = await Promise.all([
    orFail(client.consultation(tenantId, id), url),
    orFail(client.config(tenantId), url),
    orFail(memberOptions(client, tenantId), url),
  ]);
  return {
    consultation: { id, title: consultation.title, canLog: takesConversations(consultation.stage), draft: consultation.stage === 'draft' },
    values: emptyConversationValues(today()),
    options: { hubs: hubGroups(config), channels: channelOptions, members },
    // Made once per form shown: a double-submitted or retried form logs one conversation.
    idempotencyKey: newIdempotencyKey(),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = consultationIdOf(params.consultation);
    const form = await request.formData();
    const saved = await createOnce(form, readConversationForm(form), (input, key) => client.logConversation(tenantId, id, input, key), {
      url,
      alreadyUsed: 'This form was already used to log a conversation. Check the consultation’s conversations first. If yours is not there, select “Log conversation” again.',
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/consultations/${id}?logged=1#conversations-heading`);
  },
};
