import { z } from 'zod';
import { AuditEntry, type AuditEntry as AuditEntryType } from '../../audit/audit.js';
import { Id } from '../../domain/primitives.js';
import { Limit } from '../../http/query.js';
import { defineRoute, type RouteDef } from '../../http/route.js';
import type { BaseDoc, Store } from '../../store/port.js';
import { encodeCursor } from '../../store/cursor.js';

const Word = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'is not a valid value');
const When = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
const AuditQuery = z.strictObject({
  actor: Id.optional(),
  role: Word.optional(),
  action: Word.optional(),
  recordType: Word.optional(),
  record: Id.optional(),
  from: When.optional(),
  to: When.optional(),
  limit: Limit,
  cursor: z.string().max(512).optional(),
});

type AuditDoc = AuditEntryType & BaseDoc;
// How many entries one request may step over while applying from/to, so a page stays cheap.
const SCAN_BUDGET = 2_000;

/**
 * The audit trail for admins, newest first. Read-only: no route of any role updates or deletes
 * entries (the collection is append-only in the store as well).
 */
export function auditRoutes(store: Store): RouteDef[] {
  const col = store.collection<AuditDoc>('audit');
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/audit',
      operationId: 'listAudit',
      summary: 'Audit entries, newest first, filtered by actor, role, action, record and time (from/to, inclusive)',
      tags: ['audit'],
      access: { roles: ['admin'] },
      query: AuditQuery,
      responses: { 200: { description: 'A page', schema: z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }) } },
      handler: async ({ query: q }) => {
        const filters: Record<string, string> = {};
        for (const k of ['actor', 'role', 'action', 'recordType', 'record'] as const) {
          const v = q[k];
          if (v !== undefined) filters[k] = v;
        }
        // Without a cursor, start just after `to`: entries are ordered by creation time and id.
        let cursor = q.cursor ?? (q.to ? encodeCursor('createdAt', 'desc', { value: q.to, id: '\uffff' }) : undefined);
        const items: AuditEntryType[] = [];
        let scanned = 0;
        for (;;) {
          const page = await col.list({ filters, sort: 'createdAt', order: 'desc', limit: Math.min(100, q.limit - items.length + 1), cursor });
          let stop = false;
          for (const doc of page.items) {
            scanned++;
            if (q.from && doc.createdAt < q.from) {
              stop = true;
              break;
            }
            if (q.to && doc.createdAt > q.to) continue;
            const { owner: _o, createdAt: _c, updatedAt: _u, version: _v, ...entry } = doc;
            items.push(entry);
            if (items.length === q.limit) {
              const more = page.nextCursor !== null || doc !== page.items.at(-1);
              return { body: { items, nextCursor: more ? encodeCursor('createdAt', 'desc', { value: doc.createdAt, id: doc.id }) : null } };
            }
          }
          if (stop || page.nextCursor === null) return { body: { items, nextCursor: null } };
          cursor = page.nextCursor;
          if (scanned >= SCAN_BUDGET) return { body: { items, nextCursor: cursor } };
        }
      },
    }),
  ];
}
