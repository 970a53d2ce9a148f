import type { Request, Response } from 'express';
import type { Principal } from '../../auth/principal.js';
import { accountView } from '../../auth/accounts.js';
import type { AuthService } from '../../auth/service.js';
import type { AuditEntry, AuditLog } from '../../audit/audit.js';
import type { Talent } from '../../domain/schemas.js';
import { AppError } from '../../errors.js';
import type { BaseDoc, Collection, Store } from '../../store/port.js';
import { mayRevealTalentContact } from '../records/policies.js';
import type { RecordServices } from '../records/index.js';

/** Why a contact is revealed: a closed list, so the audit trail never holds free text (or PI). */
export const REVEAL_PURPOSES = ['recruitment', 'collaboration', 'challenge', 'talent_service', 'verification'] as const;
export type RevealPurpose = (typeof REVEAL_PURPOSES)[number];

export interface ContactCard {
  id: string;
  name: string;
  phone?: string;
  email?: string;
  idNumber?: string;
}

/** The person's rights (PIPL): who sees full contact details, export of one's data, deletion. */
export interface PrivacyService {
  revealContact(
    principal: Principal,
    talentId: string,
    purpose: { purpose: RevealPurpose; needId?: string | undefined },
    req: Request,
    res: Response,
  ): Promise<ContactCard>;
  exportOwnData(principal: Principal, requestId: string): Promise<Record<string, unknown>>;
  deleteOwnProfile(principal: Principal, requestId: string): Promise<void>;
}

type AuditDoc = AuditEntry & BaseDoc;

async function auditWhere(col: Collection<AuditDoc>, filters: Record<string, string>): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await col.list({ filters, limit: 1000, cursor, sort: 'createdAt', order: 'asc' });
    for (const { owner: _o, createdAt: _c, updatedAt: _u, version: _v, ...entry } of page.items) out.push(entry);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export function createPrivacyService(deps: { store: Store; records: RecordServices; audit: AuditLog; auth: AuthService }): PrivacyService {
  const auditCol = deps.store.collection<AuditDoc>('audit');
  return {
    async revealContact(principal, talentId, { purpose, needId }, req, res) {
      deps.auth.throttle('reveal', principal, req, res);
      const requestId = String(res.getHeader('x-request-id') ?? '');
      const why = needId ? `${purpose}:${needId}` : purpose;
      // A talent the caller may not even see is unknown to it (404 via the records service).
      const talent: Talent = await deps.records.talents.get(principal, talentId);
      if (!mayRevealTalentContact(principal, talent)) {
        await deps.audit.record(
          principal,
          { action: 'talent.contact.reveal', recordType: 'talent', recordId: talent.id, purpose: why, outcome: 'denied' },
          requestId,
        );
        throw new AppError('forbidden', 'The talent has not consented to share contact details with you');
      }
      await deps.audit.record(principal, { action: 'talent.contact.reveal', recordType: 'talent', recordId: talent.id, purpose: why }, requestId);
      // Organisations get what contacting needs; the ID number only reaches government and the person.
      const withId = principal.role === 'admin' || principal.role === 'hr_bureau' || principal.subjectId === talent.id;
      return {
        id: talent.id,
        name: talent.name,
        ...(talent.phone ? { phone: talent.phone } : {}),
        ...(talent.email ? { email: talent.email } : {}),
        ...(withId && talent.idNumber ? { idNumber: talent.idNumber } : {}),
      };
    },

    async exportOwnData(principal, requestId) {
      const account = await deps.auth.account(principal.accountId);
      const profile = principal.role === 'talent' && principal.subjectId ? await deps.records.talents.collection.get(principal.subjectId) : null;
      const credentials = await deps.auth.credentialsOf(principal.accountId);
      // The person's right to know who saw their data: entries about the profile, and their own actions.
      const aboutProfile = profile ? await auditWhere(auditCol, { record: profile.id }) : [];
      const byAccount = await auditWhere(auditCol, { actor: principal.accountId });
      await deps.audit.record(
        principal,
        { action: 'data.export', recordType: profile ? 'talent' : 'account', recordId: profile?.id ?? principal.accountId, purpose: 'pipl_access' },
        requestId,
      );
      return {
        exportedAt: new Date().toISOString(),
        account: account ? accountView(account) : { id: principal.accountId, role: principal.role },
        ...(profile ? { profile } : {}),
        sessions: credentials.sessions,
        apiTokens: credentials.apiTokens,
        auditAboutProfile: aboutProfile,
        auditByAccount: byAccount,
      };
    },

    async deleteOwnProfile(principal, requestId) {
      if (principal.role !== 'talent' || !principal.subjectId) throw new AppError('forbidden', 'Only a talent deletes its own profile here');
      const talentId = principal.subjectId;
      // Through the records service, so that the outbox removes it from the search index too.
      await deps.records.talents.remove(principal, talentId);
      await deps.auth.disableAccount(principal.accountId, { erase: true });
      await deps.audit.record(principal, { action: 'talent.delete', recordType: 'talent', recordId: talentId, purpose: 'pipl_erasure' }, requestId);
    },
  };
}
