import { z } from 'zod';
import type { ListQuery } from '../store/port.js';

const one = z.string().trim().min(1).max(100);
/** A query filter: `?city=佛山` or repeated `?city=佛山&city=广州` (any of them). */
export const FilterParam = z.union([one, z.array(one).min(1).max(20)]);
export const BoolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const Limit = z.coerce.number().int('must be an integer').min(1).max(100, 'must be at most 100').default(20);

export const PageQueryShape = {
  limit: Limit,
  cursor: z.string().max(512).optional(),
  sort: z.enum(['createdAt', 'updatedAt', 'name']).default('createdAt'),
  /** Defaults to ascending for `sort=name` (A→Z, pinyin), newest first otherwise. */
  order: z.enum(['asc', 'desc']).optional(),
};

/** Query schema for a list route: paging, sorting and the resource's filters; unknown keys are refused. */
export function listQuerySchema(filters: Record<string, z.ZodType>) {
  return z.strictObject({ ...PageQueryShape, ...filters });
}

export function toListQuery(q: Record<string, unknown>, filterKeys: readonly string[]): ListQuery {
  const filters: NonNullable<ListQuery['filters']> = {};
  for (const k of filterKeys) {
    const v = q[k];
    if (v !== undefined) filters[k] = v as string | boolean | string[];
  }
  return {
    filters,
    limit: Number(q['limit'] ?? 20),
    cursor: q['cursor'] as string | undefined,
    sort: q['sort'] === 'name' ? 'label' : (q['sort'] as 'createdAt' | 'updatedAt' | undefined),
    order: (q['order'] as 'asc' | 'desc' | undefined) ?? (q['sort'] === 'name' ? 'asc' : 'desc'),
  };
}

export const IdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'is not a valid id') });

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
