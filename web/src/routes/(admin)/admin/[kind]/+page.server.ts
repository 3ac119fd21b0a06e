import { fail, redirect } from '@sveltejs/kit';
import { moveInput, statusChangeInput, kindSegments } from '@pv/shared/config.schema';
import { z } from 'zod';
import { illustrativeNote, kindIntro } from '$lib/config-fields';
import { adminContext, itemIdPattern, itemsOf, kindOf, labelsFor, listActionFailure } from '$lib/server/admin';
import { itemView, type ItemView } from '$lib/server/config-form';
import type { Actions, PageServerLoad } from './$types';

const statusForm = statusChangeInput.extend({ status: z.enum(['active', 'retired']) });

function flash(url: URL, items: ItemView[]): string | undefined {
  const title = (param: string) => items.find((i) => i.id === url.searchParams.get(param))?.title;
  const p = url.searchParams;
  if (p.has('added') && title('added')) return `‘${title('added')}’ has been added.`;
  if (p.has('saved') && title('saved')) return `Your changes to ‘${title('saved')}’ are saved.`;
  if (p.has('moved') && title('moved')) {
    const moved = items.find((i) => i.id === p.get('moved'))!;
    const siblings = items.filter((i) => i.groupId === moved.groupId);
    return `‘${moved.title}’ is now number ${siblings.indexOf(moved) + 1} in the list.`;
  }
  if (p.has('retired') && title('retired')) {
    return `‘${title('retired')}’ is retired. Families will not see it and it cannot be used for anything new. You can restore it at any time.`;
  }
  if (p.has('restored') && title('restored')) return `‘${title('restored')}’ is back in use.`;
  if (p.has('deleted')) return `‘${p.get('deleted')!.slice(0, 200)}’ has been deleted.`;
  return undefined;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = adminContext(locals, url);
  const kind = kindOf(params.kind);
  const config = await client.config(tenantId);
  const items = itemsOf(config, kind).map((item) => itemView(kind, item, config));

  // Hubs are listed (and moved) within their network; every other kind is one list.
  const groups =
    kind === 'hub'
      ? itemsOf(config, 'hubNetwork')
          .map((network) => ({
            heading: network.status === 'retired' ? `${network.name} (retired)` : network.name,
            items: items.filter((i) => i.groupId === network.id),
          }))
          .filter((g) => g.items.length)
      : [{ heading: undefined, items }];

  return {
    kind,
    segment: kindSegments[kind],
    labels: labelsFor(kind),
    intro: kindIntro[kind],
    illustrativeNote: items.some((i) => i.illustrative) ? illustrativeNote : undefined,
    groups,
    count: items.length,
    flash: flash(url, items),
  };
};

export const actions: Actions = {
  move: async ({ request, locals, url, params }) => {
    const { client, tenantId } = adminContext(locals, url);
    const kind = kindOf(params.kind);
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const parsed = moveInput.safeParse({ direction: form.get('direction'), version: form.get('version') });
    if (!parsed.success || !itemIdPattern.test(id)) {
      return fail(400, { actionError: { id, message: 'Something was missing from the form. Reload the page and try again.' } });
    }
    try {
      await client.moveConfigItem(tenantId, kind, id, parsed.data.direction, parsed.data.version);
    } catch (e) {
      return listActionFailure(e, url, id);
    }
    redirect(303, `/admin/${params.kind}?moved=${encodeURIComponent(id)}&to=${parsed.data.direction}#item-${id}`);
  },

  status: async ({ request, locals, url, params }) => {
    const { client, tenantId } = adminContext(locals, url);
    const kind = kindOf(params.kind);
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const parsed = statusForm.safeParse({ status: form.get('status'), version: form.get('version') });
    if (!parsed.success || !itemIdPattern.test(id)) {
      return fail(400, { actionError: { id, message: 'Something was missing from the form. Reload the page and try again.' } });
    }
    try {
      await client.setConfigStatus(tenantId, kind, id, parsed.data.status, parsed.data.version);
    } catch (e) {
      return listActionFailure(e, url, id);
    }
    const done = parsed.data.status === 'retired' ? 'retired' : 'restored';
    redirect(303, `/admin/${params.kind}?${done}=${encodeURIComponent(id)}#item-${id}`);
  },
};
