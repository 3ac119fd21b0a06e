import { staffSignIn } from '@pv/shared/auth.schema';
import { apiHandler } from '../platform/http.ts';
import { startSession } from './staff-sessions.service.ts';

/** Staff sign in: Cognito checks the password; the web gets a session id for its cookie, never a token. */
export const handler = apiHandler({ access: { public: true }, body: staffSignIn }, async ({ body }) => ({
  status: 201,
  body: await startSession(body.email, body.password),
}));
