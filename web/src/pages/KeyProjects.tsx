import { useApp } from '../context.js';
import { Link } from '../router.js';
import { ErrorBox, Empty, Loading } from '../components/Status.js';
import { ChainPage } from '../components/ChainNav.js';
import { useGet } from '../hooks.js';
import type { MsgKey } from '../i18n.js';
import type { BattleMap, Project } from '../instruments.js';
import type { Chain, Page } from '../types.js';
import { severityColor } from './chain-model.js';

/** 重点项目清单: the chain's key projects with owner, next milestone and what is late; `detailed` lists every milestone. */
export function KeyProjects({ chain, detailed = false }: { chain: Chain; detailed?: boolean }) {
  const { t, nodeName } = useApp();
  const { data, error } = useGet<Page<Project>>('/api/v1/projects', { chain: chain.code, limit: 100 });
  const items = data?.items ?? null;

  return (
    <section className="card" aria-labelledby="projects" data-testid="key-projects">
      <div className="card__head">
        <h2 id="projects">{t('dash.projects')}</h2>
        {!detailed ? <Link to={`/dashboard/${chain.code}/projects`}>{t('project.all')}</Link> : null}
      </div>
      <ErrorBox error={error} />
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <Empty>{t('dash.noProjects')}</Empty> : null}
      {items && items.length > 0 ? (
        <div className="scroll-x">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('project.name')}</th>
                <th scope="col">{t('project.nodes')}</th>
                <th scope="col">{t('project.owner')}</th>
                <th scope="col">{detailed ? t('project.milestones') : t('project.next')}</th>
                <th scope="col">{t('project.due')}</th>
                <th scope="col">{t('project.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => {
                const next = p.milestones.find((m) => !m.doneOn);
                return (
                  <tr key={p.id} className={p.late ? 'late' : undefined} data-testid="project">
                    <th scope="row">
                      {p.name}
                      {detailed && p.investmentWan !== undefined ? (
                        <p className="small muted">{t('project.investment', { n: p.investmentWan })}</p>
                      ) : null}
                    </th>
                    <td>{p.nodeIds.map(nodeName).join('、')}</td>
                    <td>{p.ownerName}</td>
                    <td>
                      {detailed ? (
                        <ol className="milestones">
                          {p.milestones.map((m) => (
                            <li key={m.id} className={m.doneOn ? 'done' : m.late ? 'late' : undefined}>
                              <span aria-hidden="true">{m.doneOn ? '✓' : m.late ? '!' : '○'}</span> {m.title} · {t('project.dueOn', { date: m.due })}
                              {m.doneOn ? <span className="muted"> · {t('project.doneOn', { date: m.doneOn })}</span> : null}
                              {m.late ? <span className="tag tag--late">{t('project.late')}</span> : null}
                              {m.note ? <span className="muted small"> · {m.note}</span> : null}
                            </li>
                          ))}
                        </ol>
                      ) : (
                        <>
                          {next ? `${next.title}（${next.due}）` : '—'}
                          {next?.late ? <span className="tag tag--late">{t('project.late')}</span> : null}
                        </>
                      )}
                    </td>
                    <td>{p.dueDate}</td>
                    <td>
                      {t(`projectStatus.${p.status}`)}
                      {p.late && (detailed || !next?.late) ? <span className="tag tag--late">{t('project.late')}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

const STATUS_KEYS: Record<string, MsgKey> = {
  planned: 'projectStatus.planned',
  in_progress: 'projectStatus.in_progress',
  completed: 'projectStatus.completed',
  suspended: 'projectStatus.suspended',
  proposed: 'platformStatus.proposed',
  negotiating: 'platformStatus.negotiating',
  established: 'platformStatus.established',
  withdrawn: 'platformStatus.withdrawn',
  collecting: 'stage.c.collecting',
  published: 'stage.c.published',
  taken: 'stage.c.taken',
  reviewing: 'stage.c.reviewing',
  signed: 'stage.c.signed',
  accepted: 'stage.c.accepted',
  cancelled: 'stage.c.cancelled',
};

type Action = BattleMap['nodes'][number]['other'][number];

/**
 * The API states why something is late in English (`overdue milestones: 中试线建成 (due 2026-10-29)`);
 * the known shapes are put in the reader's language, anything else is shown as sent.
 */
function lateReason(t: ReturnType<typeof useApp>['t'], reason: string): string {
  let m = /^overdue milestones: (.*)$/.exec(reason);
  if (m)
    return t('late.milestones', {
      list: (m[1] ?? '').replace(/ \(due (\S+?)\)/g, (_x, d: string) => `（${t('project.dueOn', { date: d })}）`).replace(/; /g, '；'),
    });
  m = /^past its due date (\S+)$/.exec(reason);
  if (m) return t('late.pastDue', { date: m[1] ?? '' });
  m = /^not accepted \(验收\) by (\S+); stage (.*)$/.exec(reason);
  if (m) return t('late.notAccepted', { date: m[1] ?? '', stage: m[2] ?? '' });
  return reason;
}

function ActionItem({ a, chain }: { a: Action; chain: Chain }) {
  const { t } = useApp();
  // A challenge's status reads "signed 签约": the first word is the stage.
  const status = STATUS_KEYS[a.status.split(' ')[0] ?? ''];
  const href =
    a.type === 'challenge'
      ? `/challenges/${a.id}`
      : a.type === 'project'
        ? `/dashboard/${chain.code}/projects`
        : `/dashboard/${chain.code}/platforms`;
  return (
    <li data-testid={a.late ? 'late-action' : 'action'}>
      <span className="tag">{t(`battle.type.${a.type}`)}</span> <Link to={href}>{a.name}</Link> ·{' '}
      <span className="muted">{status ? t(status) : a.status}</span>
      {a.due ? <span className="muted"> · {t('project.dueOn', { date: a.due })}</span> : null}
      {a.late ? (
        <span className="tag tag--late" data-testid="late-flag">
          {t('project.late')}
        </span>
      ) : null}
    </li>
  );
}

/** 作战图: per node, each open gap and who is closing it (project, challenge, platform); unaddressed and late flagged. */
export function BattleMapView({ chain }: { chain: Chain }) {
  const { t, nodeName } = useApp();
  const { data: map, error } = useGet<BattleMap>(`/api/v1/chains/${chain.code}/battle-map`);

  return (
    <section className="card" aria-labelledby="battle" data-testid="battle-map">
      <div className="card__head">
        <h2 id="battle">{t('battle.title')}</h2>
        {map ? (
          <p className="muted small">
            {t('battle.summary', {
              open: map.summary.openGaps,
              unaddressed: map.summary.unaddressed,
              late: map.summary.lateProjects + map.summary.lateChallenges,
              date: map.asOf.slice(0, 10),
            })}
          </p>
        ) : null}
      </div>
      <ErrorBox error={error} />
      {!map && !error ? <Loading /> : null}
      {map && map.late.length > 0 ? (
        <div className="alert alert--error" data-testid="late-list">
          <strong>{t('battle.lateTitle', { n: map.late.length })}</strong>
          <ul className="actions-list">
            {map.late.map((l) => (
              <li key={`${l.type}:${l.id}`}>
                <span className="tag">{t(`battle.type.${l.type}`)}</span> {l.name} — <span className="small">{lateReason(t, l.reason)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {map ? (
        <div className="battle">
          {map.nodes
            .filter((n) => n.gaps.some((g) => g.status !== 'closed') || n.other.length > 0)
            .map((n) => (
              <div
                key={n.nodeId}
                className={`battle__node${n.late ? ' battle__node--late' : ''}`}
                data-testid="battle-node"
                data-late={n.late ? 'true' : 'false'}
              >
                <h3>
                  {nodeName(n.nodeId)} <span className="muted small">{t(`stage.${n.stage as 'upstream' | 'midstream' | 'downstream'}`)}</span>
                  {n.late ? <span className="tag tag--late">{t('project.late')}</span> : null}
                </h3>
                <ul className="gaps">
                  {n.gaps
                    .filter((g) => g.status !== 'closed')
                    .map((g) => (
                      <li key={g.id} className="gap">
                        <span className="sev" style={{ background: severityColor(g.severity) }}>
                          {g.severity}
                        </span>
                        <div>
                          <strong>{g.title}</strong>{' '}
                          <span className="tag">{t(`gapKind.${g.kind as 'technology' | 'talent' | 'supplier' | 'platform'}`)}</span>
                          {g.unaddressed ? <span className="tag tag--late">{t('battle.unaddressed')}</span> : null}
                          <ul className="actions-list">
                            {g.closing.map((a) => (
                              <ActionItem key={`${a.type}:${a.id}`} a={a} chain={chain} />
                            ))}
                          </ul>
                        </div>
                      </li>
                    ))}
                </ul>
                {n.other.length > 0 ? (
                  <>
                    <p className="small muted">{t('battle.other')}</p>
                    <ul className="actions-list">
                      {n.other.map((a) => (
                        <ActionItem key={`${a.type}:${a.id}`} a={a} chain={chain} />
                      ))}
                    </ul>
                  </>
                ) : null}
              </div>
            ))}
        </div>
      ) : null}
    </section>
  );
}

export function ProjectsPage({ params }: { params: Record<string, string> }) {
  const { t } = useApp();
  return (
    <ChainPage code={params['code']} section="projects" title={t('dash.projects')}>
      {(chain) => <KeyProjects key={chain.code} chain={chain} detailed />}
    </ChainPage>
  );
}

export function BattleMapPage({ params }: { params: Record<string, string> }) {
  const { t } = useApp();
  return (
    <ChainPage code={params['code']} section="battle-map" title={t('battle.title')}>
      {(chain) => <BattleMapView key={chain.code} chain={chain} />}
    </ChainPage>
  );
}
