import { fail, redirect } from '@sveltejs/kit';
import { contactChannelLabels, recruitmentChannelLabels } from '@pv/shared/panel.schema';
import { listActionFailure } from '$lib/server/admin';
import { filterSearch, readMemberFilter } from '$lib/server/member-filter';
import { dayOf, hubName, hubOptions, isMemberId, officerContext, orFail, panelIdOf } from '$lib/server/officer';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = officerContext(locals, url);
  const panelId = panelIdOf(params.panel);
  const [panel, config] = await Promise.all([orFail(client.panel(tenantId, panelId), url), orFail(client.config(tenantId), url)]);
  const hubs = hubOptions(config, panel.networkId);
  const filter = readMemberFilter(url, hubs.map((h) => h.value));
  const members = await orFail(client.members(tenantId, panelId, filter.query), url);
  const flashId = url.searchParams.get('added') ?? url.searchParams.get('confirmed');
  const flashed = members.find((m) => m.id === flashId);
  const filtered = Object.values(filter.query).some((v) => v !== undefined);
  return {
    panel: { id: panel.id, name: panel.name, status: panel.status },
    hubs,
    filter: filter.values,
    filtered,
    search: filterSearch(filter.values),
    flash: flashed
      ? url.searchParams.has('added')
        ? `${flashed.name} has been added to the panel.`
        : `${flashed.name} is now a member of the panel.`
      : undefined,
    // Contact data only: the API never sends equality monitoring answers.
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      email: m.email,
      phone: m.phone,
      preferred: contactChannelLabels[m.preferredChannel],
      hub: hubName(config, m.hubId),
      joined: dayOf(m.joinedAt),
      status: m.status,
      assisted: m.assisted ? recruitmentChannelLabels[m.assisted.recruitedBy as keyof typeof recruitmentChannelLabels] ?? 'By an officer' : undefined,
      // Email joiners confirm by the link we send; phone-only joiners are confirmed by the officer who calls them.
      canConfirm: m.status === 'pending' && !m.email,
    })),
  };
};

export const actions: Actions = {
  confirm: async ({ request, locals, url, params }) => {
    const { client, tenantId } = officerContext(locals, url);
    const panelId = panelIdOf(params.panel);
    const form = await request.formData();
    const id = String(form.get('memberId') ?? '');
    if (!isMemberId(id)) return fail(400, { actionError: { id, message: 'Something was missing from the form. Reload the page and try again.' } });
    try {
      await client.confirmMember(tenantId, panelId, id);
    } catch (e) {
      return listActionFailure(e, url, id);
    }
    const back = new URLSearchParams(url.search);
    back.delete('/confirm');
    back.set('confirmed', id);
    redirect(303, `/officer/panels/${panelId}/members?${back.toString()}#member-${id}`);
  },
};

