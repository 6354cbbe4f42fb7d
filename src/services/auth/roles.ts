export const ROLES = ['VIEWER', 'OPERATOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Whom a request acts as: the API key it presented. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
}

/** Roles are ordered: each includes every right of the ones below it. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
