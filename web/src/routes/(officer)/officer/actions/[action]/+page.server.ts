import { fail, redirect } from '@sveltejs/kit';
import type * as z from 'zod';
import { actionStatusLabels, approveInput, returnInput, submitInput } from '@pv/shared/action.schema';
import { findingLabels } from '@pv/shared/personal-data';
import { actionChoices } from '$lib/server/action-form';
import { actionHref, actionIdOf, actionRows, officerAction, sameEmail, shortened, stateTag, stepFailure } from '$lib/server/action-pages';
import { formList, formText, readWith } from '$lib/server/forms';
import { officerContext } from '$lib/server/officer';
import { dayOf } from '$lib/words';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const flashes: Record<string, string> = {
  created: 'The action is saved as a draft. Check it, then send it for approval.',
  saved: 'Your changes are saved. Send the action for approval when it is ready.',
  sent: 'The action has been sent for approval. Another officer or an admin must approve it before families see it.',
  approved: 'The action is approved. Families can see it on the public log now.',
  returned: 'The action has been sent back to draft, with what needs changing.',
};

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { caller, client, tenantId, action, findings } = await officerAction(locals, url, params.action);
  const choices = await actionChoices(client, tenantId, url, action.priorityIds);
  const published = action.published;
  return {
    action: { id: action.id, version: action.version, state: action.state, tag: stateTag(action), title: shortened(action.youSaid, 80) },
    rows: actionRows(action, choices),
    people: [
      { key: 'Drafted by', value: action.draftedBy },
      ...(action.submittedBy ? [{ key: 'Sent for approval by', value: action.submittedBy }] : []),
      ...(action.approvedBy ? [{ key: 'Last approved by', value: action.approvedBy }] : []),
      { key: 'Last changed', value: dayOf(action.updatedAt) },
    ],
    returned: action.state === 'draft' && action.returned ? { by: action.returned.by, on: dayOf(action.returned.at), reason: action.returned.reason } : undefined,
    findings: findings.map((f) => ({ key: f.key, match: f.match, kind: findingLabels[f.kind], warning: f.warning === true, confirmed: action.confirmed.includes(f.key) })),
    sentByYou: action.state === 'awaiting-approval' && sameEmail(action.submittedBy, caller.email),
    published: published && {
      href: `/${tenantId}/you-said-we-did/${action.id}`,
      publishedOn: dayOf(published.publishedOn),
      approvedOn: dayOf(published.updatedOn),
      timeline: published.timeline.map((t) => ({ on: dayOf(t.on), status: actionStatusLabels[t.status], note: t.note })),
    },
    flash: Object.entries(flashes).find(([k]) => url.searchParams.has(k))?.[1],
  };
};

type Client = ReturnType<typeof officerContext>['client'];

/**
 * One step (send, approve, send back): the form checked by the step's shared schema, then the API,
 * then back to the action saying it is done ("?sent=1"), or the page again with what went wrong.
 */
async function step<T>(
  { request, locals, url, params }: RequestEvent,
  schema: z.ZodType<T>,
  call: (client: Client, tenantId: string, id: string, input: T) => Promise<unknown>,
  done: string,
) {
  const { client, tenantId } = officerContext(locals, url);
  const id = actionIdOf(params.action);
  const form = await request.formData();
  const values = { reason: formText(form, 'reason') };
  const read = readWith(schema, { version: formText(form, 'version'), confirmed: formList(form, 'confirmed'), ...values }, values);
  if (read.errors) return fail(400, { values, errors: read.errors });
  try {
    await call(client, tenantId, id, read.input);
  } catch (e) {
    return stepFailure(e, url, { values });
  }
  redirect(303, `${actionHref(id)}?${done}=1`);
}

export const actions: Actions = {
  submit: (event) => step(event, submitInput, (c, t, id, b) => c.submitAction(t, id, b.version, b.confirmed), 'sent'),
  approve: (event) => step(event, approveInput, (c, t, id, b) => c.approveAction(t, id, b.version), 'approved'),
  return: (event) => step(event, returnInput, (c, t, id, b) => c.returnAction(t, id, b.version, b.reason), 'returned'),
};
