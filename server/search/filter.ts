import { FILTER_FIELDS } from './port.js';
import type { FilterField, SearchDoc, SearchFilters } from './port.js';

/** One field of a filter: the doc matches when it holds any of `values`. */
export interface FilterClause {
  field: FilterField;
  values: string[];
}

/**
 * Turns request filters into clauses both engines share: booleans become 'true'/'false' (the
 * form Meilisearch facets booleans under), a single value becomes a one-element list, and an
 * empty list means "no constraint" so a UI sending `skillIds: []` does not empty the result.
 */
export function filterClauses(filters: SearchFilters | undefined): FilterClause[] {
  if (!filters) return [];
  const out: FilterClause[] = [];
  for (const field of FILTER_FIELDS) {
    const raw = filters[field];
    if (raw === undefined) continue;
    const values = Array.isArray(raw) ? raw.map(String) : [String(raw)];
    if (values.length === 0) continue;
    out.push({ field, values: [...new Set(values)] });
  }
  return out;
}

/** The values a doc holds for a filter field, in the same string form as `filterClauses`. */
export function docFilterValues(doc: Pick<SearchDoc, FilterField>, field: FilterField): string[] {
  const v = doc[field];
  if (Array.isArray(v)) return v;
  if (typeof v === 'boolean') return [String(v)];
  return v === '' ? [] : [v];
}

/** Several values of one field = any; several fields = all. */
export function matchesClauses(doc: Pick<SearchDoc, FilterField>, clauses: readonly FilterClause[]): boolean {
  for (const c of clauses) {
    const held = docFilterValues(doc, c.field);
    if (!held.some((h) => c.values.includes(h))) return false;
  }
  return true;
}
