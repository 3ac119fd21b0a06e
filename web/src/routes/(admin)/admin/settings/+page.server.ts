import { fail, redirect } from '@sveltejs/kit';
import { retentionOf, tenantSettingsInput, type Tenant } from '@pv/shared/config.schema';
import { adminContext } from '$lib/server/admin';
import { formText, readWith, save, valuesOf } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const retentionFields = ['keepResponsesMonths', 'keepUnconfirmedDays', 'keepLeftMembersMonths', 'keepSentMessagesDays', 'keepAuditYears'] as const;
const fields = ['name', 'strategy', 'about', 'suppressionThreshold', 'safeguardingContact', 'staffIdleMinutes', ...retentionFields] as const;

function settingsOf(tenant: Tenant): Record<(typeof fields)[number], string> {
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
  return { values: settingsOf(tenant), version: tenant.version, saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const { client, tenantId } = adminContext(locals, url);
    const form = await request.formData();
    const values = valuesOf(form, fields);
    const version = formText(form, 'version');
    const saved = await save(readWith(tenantSettingsInput, { ...values, version }, values), ({ version, ...input }) => client.updateTenantSettings(tenantId, version, input), {
      url,
      keep: { version },
      // Someone saved first: say what they saved, keep this person's input, and let a second "Save" replace it.
      onConflict: (current, values) => fail(409, { values, errors: {}, version: String((current as Tenant).version), conflict: settingsOf(current as Tenant) }),
    });
    if (!saved.ok) return saved.failure;
    redirect(303, '/admin/settings?saved');
  },
};
