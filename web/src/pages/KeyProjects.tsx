import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { useApp } from '../context.js';
import { ErrorBox, Empty, Loading } from '../components/Status.js';
import type { Chain, Page } from '../types.js';
import type { ProjectView } from '../../../server/features/projects/schema.js';
import type { BattleMap } from '../../../server/features/battlemap/service.js';
import { severityColor } from './chain-model.js';

type Project = z.infer<typeof ProjectView>;

/** 重点项目清单: the chain's key projects with owner, next milestone and what is late. */
export function KeyProjects({ chain }: { chain: Chain }) {
  const { t, api, nodeName } = useApp();
  const [items, setItems] = useState<Project[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setItems(null);
    setError(null);
    api
      .get<Page<Project>>('/api/v1/projects', { chain: chain.code, limit: 100 })
      .then((p) => live && setItems(p.items))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, chain.code]);

  return (
    <section className="card" aria-labelledby="projects" data-testid="key-projects">
      <h2 id="projects">{t('dash.projects')}</h2>
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
                <th scope="col">{t('project.next')}</th>
                <th scope="col">{t('project.due')}</th>
                <th scope="col">{t('project.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => {
                const next = p.milestones.find((m) => !m.doneOn);
                return (
                  <tr key={p.id} className={p.late ? 'late' : undefined}>
                    <th scope="row">{p.name}</th>
                    <td>{p.nodeIds.map(nodeName).join('、')}</td>
                    <td>{p.ownerName}</td>
                    <td>
                      {next ? `${next.title}（${next.due}）` : '—'}
                      {next?.late ? <span className="tag tag--late">{t('project.late')}</span> : null}
                    </td>
                    <td>{p.dueDate}</td>
                    <td>
                      {t(`projectStatus.${p.status}`)}
                      {p.late && !next?.late ? <span className="tag tag--late">{t('project.late')}</span> : null}
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

/** 作战图: per node, each open gap and who is closing it (project, challenge, platform); unaddressed and late flagged. */
export function BattleMapView({ chain }: { chain: Chain }) {
  const { t, api, nodeName } = useApp();
  const [map, setMap] = useState<BattleMap | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setMap(null);
    setError(null);
    api
      .get<BattleMap>(`/api/v1/chains/${chain.code}/battle-map`)
      .then((m) => live && setMap(m))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [api, chain.code]);

  return (
    <section className="card" aria-labelledby="battle" data-testid="battle-map">
      <div className="card__head">
        <h2 id="battle">{t('battle.title')}</h2>
        {map ? (
          <p className="muted small">
            {t('battle.summary', { open: map.summary.openGaps, unaddressed: map.summary.unaddressed, late: map.summary.lateProjects + map.summary.lateChallenges, date: map.asOf.slice(0, 10) })}
          </p>
        ) : null}
      </div>
      <ErrorBox error={error} />
      {!map && !error ? <Loading /> : null}
      {map ? (
        <div className="battle">
          {map.nodes
            .filter((n) => n.gaps.some((g) => g.status !== 'closed') || n.other.length > 0)
            .map((n) => (
              <div key={n.nodeId} className={`battle__node${n.late ? ' battle__node--late' : ''}`}>
                <h3>
                  {nodeName(n.nodeId)} <span className="muted small">{t(`stage.${n.stage as 'upstream' | 'midstream' | 'downstream'}`)}</span>
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
                          <strong>{g.title}</strong>
                          {g.unaddressed ? <span className="tag tag--late">{t('battle.unaddressed')}</span> : null}
                          <ul className="actions-list">
                            {g.closing.map((a) => (
                              <li key={`${a.type}:${a.id}`}>
                                <span className="tag">{t(`battle.type.${a.type}`)}</span> {a.name} · <span className="muted">{a.status}</span>
                                {a.due ? <span className="muted"> · {a.due}</span> : null}
                                {a.late ? <span className="tag tag--late">{t('project.late')}</span> : null}
                              </li>
                            ))}
                          </ul>
                        </div>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
        </div>
      ) : null}
    </section>
  );
}
