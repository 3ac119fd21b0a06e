import { fail, redirect } from '@sveltejs/kit';
import { memberDetailsInput, type Member } from '@pv/shared/panel.schema';
import type { FormValues } from '$lib/form-errors';
import { readWith, save, valuesOf } from '$lib/server/forms';
import { asMember, memberOf } from '$lib/server/member-forms';
import type { Actions, PageServerLoad } from './$types';

const TEXT = ['name', 'email', 'phone', 'preferredChannel', 'language', 'supportNeeds', 'hubId', 'version'] as const;
const MANY = ['childAgeBands', 'topics'] as const;

function detailsOf(m: Pick<Member, 'name' | 'email' | 'phone' | 'preferredChannel' | 'language' | 'supportNeeds' | 'hubId' | 'childAgeBands' | 'topics' | 'version'>): FormValues {
  return {
    name: m.name,
    email: m.email,
    phone: m.phone,
    preferredChannel: m.preferredChannel,
    language: m.language,
    supportNeeds: m.supportNeeds,
    hubId: m.hubId ?? '',
    childAgeBands: m.childAgeBands,
    topics: m.topics,
    version: String(m.version),
  };
}

export const load: PageServerLoad = async (event) => {
  const membership = await asMember(event, (client) => client.membership());
  if (membership.member.status === 'left') redirect(303, `/${event.params.tenant}/membership`);
  return { panel: membership.panel, current: detailsOf(membership.member) };
};

export const actions: Actions = {
  default: async (event) => {
    const values = valuesOf(await event.request.formData(), TEXT, MANY);
    const saved = await save(readWith(memberDetailsInput, values, values), (input) => asMember(event, (client) => client.updateDetails(input)), {
      url: event.url,
      member: memberOf(event),
      // Changed in another window: show what is stored now, with its version, and say so.
      onConflict: (current) => fail(409, { values: detailsOf(current as Member), errors: {}, conflict: true }),
    });
    if (!saved.ok) return saved.failure;
    redirect(303, `/${event.params.tenant}/membership?done=details`);
  },
};
