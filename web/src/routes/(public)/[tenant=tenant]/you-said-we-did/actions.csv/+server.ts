import { logForExport } from '$lib/server/public-log';
import { actionsCsv } from '$lib/server/public-log-exports';
import type { RequestHandler } from './$types';

/** Every published action as a spreadsheet (survey-csv.ts: byte-order mark, every cell quoted, formulas defused). */
export const GET: RequestHandler = async ({ params }) => {
  const { tenant, actions } = await logForExport(params.tenant);
  return new Response(actionsCsv(tenant, actions), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${tenant.id}-you-said-we-did.csv"`,
      'cache-control': 'public, max-age=300',
    },
  });
};
