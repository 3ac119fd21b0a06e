import { fail, redirect } from '@sveltejs/kit';
import { conversationChannelLabels, stageChangeInput } from '@pv/shared/consultation.schema';
import { ApiError } from '$lib/server/api';
import { movedTo, nextMove, stageTag, takesConversations, timelineSteps } from '$lib/server/consultation-stages';
import { formText, readWith, refusal } from '$lib/server/forms';
import { consultationIdOf, dayOf, hubName, networkName, officerContext, orFail } from '$lib/server/officer';
import { dateInWords } from '$lib/words';
import type { Actions, PageServerLoad } from './$types';

function flash(url: URL, title: string): string | undefined {
  const p = url.searchParams;
  if (p.has('created')) return `‘${title}’ has been saved as a draft. Families can’t see it until you open it.`;
  if (p.has('saved')) return 'Your changes to the consultation are saved.';
  if (p.has('logged')) return 'The conversation has been logged. What was said is now feedback, tagged with the consultation’s priorities and the hub.';
  return movedTo(p.get('moved') ?? '');
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = officerContext(locals, url);
  const id = consultationIdOf(params.consultation);
  const [{ consultation: c, conversations }, config, surveys] = await Promise.all([
    orFail(client.consultation(tenantId, id), url),
    orFail(client.config(tenantId), url),
    orFail(client.surveys(tenantId), url),
  ]);
  const nameOf = (items: { id: string; name: string }[], itemId: string) => items.find((i) => i.id === itemId)?.name ?? itemId;
  return {
    consultation: {
      ...c,
      priorities: c.priorityIds.map((p) => nameOf(config.priority, p)),
      networks: c.networkIds.map((n) => networkName(config, n)),
      surveys: c.surveyIds.map((s) => ({ id: s, title: surveys.find((survey) => survey.id === s)?.title ?? s })),
      opensOn: dateInWords(c.opensOn),
      closesOn: dateInWords(c.closesOn),
      tag: stageTag(c.stage),
    },
    steps: timelineSteps(c.timeline),
    next: nextMove(c.stage),
    canLog: takesConversations(c.stage),
    // The API's order: the latest held first.
    conversations: conversations.map((v) => ({
      id: v.id,
      heldOn: dateInWords(v.heldOn),
      where: v.where,
      hub: `${hubName(config, v.hubId)} (${networkName(config, v.networkId)})`,
      channel: conversationChannelLabels[v.channel],
      people: v.people,
      said: v.withheld ? undefined : v.said,
      namedMember: v.namedMember,
      logged: `Logged by ${v.loggedBy} on ${dayOf(v.loggedAt)}`,
    })),
    flash: flash(url, c.title),
  };
};

export const actions: Actions = {
  stage: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = consultationIdOf(params.consultation);
    const form = await request.formData();
    const read = readWith(stageChangeInput, { stage: formText(form, 'stage'), version: formText(form, 'version') }, {});
    if (read.errors) return fail(400, { errors: { stage: 'Something was missing from the form. Reload the page and try again.' } });
    try {
      await client.changeConsultationStage(tenantId, id, read.input.stage, read.input.version);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        return fail(409, { errors: { stage: 'Someone else changed this consultation while you were looking at it. Check it below, then try again.' } });
      }
      return refusal(e, {}, { url, toPage: (errors) => errors });
    }
    redirect(303, `/officer/consultations/${id}?moved=${read.input.stage}`);
  },
};
