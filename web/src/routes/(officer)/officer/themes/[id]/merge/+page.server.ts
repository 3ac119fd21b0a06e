import { redirect } from '@sveltejs/kit';
import { mergeInput } from '@pv/shared/feedback.schema';
import { officerTheme, saveFeedback, themeIdOf } from '$lib/server/feedback-pages';
import { formText, readWith, valuesOf } from '$lib/server/forms';
import { officerContext } from '$lib/server/officer';
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
    const values = valuesOf(form, ['intoThemeId']);
    const read = readWith(mergeInput, { intoThemeId: values.intoThemeId || undefined, version: formText(form, 'version') }, values);
    const saved = await saveFeedback(read, (input) => client.mergeTheme(tenantId, id, input.version, input.intoThemeId).then(() => input.intoThemeId), { url, keep: {} });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/themes/${saved.value}?merged=1`);
  },
};
