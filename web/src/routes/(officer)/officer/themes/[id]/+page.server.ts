import { fail, redirect } from '@sveltejs/kit';
import { bulkInput, splitInput, themeUpdateInput, type Theme } from '@pv/shared/feedback.schema';
import { officerTheme, onPage, rowsOf, saveFeedback, themeIdOf } from '$lib/server/feedback-pages';
import { createOnce, formText, newIdempotencyKey, readWith, valuesOf } from '$lib/server/forms';
import { officerContext } from '$lib/server/officer';
import { comments, countText, type Flash } from '$lib/feedback';
import type { Actions, PageServerLoad } from './$types';

/**
 * One theme: its size and spread (small counts in words), its comments, moving some of them to a
 * new theme or out of this one, and its name and description.
 */

function flashOf(params: URLSearchParams, themes: { id: string; name: string }[]): Flash | undefined {
  const n = Math.max(Number.parseInt(params.get('n') ?? '0', 10) || 0, 0);
  if (params.has('made')) return { heading: 'Made the theme' };
  if (params.has('renamed')) return { heading: 'Saved the theme’s name and description' };
  if (params.has('merged')) return { heading: 'Merged the themes', detail: 'The comments of both themes are all here now.' };
  if (params.has('removed')) return { heading: `Removed ${comments(n)} from this theme` };
  const split = themes.find((t) => t.id === params.get('split'));
  if (split) return { heading: `Moved ${comments(n)} to the new theme ‘${split.name}’`, link: { href: `/officer/themes/${split.id}`, text: `Open ‘${split.name}’` } };
  return undefined;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { theme, comments: items, themes } = await officerTheme(locals, url, params.id);
  const t = theme.threshold;
  return {
    theme: { id: theme.id, name: theme.name, description: theme.description, size: countText(theme.size, t), threshold: t },
    spread: [
      { id: 'priorities', title: 'Priorities', one: 'Priority', rows: rowsOf(theme.priorities, t) },
      { id: 'networks', title: 'Hub networks', one: 'Hub network', rows: rowsOf(theme.networks, t) },
      { id: 'hubs', title: 'Family Hubs', one: 'Family Hub', rows: rowsOf(theme.hubs, t) },
      { id: 'groups', title: 'Groups', one: 'Group', rows: rowsOf(theme.groups, t) },
    ],
    comments: items,
    values: { name: theme.name, description: theme.description },
    version: theme.version,
    others: themes.length > 1,
    flash: flashOf(url.searchParams, themes),
    idempotencyKey: newIdempotencyKey(),
  };
};

/** The comments' form: the chosen comments, and the name and description of a new theme for them. */
const commentsForm = (form: FormData) => valuesOf(form, ['splitName', 'splitDescription'], ['ids']);
const splitFields = { name: 'splitName', description: 'splitDescription' };

export const actions: Actions = {
  rename: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = themeIdOf(params.id);
    const form = await request.formData();
    const values = valuesOf(form, ['name', 'description']);
    const read = readWith(themeUpdateInput, { ...values, version: formText(form, 'version') }, values);
    const saved = await saveFeedback(read, ({ version, ...input }) => client.updateTheme(tenantId, id, version, input), {
      url,
      keep: { form: 'rename' },
      // Keep this officer's words; a second Save puts them on top of the other person's knowingly.
      onConflict: (stored, values) => {
        const theirs = stored as Theme;
        return fail(409, { form: 'rename', values, errors: {}, conflict: { name: theirs.name, description: theirs.description, version: theirs.version } });
      },
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/themes/${id}?renamed=1`);
  },

  split: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = themeIdOf(params.id);
    const form = await request.formData();
    const values = commentsForm(form);
    const read = readWith(splitInput, { ids: values.ids, name: values.splitName, description: values.splitDescription }, values);
    const renamed: typeof read = read.errors ? { values, errors: onPage(read.errors, splitFields) } : read;
    const saved = await createOnce(form, renamed, (input, key) => client.splitTheme(tenantId, id, input, key), {
      url,
      keep: { form: 'comments' },
      toPage: (errors) => onPage(errors, splitFields),
      alreadyUsed: 'This form was already used to make a theme. Check the list of themes first. If yours is not there, select “Move the selected comments to a new theme” again.',
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/themes/${id}?split=${saved.value.id}&n=${(values.ids as string[]).length}`);
  },

  remove: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = themeIdOf(params.id);
    const form = await request.formData();
    const values = commentsForm(form);
    const read = readWith(bulkInput, { ids: values.ids, action: 'remove-from-theme' }, values);
    if (read.errors) return fail(400, { form: 'comments', values, errors: { ids: read.errors.ids ?? 'Choose at least one comment' } });
    const saved = await saveFeedback(read, (input) => client.bulkFeedback(tenantId, input), { url, keep: { form: 'comments' } });
    if (!saved.ok) return saved.failure;
    redirect(303, `/officer/themes/${id}?removed=1&n=${saved.value.changed}`);
  },
};
