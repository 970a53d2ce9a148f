import { z } from 'zod';
import type { Access } from '../../auth/principal.js';
import { defineRoute, type RouteDef } from '../../http/route.js';
import { IdParams, listQuerySchema, pageOf, toListQuery } from '../../http/query.js';
import type { BaseDoc } from '../../store/port.js';
import type { RecordService } from './service.js';

export interface RecordRoutesOptions<D extends BaseDoc> {
  /** URL segment and tag, e.g. `talents`. */
  plural: string;
  /** PascalCase noun for operation ids, e.g. `Talent`. */
  noun: string;
  service: RecordService<D>;
  input: z.ZodType;
  doc: z.ZodType;
  filters: Record<string, z.ZodType>;
  access: { read: Access; create: Access; update: Access; remove: Access; bulk: Access };
}

const BulkResults = z.object({
  results: z.array(
    z.object({
      index: z.number(),
      externalId: z.string().optional(),
      status: z.enum(['created', 'updated', 'unchanged', 'error']),
      id: z.string().optional(),
      errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  ),
  summary: z.record(z.string(), z.number()),
});

/** Create, read, update, delete, list and bulk upsert for one record type. */
export function recordRoutes<D extends BaseDoc>(o: RecordRoutesOptions<D>): RouteDef[] {
  const base = `/api/v1/${o.plural}`;
  const query = listQuerySchema(o.filters);
  const filterKeys = Object.keys(o.filters);
  const tags = [o.plural];
  return [
    defineRoute({
      method: 'get',
      path: base,
      operationId: `list${o.noun}s`,
      summary: `List ${o.plural} with filters, sorting (name sorts by pinyin) and cursor pagination`,
      tags,
      access: o.access.read,
      query,
      responses: { 200: { description: 'A page', schema: pageOf(o.doc) } },
      handler: async ({ query: q, principal }) => {
        const page = await o.service.list(principal, toListQuery(q, filterKeys));
        return { body: { items: page.items.map((d) => o.service.view(principal, d, 'list')), nextCursor: page.nextCursor } };
      },
    }),
    defineRoute({
      method: 'post',
      path: base,
      operationId: `create${o.noun}`,
      summary: `Create a ${o.noun.toLowerCase()}`,
      tags,
      access: o.access.create,
      body: o.input,
      responses: { 201: { description: 'Created', schema: o.doc } },
      handler: async ({ body, principal }) => {
        const doc = await o.service.create(principal, body as Record<string, unknown>);
        return { status: 201, body: o.service.view(principal, doc, 'detail'), headers: { location: `${base}/${doc.id}` } };
      },
    }),
    defineRoute({
      method: 'post',
      path: `${base}/bulk`,
      operationId: `bulkUpsert${o.noun}s`,
      summary: `Insert or update up to 1,000 ${o.plural} by externalId; answers per record`,
      tags,
      access: o.access.bulk,
      body: z.array(z.unknown()).min(1, 'must hold at least one record').max(1000, 'must hold at most 1,000 records'),
      responses: { 200: { description: 'Per-record results', schema: BulkResults } },
      handler: async ({ body, principal }) => {
        const results = await o.service.bulkUpsert(principal, body);
        const summary: Record<string, number> = { created: 0, updated: 0, unchanged: 0, error: 0 };
        for (const r of results) summary[r.status] = (summary[r.status] ?? 0) + 1;
        return { body: { results, summary } };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:id`,
      operationId: `get${o.noun}`,
      summary: `Read one ${o.noun.toLowerCase()}`,
      tags,
      access: o.access.read,
      params: IdParams,
      responses: { 200: { description: 'The record', schema: o.doc } },
      handler: async ({ params, principal }) => ({ body: o.service.view(principal, await o.service.get(principal, params.id), 'detail') }),
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/:id`,
      operationId: `update${o.noun}`,
      summary: `Change fields of a ${o.noun.toLowerCase()} (null removes an optional field)`,
      tags,
      access: o.access.update,
      params: IdParams,
      body: z.record(z.string(), z.unknown()),
      responses: { 200: { description: 'Updated', schema: o.doc } },
      handler: async ({ params, body, principal }) => ({
        body: o.service.view(principal, await o.service.update(principal, params.id, body), 'detail'),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:id`,
      operationId: `delete${o.noun}`,
      summary: `Delete a ${o.noun.toLowerCase()}`,
      tags,
      access: o.access.remove,
      params: IdParams,
      responses: { 204: { description: 'Deleted' } },
      handler: async ({ params, principal }) => {
        await o.service.remove(principal, params.id);
        return { status: 204 };
      },
    }),
  ];
}
