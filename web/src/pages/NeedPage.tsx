import { useEffect, useId, useMemo, useState } from 'react';
import { useApp } from '../context.js';
import { Link, useLocation } from '../router.js';
import { ErrorBox, Empty, Loading } from '../components/Status.js';
import { MatchList } from '../components/Matches.js';
import { useConceptNames, useGet, usePartyNames, useWhen } from '../hooks.js';
import { useAction } from '../useAction.js';
import { PIPELINE_MOVES, type PipelineEntry, type PipelineStatus, type PipelineTarget } from '../instruments.js';
import type { MatchResponse, MatchResult, Need } from '../types.js';

const MATCH_ROLES = ['admin', 'hr_bureau', 'chain_chief', 'enterprise'];

export default function NeedPage({ params }: { params: Record<string, string> }) {
  const { t, api, role, session, nodeName, chainName } = useApp();
  const loc = useLocation();
  const id = params['id'] ?? '';
  const [need, setNeed] = useState<Need | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [kind, setKind] = useState<'talent' | 'institute'>('talent');
  const [matches, setMatches] = useState<MatchResponse | null>(null);
  const [mError, setMError] = useState<unknown>(null);
  const mayMatch = role !== null && MATCH_ROLES.includes(role) && (role !== 'enterprise' || need?.enterpriseId === session?.me.subjectId);
  const pipeline = useGet<{ items: PipelineEntry[] }>(need && mayMatch ? `/api/v1/needs/${encodeURIComponent(need.id)}/pipeline` : null);
  const { busy: adding, error: addError, run: runAdd } = useAction();
  const skillName = useConceptNames(need?.skillIds ?? []);
  const statusOf = useMemo(
    () => new Map<string, PipelineStatus>((pipeline.data?.items ?? []).map((e) => [e.candidateId, e.status])),
    [pipeline.data],
  );

  /** Shortlisting puts the candidate on the need's match pipeline as suggested. */
  const shortlist = async (m: MatchResult) => {
    if (!need) return;
    await runAdd(async () => {
      await api.post<PipelineEntry>(`/api/v1/needs/${encodeURIComponent(need.id)}/pipeline`, {
        candidateType: m.type === 'institutes' ? 'institutes' : 'talents',
        candidateId: m.id,
      });
      pipeline.reload();
    });
  };

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
          <span className="tag">{t(`needKind.${need.kind}`)}</span>{' '}
          <span className={`tag tag--${need.status}`}>{t(`needStatus.${need.status}`)}</span>{' '}
          <Link to={`/chains/${need.chainId}?node=${encodeURIComponent(need.nodeId)}`}>
            {chainName(need.chainId)} · {nodeName(need.nodeId)}
          </Link>{' '}
          · {need.city}
          {need.deadline ? ` · ${t('need.deadline', { date: need.deadline })}` : ''}
          {need.budget?.minWan !== undefined || need.budget?.maxWan !== undefined
            ? ` · ${t('need.budget', { min: need.budget.minWan ?? '?', max: need.budget.maxWan ?? '?' })}`
            : ''}
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
        {need.skillIds.length > 0 ? (
          <ul className="chips" aria-label={t('need.concepts')} data-testid="need-concepts">
            {need.skillIds.map((s) => (
              <li key={s} className="chip chip--soft">
                {skillName(s)}
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
          <ErrorBox error={pipeline.error} />
          {pipeline.data && pipeline.data.items.length > 0 ? (
            <Pipeline entries={pipeline.data.items} matches={matches?.results ?? []} onMoved={pipeline.reload} />
          ) : null}
          <ErrorBox error={addError} />
          <ErrorBox error={mError} />
          {!matches && !mError ? <Loading /> : null}
          {matches && matches.results.length === 0 ? <Empty>{t('match.none')}</Empty> : null}
          {matches && matches.results.length > 0 ? (
            <MatchList
              results={matches.results}
              pipeline={statusOf}
              onShortlist={(m) => void shortlist(m)}
              busy={adding || !pipeline.data}
              needId={need.id}
            />
          ) : null}
        </section>
      ) : (
        <p className="hint">{role ? t('need.matchesOwnerOnly') : t('need.signInForMatches')}</p>
      )}
    </section>
  );
}

/** The need's match pipeline: each shortlisted candidate, its status, who moved it when, and the next moves. */
function Pipeline({ entries, matches, onMoved }: { entries: PipelineEntry[]; matches: MatchResult[]; onMoved(): void }) {
  const { t } = useApp();
  const when = useWhen();
  const names = usePartyNames(
    entries.map((e) => ({ type: e.candidateType === 'talents' ? ('talent' as const) : ('institute' as const), id: e.candidateId })),
  );
  const nameOf = (e: PipelineEntry) => {
    const m = matches.find((x) => x.id === e.candidateId);
    const n = m ? m.record['name'] : undefined;
    return typeof n === 'string' && n ? n : names(e.candidateType === 'talents' ? 'talent' : 'institute', e.candidateId);
  };
  return (
    <div className="card shortlist" data-testid="pipeline">
      <h3>{t('need.shortlist', { n: entries.length })}</h3>
      <p className="hint small">{t('need.pipelineLead')}</p>
      <ul className="cards">
        {entries.map((e) => (
          <li key={e.id} className="subcard" data-testid="pipeline-entry" data-status={e.status}>
            <strong>{nameOf(e)}</strong> <span className="tag">{t(e.candidateType === 'talents' ? 'party.talent' : 'party.institute')}</span>{' '}
            <span className={`tag tag--pipe-${e.status}`} data-testid="pipeline-status">
              {t(`pipeline.${e.status}`)}
            </span>
            {e.score !== null ? <span className="muted small"> · {t('match.scoreShort', { n: Math.round(e.score * 100) })}</span> : null}
            <ol className="plain small history-steps">
              {e.history.map((h, i) => (
                <li key={i}>
                  <time dateTime={h.at}>{when(h.at)}</time> · {t(`pipeline.${h.status}`)} · <span className="muted">{h.by}</span>
                  {h.note ? <span className="muted"> · {h.note}</span> : null}
                </li>
              ))}
            </ol>
            {PIPELINE_MOVES[e.status].length > 0 ? <PipelineMoves entry={e} onMoved={onMoved} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

function PipelineMoves({ entry, onMoved }: { entry: PipelineEntry; onMoved(): void }) {
  const { t, api } = useApp();
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const id = useId();
  const move = (to: PipelineTarget) =>
    run(async () => {
      await api.post(`/api/v1/pipeline/${encodeURIComponent(entry.id)}/transitions`, { to, ...(note.trim() ? { note: note.trim() } : {}) });
      setNote('');
      onMoved();
    });
  return (
    <div className="moves">
      <label htmlFor={id} className="sr-only">
        {t('pipeline.note')}
      </label>
      <input
        id={id}
        className="moves__note"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('pipeline.note')}
        maxLength={500}
      />
      {PIPELINE_MOVES[entry.status].map((to) => (
        <button
          key={to}
          type="button"
          className={`btn btn--small${to === 'declined' ? ' btn--ghost' : ''}`}
          disabled={busy}
          onClick={() => void move(to)}
        >
          {t(`pipeline.to.${to}`)}
        </button>
      ))}
      <ErrorBox error={error} />
    </div>
  );
}
