import { apiHandler } from '../platform/http.ts';
import { currentSession, sessionIdOf } from './staff-sessions.service.ts';

/** The web server, on each page: is this session still alive, who is it, and the ID token for its API calls. */
export const handler = apiHandler({ access: { public: true } }, async ({ event }) => ({
  body: await currentSession(sessionIdOf(event)),
  headers: { 'cache-control': 'no-store' },
}));
