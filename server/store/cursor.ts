import { AppError, ValidationError } from '../errors.js';
import type { CollectionSpec, FilterValue, ListQuery, SortField } from './port.js';

/** Where the previous page stopped: the last item's sort value and id (ids break ties). */
export interface CursorPosition {
  value: string;
  id: string;
}

interface CursorPayload {
  s: SortField;
  o: 'asc' | 'desc';
  v: string;
  i: string;
}

/** Encodes a page position as opaque base64url; the sort and order travel with it. */
export function encodeCursor(sort: SortField, order: 'asc' | 'desc', position: CursorPosition): string {
  const payload: CursorPayload = {
    s: sort,
    o: order,
    v: position.value,
    i: position.id,
  };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function badCursor(message: string): ValidationError {
  return new ValidationError([{ field: 'cursor', message }]);
}

/**
 * Decodes a cursor from `encodeCursor`. Anything else, or a cursor minted under another sort or
 * order (which would silently skip or repeat items), is a ValidationError on `cursor`.
 */
export function decodeCursor(cursor: string, sort: SortField, order: 'asc' | 'desc'): CursorPosition {
  if (cursor.length === 0 || cursor.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw badCursor('is not a cursor returned by this API');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor('is not a cursor returned by this API');
  }
  if (parsed === null || typeof parsed !== 'object') throw badCursor('is not a cursor returned by this API');
  const { s, o, v, i } = parsed as Record<string, unknown>;
  if (typeof v !== 'string' || typeof i !== 'string' || typeof s !== 'string' || typeof o !== 'string') {
    throw badCursor('is not a cursor returned by this API');
  }
  if (s !== sort || o !== order) throw badCursor('was issued for another sort order');
  return { value: v, id: i };
}

export type Scalar = string | number | boolean;

/** One validated filter: every value is a scalar; an empty `values` matches nothing. */
export interface ResolvedFilter {
  key: string;
  path: string;
  values: Scalar[];
}

/** A list query checked against its collection spec, ready for an adapter to translate. */
export interface ResolvedQuery {
  filters: ResolvedFilter[];
  sort: SortField;
  order: 'asc' | 'desc';
  limit: number;
  after: CursorPosition | null;
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * Checks filters against the spec. Values must be scalars (or arrays of scalars) at run time
 * too: an object smuggled past the types (`{ $ne: '' }`) is rejected, never passed on.
 */
export function resolveFilters(spec: CollectionSpec, filters: ListQuery['filters']): ResolvedFilter[] {
  const resolved: ResolvedFilter[] = [];
  const issues: { field: string; message: string }[] = [];
  for (const [key, raw] of Object.entries(filters ?? {})) {
    if (raw === undefined) continue;
    const path = Object.hasOwn(spec.filters, key) ? spec.filters[key] : undefined;
    if (path === undefined) {
      issues.push({
        field: `filters.${key}`,
        message: `is not a filter of ${spec.name}`,
      });
      continue;
    }
    const values: unknown[] = Array.isArray(raw) ? raw : [raw as FilterValue];
    if (!values.every(isScalar)) {
      issues.push({
        field: `filters.${key}`,
        message: 'must be a string, number or boolean, or a list of them',
      });
      continue;
    }
    resolved.push({ key, path, values: [...new Set(values)] });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return resolved;
}

/** Validates a list query (limit 1–1000, sort, order, cursor) and resolves its filters. */
export function resolveListQuery(spec: CollectionSpec, query: ListQuery): ResolvedQuery {
  const sort = query.sort ?? 'createdAt';
  const order = query.order ?? 'asc';
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 1000) {
    throw new ValidationError([{ field: 'limit', message: 'must be an integer from 1 to 1000' }]);
  }
  if (sort !== 'createdAt' && sort !== 'updatedAt' && sort !== 'label') {
    throw new ValidationError([{ field: 'sort', message: 'must be createdAt, updatedAt or label' }]);
  }
  if (order !== 'asc' && order !== 'desc') {
    throw new ValidationError([{ field: 'order', message: 'must be asc or desc' }]);
  }
  if (sort === 'label' && spec.label === undefined) {
    throw new ValidationError([{ field: 'sort', message: `${spec.name} has no label to sort by` }]);
  }
  const filters = resolveFilters(spec, query.filters);
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor, sort, order);
  return { filters, sort, order, limit: query.limit, after };
}

/** Natural keys that `findByUnique` accepts and that conflicts are reported under. */
export function uniqueFields(spec: CollectionSpec): string[] {
  return [...new Set(['externalId', ...spec.unique])];
}

/** Refuses a lookup by a field that is not a declared unique key. */
export function assertUniqueField(spec: CollectionSpec, field: string): void {
  if (!uniqueFields(spec).includes(field)) {
    throw new ValidationError([{ field, message: `is not a unique key of ${spec.name}` }]);
  }
}

/** The error an append-only collection (audit log) answers to update and delete. */
export function appendOnlyRefusal(spec: CollectionSpec, action: string): AppError {
  return new AppError('forbidden', `${spec.name} is append-only: ${action} is not allowed`);
}

/**
 * Checks a purge cutoff: refused without `retentionDays`, and refused when the cutoff would
 * delete documents younger than the retention period. Returns the cutoff as a canonical ISO string.
 */
export function resolvePurgeCutoff(spec: CollectionSpec, cutoffIso: string, now: Date): string {
  if (spec.retentionDays === undefined) {
    throw new AppError('forbidden', `${spec.name} has no retention period: purging is not allowed`);
  }
  const cutoff = new Date(cutoffIso);
  if (Number.isNaN(cutoff.getTime())) {
    throw new ValidationError([{ field: 'cutoff', message: 'must be an ISO date-time' }]);
  }
  const earliestAllowed = now.getTime() - spec.retentionDays * 86_400_000;
  if (cutoff.getTime() > earliestAllowed) {
    throw new ValidationError([
      {
        field: 'cutoff',
        message: `must be at least ${spec.retentionDays} days in the past`,
      },
    ]);
  }
  return cutoff.toISOString();
}

/** Throws when a spec name is not registered with the store (a programming error). */
export function unknownCollection(name: string): AppError {
  return new AppError('internal', `Collection ${name} is not declared in the store specs`);
}
