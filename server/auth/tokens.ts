import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Bearer tokens are 32 random bytes behind a kind prefix. Only their SHA-256 is stored: a
 * leaked database holds nothing that signs anyone in, and the high entropy makes a slow hash
 * unnecessary.
 */
export type TokenKind = 'session' | 'api';
const PREFIX: Record<TokenKind, string> = { session: 'cts_', api: 'cta_' };

export function newToken(kind: TokenKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function kindOf(token: string): TokenKind | undefined {
  if (token.startsWith(PREFIX.session)) return 'session';
  if (token.startsWith(PREFIX.api)) return 'api';
  return undefined;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Compares two strings in time independent of where they differ (digests make lengths equal). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}

/** RFC 6750 b64token, bounded; anything else in an Authorization header is refused. */
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]{20,256}=*)$/;
export function bearerOf(header: string | undefined): string | null | undefined {
  if (header === undefined || header === '') return null;
  const m = BEARER.exec(header);
  return m ? (m[1] ?? undefined) : undefined;
}
