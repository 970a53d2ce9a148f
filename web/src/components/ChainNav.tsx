import { useMemo, type ReactNode } from 'react';
import { useApp } from '../context.js';
import type { MsgKey } from '../i18n.js';
import { Link } from '../router.js';
import type { Chain } from '../types.js';
import { Empty, Loading } from './Status.js';

export type ChainSection = 'overview' | 'platforms' | 'leading' | 'challenges' | 'projects' | 'battle-map';

const SECTIONS: Array<{ key: ChainSection; label: MsgKey; path: (code: string) => string }> = [
  { key: 'overview', label: 'chainNav.overview', path: (c) => `/dashboard/${c}` },
  { key: 'platforms', label: 'chainNav.platforms', path: (c) => `/dashboard/${c}/platforms` },
  { key: 'leading', label: 'chainNav.leading', path: (c) => `/dashboard/${c}/leading` },
  { key: 'challenges', label: 'chainNav.challenges', path: (c) => `/challenges?chain=${c}` },
  { key: 'projects', label: 'chainNav.projects', path: (c) => `/dashboard/${c}/projects` },
  { key: 'battle-map', label: 'chainNav.battleMap', path: (c) => `/dashboard/${c}/battle-map` },
];

/** The chains the signed-in government user works on: a chief's own, every chain for admin and HR. */
export function useMyChains(): Chain[] | null {
  const { chains, role, session } = useApp();
  return useMemo(() => {
    if (!chains) return null;
    return role === 'chain_chief' ? chains.filter((c) => session?.me.chains.includes(c.code)) : chains;
  }, [chains, role, session]);
}

/** The instruments of one chain, as tabs under the dashboard title. */
export function ChainNav({ code, current }: { code: string; current: ChainSection }) {
  const { t } = useApp();
  return (
    <nav aria-label={t('chainNav.label')} className="subnav" data-testid="chain-nav">
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.key}>
            <Link to={s.path(code)} aria-current={s.key === current ? 'page' : undefined}>
              {t(s.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Page frame of a chain instrument: chain picker (when several), title, tabs; the body gets the chain. */
export function ChainPage({
  code,
  section,
  title,
  children,
}: {
  code: string | undefined;
  section: ChainSection;
  title: string;
  children: (chain: Chain) => ReactNode;
}) {
  const { t, pick } = useApp();
  const mine = useMyChains();
  if (!mine) return <Loading />;
  const chain = mine.find((c) => c.code === (code ?? mine[0]?.code));
  if (!chain) return <Empty>{t('dash.noChain')}</Empty>;
  const base = section === 'overview' ? '' : `/${section}`;
  return (
    <section>
      <header className="page-head">
        <h1>
          {title} · {pick(chain.name, chain.nameEn)}
        </h1>
        <p className="muted">{chain.chief}</p>
      </header>
      {mine.length > 1 ? (
        <nav aria-label={t('chain.pick')} className="tabs">
          <ul>
            {mine.map((c) => (
              <li key={c.code}>
                <Link to={`/dashboard/${c.code}${base}`} aria-current={c.code === chain.code ? 'page' : undefined} className="tab">
                  {pick(c.name, c.nameEn)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <ChainNav code={chain.code} current={section} />
      {children(chain)}
    </section>
  );
}
