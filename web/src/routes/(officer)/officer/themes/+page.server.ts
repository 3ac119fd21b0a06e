import { redirect } from '@sveltejs/kit';
import { themeInput } from '@pv/shared/feedback.schema';
import { topOf } from '$lib/server/feedback-pages';
import { createOnce, newIdempotencyKey, readWith, valuesOf } from '$lib/server/forms';
import { officerContext, orFail } from '$lib/server/officer';
import { countText } from '$lib/feedback';
import type { Actions, PageServerLoad } from './$types';

/** Every theme with its size and where its comments come from, and a form to make a new one. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = officerContext(locals, url);
  const { items } = await orFail(client.themes(tenantId), url);
  return {
    themes: items.map((t) => ({
      id: t.id,
      name: t.name,
      size: countText(t.size, t.threshold),
      priorities: topOf(t.priorities, t.threshold),
      networks: topOf(t.networks, t.threshold),
      groups: topOf(t.groups, t.threshold),
    })),
    // Made once per form shown: a double-submitted form makes one theme.
    idempotencyKey: newIdempotencyKey(),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const { client, tenantId } = officerContext(locals, url);
    const form = await request.formData();
    const values = valuesOf(form, ['name', 'description']);
    const saved = await createOnce(form, readWith(themeInput, values, values), (input, key) => client.createTheme(tenantId, input, key), {
      url,
      alreadyUsed: 'This form was already used to make a theme. Check the list of themes first. If yours is not there, select “Make the theme” again.',
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/themes/${saved.value.id}?made=1`);
  },
};
