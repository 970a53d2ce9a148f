import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api.js';
import { useApp } from '../context.js';
import { ErrorBox, Empty, Loading } from '../components/Status.js';
import { ChainPage } from '../components/ChainNav.js';
import { ScoreBar } from '../components/Matches.js';
import { useGet, usePartyNames, useWhen } from '../hooks.js';
import { useAction } from '../useAction.js';
import { PLATFORM_KINDS, PLATFORM_MOVES, type Coverage, type Platform, type PlatformRecommendations, type PlatformStatus } from '../instruments.js';
import type { Chain, Page } from '../types.js';
import { severityColor } from './chain-model.js';

const TEAM = ['admin', 'chain_chief'];

export default function Platforms({ params }: { params: Record<string, string> }) {
  const { t } = useApp();
  return (
    <ChainPage code={params['code']} section="platforms" title={t('plat.title')}>
      {(chain) => <PlatformsBody key={chain.code} chain={chain} />}
    </ChainPage>
  );
}

/** 链上造平台: coverage per node, whom to invite where nothing covers it, and the platforms in the pipeline. */
function PlatformsBody({ chain }: { chain: Chain }) {
  const { t, role, session, nodeName } = useApp();
  const coverage = useGet<Coverage>(`/api/v1/chains/${chain.code}/platform-coverage`);
  const platforms = useGet<Page<Platform>>('/api/v1/platforms', { chain: chain.code, limit: 100 });
  const [node, setNode] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const team = role !== null && TEAM.includes(role) && (role === 'admin' || (session?.me.chains.includes(chain.code) ?? false));
  const refresh = () => {
    coverage.reload();
    platforms.reload();
  };

  return (
    <>
      <p className="lead muted">{t('plat.lead')}</p>
      {done ? (
        <p className="alert alert--ok" role="status" data-testid="proposed">
          {done}
        </p>
      ) : null}
      <ErrorBox error={coverage.error} />
      {!coverage.data && !coverage.error ? <Loading /> : null}
      {coverage.data ? (
        <section className="card" aria-labelledby="coverage" data-testid="coverage">
          <div className="card__head">
            <h2 id="coverage">{t('plat.coverage')}</h2>
            <p className="muted small">
              {t('plat.summary', {
                uncovered: coverage.data.summary.uncovered,
                partly: coverage.data.summary.partlyCovered,
                covered: coverage.data.summary.covered,
              })}
            </p>
          </div>
          <div className="scroll-x">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('dash.node')}</th>
                  <th scope="col">{t('plat.status')}</th>
                  <th scope="col">{t('plat.gapsNeeding')}</th>
                  <th scope="col">{t('plat.present')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('plat.recommend')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {coverage.data.nodes.map((n) => {
                  const needing = n.gaps.filter((g) => g.needsPlatform);
                  return (
                    <tr key={n.nodeId} data-testid="coverage-node" data-status={n.status}>
                      <th scope="row">{nodeName(n.nodeId)}</th>
                      <td>
                        <span className={`tag tag--cov-${n.status}`}>{t(`coverage.${n.status}`)}</span>
                      </td>
                      <td>
                        {needing.length === 0
                          ? '—'
                          : needing.map((g) => (
                              <span key={g.id} className="gapline">
                                <span className="dot" style={{ background: severityColor(g.severity) }} aria-hidden="true" /> {g.title}
                                {g.platformIds.length > 0 ? <span className="tag tag--closed">{t('plat.gapCovered')}</span> : null}
                              </span>
                            ))}
                      </td>
                      <td className="small">
                        {[...n.established, ...n.pipeline].map((p) => (
                          <span key={p.id} className="gapline">
                            {p.name} <span className="tag">{t(`platformStatus.${p.status}`)}</span>
                          </span>
                        ))}
                        {n.established.length + n.pipeline.length === 0 ? '—' : null}
                      </td>
                      <td>
                        {n.status !== 'covered' ? (
                          <button
                            type="button"
                            className="btn btn--ghost btn--small"
                            aria-pressed={node === n.nodeId}
                            onClick={() => setNode(node === n.nodeId ? null : n.nodeId)}
                            data-node={n.nodeId}
                          >
                            {t('plat.whomToInvite')}
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {node ? (
        <Recommendations
          key={node}
          chain={chain}
          nodeId={node}
          team={team}
          onProposed={(p) => {
            setDone(t('plat.proposedOk', { name: p.name }));
            refresh();
          }}
        />
      ) : null}
      <PlatformList chain={chain} data={platforms.data} error={platforms.error} team={team} onMoved={refresh} />
    </>
  );
}

function Recommendations({ chain, nodeId, team, onProposed }: { chain: Chain; nodeId: string; team: boolean; onProposed(p: Platform): void }) {
  const { t, lang, nodeName } = useApp();
  const { data, error } = useGet<PlatformRecommendations>(`/api/v1/chains/${chain.code}/platform-recommendations`, { node: nodeId, limit: 5 });
  const rec = data?.nodes[0];
  return (
    <section className="card" aria-labelledby="recs" data-testid="recommendations">
      <h2 id="recs">{t('plat.recsFor', { node: nodeName(nodeId) })}</h2>
      <p className="hint">{t('plat.recsLead')}</p>
      <ErrorBox error={error} />
      {!data && !error ? <Loading /> : null}
      {rec && rec.candidates.length === 0 ? <Empty>{t('match.none')}</Empty> : null}
      {rec && rec.candidates.length > 0 ? (
        <ol className="matches">
          {rec.candidates.map((c, i) => (
            <li key={c.instituteId} className="match" data-testid="recommendation">
              <div className="match__head">
                <span className="match__rank">{i + 1}</span>
                <div className="match__who">
                  <h3>{c.name}</h3>
                  <p className="muted">
                    {t(`instKind.${c.kind as 'lab'}`) || c.kind} · {c.city}
                  </p>
                </div>
                <div className="match__score">
                  <span className="muted small">{t('match.score')}</span>
                  <ScoreBar value={c.score} label={t('match.score')} />
                </div>
              </div>
              <p className="match__why">{lang === 'en' ? c.explanation.en : c.explanation.zh}</p>
              {team ? <ProposeForm nodeId={nodeId} instituteId={c.instituteId} onProposed={onProposed} /> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function ProposeForm({ nodeId, instituteId, onProposed }: { nodeId: string; instituteId: string; onProposed(p: Platform): void }) {
  const { t, api, issue } = useApp();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Platform['kind']>('rd_center');
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const id = useId();
  if (!open)
    return (
      <button type="button" className="btn btn--small" onClick={() => setOpen(true)}>
        {t('plat.propose')}
      </button>
    );
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      const p = await api.post<Platform>('/api/v1/platform-proposals', {
        instituteId,
        nodeId,
        kind,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setOpen(false);
      onProposed(p);
    });
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} data-testid="propose-form">
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('plat.kind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Platform['kind'])}>
          {PLATFORM_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`platformKind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('plat.name')}</label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('plat.nameHint')}
          aria-invalid={fields['name'] ? true : undefined}
        />
        {fields['name'] ? <p className="error">{issue(fields['name'])}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('plat.note')}</label>
        <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="btn btn--small" disabled={busy}>
          {t('plat.proposeConfirm')}
        </button>
        <button type="button" className="btn btn--ghost btn--small" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorBox error={error} />
    </form>
  );
}

function PlatformList({
  chain,
  data,
  error,
  team,
  onMoved,
}: {
  chain: Chain;
  data: Page<Platform> | null;
  error: unknown;
  team: boolean;
  onMoved(): void;
}) {
  const { t, nodeName } = useApp();
  const items = data?.items ?? null;
  const names = usePartyNames((items ?? []).map((p) => ({ type: 'institute' as const, id: p.instituteId })));
  return (
    <section className="card" aria-labelledby="plat-list" data-testid="platforms">
      <h2 id="plat-list">{t('plat.list', { chain: chain.name })}</h2>
      <ErrorBox error={error} />
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <Empty>{t('plat.none')}</Empty> : null}
      {items && items.length > 0 ? (
        <ul className="cards">
          {[...items]
            .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
            .map((p) => (
              <li key={p.id} className="subcard" data-testid="platform" data-status={p.status}>
                <h3>
                  {p.name} <span className={`tag tag--plat-${p.status}`}>{t(`platformStatus.${p.status}`)}</span>
                </h3>
                <p className="small muted">
                  {t(`platformKind.${p.kind}`)} · {names('institute', p.instituteId)} · {p.nodeIds.map(nodeName).join('、')}
                </p>
                {p.recommendation ? <p className="small">{t('plat.fromRec', { score: Math.round(p.recommendation.score * 100) })}</p> : null}
                <History history={p.history} />
                {team && PLATFORM_MOVES[p.status].length > 0 ? <MovePlatform platform={p} onMoved={onMoved} /> : null}
              </li>
            ))}
        </ul>
      ) : null}
    </section>
  );
}

function MovePlatform({ platform, onMoved }: { platform: Platform; onMoved(): void }) {
  const { t, api } = useApp();
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const id = useId();
  const move = (to: PlatformStatus) =>
    run(async () => {
      await api.post(`/api/v1/platforms/${encodeURIComponent(platform.id)}/transitions`, { to, ...(note.trim() ? { note: note.trim() } : {}) });
      setNote('');
      onMoved();
    });
  return (
    <div className="moves">
      <label htmlFor={id} className="sr-only">
        {t('plat.moveNote')}
      </label>
      <input id={id} className="moves__note" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('plat.moveNote')} />
      {PLATFORM_MOVES[platform.status].map((to) => (
        <button
          key={to}
          type="button"
          className={`btn btn--small${to === 'withdrawn' ? ' btn--ghost' : ''}`}
          disabled={busy}
          onClick={() => void move(to)}
        >
          {t('plat.moveTo', { status: t(`platformStatus.${to}`) })}
        </button>
      ))}
      <ErrorBox error={error} />
    </div>
  );
}

/** Who moved a record when, as a compact list (platforms; challenges use their own timeline). */
export function History({ history }: { history: Platform['history'] }) {
  const { t } = useApp();
  const when = useWhen();
  if (history.length === 0) return null;
  return (
    <details className="history">
      <summary>{t('history.title', { n: history.length })}</summary>
      <ol className="plain small">
        {history.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at}>{when(h.at)}</time> · {h.from ? `${statusLabel(t, h.from)} → ` : ''}
            {statusLabel(t, h.to)} · {t(`role.${h.role as 'admin'}`) || h.role} <span className="muted">{h.actorId}</span>
            {h.note ? <span className="muted"> · {h.note}</span> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

const statusLabel = (t: ReturnType<typeof useApp>['t'], s: string) =>
  ['proposed', 'negotiating', 'established', 'withdrawn'].includes(s) ? t(`platformStatus.${s as PlatformStatus}`) : s;
