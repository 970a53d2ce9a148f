import { filterClauses } from '../filter.js';
import type { SearchFilters } from '../port.js';

/**
 * Quotes a value for a Meilisearch filter. Inside double quotes Meilisearch only treats `\` and
 * `"` specially, so escaping those two (backslash first) keeps any value — `x" OR ownerId = "B`
 * included — a single literal operand.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The one place request filters become a Meilisearch filter expression: field names come from
 * FILTER_FIELDS only, every value is quoted; several values of a field = any (IN), several
 * fields = all (AND). Returns undefined when nothing filters.
 */
export function buildMeiliFilter(filters: SearchFilters | undefined): string | undefined {
  const parts = filterClauses(filters).map(({ field, values }) => {
    const quoted = values.map(quoteFilterValue);
    return quoted.length === 1 ? `${field} = ${quoted[0] ?? '""'}` : `${field} IN [${quoted.join(', ')}]`;
  });
  if (parts.length === 0) return undefined;
  return parts.map((p) => `(${p})`).join(' AND ');
}
