import { useApp } from '../context.js';
import { Link } from '../router.js';
import { ErrorBox, Empty, Loading } from '../components/Status.js';
import { ChainPage } from '../components/ChainNav.js';
import { ScoreBar } from '../components/Matches.js';
import { useGet } from '../hooks.js';
import type { IndicatorCard, LeadingChainView, Ranking } from '../instruments.js';
import type { Chain } from '../types.js';

type Indicator = IndicatorCard['indicators'][number];

export default function Leading({ params }: { params: Record<string, string> }) {
  const { t } = useApp();
  return (
    <ChainPage code={params['code']} section="leading" title={t('lead.title')}>
      {(chain) => <Candidates key={chain.code} chain={chain} />}
    </ChainPage>
  );
}

function value(t: ReturnType<typeof useApp>['t'], r: Indicator): string {
  if (r.value === null) return t('common.noData');
  switch (r.indicator) {
    case 'control':
    case 'matchedNeeds':
      return `${Math.round(r.value * 100)}%`;
    case 'rootedness':
    case 'rdIntensity':
      return `${r.value}%`;
    case 'patents':
      return t('lead.unit.patents', { n: r.value });
    case 'platforms':
      return t('lead.unit.platforms', { n: r.value });
  }
}

function Source({ r }: { r: Indicator }) {
  const { t } = useApp();
  return (
    <span className="small muted">
      <span className={`tag tag--src-${r.source.kind}`}>{t(`lead.source.${r.source.kind}`)}</span> {r.source.detail}
      {r.source.asOf ? ` · ${t('lead.asOf', { date: r.source.asOf })}` : ''}
    </span>
  );
}

/** The indicator table of one enterprise: value, 0–1 score, weight and source of each. */
export function IndicatorTable({ card }: { card: IndicatorCard }) {
  const { t } = useApp();
  return (
    <div className="scroll-x">
      <table className="table small" data-testid="indicators">
        <thead>
          <tr>
            <th scope="col">{t('lead.indicator')}</th>
            <th scope="col">{t('lead.value')}</th>
            <th scope="col">{t('lead.score')}</th>
            <th scope="col">{t('lead.weight')}</th>
            <th scope="col">{t('lead.source')}</th>
          </tr>
        </thead>
        <tbody>
          {card.indicators.map((r) => (
            <tr key={r.indicator}>
              <th scope="row">{t(`lead.ind.${r.indicator}`)}</th>
              <td>{value(t, r)}</td>
              <td style={{ minWidth: '8rem' }}>
                <ScoreBar value={r.score} label={t(`lead.ind.${r.indicator}`)} />
              </td>
              <td>{Math.round(r.weight * 100)}%</td>
              <td>
                <Source r={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 培育链上领头羊: the chain's enterprises ranked by the weighted indicators, each figure with its source. */
function Candidates({ chain }: { chain: Chain }) {
  const { t } = useApp();
  const { data, error } = useGet<Ranking>(`/api/v1/chains/${chain.code}/leading-candidates`);
  return (
    <>
      <p className="lead muted">{t('lead.lead')}</p>
      <ErrorBox error={error} />
      {!data && !error ? <Loading /> : null}
      {data ? (
        <section className="card" aria-labelledby="weights">
          <h2 id="weights">{t('lead.weights')}</h2>
          <ul className="chips">
            {Object.entries(data.weights).map(([k, w]) => (
              <li key={k} className="chip">
                {t(`lead.ind.${k as Indicator['indicator']}`) || k} {Math.round(w * 100)}%
              </li>
            ))}
          </ul>
          <p className="hint">{t('lead.weightsHint')}</p>
        </section>
      ) : null}
      {data && data.candidates.length === 0 ? <Empty>{t('lead.none')}</Empty> : null}
      {data && data.candidates.length > 0 ? (
        <ol className="cards" data-testid="leading-candidates">
          {data.candidates.map((c) => (
            <li key={c.enterpriseId} className="subcard" data-testid="leading-candidate">
              <div className="card__head">
                <h3>
                  <span className="match__rank" aria-label={t('match.rank', { n: c.rank })}>
                    {c.rank}
                  </span>{' '}
                  {c.name} {c.leading ? <span className="tag tag--closed">{t('lead.isLeading')}</span> : null}
                </h3>
                <div className="match__score" style={{ minWidth: '10rem' }}>
                  <span className="muted small">{t('lead.total')}</span>
                  <ScoreBar value={c.total} label={t('lead.total')} />
                </div>
              </div>
              <details>
                <summary>{t('lead.details')}</summary>
                <IndicatorTable card={c} />
              </details>
              <Link to={`/dashboard/${chain.code}/leading/${c.enterpriseId}`}>{t('lead.chainView')}</Link>
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}

/** A leading enterprise's view of its chain: the open needs up- and downstream, and who locally fits them. */
export function LeadingView({ params }: { params: Record<string, string> }) {
  const { t, chainName, nodeName, lang, role } = useApp();
  const code = params['code'] ?? '';
  const ent = params['enterpriseId'] ?? '';
  const card = useGet<IndicatorCard>(`/api/v1/chains/${code}/enterprises/${encodeURIComponent(ent)}/indicators`);
  const view = useGet<LeadingChainView>(`/api/v1/chains/${code}/enterprises/${encodeURIComponent(ent)}/chain-view`, { limit: 10 });
  const v = view.data;
  return (
    <section data-testid="leading-view">
      <header className="page-head">
        {role !== 'enterprise' ? (
          <p className="small">
            <Link to={`/dashboard/${code}/leading`}>← {t('lead.title')}</Link>
          </p>
        ) : null}
        <h1>
          {card.data?.name ?? ent} · {chainName(code)}
        </h1>
        <p className="muted">{t('lead.viewLead')}</p>
      </header>
      <ErrorBox error={card.error} />
      {card.data ? (
        <section className="card" aria-labelledby="my-ind">
          <h2 id="my-ind">{t('lead.myIndicators', { total: Math.round(card.data.total * 100) })}</h2>
          <IndicatorTable card={card.data} />
        </section>
      ) : null}
      <ErrorBox error={view.error} />
      {!v && !view.error ? <Loading /> : null}
      {v ? (
        <>
          <p className="small">
            {t('lead.myNodes')}: {v.nodes.map(nodeName).join('、') || '—'} · {t('stage.upstream')}: {v.upstream.map(nodeName).join('、') || '—'} ·{' '}
            {t('stage.downstream')}: {v.downstream.map(nodeName).join('、') || '—'}
          </p>
          {v.needs.length === 0 ? <Empty>{t('lead.noNeeds')}</Empty> : null}
          <div className="grid2">
            {(['upstream', 'downstream'] as const).map((dir) => (
              <section key={dir} className="card" aria-labelledby={`dir-${dir}`}>
                <h2 id={`dir-${dir}`}>{t(`lead.dir.${dir}`)}</h2>
                <ul className="rows">
                  {v.needs
                    .filter((n) => n.direction === dir)
                    .map((n) => (
                      <li key={n.id}>
                        <Link to={`/needs/${n.id}`}>{n.title}</Link> <span className="muted small">· {nodeName(n.nodeId)}</span>
                        {n.deadline ? <span className="muted small"> · {t('need.deadline', { date: n.deadline })}</span> : null}
                        <ul className="plain small">
                          {n.fits.map((f) => (
                            <li key={`${f.type}:${f.id}`}>
                              <span className="tag">{t(`party.${f.type}`)}</span> <strong>{f.name}</strong> ·{' '}
                              {t('match.scoreShort', { n: Math.round(f.score * 100) })}
                              <span className="muted"> — {lang === 'en' ? f.explanation.en : f.explanation.zh}</span>
                            </li>
                          ))}
                          {n.fits.length === 0 ? <li className="muted">{t('match.none')}</li> : null}
                        </ul>
                      </li>
                    ))}
                </ul>
              </section>
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
