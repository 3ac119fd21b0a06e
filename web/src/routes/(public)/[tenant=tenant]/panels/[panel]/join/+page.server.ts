import { error, fail, redirect } from '@sveltejs/kit';
import { joinInput } from '@pv/shared/panel.schema';
import { api, ApiError } from '$lib/server/api';
import { idempotencyKeyPattern, newIdempotencyKey } from '$lib/server/admin';
import { apiFailure, check, readValues } from '$lib/server/member-forms';
import type { Actions, PageServerLoad } from './$types';

const TEXT = ['name', 'email', 'phone', 'preferredChannel', 'language', 'supportNeeds', 'hubId', 'agreeToContact'] as const;
const MANY = ['childAgeBands', 'topics'] as const;

async function panelOf(tenantId: string, panelId: string) {
  if (!/^[a-z0-9-]{1,130}$/.test(panelId)) error(404, { message: 'There is no panel at this address.' });
  try {
    return await api(null).publicPanel(tenantId, panelId);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, { message: 'There is no panel at this address. It may have closed.' });
    throw e;
  }
}

export const load: PageServerLoad = async ({ params }) => {
  const panel = await panelOf(params.tenant, params.panel);
  // Made once per form shown: a double-submitted form makes one member.
  return { panel, idempotencyKey: newIdempotencyKey() };
};

export const actions: Actions = {
  default: async ({ request, params }) => {
    const form = await request.formData();
    const sent = String(form.get('idempotencyKey') ?? '');
    const idempotencyKey = idempotencyKeyPattern.test(sent) ? sent : newIdempotencyKey();
    const values = readValues(form, TEXT, MANY);
    const checked = check(joinInput, values);
    if ('errors' in checked) return fail(400, { values, errors: checked.errors, idempotencyKey });

    let outcome: string;
    try {
      outcome = (await api(null).joinPanel(params.tenant, params.panel, checked.input, idempotencyKey)).outcome;
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'idempotency-key-reused') {
        return fail(422, {
          values,
          errors: { _: 'This form was already sent with different answers. Check your email. If nothing came, select “Join the panel” again.' },
          idempotencyKey: newIdempotencyKey(),
        });
      }
      return apiFailure(e, { values, idempotencyKey });
    }
    redirect(303, `/${params.tenant}/panels/${params.panel}/join/done?outcome=${outcome === 'we-will-call' ? 'we-will-call' : 'check-email'}`);
  },
};
