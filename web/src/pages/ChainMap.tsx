import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useApp } from '../context.js';
import { Link, navigate, useLocation } from '../router.js';
import { ErrorBox, Empty, Loading } from '../components/Status.js';
import { MatchList } from '../components/Matches.js';
import type { Chain, Institute, MatchResponse, Need, TalentView } from '../types.js';
import { nodeStats, severityColor, STAGES, type ChainData, type NodeStats } from './chain-model.js';
import type { GraphLabels } from './ChainGraph.js';

// ECharts (the heaviest dependency) is fetched only when a chain map is drawn.
const ChainGraph = lazy(() => import('./ChainGraph.js'));

const CANDIDATE_ROLES = ['admin', 'hr_bureau', 'chain_chief'];

export function useChainData(code: string | undefined): { data: ChainData | null; error: unknown } {
  const { api, role } = useApp();
  const [data, setData] = useState<ChainData | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!code) return;
    let live = true;
    setData(null);
    setError(null);
    const canListTalents = role !== null && role !== 'talent';
    Promise.all([
      api.all<Need>('/api/v1/needs', { chain: code }),
      api.all<Institute>('/api/v1/institutes', { chain: code }),
      canListTalents ? api.all<TalentView>('/api/v1/talents', { chain: code }).catch(() => null) : Promise.resolve(null),
    ])
      .then(([needs, institutes, talents]) => live && setData({ needs, institutes, talents }))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, code, role]);
  return { data, error };
}

export function ChainPicker({ chains, code, base }: { chains: Chain[]; code: string | undefined; base: string }) {
  const { t, pick } = useApp();
  return (
    <nav aria-label={t('chain.pick')} className="tabs">
      <ul>
        {chains.map((c) => (
          <li key={c.code}>
            <Link to={`${base}/${c.code}`} aria-current={c.code === code ? 'page' : undefined} className="tab">
              {pick(c.name, c.nameEn)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export default function ChainMap({ params }: { params: Record<string, string> }) {
  const { t, chains, role, session, nodeName, pick } = useApp();
  const loc = useLocation();
  const fallback = session?.me.chains[0] ?? chains?.[0]?.code;
  const code = params['code'] ?? fallback;
  const chain = chains?.find((c) => c.code === code);
  const { data, error } = useChainData(chain?.code);
  const selected = loc.query.get('node');

  const stats = useMemo(() => (chain && data ? nodeStats(chain, data) : []), [chain, data]);
  const names = useMemo(() => new Map(stats.map((s) => [s.node.id, nodeName(s.node.id)])), [stats, nodeName]);
  const labels = useMemo<GraphLabels>(
    () => ({
      stage: { upstream: t('stage.upstream'), midstream: t('stage.midstream'), downstream: t('stage.downstream') },
      counts: (s: NodeStats) =>
        s.talents === null
          ? t('map.countsPublic', { open: s.openNeeds, matched: s.matchedNeeds, institutes: s.institutes })
          : t('map.counts', { open: s.openNeeds, matched: s.matchedNeeds, talents: s.talents, institutes: s.institutes }),
      short: (s: NodeStats) =>
        s.talents === null
          ? t('map.countsShortPublic', { open: s.openNeeds, institutes: s.institutes })
          : t('map.countsShort', { open: s.openNeeds, talents: s.talents, institutes: s.institutes }),
      severity: (n: number) => (n === 0 ? t('severity.none') : t('severity.level', { n })),
    }),
    [t],
  );

  if (!chains) return <Loading />;
  if (!chain) return <Empty>{t('chain.none')}</Empty>;

  const select = (nodeId: string) => navigate(`/chains/${chain.code}?node=${encodeURIComponent(nodeId)}`, { replace: true });
  const current = stats.find((s) => s.node.id === selected) ?? null;

  return (
    <section>
      <header className="page-head">
        <h1>
          {t('map.title')} · {pick(chain.name, chain.nameEn)}
        </h1>
        <p className="muted">{t('map.lead')}</p>
      </header>
      <ChainPicker chains={chains} code={chain.code} base="/chains" />
      {chain.description ? <p className="lead">{chain.description}</p> : null}
      <Legend />
      <ErrorBox error={error} />
      {!data ? (
        <Loading />
      ) : (
        <div className="map">
          <div className="map__canvas card">
            <p className="stages" aria-hidden="true">
              {STAGES.map((s) => labels.stage[s]).join('  →  ')}
            </p>
            <Suspense fallback={<Loading />}>
              <ChainGraph chain={chain} stats={stats} selected={selected} onSelect={select} labels={labels} names={names} />
            </Suspense>
            {data.talents === null ? <p className="hint">{t('map.publicNote')}</p> : null}
          </div>
          <div className="map__side">
            {/* The keyboard and screen-reader way through the same map: one button per node, by stage. */}
            <div className="card nodes" data-testid="node-list">
              <h2>{t('map.nodes')}</h2>
              {STAGES.map((stage) => (
                <div key={stage}>
                  <h3 className="stage-title">{labels.stage[stage]}</h3>
                  <ul className="nodelist">
                    {stats
                      .filter((s) => s.node.stage === stage)
                      .map((s) => (
                        <li key={s.node.id}>
                          <button
                            type="button"
                            className="nodebtn"
                            aria-pressed={s.node.id === selected}
                            onClick={() => select(s.node.id)}
                            data-node={s.node.id}
                          >
                            <span className="dot" style={{ background: severityColor(s.severity) }} aria-hidden="true" />
                            <span className="nodebtn__name">{names.get(s.node.id)}</span>
                            <span className="nodebtn__sev">{labels.severity(s.severity)}</span>
                            <span className="nodebtn__counts">{labels.counts(s)}</span>
                          </button>
                        </li>
                      ))}
                  </ul>
                </div>
              ))}
            </div>
          </div>
        </div>
      )}
      {current && data ? (
        <NodePanel key={current.node.id} stats={current} chain={chain} data={data} showCandidates={role !== null && CANDIDATE_ROLES.includes(role)} />
      ) : data ? (
        <p className="hint">{t('map.choose')}</p>
      ) : null}
    </section>
  );
}

function Legend() {
  const { t } = useApp();
  return (
    <ul className="legend" aria-label={t('map.legend')}>
      {[0, 1, 2, 3, 4, 5].map((n) => (
        <li key={n}>
          <span className="dot" style={{ background: severityColor(n) }} aria-hidden="true" />
          {n === 0 ? t('severity.none') : t('severity.level', { n })}
        </li>
      ))}
    </ul>
  );
}

function NodePanel({ stats, chain, data, showCandidates }: { stats: NodeStats; chain: Chain; data: ChainData; showCandidates: boolean }) {
  const { t, api, nodeName, pick } = useApp();
  const node = stats.node;
  const needs = data.needs.filter((n) => n.nodeId === node.id);
  const institutes = data.institutes.filter((i) => i.nodeIds.includes(node.id) || i.inferredNodeIds.includes(node.id)).slice(0, 6);
  const [kind, setKind] = useState<'talent' | 'institute'>('talent');
  const [cands, setCands] = useState<MatchResponse | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!showCandidates) return;
    let live = true;
    setCands(null);
    setError(null);
    api
      .get<MatchResponse>(`/api/v1/chains/${chain.code}/nodes/${encodeURIComponent(node.id)}/candidates`, { kind, limit: 5 })
      .then((r) => live && setCands(r))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, chain.code, node.id, kind, showCandidates]);

  return (
    <section className="panel card" aria-labelledby="node-title" data-testid="node-panel">
      <h2 id="node-title">{nodeName(node.id)}</h2>
      <p className="muted">
        {t(`stage.${node.stage}`)}
        {node.industryCodes.length > 0 ? ` · GB/T 4754: ${node.industryCodes.join(', ')}` : ''}
      </p>
      {node.description ? <p>{node.description}</p> : null}
      <div className="panel__grid">
        <div>
          <h3>{t('map.gaps')}</h3>
          {node.gaps.length === 0 ? (
            <Empty>{t('map.noGaps')}</Empty>
          ) : (
            <ul className="gaps" data-testid="gaps">
              {[...node.gaps]
                .sort((a, b) => b.severity - a.severity)
                .map((g) => (
                  <li key={g.id} className="gap">
                    <span className="sev" style={{ background: severityColor(g.status === 'closed' ? 0 : g.severity) }}>
                      {g.severity}
                    </span>
                    <div>
                      <strong>{g.title}</strong>
                      <span className="tag">{t(`gapKind.${g.kind}`)}</span>
                      <span className={`tag tag--${g.status}`}>{t(`gapStatus.${g.status}`)}</span>
                      {g.description ? <p className="small muted">{g.description}</p> : null}
                    </div>
                  </li>
                ))}
            </ul>
          )}
          <h3>{t('map.needs')}</h3>
          {needs.length === 0 ? (
            <Empty>{t('map.noNeeds')}</Empty>
          ) : (
            <ul className="plain" data-testid="node-needs">
              {needs.slice(0, 12).map((n) => (
                <li key={n.id}>
                  <Link to={`/needs/${n.id}`}>{n.title}</Link> <span className="tag">{t(`needKind.${n.kind}`)}</span>{' '}
                  <span className={`tag tag--${n.status}`}>{t(`needStatus.${n.status}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div data-testid="candidates">
          <h3>{t('map.candidates')}</h3>
          {showCandidates ? (
            <>
              <div className="seg" role="group" aria-label={t('match.kind')}>
                <button type="button" aria-pressed={kind === 'talent'} onClick={() => setKind('talent')}>
                  {t('kind.talent')}
                </button>
                <button type="button" aria-pressed={kind === 'institute'} onClick={() => setKind('institute')}>
                  {t('kind.institute')}
                </button>
              </div>
              <ErrorBox error={error} />
              {!cands && !error ? <Loading /> : null}
              {cands && cands.results.length === 0 ? <Empty>{t('match.none')}</Empty> : null}
              {cands && cands.results.length > 0 ? <MatchList results={cands.results} /> : null}
            </>
          ) : (
            <>
              <p className="hint">{t('map.candidatesPublic')}</p>
              {institutes.length === 0 ? (
                <Empty>{t('map.noInstitutes')}</Empty>
              ) : (
                <ul className="plain">
                  {institutes.map((i) => (
                    <li key={i.id}>
                      <strong>{pick(i.name, i.nameEn)}</strong> <span className="tag">{t(`instKind.${i.kind}`)}</span>{' '}
                      <span className="muted">{i.city}</span>
                      {i.capabilities.length > 0 ? <p className="small muted">{i.capabilities.slice(0, 4).join('、')}</p> : null}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      </div>
    </section>
  );
}
