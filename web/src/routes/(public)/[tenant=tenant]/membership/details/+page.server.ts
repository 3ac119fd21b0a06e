import { fail, redirect } from '@sveltejs/kit';
import { memberDetailsInput, type Member } from '@pv/shared/panel.schema';
import { ApiError } from '$lib/server/api';
import { apiFailure, asMember, check, memberOf, readValues } from '$lib/server/member-forms';
import type { FormValues } from '$lib/form-errors';
import type { Actions, PageServerLoad } from './$types';

const TEXT = ['name', 'email', 'phone', 'preferredChannel', 'language', 'supportNeeds', 'hubId', 'version'] as const;
const MANY = ['childAgeBands', 'topics'] as const;

function valuesOf(m: Pick<Member, 'name' | 'email' | 'phone' | 'preferredChannel' | 'language' | 'supportNeeds' | 'hubId' | 'childAgeBands' | 'topics' | 'version'>): FormValues {
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
  return { panel: membership.panel, current: valuesOf(membership.member) };
};

export const actions: Actions = {
  default: async (event) => {
    const values = readValues(await event.request.formData(), TEXT, MANY);
    const checked = check(memberDetailsInput, values);
    if ('errors' in checked) return fail(400, { values, errors: checked.errors });
    try {
      await asMember(event, (client) => client.updateDetails(checked.input));
    } catch (e) {
      // Changed in another window: show what is stored now, with its version, and say so.
      if (e instanceof ApiError && e.status === 409 && e.current) {
        return fail(409, { values: valuesOf(e.current as Member), errors: {}, conflict: true });
      }
      return apiFailure(e, { values }, memberOf(event));
    }
    redirect(303, `/${event.params.tenant}/membership?done=details`);
  },
};
