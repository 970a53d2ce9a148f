import type { Config } from '../config.js';
import type { Role } from './principal.js';
import { SYSTEM_PRINCIPAL, type AuthService } from './service.js';
import { safeEqual } from './tokens.js';

/**
 * One demo account per role, with passwords published in the README. They exist for the demo
 * only: production start-up refuses to run while any of them can sign in.
 */
export const DEMO_ACCOUNTS: ReadonlyArray<{ role: Role; email: string; password: string }> = [
  { role: 'admin', email: 'admin@demo.chaintalent.example', password: 'demo-admin-链才-2021' },
  { role: 'hr_bureau', email: 'hr@demo.chaintalent.example', password: 'demo-hr-人社局-2021' },
  { role: 'chain_chief', email: 'chief@demo.chaintalent.example', password: 'demo-chief-链长-2021' },
  { role: 'enterprise', email: 'enterprise@demo.chaintalent.example', password: 'demo-ent-企业-2021' },
  { role: 'institute', email: 'institute@demo.chaintalent.example', password: 'demo-inst-院所-2021' },
  { role: 'talent', email: 'talent@demo.chaintalent.example', password: 'demo-talent-人才-2021' },
];

/** The records the demo accounts act for, created by the demo loader beforehand. */
export interface DemoSubjects {
  chains: string[];
  enterpriseId: string;
  instituteId: string;
  talentId: string;
}

export class DemoCredentialsError extends Error {}

/** Creates the demo accounts that do not exist yet; refused in production. Returns the e-mails created. */
export async function seedDemoAccounts(deps: { auth: AuthService; config: Pick<Config, 'NODE_ENV'> }, subjects: DemoSubjects): Promise<string[]> {
  if (deps.config.NODE_ENV === 'production') throw new DemoCredentialsError('demo accounts are never created in production');
  const scope: Record<Role, { chains: string[]; subjectId?: string }> = {
    admin: { chains: [] },
    hr_bureau: { chains: [] },
    chain_chief: { chains: subjects.chains },
    enterprise: { chains: [], subjectId: subjects.enterpriseId },
    institute: { chains: [], subjectId: subjects.instituteId },
    talent: { chains: [], subjectId: subjects.talentId },
  };
  const created: string[] = [];
  for (const demo of DEMO_ACCOUNTS) {
    if (await deps.auth.findByEmail(demo.email)) continue;
    await deps.auth.createAccount(SYSTEM_PRINCIPAL, { email: demo.email, password: demo.password, role: demo.role, ...scope[demo.role] });
    created.push(demo.email);
  }
  return created;
}

/**
 * Production guard: no demo password may sign in, and the environment's admin credentials may
 * not be demo ones. Throws DemoCredentialsError naming the account (never the password).
 */
export async function assertNoDemoCredentials(auth: AuthService, config: Pick<Config, 'ADMIN_PASSWORD' | 'ADMIN_API_TOKEN'>): Promise<void> {
  for (const demo of DEMO_ACCOUNTS) {
    if (config.ADMIN_PASSWORD !== undefined && safeEqual(config.ADMIN_PASSWORD, demo.password))
      throw new DemoCredentialsError('ADMIN_PASSWORD is a published demo password; choose another');
    if (config.ADMIN_API_TOKEN !== undefined && safeEqual(config.ADMIN_API_TOKEN, demo.password))
      throw new DemoCredentialsError('ADMIN_API_TOKEN is a published demo password; choose another');
    const account = await auth.findByEmail(demo.email);
    if (account && !account.disabled && (await auth.verify(demo.password, account.passwordHash)))
      throw new DemoCredentialsError(`the demo account ${demo.email} still has its published password; disable it or change its password`);
  }
}

/** Start-up: first admin, then (in production) the demo-credential guard. */
export async function bootstrapAuth(auth: AuthService, config: Config): Promise<void> {
  await auth.bootstrapAdmin();
  if (config.NODE_ENV === 'production') await assertNoDemoCredentials(auth, config);
}
