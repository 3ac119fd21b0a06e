import { apiHandler } from '../platform/http.ts';

/** Who the signed-in caller is, as the API sees them (roles and tenant from the verified ID token). */
export const handler = apiHandler({ access: { roles: ['admin', 'officer', 'partner', 'parent'] } }, async ({ caller }) => ({
  body: caller,
}));
