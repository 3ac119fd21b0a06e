import { fail, redirect } from '@sveltejs/kit';
import { themeInput } from '@pv/shared/feedback.schema';
import { idempotencyKeyPattern, newIdempotencyKey } from '$lib/server/admin';
import { formProblem, parseForm, topOf } from '$lib/server/feedback-pages';
import { officerContext, orFail, textOf } from '$lib/server/officer';
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
    const values = { name: textOf(form, 'name'), description: textOf(form, 'description') };
    const sent = textOf(form, 'idempotencyKey');
    const idempotencyKey = idempotencyKeyPattern.test(sent) ? sent : newIdempotencyKey();
    const read = parseForm(themeInput, values);
    if (!read.input) return fail(400, { values, errors: read.errors ?? {}, idempotencyKey });
    let id: string;
    try {
      id = (await client.createTheme(tenantId, read.input, idempotencyKey)).id;
    } catch (e) {
      return formProblem(e, url, { values, idempotencyKey });
    }
    redirect(303, `/officer/themes/${id}?made=1`);
  },
};
