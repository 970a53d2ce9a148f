import { useEffect, useState } from 'react';
import { useApp } from '../context.js';
import { Link, useLocation } from '../router.js';
import { ErrorBox, Empty, Loading } from '../components/Status.js';
import type { MatchResponse, Need, Page, Role, TalentView } from '../types.js';

/** Each role lands on what it came for; anonymous visitors on the public map and needs board. */
export default function Home() {
  const { t, role } = useApp();
  const loc = useLocation();
  return (
    <section data-testid="home" data-role={role ?? 'anonymous'}>
      {loc.query.get('deleted') ? (
        <p className="alert alert--ok" role="status">
          {t('rights.deleted')}
        </p>
      ) : null}
      <header className="page-head">
        <h1>{t(`home.title.${role ?? 'anonymous'}`)}</h1>
        <p className="muted">{t(`home.lead.${role ?? 'anonymous'}`)}</p>
      </header>
      <QuickLinks role={role} />
      {role === 'enterprise' ? <MyNeeds /> : null}
      {role === 'talent' || role === 'institute' ? <FittingNeeds kind={role} /> : null}
      {role === 'chain_chief' ? <MyChains /> : null}
      {role === 'hr_bureau' || role === 'admin' ? <TalentSupply /> : null}
      {role === null ? <PublicNeeds /> : null}
    </section>
  );
}

function QuickLinks({ role }: { role: Role | null }) {
  const { t } = useApp();
  const links: Array<{ to: string; label: string; primary?: boolean }> = [];
  if (role === 'enterprise') links.push({ to: '/needs/new', label: t('nav.postNeed'), primary: true });
  if (role === 'chain_chief' || role === 'admin') links.push({ to: '/dashboard', label: t('nav.dashboard'), primary: true });
  if (role === 'hr_bureau') links.push({ to: '/search?type=talents', label: t('home.searchTalents'), primary: true });
  links.push({ to: '/chains', label: t('nav.chains') });
  if (role !== null) links.push({ to: '/search', label: t('nav.search') });
  if (role === 'hr_bureau' || role === 'admin' || role === 'chain_chief') {
    links.push({ to: '/records/new/institute', label: t('newRecord.institute') });
    links.push({ to: '/records/new/enterprise', label: t('newRecord.enterprise') });
  }
  if (role === 'talent' || role === 'institute' || role === 'enterprise') links.push({ to: '/profile', label: t('nav.profile') });
  if (role === null) {
    links.push({ to: '/sign-in', label: t('nav.signIn'), primary: true });
    links.push({ to: '/register', label: t('nav.register') });
  }
  return (
    <ul className="quick">
      {links.map((l) => (
        <li key={l.to}>
          <Link to={l.to} className={`btn${l.primary ? '' : ' btn--ghost'}`}>
            {l.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function NeedRows({ needs }: { needs: Need[] }) {
  const { t, nodeName } = useApp();
  return (
    <ul className="rows">
      {needs.map((n) => (
        <li key={n.id}>
          <Link to={`/needs/${n.id}`}>{n.title}</Link>
          <span className="muted small">
            {' '}
            · {nodeName(n.nodeId)} · {n.city}
          </span>{' '}
          <span className="tag">{t(`needKind.${n.kind}`)}</span> <span className={`tag tag--${n.status}`}>{t(`needStatus.${n.status}`)}</span>
        </li>
      ))}
    </ul>
  );
}

function PublicNeeds() {
  const { t, api } = useApp();
  const [needs, setNeeds] = useState<Need[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api
      .get<Page<Need>>('/api/v1/needs', { status: 'open', limit: 10 })
      .then((p) => setNeeds(p.items))
      .catch(setError);
  }, [api]);
  return (
    <section className="card" aria-labelledby="board">
      <h2 id="board">{t('home.board')}</h2>
      <ErrorBox error={error} />
      {!needs && !error ? <Loading /> : null}
      {needs && needs.length === 0 ? <Empty>{t('map.noNeeds')}</Empty> : null}
      {needs && needs.length > 0 ? <NeedRows needs={needs} /> : null}
    </section>
  );
}

function MyNeeds() {
  const { t, api, session } = useApp();
  const [needs, setNeeds] = useState<Need[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const id = session?.me.subjectId;
  useEffect(() => {
    if (!id) return;
    api.all<Need>('/api/v1/needs', { enterprise: id }, 200).then(setNeeds).catch(setError);
  }, [api, id]);
  return (
    <section className="card" aria-labelledby="my-needs" data-testid="my-needs">
      <h2 id="my-needs">{t('home.myNeeds')}</h2>
      <ErrorBox error={error} />
      {!needs && !error ? <Loading /> : null}
      {needs && needs.length === 0 ? <Empty>{t('home.noMyNeeds')}</Empty> : null}
      {needs && needs.length > 0 ? <NeedRows needs={needs} /> : null}
    </section>
  );
}

function FittingNeeds({ kind }: { kind: 'talent' | 'institute' }) {
  const { t, api, session, lang, nodeName } = useApp();
  const [res, setRes] = useState<MatchResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const id = session?.me.subjectId;
  useEffect(() => {
    if (!id) return;
    api
      .get<MatchResponse>(`/api/v1/${kind === 'talent' ? 'talents' : 'institutes'}/${encodeURIComponent(id)}/needs`, { limit: 8 })
      .then(setRes)
      .catch(setError);
  }, [api, id, kind]);
  return (
    <section className="card" aria-labelledby="fitting" data-testid="fitting-needs">
      <h2 id="fitting">{t('home.fitting')}</h2>
      <ErrorBox error={error} />
      {!res && !error ? <Loading /> : null}
      {res && res.results.length === 0 ? <Empty>{t('match.none')}</Empty> : null}
      {res && res.results.length > 0 ? (
        <ul className="rows">
          {res.results.map((m) => (
            <li key={m.id}>
              <Link to={`/needs/${m.id}`}>{String(m.record['title'] ?? m.id)}</Link>{' '}
              <span className="muted small">
                · {nodeName(String(m.record['nodeId'] ?? ''))} · {t('match.scoreShort', { n: Math.round(m.score * 100) })}
              </span>
              <p className="small muted">{lang === 'en' ? m.explanation.en : m.explanation.zh}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function MyChains() {
  const { t, chains, session, pick } = useApp();
  const mine = (chains ?? []).filter((c) => session?.me.chains.includes(c.code));
  return (
    <section className="card" aria-labelledby="my-chains" data-testid="my-chains">
      <h2 id="my-chains">{t('home.myChains')}</h2>
      {mine.length === 0 ? <Empty>{t('dash.noChain')}</Empty> : null}
      <ul className="rows">
        {mine.map((c) => {
          const open = c.nodes.reduce((n, x) => n + x.gaps.filter((g) => g.status !== 'closed').length, 0);
          return (
            <li key={c.code}>
              <strong>{pick(c.name, c.nameEn)}</strong>{' '}
              <span className="muted small">{t('home.chainGaps', { nodes: c.nodes.length, gaps: open })}</span>{' '}
              <Link to={`/dashboard/${c.code}`}>{t('nav.dashboard')}</Link> · <Link to={`/chains/${c.code}`}>{t('nav.chains')}</Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Talent supply per chain: how many searchable profiles each chain can draw on. */
function TalentSupply() {
  const { t, api, chains, pick } = useApp();
  const [talents, setTalents] = useState<TalentView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.all<TalentView>('/api/v1/talents', {}, 5000).then(setTalents).catch(setError);
  }, [api]);
  const max = Math.max(1, ...(chains ?? []).map((c) => talents?.filter((x) => x.chainIds.includes(c.code)).length ?? 0));
  return (
    <section className="card" aria-labelledby="supply" data-testid="talent-supply">
      <h2 id="supply">{t('home.supply')}</h2>
      <ErrorBox error={error} />
      {!talents && !error ? <Loading /> : null}
      {talents ? (
        <table className="bars">
          <thead>
            <tr>
              <th scope="col">{t('facet.chain')}</th>
              <th scope="col">{t('home.supplyCount')}</th>
              <th scope="col">{t('home.supplyAvailable')}</th>
            </tr>
          </thead>
          <tbody>
            {(chains ?? []).map((c) => {
              const on = talents.filter((x) => x.chainIds.includes(c.code));
              return (
                <tr key={c.code}>
                  <th scope="row">
                    <Link to={`/search?type=talents&q=${encodeURIComponent(c.name)}&chain=${c.code}`}>{pick(c.name, c.nameEn)}</Link>
                  </th>
                  <td>
                    <span className="barcell">
                      <span className="hbar" style={{ width: `${(on.length / max) * 80}%` }} aria-hidden="true" />
                      <span>{on.length}</span>
                    </span>
                  </td>
                  <td>{on.filter((x) => x.availability === 'available' || x.availability === 'part_time').length}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
