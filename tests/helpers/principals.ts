import type { Principal } from '../../server/auth/principal.js';

/** Principals injected by tests that are not about sign-in (the harness's `as` option). */
export const ADMIN: Principal = { accountId: 'acc_admin', role: 'admin', chains: [], via: 'session' };
export const CHIEF: Principal = { accountId: 'acc_chief', role: 'chain_chief', chains: ['test-home'], via: 'session' };
export const OTHER_CHIEF: Principal = { accountId: 'acc_chief2', role: 'chain_chief', chains: ['other'], via: 'session' };
export const HR: Principal = { accountId: 'acc_hr', role: 'hr_bureau', chains: [], via: 'session' };

/** An enterprise, institute or talent account acting for its own record. */
export const as = (role: Principal['role'], subjectId: string): Principal => ({
  accountId: `acc_${role}_${subjectId}`,
  role,
  chains: [],
  subjectId,
  via: 'session',
});
