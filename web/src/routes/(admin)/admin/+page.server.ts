import { configKinds, kindLabels, kindSegments } from '@pv/shared/config.schema';
import { kindIntro } from '$lib/config-fields';
import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const session = locals.session!;
  const config = await api(session).config(session.caller.tenantId);
  return {
    sections: configKinds.map((kind) => {
      const items = config[kind] as { status: string; illustrative?: boolean }[];
      return {
        kind,
        href: `/admin/${kindSegments[kind]}`,
        title: kindLabels[kind].many,
        one: kindLabels[kind].one,
        intro: kindIntro[kind],
        active: items.filter((i) => i.status === 'active').length,
        retired: items.filter((i) => i.status === 'retired').length,
        illustrative: items.filter((i) => i.illustrative).length,
      };
    }),
  };
};
