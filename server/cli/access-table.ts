import pino from 'pino';
import { buildRoutes } from '../app.js';
import { Role, type Access } from '../auth/principal.js';
import { loadConfig } from '../config.js';
import { compose } from '../compose.js';
import type { RouteDef } from '../http/route.js';

/**
 * Prints the route × role table (markdown) from the same route list the app mounts, so the
 * README cannot drift from the code: `npx tsx server/cli/access-table.ts > table.md`.
 */
export const OBJECT_RULES: readonly string[] = [
  "Another tenant's record the caller may not read answers **404, not 403**, so ids are never confirmed.",
  "**Enterprise**: reads, changes and sees matches of its own needs only; other enterprises' private needs are unknown; public needs are a public board.",
  '**Chain chief**: changes its own chains and the needs on them; reads private needs of its chains only.',
  '**Institute / talent**: edits only its own record; a talent sees only its own profile in talent lists.',
  '**HR bureau**: searches every talent who consented to `hr_bureau_search`; enterprises and institutes find only talents who consented to `matching`.',
  '**Masking**: phone, e-mail and ID number are masked in every list, search result and match; the ID number and the consent record are withheld from organisations.',
  "**Contact reveal** (`POST /talents/{id}/contact`): admin and HR bureau (full, incl. ID number), enterprises only with the talent's `contact_sharing` consent (phone, e-mail), the talent itself; audited with purpose, throttled per account and address.",
  '**Consent**: only the person changes its own consent (officials get 403); the server dates each change, and each change is audited.',
  '**Leading enterprise (链主)**: designated by an admin or by the chief of one of its chains, never by the enterprise itself; chain chiefs keep the register of the enterprises on their chains.',
  '**Official actions**: every write by an admin, HR bureau or chain chief, and every write to a person’s profile by someone else, is in the audit log (record id and action, never content).',
  '**Audit log**: append-only for every role (no route writes or deletes it); readable by admins only; no raw personal information inside; kept 190 days.',
  '**API tokens**: created from a session only (a token cannot mint tokens); each account lists and revokes its own.',
];

export function accessTable(routes: readonly Pick<RouteDef, 'method' | 'path' | 'access'>[]): string {
  const roles = Role.options;
  const allows = (access: Access, who: string) => access === 'public' || (who !== 'anonymous' && access.roles.includes(who as Role));
  const head = ['Method', 'Path', 'anonymous', ...roles];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of routes) {
    const cells = ['anonymous', ...roles].map((who) => (allows(r.access, who) ? '✓' : '–'));
    lines.push(`| ${r.method.toUpperCase()} | \`${r.path}\` | ${cells.join(' | ')} |`);
  }
  return [...lines, '', 'Object-level rules (server/features/records/policies.ts and the services):', '', ...OBJECT_RULES.map((r) => `- ${r}`)].join(
    '\n',
  );
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, DEMO_DATA: 'off', LOG_LEVEL: 'silent', MONGODB_URI: '', MEILI_URL: '' });
  const runtime = await compose(config, pino({ level: 'silent' }), { memory: true });
  try {
    process.stdout.write(`${accessTable(buildRoutes(runtime.deps))}\n`);
  } finally {
    await runtime.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
