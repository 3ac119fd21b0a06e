import { error, redirect } from '@sveltejs/kit';
import { joinInput } from '@pv/shared/panel.schema';
import { api, ApiError } from '$lib/server/api';
import { createOnce, newIdempotencyKey, readWith, valuesOf } from '$lib/server/forms';
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
  default: async ({ request, params, url }) => {
    const form = await request.formData();
    const values = valuesOf(form, TEXT, MANY);
    const saved = await createOnce(form, readWith(joinInput, values, values), (input, key) => api(null).joinPanel(params.tenant, params.panel, input, key), {
      url,
      alreadyUsed: 'This form was already sent with different answers. Check your email. If nothing came, select “Join the panel” again.',
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/${params.tenant}/panels/${params.panel}/join/done?outcome=${saved.value.outcome === 'we-will-call' ? 'we-will-call' : 'check-email'}`);
  },
};
