export const roles = ['admin', 'officer', 'partner', 'parent'] as const;
export type Role = (typeof roles)[number];

/** Who is asking, read from a verified Cognito ID token. */
export interface Caller {
  sub: string;
  email: string;
  tenantId: string;
  roles: Role[];
}

/** Where each staff role lands after signing in. */
export const homeFor: Record<Exclude<Role, 'parent'>, string> = {
  admin: '/admin',
  officer: '/officer',
  partner: '/partner',
};
