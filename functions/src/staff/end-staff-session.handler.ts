import { apiHandler } from '../platform/http.ts';
import { endSession, sessionIdOf } from './staff-sessions.service.ts';

/** Sign out: the session is deleted and its refresh token revoked. */
export const handler = apiHandler({ access: { public: true } }, async ({ event }) => {
  await endSession(sessionIdOf(event));
  return { status: 204 };
});
