import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import type { BaseDoc, CollectionSpec, Store } from '../store/port.js';
import { newId } from '../features/records/service.js';

/**
 * The audit trail (亲清政商关系: every official action is traceable). Append-only for every
 * application role, kept for at least 6 months, and never holding raw personal information:
 * entries name records by id and say what was done and why.
 */
export const AUDIT_RETENTION_DAYS = 190;
export const AUDIT_SPEC: CollectionSpec = {
  name: 'audit',
  filters: { actor: 'actorId', role: 'role', action: 'action', recordType: 'recordType', record: 'recordId' },
  unique: [],
  appendOnly: true,
  retentionDays: AUDIT_RETENTION_DAYS,
};

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string(),
  role: z.string(),
  action: z.string(),
  recordType: z.string().optional(),
  recordId: z.string().optional(),
  purpose: z.string().optional(),
  requestId: z.string().optional(),
  outcome: z.enum(['ok', 'denied']).default('ok'),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
type AuditDoc = AuditEntry & BaseDoc;

export interface AuditInput {
  action: string;
  recordType?: string;
  recordId?: string;
  purpose?: string;
  outcome?: 'ok' | 'denied';
}

export interface AuditLog {
  record(principal: Principal | null, entry: AuditInput, requestId?: string): Promise<void>;
}

export function createAuditLog(store: Store, clock: () => Date = () => new Date()): AuditLog {
  const col = store.collection<AuditDoc>('audit');
  return {
    async record(principal, entry, requestId) {
      const now = clock().toISOString();
      await col.insert({
        id: newId('aud'),
        at: now,
        actorId: principal?.accountId ?? 'anonymous',
        role: principal?.role ?? 'anonymous',
        action: entry.action,
        ...(entry.recordType ? { recordType: entry.recordType } : {}),
        ...(entry.recordId ? { recordId: entry.recordId } : {}),
        ...(entry.purpose ? { purpose: entry.purpose } : {}),
        ...(requestId ? { requestId } : {}),
        outcome: entry.outcome ?? 'ok',
        owner: { type: 'government', id: 'audit' },
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
    },
  };
}
