import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { AppError, ConflictError, NotFoundError, ValidationError, type FieldIssue } from '../../errors.js';
import type { Owner } from '../../domain/schemas.js';
import type { BaseDoc, Collection, FilterValue, ListQuery, Page } from '../../store/port.js';
import { issuesOf } from '../../http/route.js';

export const newId = (prefix: string): string => `${prefix}_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;

const SYSTEM_KEYS = new Set(['id', 'owner', 'createdAt', 'updatedAt', 'version']);

/** What a resource adds to the generic record service. */
export interface ResourceConfig<D extends BaseDoc> {
  /** Singular noun for messages ("talent"). */
  noun: string;
  idPrefix: string;
  /** The create schema (strict); PATCH bodies are merged onto the stored input, then parsed by it. */
  input: z.ZodType<Record<string, unknown>>;
  /** Keys the client may send (the input schema's shape), to recover the input view of a doc. */
  inputKeys: readonly string[];
  /** A fixed id derived from the input (chains use their code), instead of a random one. */
  idFrom?: (input: Record<string, unknown>) => string;
  /** Fields that may not change after creation. */
  immutable?: readonly string[];
  /** Derived fields and the owner, from validated input; throws UnprocessableError for bad references. */
  derive: (input: Record<string, unknown>, id: string, existing?: D) => Promise<{ owner: Owner; fields: Record<string, unknown> }>;
  /** Refuses deletion when other records still point at this one. */
  beforeDelete?: (doc: D) => Promise<void>;
  afterWrite?: () => void;
}

/**
 * Object-level access for one resource. `canRead` false means the record is reported as not
 * found (ids of other tenants are never confirmed).
 */
export interface RecordPolicy<D extends BaseDoc> {
  /** Filters that confine a list to what the principal may see; `null` when it may see nothing. */
  listScope(principal: Principal | null, asked: NonNullable<ListQuery['filters']>): Record<string, FilterValue> | null;
  canRead(principal: Principal | null, doc: D): boolean;
  /** Throws (ForbiddenError / validation) when the principal may not create this input. */
  assertCreate(principal: Principal | null, input: Record<string, unknown>): void;
  canWrite(principal: Principal | null, doc: D): boolean;
  /**
   * Checks a change the writer makes (e.g. a chain chief moving a need to another chain's node).
   * Owners pass `canWrite`; this is not the create check, which owners may not meet.
   */
  assertUpdate?(principal: Principal | null, before: D, input: Record<string, unknown>): void;
  /** What of the doc this principal receives: masking of personal fields happens here. */
  view(principal: Principal | null, doc: D, mode: 'list' | 'detail'): Record<string, unknown>;
}

/** Told of every write, to leave a trace of who changed what (the audit log decides what to keep). */
export type RecordAudit = (
  principal: Principal | null,
  change: { action: 'create' | 'update' | 'delete'; collection: string; doc: BaseDoc; before?: BaseDoc | undefined },
) => Promise<void>;

export type BulkStatus = 'created' | 'updated' | 'unchanged' | 'error';
export interface BulkResult {
  index: number;
  externalId?: string | undefined;
  status: BulkStatus;
  id?: string;
  errors?: FieldIssue[];
}

export interface RecordService<D extends BaseDoc> {
  create(principal: Principal | null, input: Record<string, unknown>): Promise<D>;
  get(principal: Principal | null, id: string): Promise<D>;
  update(principal: Principal | null, id: string, patch: Record<string, unknown>): Promise<D>;
  remove(principal: Principal | null, id: string): Promise<void>;
  list(principal: Principal | null, query: ListQuery): Promise<Page<D>>;
  bulkUpsert(principal: Principal | null, records: readonly unknown[]): Promise<BulkResult[]>;
  view(principal: Principal | null, doc: D, mode: 'list' | 'detail'): Record<string, unknown>;
  readonly collection: Collection<D>;
}

export function inputView(doc: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (doc[k] !== undefined && !SYSTEM_KEYS.has(k)) out[k] = doc[k];
  return out;
}

export function createRecordService<D extends BaseDoc>(
  collection: Collection<D>,
  config: ResourceConfig<D>,
  policy: RecordPolicy<D>,
  options: { clock?: () => Date; onCommitted?: () => Promise<void>; audit?: RecordAudit } = {},
): RecordService<D> {
  const clock = options.clock ?? (() => new Date());
  const audited = async (principal: Principal | null, action: 'create' | 'update' | 'delete', doc: D, before?: D) => {
    await options.audit?.(principal, { action, collection: collection.spec.name, doc, before });
  };
  /** The store names a clashing field as stored (`creditCode`); the client sent `body.creditCode`. */
  const asRequestConflict = (err: unknown, prefix = 'body'): unknown => {
    if (err instanceof AppError && err.code === 'conflict')
      return new AppError('conflict', err.message, {
        cause: err,
        issues: err.issues.map((i) => ({ ...i, field: i.field.startsWith(`${prefix}.`) ? i.field : `${prefix}.${i.field}` })),
      });
    return err;
  };
  const committed = async () => {
    config.afterWrite?.();
    // Read-after-write: the search index has taken the change before the response leaves.
    await options.onCommitted?.();
  };
  const parseInput = (raw: unknown, prefix: string): Record<string, unknown> => {
    const r = config.input.safeParse(raw);
    if (!r.success) throw new ValidationError(issuesOf(r.error, prefix));
    return r.data;
  };

  async function readable(principal: Principal | null, id: string): Promise<D> {
    const doc = await collection.get(id);
    if (!doc || !policy.canRead(principal, doc)) throw new NotFoundError(config.noun, id);
    return doc;
  }

  async function build(input: Record<string, unknown>, id: string, existing?: D): Promise<D> {
    const { owner, fields } = await config.derive(input, id, existing);
    const now = clock().toISOString();
    return {
      ...input,
      ...fields,
      id,
      owner,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      version: (existing?.version ?? 0) + 1,
    } as unknown as D;
  }

  /** Equal when nothing but timestamps and version would change: a repeated batch writes nothing. */
  const sameContent = (a: D, b: D): boolean => {
    const strip = (d: D) => {
      const { createdAt: _c, updatedAt: _u, version: _v, ...rest } = d as unknown as Record<string, unknown>;
      return JSON.parse(JSON.stringify(rest)) as unknown;
    };
    return isDeepStrictEqual(strip(a), strip(b));
  };

  async function checkImmutable(existing: D, next: Record<string, unknown>) {
    for (const key of config.immutable ?? []) {
      const before = (existing as unknown as Record<string, unknown>)[key];
      if (before !== undefined && !isDeepStrictEqual(before, next[key]))
        throw new AppError('unprocessable', `${key} cannot be changed`, {
          issues: [{ field: `body.${key}`, message: 'cannot be changed after creation' }],
        });
    }
  }

  const service: RecordService<D> = {
    collection,
    view: (principal, doc, mode) => policy.view(principal, doc, mode),

    async create(principal, raw) {
      const input = parseInput(raw, 'body');
      policy.assertCreate(principal, input);
      const id = config.idFrom ? config.idFrom(input) : newId(config.idPrefix);
      const doc = await build(input, id);
      const saved = await collection.insert(doc).catch((err: unknown) => {
        throw asRequestConflict(err);
      });
      await audited(principal, 'create', saved);
      await committed();
      return saved;
    },

    get: (principal, id) => readable(principal, id),

    async update(principal, id, patch) {
      const existing = await readable(principal, id);
      if (!policy.canWrite(principal, existing)) throw new AppError('forbidden', `You may not change this ${config.noun}`);
      const merged = { ...inputView(existing as unknown as Record<string, unknown>, config.inputKeys), ...patch };
      for (const [k, v] of Object.entries(patch)) if (v === null) delete merged[k];
      const input = parseInput(merged, 'body');
      await checkImmutable(existing, input);
      policy.assertUpdate?.(principal, existing, input);
      const doc = await build(input, id, existing);
      const saved = await collection.update(doc, existing.version).catch((err: unknown) => {
        throw asRequestConflict(err);
      });
      await audited(principal, 'update', saved, existing);
      await committed();
      return saved;
    },

    async remove(principal, id) {
      const existing = await readable(principal, id);
      if (!policy.canWrite(principal, existing)) throw new AppError('forbidden', `You may not delete this ${config.noun}`);
      await config.beforeDelete?.(existing);
      await collection.delete(id);
      await audited(principal, 'delete', existing);
      await committed();
    },

    async list(principal, query) {
      const scope = policy.listScope(principal, query.filters ?? {});
      if (scope === null) return { items: [], nextCursor: null };
      for (const [key, value] of Object.entries(scope)) {
        const asked = query.filters?.[key];
        // A caller's own filter may narrow the scope but never widen it.
        if (asked !== undefined) {
          const allowed = new Set((Array.isArray(value) ? value : [value]).map(String));
          const wanted = (Array.isArray(asked) ? asked : [asked]).map(String).filter((v) => allowed.has(v));
          if (wanted.length === 0) return { items: [], nextCursor: null };
          scope[key] = wanted;
        }
      }
      return collection.list({ ...query, filters: { ...query.filters, ...scope } });
    },

    async bulkUpsert(principal, records) {
      const results: BulkResult[] = [];
      const toWrite: D[] = [];
      const previous = new Map<string, D>();
      const seen = new Map<string, number>();
      const claimed = new Map<string, string>(); // unique field=value → externalId, within the batch
      for (let index = 0; index < records.length; index++) {
        const raw = records[index];
        const externalId =
          raw !== null && typeof raw === 'object' && typeof (raw as Record<string, unknown>)['externalId'] === 'string'
            ? ((raw as Record<string, unknown>)['externalId'] as string)
            : undefined;
        try {
          if (!externalId) throw new ValidationError([{ field: `body.${index}.externalId`, message: 'is required in a bulk upsert' }]);
          if (seen.has(externalId)) throw new ConflictError(`body.${index}.externalId`, `externalId also appears at index ${seen.get(externalId)}`);
          seen.set(externalId, index);
          const r = config.input.safeParse(raw);
          if (!r.success) throw new ValidationError(issuesOf(r.error, `body.${index}`));
          const input = r.data;
          const existing = await collection.findByUnique('externalId', externalId);
          // Same order as PATCH: a record the caller may not read is not its to overwrite either.
          if (existing && (!policy.canRead(principal, existing) || !policy.canWrite(principal, existing)))
            throw new ConflictError(`body.${index}.externalId`, 'externalId is already used by a record you cannot change');
          if (existing) {
            await checkImmutable(existing, input);
            policy.assertUpdate?.(principal, existing, input);
          } else policy.assertCreate(principal, input);
          const id = existing?.id ?? (config.idFrom ? config.idFrom(input) : newId(config.idPrefix));
          // A natural id (a chain's code) already taken by a record without this externalId is a clash, not a replace.
          if (!existing && config.idFrom && (await collection.get(id)))
            throw new ConflictError(`body.${index}`, `a ${config.noun} with id ${id} already exists under another externalId`);
          for (const field of collection.spec.unique) {
            if (field === 'externalId') continue;
            const value = input[field];
            if (typeof value !== 'string') continue;
            const holder = await collection.findByUnique(field, value);
            const key = `${field}=${value}`;
            if ((holder && holder.id !== id) || (claimed.has(key) && claimed.get(key) !== externalId))
              throw new ConflictError(`body.${index}.${field}`, `${field} is already used by another record`);
            claimed.set(key, externalId);
          }
          const doc = await build(input, id, existing ?? undefined);
          if (existing && sameContent(existing, doc)) {
            results.push({ index, externalId, status: 'unchanged', id });
            continue;
          }
          toWrite.push(doc);
          if (existing) previous.set(id, existing);
          results.push({ index, externalId, status: existing ? 'updated' : 'created', id });
        } catch (err) {
          if (!(err instanceof AppError) || err.code === 'internal' || err.code === 'unavailable') throw err;
          results.push({
            index,
            externalId,
            status: 'error',
            errors: err.issues.length > 0 ? err.issues : [{ field: `body.${index}`, message: err.message }],
          });
        }
      }
      if (toWrite.length > 0) {
        await collection.upsertMany(toWrite);
        for (const d of toWrite) await audited(principal, previous.has(d.id) ? 'update' : 'create', d, previous.get(d.id));
        await committed();
      }
      return results;
    },
  };
  return service;
}
