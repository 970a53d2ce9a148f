import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useApp } from '../context.js';
import { Link, navigate, useLocation } from '../router.js';
import { ErrorBox, Empty, Loading } from '../components/Status.js';
import { Highlight } from '../components/Highlight.js';
import { ContactReveal } from '../components/ContactReveal.js';
import type { MsgKey } from '../i18n.js';
import { useConceptNames } from '../hooks.js';
import type { SearchResponse, SearchType } from '../types.js';

/** Facet of the response → query parameter of the request. */
const FACETS: Array<{ facet: string; param: string; label: MsgKey }> = [
  { facet: 'chainIds', param: 'chain', label: 'facet.chain' },
  { facet: 'nodeIds', param: 'node', label: 'facet.node' },
  { facet: 'city', param: 'city', label: 'facet.city' },
  { facet: 'kind', param: 'kind', label: 'facet.kind' },
  { facet: 'availability', param: 'availability', label: 'facet.availability' },
  { facet: 'skillIds', param: 'skill', label: 'facet.skill' },
];
const PARAMS = FACETS.map((f) => f.param);
const FACET_SHOWN = 8;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export default function Search() {
  const { t, api, role, chainName, nodeName, pick } = useApp();
  const loc = useLocation();
  const types: SearchType[] = role ? ['talents', 'institutes', 'needs', 'enterprises'] : ['institutes', 'needs'];
  const q = loc.query.get('q') ?? '';
  const asked = loc.query.get('type') as SearchType | null;
  const type: SearchType = asked && types.includes(asked) ? asked : (types[0] ?? 'needs');
  const [draft, setDraft] = useState(q);
  const [result, setResult] = useState<SearchResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const key = loc.query.toString();
  // Skill facets come as lexicon concept ids; their names come from GET /api/v1/concepts.
  const skillIds = useMemo(() => [...Object.keys(result?.facets['skillIds'] ?? {}), ...loc.query.getAll('skill')], [result, loc.query]);
  const conceptName = useConceptNames(skillIds);

  useEffect(() => setDraft(q), [q]);
  useEffect(() => {
    if (!q) {
      setResult(null);
      return;
    }
    let live = true;
    setBusy(true);
    setError(null);
    const query: Record<string, string | string[]> = { q, type };
    for (const p of PARAMS) {
      const v = loc.query.getAll(p);
      if (v.length) query[p] = v;
    }
    api
      .get<SearchResponse>('/api/v1/search', query)
      .then((r) => live && setResult(r))
      .catch((e: unknown) => live && setError(e))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
    // The URL is the state (`key`): it changes whenever q, type or a facet changes.
  }, [api, key, type]);

  const go = (mutate: (p: URLSearchParams) => void) => {
    const p = new URLSearchParams(loc.query);
    mutate(p);
    navigate(`/search?${p.toString()}`, { replace: true });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go((p) => {
      p.set('q', draft.trim());
      p.set('type', type);
    });
  };
  const setType = (next: SearchType) =>
    go((p) => {
      p.set('type', next);
      for (const x of PARAMS) p.delete(x);
    });
  const toggleFacet = (param: string, value: string) =>
    go((p) => {
      const cur = p.getAll(param);
      p.delete(param);
      for (const v of cur.includes(value) ? cur.filter((x) => x !== value) : [...cur, value]) p.append(param, v);
    });

  const facetLabel = (facet: string, value: string): string => {
    if (facet === 'chainIds') return chainName(value);
    if (facet === 'nodeIds') return nodeName(value);
    if (facet === 'availability') return t(`availability.${value}` as MsgKey);
    if (facet === 'kind') {
      const k = type === 'needs' ? `needKind.${value}` : `instKind.${value}`;
      return t(k as MsgKey) || value;
    }
    if (facet === 'skillIds') return conceptName(value);
    return value;
  };

  return (
    <section>
      <header className="page-head">
        <h1>{t('search.title')}</h1>
        <p className="muted">{t('search.lead')}</p>
      </header>
      <form role="search" onSubmit={submit} className="searchbar">
        <label htmlFor="q" className="sr-only">
          {t('search.query')}
        </label>
        <input id="q" name="q" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('search.placeholder')} />
        <button type="submit" className="btn">
          {t('search.go')}
        </button>
      </form>
      <div className="seg" role="group" aria-label={t('search.type')}>
        {types.map((x) => (
          <button key={x} type="button" aria-pressed={x === type} onClick={() => setType(x)}>
            {t(`type.${x}`)}
          </button>
        ))}
      </div>
      {!role ? <p className="hint">{t('search.anonNote')}</p> : null}
      <ErrorBox error={error} />
      {!q ? <p className="hint">{t('search.start')}</p> : null}
      {busy && !result ? <Loading /> : null}
      {result ? (
        <div className="results">
          <aside className="facets" aria-label={t('search.facets')} data-testid="facets">
            {FACETS.map((f) => {
              const counts = Object.entries(result.facets[f.facet] ?? {}).sort((a, b) => b[1] - a[1]);
              const chosen = loc.query.getAll(f.param);
              if (counts.length === 0 && chosen.length === 0) return null;
              // Talents have a single kind; the facet says nothing there.
              if (f.facet === 'kind' && type === 'talents') return null;
              return (
                <fieldset key={f.facet} className="facet">
                  <legend>{t(f.label)}</legend>
                  {counts.slice(0, FACET_SHOWN).map(([value, n]) => (
                    <label key={value} className="check">
                      <input
                        type="checkbox"
                        checked={chosen.includes(value)}
                        onChange={() => toggleFacet(f.param, value)}
                        data-facet={f.param}
                        data-value={value}
                      />
                      <span>
                        {facetLabel(f.facet, value)} <small className="muted">({n})</small>
                      </span>
                    </label>
                  ))}
                </fieldset>
              );
            })}
          </aside>
          <div className="hits">
            <p className="muted" role="status" aria-live="polite" data-testid="total">
              {t('search.total', { n: result.total })}
            </p>
            {result.hits.length === 0 ? <Empty>{t('search.none')}</Empty> : null}
            <ol className="hitlist">
              {result.hits.map((h) => {
                const r = h.record;
                const name = pick(str(r['name']) ?? str(r['title']), str(r['nameEn']));
                return (
                  <li key={h.id} className="hit card" data-testid="hit">
                    <h2 className="hit__title">
                      {type === 'needs' ? (
                        <Link to={`/needs/${h.id}`}>
                          <Highlight html={h.highlights['title']} fallback={name} />
                        </Link>
                      ) : (
                        <Highlight html={h.highlights['title']} fallback={name} />
                      )}
                    </h2>
                    <p className="muted">
                      {h.highlights['subtitle'] ? (
                        <Highlight html={h.highlights['subtitle']} />
                      ) : (
                        [str(r['title']) && type === 'talents' ? str(r['title']) : undefined, str(r['organisation']), str(r['city'])]
                          .filter(Boolean)
                          .join(' · ')
                      )}
                    </p>
                    {h.highlights['body'] ? (
                      <p className="hit__body">
                        <Highlight html={h.highlights['body']} />
                      </p>
                    ) : null}
                    <p className="small">
                      {type === 'talents' && str(r['availability']) ? (
                        <span className="tag">{t(`availability.${str(r['availability'])}` as MsgKey)}</span>
                      ) : null}
                      {type === 'institutes' && str(r['kind']) ? <span className="tag">{t(`instKind.${str(r['kind'])}` as MsgKey)}</span> : null}
                      {type === 'needs' && str(r['kind']) ? <span className="tag">{t(`needKind.${str(r['kind'])}` as MsgKey)}</span> : null}
                      {list(r['chainIds']).map((c) => (
                        <span key={c} className="tag tag--soft">
                          {chainName(c)}
                        </span>
                      ))}
                    </p>
                    {type === 'talents' ? <ContactReveal talentId={h.id} phone={str(r['phone'])} email={str(r['email'])} /> : null}
                    {type !== 'talents' && type !== 'needs' ? <OrgContact record={r} /> : null}
                  </li>
                );
              })}
            </ol>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function OrgContact({ record }: { record: Record<string, unknown> }) {
  const { t } = useApp();
  const c = (record['contact'] ?? record['liaison']) as { name?: string; phone?: string; email?: string } | undefined;
  if (!c) return null;
  return (
    <p className="small muted" data-testid="org-contact">
      {t('org.contact')}: {c.name ?? ''} {c.phone ?? ''} {c.email ?? ''}
    </p>
  );
}
