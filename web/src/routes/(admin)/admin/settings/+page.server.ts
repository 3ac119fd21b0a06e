import { fail, redirect } from '@sveltejs/kit';
import { retentionOf, tenantSettingsInput, type Tenant } from '@pv/shared/config.schema';
import { toFieldErrors } from '@pv/shared/validation';
import { ApiError } from '$lib/server/api';
import { adminContext, formFailure } from '$lib/server/admin';
import type { Actions, PageServerLoad } from './$types';

const retentionFields = ['keepResponsesMonths', 'keepUnconfirmedDays', 'keepLeftMembersMonths', 'keepSentMessagesDays', 'keepAuditYears'] as const;
const fields = ['name', 'strategy', 'about', 'suppressionThreshold', 'safeguardingContact', 'staffIdleMinutes', ...retentionFields] as const;

function valuesOf(tenant: Tenant): Record<(typeof fields)[number], string> {
  const retention = retentionOf(tenant);
  return {
    name: tenant.name,
    strategy: tenant.strategy,
    about: tenant.about,
    suppressionThreshold: String(tenant.suppressionThreshold),
    safeguardingContact: tenant.safeguardingContact ?? '',
    staffIdleMinutes: String(tenant.staffIdleMinutes ?? 30),
    ...(Object.fromEntries(retentionFields.map((f) => [f, String(retention[f])])) as Record<(typeof retentionFields)[number], string>),
  };
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const { client, tenantId } = adminContext(locals, url);
  const { tenant } = await client.config(tenantId);
  return { values: valuesOf(tenant), version: tenant.version, saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const { client, tenantId } = adminContext(locals, url);
    const form = await request.formData();
    const values = Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? '')])) as Record<(typeof fields)[number], string>;
    const sentVersion = String(form.get('version') ?? '');
    const parsed = tenantSettingsInput.safeParse({ ...values, version: sentVersion });
    if (!parsed.success) return fail(400, { values, errors: toFieldErrors(parsed.error), version: sentVersion });
    const { version, ...input } = parsed.data;
    try {
      await client.updateTenantSettings(tenantId, version, input);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.current !== undefined) {
        const current = e.current as Tenant;
        return fail(409, { values, errors: {}, version: String(current.version), conflict: valuesOf(current) });
      }
      return formFailure(e, url, (errors) => errors, { values, version: sentVersion });
    }
    redirect(303, '/admin/settings?saved');
  },
};
