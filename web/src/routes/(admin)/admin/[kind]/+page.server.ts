import { fail, redirect } from '@sveltejs/kit';
import { moveInput, statusChangeInput, kindSegments, type ConfigKind } from '@pv/shared/config.schema';
import { z } from 'zod';
import { illustrativeNote, kindIntro } from '$lib/config-fields';
import type { api } from '$lib/server/api';
import { adminContext, itemIdPattern, itemsOf, kindOf, labelsFor } from '$lib/server/admin';
import { itemRefusal, itemView, type ItemView } from '$lib/server/config-form';
import { formText } from '$lib/server/forms';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

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

/**
 * A small action on one item of the list (move, retire, restore): its hidden fields checked, the API
 * called, and back to the item in the list, or a message by it.
 */
async function onItem<S extends z.ZodType>(
  { request, locals, url, params }: RequestEvent,
  schema: S,
  call: (client: ReturnType<typeof api>, tenantId: string, kind: ConfigKind, id: string, input: z.output<S>) => Promise<unknown>,
  /** The query that tells the list what happened, e.g. "moved=<id>&to=up". */
  done: (input: z.output<S>, id: string) => string,
) {
  const { client, tenantId } = adminContext(locals, url);
  const kind = kindOf(params.kind);
  const form = await request.formData();
  const id = formText(form, 'id');
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success || !itemIdPattern.test(id)) {
    return fail(400, { id, values: {}, errors: { _: 'Something was missing from the form. Reload the page and try again.' } });
  }
  try {
    await call(client, tenantId, kind, id, parsed.data);
  } catch (e) {
    return itemRefusal(e, url, id);
  }
  redirect(303, `/admin/${params.kind}?${done(parsed.data, encodeURIComponent(id))}#item-${id}`);
}

export const actions: Actions = {
  move: (event) =>
    onItem(event, moveInput, (client, tenantId, kind, id, { direction, version }) => client.moveConfigItem(tenantId, kind, id, direction, version), ({ direction }, id) =>
      `moved=${id}&to=${direction}`,
    ),
  status: (event) =>
    onItem(event, statusForm, (client, tenantId, kind, id, { status, version }) => client.setConfigStatus(tenantId, kind, id, status, version), ({ status }, id) =>
      status === 'retired' ? `retired=${id}` : `restored=${id}`,
    ),
};
