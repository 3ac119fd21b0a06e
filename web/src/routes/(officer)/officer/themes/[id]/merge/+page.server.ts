import { fail, redirect } from '@sveltejs/kit';
import { mergeInput } from '@pv/shared/feedback.schema';
import { formProblem, officerTheme, parseForm, themeIdOf } from '$lib/server/feedback-pages';
import { officerContext, textOf } from '$lib/server/officer';
import type { Actions, PageServerLoad } from './$types';

/** Merging a theme into another: choose which, see what will happen, confirm. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { theme, comments, themes } = await officerTheme(locals, url, params.id);
  return {
    theme: { id: theme.id, name: theme.name },
    count: comments.length,
    version: theme.version,
    others: themes.filter((t) => t.id !== theme.id).map((t) => ({ value: t.id, label: t.name })),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = themeIdOf(params.id);
    const form = await request.formData();
    const values = { intoThemeId: textOf(form, 'intoThemeId') };
    const read = parseForm(mergeInput, { intoThemeId: values.intoThemeId || undefined, version: textOf(form, 'version') });
    if (!read.input) return fail(400, { values, errors: read.errors ?? {} });
    try {
      await client.mergeTheme(tenantId, id, read.input.version, read.input.intoThemeId);
    } catch (e) {
      return formProblem(e, url, { values });
    }
    redirect(303, `/officer/themes/${read.input.intoThemeId}?merged=1`);
  },
};
