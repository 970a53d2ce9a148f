/** Masking of personal information for lists, search results and matches (PIPL minimisation). */
export function maskPhone(v: string): string {
  return v.length >= 7 ? `${v.slice(0, 3)}****${v.slice(-4)}` : '****';
}

export function maskEmail(v: string): string {
  const at = v.indexOf('@');
  if (at < 1) return '***';
  return `${v[0]}***${v.slice(at)}`;
}

export function maskIdNumber(v: string): string {
  return v.length >= 8 ? `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}` : '****';
}

const MASKERS: Record<string, (v: string) => string> = { phone: maskPhone, email: maskEmail, idNumber: maskIdNumber };

/** Returns a copy with each dotted path masked by the masker named after its last segment. */
export function maskPaths<T extends Record<string, unknown>>(doc: T, paths: readonly string[]): T {
  const copy = structuredClone(doc) as Record<string, unknown>;
  for (const path of paths) {
    const parts = path.split('.');
    let obj: Record<string, unknown> | undefined = copy;
    for (const p of parts.slice(0, -1)) {
      const next: unknown = obj?.[p];
      obj = next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : undefined;
    }
    const last = parts[parts.length - 1] ?? '';
    const value = obj?.[last];
    if (obj && typeof value === 'string') obj[last] = (MASKERS[last] ?? (() => '****'))(value);
  }
  return copy as T;
}

/** Returns a copy without the given top-level keys. */
export function omit<T extends Record<string, unknown>>(doc: T, keys: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...doc };
  for (const k of keys) delete copy[k];
  return copy;
}
