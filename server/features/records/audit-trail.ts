import { isDeepStrictEqual } from 'node:util';
import type { AuditLog } from '../../audit/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { RecordAudit } from './service.js';

const OFFICIALS = new Set(['admin', 'hr_bureau', 'chain_chief']);

/**
 * What of the record writes reaches the audit log (亲清政商关系: every official action leaves a
 * trace): every write by an official, every write to a person's profile by someone other than
 * that person, and every change of a consent record. The platform's own loaders (`system:*`)
 * are not officials. Entries name the record, never its content.
 */
export function createRecordAudit(audit: AuditLog): RecordAudit {
  return async (principal: Principal | null, { action, collection, doc, before }) => {
    if (!principal || principal.accountId.startsWith('system:')) return;
    const isTalent = collection === 'talents';
    const byOther = isTalent && principal.subjectId !== doc.id;
    const consentChanged =
      isTalent &&
      action === 'update' &&
      !isDeepStrictEqual((before as { consent?: unknown } | undefined)?.consent, (doc as { consent?: unknown }).consent);
    if (consentChanged) await audit.record(principal, { action: 'talent.consent.change', recordType: collection, recordId: doc.id });
    if (OFFICIALS.has(principal.role) || byOther)
      await audit.record(principal, { action: `${collection}.${action}`, recordType: collection, recordId: doc.id });
  };
}
