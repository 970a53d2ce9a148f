import { useCallback, useEffect, useMemo, useState } from 'react';
import { queryString, type Query } from './api.js';
import { useApp } from './context.js';
import type { Concept, PartyType } from './instruments.js';

export interface Fetched<T> {
  data: T | null;
  error: unknown;
  /** Fetches again (after a change the page made). */
  reload(): void;
  setData(next: T): void;
}

/** GETs `path` (null = not yet) and keeps the answer; a stale answer never overwrites a newer one. */
export function useGet<T>(path: string | null, query: Query = {}): Fetched<T> {
  const { api } = useApp();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const key = path === null ? null : path + queryString(query);
  // A new path starts empty; a reload keeps the old data on screen until the new one arrives.
  useEffect(() => setData(null), [key]);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setError(null);
    api
      .get<T>(key)
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload, setData };
}

const conceptCache = new Map<string, Concept | null>();

/**
 * Readable names of lexicon concept ids (`electronic-engineering-discipline` → 电子工程),
 * from GET /api/v1/concepts?ids=…; unknown ids stay as they are.
 */
export function useConceptNames(ids: readonly string[]): (id: string) => string {
  const { api, pick } = useApp();
  const [, setVersion] = useState(0);
  const wanted = useMemo(() => [...new Set(ids)].filter((id) => id && !conceptCache.has(id)).sort(), [ids]);
  const key = wanted.join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    const batch = key.split(',');
    const chunks: string[][] = [];
    for (let i = 0; i < batch.length; i += 150) chunks.push(batch.slice(i, i + 150));
    Promise.all(chunks.map((c) => api.get<{ items: Concept[] }>('/api/v1/concepts', { ids: c.join(',') })))
      .then((pages) => {
        for (const id of batch) conceptCache.set(id, null);
        for (const p of pages) for (const c of p.items) conceptCache.set(c.id, c);
        if (live) setVersion((v) => v + 1);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, key]);
  return (id: string) => {
    const c = conceptCache.get(id);
    return c ? pick(c.zh, c.en) : id;
  };
}

const PLURAL: Record<PartyType, string> = { talent: 'talents', institute: 'institutes', enterprise: 'enterprises' };
const nameCache = new Map<string, string | null>();

/** Names of talents, institutes and enterprises by `type:id`; what the caller may not read stays an id. */
export function usePartyNames(parties: ReadonlyArray<{ type: PartyType; id: string }>): (type: PartyType, id: string) => string {
  const { api, pick } = useApp();
  const [, setVersion] = useState(0);
  const wanted = useMemo(() => [...new Set(parties.map((p) => `${p.type}:${p.id}`))].filter((k) => !nameCache.has(k)).sort(), [parties]);
  const key = wanted.join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    void Promise.all(
      key.split(',').map(async (k) => {
        const [type, id] = k.split(':') as [PartyType, string];
        try {
          const r = await api.get<{ name?: string; nameEn?: string }>(`/api/v1/${PLURAL[type]}/${encodeURIComponent(id)}`);
          nameCache.set(k, pick(r.name, r.nameEn) || null);
        } catch {
          nameCache.set(k, null);
        }
      }),
    ).then(() => live && setVersion((v) => v + 1));
    return () => {
      live = false;
    };
  }, [api, key, pick]);
  return (type, id) => nameCache.get(`${type}:${id}`) ?? id;
}

/** A date-time as a short local date and time in the current language. */
export function useWhen(): (iso: string) => string {
  const { lang } = useApp();
  return useCallback(
    (iso: string) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime())
        ? iso
        : d.toLocaleString(lang, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    },
    [lang],
  );
}
