import { z } from 'zod';

export const Role = z.enum(['admin', 'hr_bureau', 'chain_chief', 'enterprise', 'institute', 'talent']);
export type Role = z.infer<typeof Role>;

/** Who is calling, as established by the auth middleware; `null` for anonymous visitors. */
export interface Principal {
  accountId: string;
  role: Role;
  /** Chain codes a chain chief is scoped to. */
  chains: string[];
  /** The enterprise, institute or talent record the account acts for. */
  subjectId?: string | undefined;
  /** How the caller authenticated. */
  via: 'session' | 'api_token';
  /** The session or API token presented, so that sign-out revokes exactly that one. */
  credentialId?: string | undefined;
}

/**
 * Route-level access: which roles may call a route at all. Object-level rules (enterprise A
 * never sees enterprise B's needs) live in the services, which receive the principal.
 */
export type Access = 'public' | { roles: readonly Role[] };
