import type { FieldIssue, Page } from './types.js';

/** An RFC 9457 problem from the API, with its field errors (`body.title`, `query.q`, …). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly issues: FieldIssue[],
  ) {
    super(detail);
    this.name = 'ApiError';
  }

  /** Field errors keyed by the form field's path, without the `body.` / `query.` prefix. */
  fieldErrors(prefix = ''): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of this.issues) {
      let field = issue.field.replace(/^(body|query|params)\.?/, '');
      if (prefix && field.startsWith(prefix)) field = field.slice(prefix.length);
      if (!(field in out)) out[field] = issue.message;
    }
    return out;
  }
}

export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

export function queryString(q: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === '') continue;
    if (Array.isArray(v)) for (const x of v as readonly string[]) p.append(k, x);
    else p.append(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  del(path: string): Promise<void>;
  /** Every page of a list route, up to `max` records. */
  all<T>(path: string, query?: Query, max?: number): Promise<T[]>;
}

/** A small fetch client: JSON in and out, the session token as a Bearer header, problems as ApiError. */
export function createApi(getToken: () => string | null, onUnauthenticated: () => void): ApiClient {
  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = getToken();
    if (token) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    const data: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const p = (data ?? {}) as { code?: string; detail?: string; errors?: FieldIssue[] };
      if (res.status === 401 && token) onUnauthenticated();
      throw new ApiError(res.status, p.code ?? 'error', p.detail ?? res.statusText, p.errors ?? []);
    }
    return data as T;
  }
  return {
    get: (path, query = {}) => request('GET', path + queryString(query)),
    post: (path, body) => request('POST', path, body ?? {}),
    patch: (path, body) => request('PATCH', path, body),
    del: (path) => request('DELETE', path),
    async all<T>(path: string, query: Query = {}, max = 2000): Promise<T[]> {
      const out: T[] = [];
      let cursor: string | undefined;
      do {
        const page: Page<T> = await request('GET', path + queryString({ ...query, limit: 100, cursor }));
        out.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && out.length < max);
      return out;
    },
  };
}
