import { useApp } from '../context.js';
import { Link, navigate, useLocation } from '../router.js';
import { ErrorBox, Empty, Loading } from '../components/Status.js';
import { ChainNav } from '../components/ChainNav.js';
import { useGet } from '../hooks.js';
import { ALL_STAGES, type Challenge } from '../instruments.js';
import type { Page } from '../types.js';

/** 揭榜挂帅: every challenge the caller may see, grouped by stage (征集需求 → … → 验收). */
export default function Challenges() {
  const { t, chains, chainName, nodeName, role, session } = useApp();
  const loc = useLocation();
  const chain = loc.query.get('chain') ?? '';
  const { data, error } = useGet<Page<Challenge>>('/api/v1/challenges', { chain: chain || undefined, limit: 100, sort: 'updatedAt', order: 'desc' });
  const items = data?.items ?? null;
  const mine = role === 'admin' || (role === 'chain_chief' && session?.me.chains.includes(chain));

  return (
    <section>
      <header className="page-head">
        <h1>
          {t('chal.title')}
          {chain ? ` · ${chainName(chain)}` : ''}
        </h1>
        <p className="muted">{t('chal.lead')}</p>
      </header>
      {chain && mine ? <ChainNav code={chain} current="challenges" /> : null}
      <div className="field field--inline">
        <label htmlFor="chal-chain">{t('facet.chain')}</label>
        <select
          id="chal-chain"
          value={chain}
          onChange={(e) => navigate(e.target.value ? `/challenges?chain=${e.target.value}` : '/challenges', { replace: true })}
        >
          <option value="">{t('chal.allChains')}</option>
          {(chains ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {chainName(c.code)}
            </option>
          ))}
        </select>
      </div>
      <ErrorBox error={error} />
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <Empty>{t('chal.none')}</Empty> : null}
      {items && items.length > 0 ? (
        <div className="stages-board" data-testid="challenge-board">
          {ALL_STAGES.map((stage) => {
            const here = items.filter((c) => c.stage === stage);
            if (here.length === 0) return null;
            return (
              <section key={stage} className="card stage-col" aria-labelledby={`stage-${stage}`} data-stage={stage}>
                <h2 id={`stage-${stage}`}>
                  {t(`stage.c.${stage}`)} <span className="muted small">({here.length})</span>
                </h2>
                <ul className="rows">
                  {here.map((c) => (
                    <li key={c.id} data-testid="challenge">
                      <Link to={`/challenges/${c.id}`}>{c.title}</Link>
                      {c.late ? <span className="tag tag--late">{t('project.late')}</span> : null}
                      <p className="small muted">
                        {chainName(c.chainId)} · {nodeName(c.nodeId)} · {t('chal.reward', { n: c.rewardWan })} ·{' '}
                        {t('chal.deadline', { date: c.deadline })}
                      </p>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      ) : null}
    </section>
  );
}
