import { fail, redirect } from '@sveltejs/kit';
import { bulkInput, splitInput, themeUpdateInput, type Theme } from '@pv/shared/feedback.schema';
import { idempotencyKeyPattern, newIdempotencyKey } from '$lib/server/admin';
import { ApiError } from '$lib/server/api';
import { formProblem, officerTheme, parseForm, rowsOf, themeIdOf } from '$lib/server/feedback-pages';
import { allOf, officerContext, textOf } from '$lib/server/officer';
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

export const actions: Actions = {
  rename: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = themeIdOf(params.id);
    const form = await request.formData();
    const values = { name: textOf(form, 'name'), description: textOf(form, 'description') };
    const read = parseForm(themeUpdateInput, { ...values, version: textOf(form, 'version') });
    if (!read.input) return fail(400, { form: 'rename', values, errors: read.errors ?? {} });
    const { version, ...input } = read.input;
    try {
      await client.updateTheme(tenantId, id, version, input);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.current !== undefined) {
        // Keep this officer's words; a second Save puts them on top of the other person's knowingly.
        const theirs = e.current as Theme;
        return fail(409, { form: 'rename', values, errors: {} as Record<string, string>, conflict: { name: theirs.name, description: theirs.description, version: theirs.version } });
      }
      return formProblem(e, url, { form: 'rename', values });
    }
    redirect(303, `/officer/themes/${id}?renamed=1`);
  },

  split: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = themeIdOf(params.id);
    const form = await request.formData();
    const values = { ids: allOf(form, 'ids'), splitName: textOf(form, 'splitName'), splitDescription: textOf(form, 'splitDescription') };
    const read = parseForm(splitInput, { ids: values.ids, name: values.splitName, description: values.splitDescription });
    const fields = { name: 'splitName', description: 'splitDescription' };
    if (!read.input) {
      const errors = Object.fromEntries(Object.entries(read.errors ?? {}).map(([k, m]) => [fields[k as keyof typeof fields] ?? k.replace(/\.\d+$/, ''), m]));
      return fail(400, { form: 'comments', values, errors });
    }
    const sent = textOf(form, 'idempotencyKey');
    const key = idempotencyKeyPattern.test(sent) ? sent : newIdempotencyKey();
    const { ids, ...input } = read.input;
    let made: string;
    try {
      made = (await client.splitTheme(tenantId, id, { ...input, ids }, key)).id;
    } catch (e) {
      return formProblem(e, url, { form: 'comments', values }, fields);
    }
    redirect(303, `/officer/themes/${id}?split=${made}&n=${ids.length}`);
  },

  remove: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const id = themeIdOf(params.id);
    const form = await request.formData();
    const values = { ids: allOf(form, 'ids'), splitName: textOf(form, 'splitName'), splitDescription: textOf(form, 'splitDescription') };
    const read = parseForm(bulkInput, { ids: values.ids, action: 'remove-from-theme' });
    if (!read.input) return fail(400, { form: 'comments', values, errors: { ids: read.errors?.ids ?? 'Choose at least one comment' } });
    let changed: number;
    try {
      changed = (await client.bulkFeedback(tenantId, read.input)).changed;
    } catch (e) {
      return formProblem(e, url, { form: 'comments', values });
    }
    redirect(303, `/officer/themes/${id}?removed=1&n=${changed}`);
  },
};
