import { useApp } from '../context.js';
import { Link } from '../router.js';
import { ErrorBox, Empty, Loading } from '../components/Status.js';
import { ChainPage } from '../components/ChainNav.js';
import { useGet } from '../hooks.js';
import type { ChainDashboard } from '../instruments.js';
import type { Chain } from '../types.js';
import { severityColor } from './chain-model.js';
import { KeyProjects } from './KeyProjects.js';

/** A target given as a share (0.8) or a percentage (80), as a share. */
const share = (x: number) => (x > 1 ? x / 100 : x);

function toCsv(rows: Array<Array<string | number>>): string {
  const cell = (v: string | number) => {
    const s = String(v);
    // Spreadsheet formula injection: a leading = + - @ is neutralised.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n');
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Highest severity among a node's gaps that are not closed; 0 when none. */
const nodeSeverity = (chain: Chain, nodeId: string) =>
  Math.max(
    0,
    ...(chain.nodes
      .find((n) => n.id === nodeId)
      ?.gaps.filter((g) => g.status !== 'closed')
      .map((g) => g.severity) ?? []),
  );

export default function Dashboard({ params }: { params: Record<string, string> }) {
  const { t } = useApp();
  return (
    <ChainPage code={params['code']} section="overview" title={t('dash.title')}>
      {(chain) => <Overview key={chain.code} chain={chain} />}
    </ChainPage>
  );
}

/** 驾驶舱: the figures a chief takes to a meeting, all computed by the API (GET /chains/:code/dashboard). */
function Overview({ chain }: { chain: Chain }) {
  const { t, nodeName, pick } = useApp();
  const { data, error } = useGet<ChainDashboard>(`/api/v1/chains/${chain.code}/dashboard`);

  if (error) return <ErrorBox error={error} />;
  if (!data) return <Loading />;

  const rows = data.needsByNode;
  const open = rows.reduce((s, r) => s + r.open, 0);
  const closed = rows.reduce((s, r) => s + r.closed, 0);
  const { matched, total } = data.matchRate;
  const rate = total > 0 ? (data.matchRate.rate ?? matched / total) : null;
  const target = share(data.matchRate.target);
  const maxOpen = Math.max(1, ...rows.map((r) => r.open));
  const gaps = [...data.gapsWithoutGoodCandidate].sort((a, b) => b.severity - a.severity);

  const exportCsv = () => {
    const csv: Array<Array<string | number>> = [
      [t('dash.node'), t('dash.openNeeds'), t('dash.matchedNeeds'), t('dash.closedShort'), t('dash.severity')],
      ...rows.map((r) => [pick(r.name, r.nameEn), r.open, r.matched, r.closed, nodeSeverity(chain, r.nodeId)]),
    ];
    download(`${chain.code}-dashboard.csv`, toCsv(csv), 'text/csv;charset=utf-8');
  };

  return (
    <>
      <div className="kpis" data-testid="kpis">
        <Kpi label={t('dash.openNeeds')} value={String(open)} />
        <Kpi label={t('dash.matchedNeeds')} value={String(matched)} sub={t('dash.closedNeeds', { n: closed })} />
        <div className="kpi card" data-testid="match-rate">
          <span className="kpi__label">{t('dash.rate')}</span>
          <span className="kpi__value">{rate === null ? t('common.noData') : `${Math.round(rate * 100)}%`}</span>
          <div className="target" aria-hidden="true">
            <span
              className="target__fill"
              style={{ width: `${Math.round((rate ?? 0) * 100)}%`, background: (rate ?? 0) >= target ? '#3b8c5a' : '#e0612f' }}
            />
            <span className="target__mark" style={{ left: `${target * 100}%` }} />
          </div>
          <span className="kpi__sub">{t('dash.rateTarget', { target: Math.round(target * 100) })}</span>
          <span className="kpi__sub small">{t('dash.rateDef', { matched, total })}</span>
        </div>
        <div className="kpi card" data-testid="first-response">
          <span className="kpi__label">{t('dash.firstResponse')}</span>
          <span className="kpi__value">
            {data.firstResponse ? t('dash.days', { n: Math.round(data.firstResponse.medianDays * 10) / 10 }) : t('common.noData')}
          </span>
          <span className="kpi__sub small">
            {data.firstResponse ? t('dash.firstResponseN', { n: data.firstResponse.n }) : t('dash.firstResponseNone')}
          </span>
        </div>
        <Kpi label={t('dash.uncovered')} value={String(gaps.length)} />
      </div>

      <div className="grid2">
        <section className="card" aria-labelledby="by-node">
          <div className="card__head">
            <h2 id="by-node">{t('dash.byNode')}</h2>
            <button type="button" className="btn btn--ghost btn--small" onClick={exportCsv}>
              {t('dash.exportCsv')}
            </button>
          </div>
          <table className="bars">
            <thead>
              <tr>
                <th scope="col">{t('dash.node')}</th>
                <th scope="col">{t('dash.openNeeds')}</th>
                <th scope="col">{t('dash.matchedNeeds')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.nodeId}>
                  <th scope="row">
                    <span className="dot" style={{ background: severityColor(nodeSeverity(chain, r.nodeId)) }} aria-hidden="true" />
                    <Link to={`/chains/${chain.code}?node=${encodeURIComponent(r.nodeId)}`}>{pick(r.name, r.nameEn)}</Link>
                  </th>
                  <td>
                    <span className="barcell">
                      <span className="hbar" style={{ width: `${(r.open / maxOpen) * 80}%` }} aria-hidden="true" />
                      <span>{r.open}</span>
                    </span>
                  </td>
                  <td>{r.matched}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="card" aria-labelledby="uncovered" data-testid="uncovered">
          <h2 id="uncovered">{t('dash.uncoveredTitle')}</h2>
          <p className="hint">{t('dash.uncoveredDef', { score: Math.round(data.goodCandidateScore * 100) })}</p>
          {gaps.length === 0 ? (
            <Empty>{t('dash.allCovered')}</Empty>
          ) : (
            <ul className="gaps">
              {gaps.map((g) => (
                <li key={`${g.nodeId}/${g.gapId}`} className="gap">
                  <span className="sev" style={{ background: severityColor(g.severity) }}>
                    {g.severity}
                  </span>
                  <div>
                    <strong>{g.title}</strong>
                    <p className="small muted">
                      <Link to={`/chains/${chain.code}?node=${encodeURIComponent(g.nodeId)}`}>{nodeName(g.nodeId)}</Link> ·{' '}
                      {t('dash.bestScore', { score: g.bestScore === null ? '—' : Math.round(g.bestScore * 100) })}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <KeyProjects chain={chain} />
      <p className="small muted">{t('dash.generatedAt', { at: data.generatedAt.slice(0, 16).replace('T', ' ') })}</p>
    </>
  );
}

function Kpi({ label, value, sub }: { label: string; value: string; sub?: string | undefined }) {
  return (
    <div className="kpi card">
      <span className="kpi__label">{label}</span>
      <span className="kpi__value">{value}</span>
      {sub ? <span className="kpi__sub">{sub}</span> : null}
    </div>
  );
}
