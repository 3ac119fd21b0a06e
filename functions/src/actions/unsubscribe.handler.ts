import { apiHandler } from '../platform/http.ts';
import { tokenBody } from '../panels/panels.params.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { unsubscribe } from './closing-the-loop.ts';

/** The link in "you said, we did" emails (the page asks for a button press, so mail scanners don't unsubscribe anyone). */
export const handler = apiHandler({ access: { public: true }, params: tenantParams, body: tokenBody }, async ({ params, body }) => {
  await unsubscribe(params.tenantId, body.token);
  return { status: 204 };
});
