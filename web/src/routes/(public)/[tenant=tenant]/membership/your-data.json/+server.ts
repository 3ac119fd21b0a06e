import { asMember } from '$lib/server/member-forms';
import type { RequestHandler } from './$types';

/** Everything held about the member, as a file they can keep. */
export const GET: RequestHandler = async (event) => {
  const data = await asMember(event, (client) => client.data());
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="your-data-${event.params.tenant}.json"`,
      'cache-control': 'private, no-store',
    },
  });
};
