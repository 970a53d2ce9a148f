import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import type { AccountDoc } from '../../auth/accounts.js';
import type { AuthService } from '../../auth/service.js';
import type { AuditLog } from '../../audit/audit.js';
import { ConsentPurpose } from '../../domain/schemas.js';
import { ConflictError } from '../../errors.js';
import { newId } from '../records/service.js';
import type { RecordServices } from '../records/index.js';

/** What the person agrees to; the time of agreement is the server's, never the client's. */
export const RegisterConsent = z.strictObject({
  version: z.string().trim().min(1).max(20),
  purposes: z.array(ConsentPurpose).min(1).max(3),
});

export interface RegisterInput {
  email: string;
  password: string;
  consent: z.infer<typeof RegisterConsent>;
  profile: Record<string, unknown>;
}

/**
 * Creates the talent profile (with its consent record) and the account that owns it, so that
 * neither exists without the other: if the account cannot be created, the profile is removed.
 */
export async function registerTalent(
  deps: { auth: AuthService; records: RecordServices; audit: AuditLog; clock?: () => Date },
  input: RegisterInput,
  _req: Request,
  res: Response,
): Promise<{ token: string; expiresAt: string; account: AccountDoc }> {
  const requestId = String(res.getHeader('x-request-id') ?? '');
  if (await deps.auth.findByEmail(input.email)) throw new ConflictError('body.email', 'an account with this e-mail exists');
  const accountId = newId('acc');
  // A talent account without a profile yet: the talent policy lets exactly this principal create one.
  const registering: Principal = { accountId, role: 'talent', chains: [], via: 'session' };
  const acceptedAt = (deps.clock ?? (() => new Date()))().toISOString();
  const talent = await deps.records.talents.create(registering, { ...input.profile, consent: { ...input.consent, acceptedAt } });
  let account: AccountDoc;
  try {
    account = await deps.auth.createAccount(
      registering,
      { email: input.email, password: input.password, role: 'talent', chains: [], subjectId: talent.id },
      { id: accountId, requestId },
    );
  } catch (err) {
    await deps.records.talents.remove({ ...registering, subjectId: talent.id }, talent.id);
    throw err;
  }
  const owner: Principal = { ...registering, subjectId: talent.id };
  await deps.audit.record(
    owner,
    { action: 'talent.consent', recordType: 'talent', recordId: talent.id, purpose: `v${input.consent.version}:${input.consent.purposes.join(',')}` },
    requestId,
  );
  return { ...(await deps.auth.startSession(account.id)), account };
}
