import { useEffect, useState } from 'react';
import { useApp } from '../context.js';
import { Link, useLocation } from '../router.js';
import { ErrorBox, Empty, Loading } from '../components/Status.js';
import { MatchList } from '../components/Matches.js';
import type { MatchResponse, Need } from '../types.js';

const MATCH_ROLES = ['admin', 'hr_bureau', 'chain_chief', 'enterprise'];

/**
 * The shortlist is kept in this browser per account and need until the match pipeline API
 * (suggested → contacted → …) exists; it never leaves the device.
 */
function useShortlist(key: string): [string[], (id: string) => void] {
  const storageKey = `chaintalent.shortlist.${key}`;
  const [ids, setIds] = useState<string[]>(() => {
    try {
      const v: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? '[]');
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  });
  const toggle = (id: string) =>
    setIds((cur) => {
      const next = cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id];
      window.localStorage.setItem(storageKey, JSON.stringify(next));
      return next;
    });
  return [ids, toggle];
}

export default function NeedPage({ params }: { params: Record<string, string> }) {
  const { t, api, role, session, nodeName, chainName } = useApp();
  const loc = useLocation();
  const id = params['id'] ?? '';
  const [need, setNeed] = useState<Need | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [kind, setKind] = useState<'talent' | 'institute'>('talent');
  const [matches, setMatches] = useState<MatchResponse | null>(null);
  const [mError, setMError] = useState<unknown>(null);
  const [shortlist, toggle] = useShortlist(`${session?.me.accountId ?? 'anon'}.${id}`);
  const mayMatch = role !== null && MATCH_ROLES.includes(role) && (role !== 'enterprise' || need?.enterpriseId === session?.me.subjectId);

  useEffect(() => {
    let live = true;
    setNeed(null);
    setError(null);
    api
      .get<Need>(`/api/v1/needs/${encodeURIComponent(id)}`)
      .then((n) => {
        if (!live) return;
        setNeed(n);
        setKind(n.kind === 'talent' ? 'talent' : 'institute');
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, id]);

  useEffect(() => {
    if (!need || !mayMatch) return;
    let live = true;
    setMatches(null);
    setMError(null);
    api
      .get<MatchResponse>(`/api/v1/needs/${encodeURIComponent(need.id)}/matches`, { kind, limit: 10 })
      .then((m) => live && setMatches(m))
      .catch((e: unknown) => live && setMError(e));
    return () => {
      live = false;
    };
  }, [api, need, kind, mayMatch]);

  if (error) return <ErrorBox error={error} />;
  if (!need) return <Loading />;
  const listed = matches?.results.filter((m) => shortlist.includes(m.id)) ?? [];

  return (
    <section>
      {loc.query.get('posted') ? (
        <p className="alert alert--ok" role="status">
          {t('need.posted')}
        </p>
      ) : null}
      <header className="page-head">
        <h1>{need.title}</h1>
        <p className="muted">
          <span className="tag">{t(`needKind.${need.kind}`)}</span> <span className={`tag tag--${need.status}`}>{t(`needStatus.${need.status}`)}</span>{' '}
          <Link to={`/chains/${need.chainId}?node=${encodeURIComponent(need.nodeId)}`}>
            {chainName(need.chainId)} · {nodeName(need.nodeId)}
          </Link>{' '}
          · {need.city}
          {need.deadline ? ` · ${t('need.deadline', { date: need.deadline })}` : ''}
          {need.budget?.minWan !== undefined || need.budget?.maxWan !== undefined ? ` · ${t('need.budget', { min: need.budget.minWan ?? '?', max: need.budget.maxWan ?? '?' })}` : ''}
        </p>
      </header>
      <div className="card">
        <p className="prewrap">{need.description}</p>
        {need.skills.length > 0 ? (
          <ul className="chips" aria-label={t('post.skills')}>
            {need.skills.map((s) => (
              <li key={s} className="chip">
                {s}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {mayMatch ? (
        <section aria-labelledby="matches-title">
          <div className="card__head">
            <h2 id="matches-title">{t('need.matches')}</h2>
            <div className="seg" role="group" aria-label={t('match.kind')}>
              <button type="button" aria-pressed={kind === 'talent'} onClick={() => setKind('talent')}>
                {t('kind.talent')}
              </button>
              <button type="button" aria-pressed={kind === 'institute'} onClick={() => setKind('institute')}>
                {t('kind.institute')}
              </button>
            </div>
          </div>
          <p className="hint">{t('need.matchesLead')}</p>
          {listed.length > 0 ? (
            <div className="card shortlist" data-testid="shortlist">
              <h3>{t('need.shortlist', { n: listed.length })}</h3>
              <ul className="plain">
                {listed.map((m) => (
                  <li key={m.id}>{String(m.record['name'] ?? m.id)}</li>
                ))}
              </ul>
              <p className="hint small">{t('need.shortlistLocal')}</p>
            </div>
          ) : null}
          <ErrorBox error={mError} />
          {!matches && !mError ? <Loading /> : null}
          {matches && matches.results.length === 0 ? <Empty>{t('match.none')}</Empty> : null}
          {matches && matches.results.length > 0 ? <MatchList results={matches.results} shortlist={shortlist} onToggle={toggle} needId={need.id} /> : null}
        </section>
      ) : (
        <p className="hint">{role ? t('need.matchesOwnerOnly') : t('need.signInForMatches')}</p>
      )}
    </section>
  );
}
