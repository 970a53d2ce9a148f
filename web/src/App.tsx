import { lazy, Suspense, useEffect, useRef, type ComponentType } from 'react';
import { useApp } from './context.js';
import { LANGS, type MsgKey } from './i18n.js';
import { Link, match, navigate, useLocation } from './router.js';
import { Loading } from './components/Status.js';
import type { Role } from './types.js';

// Every page is its own chunk: the first load carries only the shell and the page asked for.
const Home = lazy(() => import('./pages/Home.js'));
const ChainMap = lazy(() => import('./pages/ChainMap.js'));
const Dashboard = lazy(() => import('./pages/Dashboard.js'));
const PostNeed = lazy(() => import('./pages/PostNeed.js'));
const NeedPage = lazy(() => import('./pages/NeedPage.js'));
const Search = lazy(() => import('./pages/Search.js'));
const SignIn = lazy(() => import('./pages/SignIn.js'));
const Register = lazy(() => import('./pages/Register.js'));
const Profile = lazy(() => import('./pages/Profile.js'));
const NewRecord = lazy(() => import('./pages/NewRecord.js'));
const Platforms = lazy(() => import('./pages/Platforms.js'));
const Leading = lazy(() => import('./pages/Leading.js'));
const LeadingView = lazy(() => import('./pages/Leading.js').then((m) => ({ default: m.LeadingView })));
const Challenges = lazy(() => import('./pages/Challenges.js'));
const ChallengeDetail = lazy(() => import('./pages/ChallengeDetail.js'));
const Projects = lazy(() => import('./pages/KeyProjects.js').then((m) => ({ default: m.ProjectsPage })));
const BattleMap = lazy(() => import('./pages/KeyProjects.js').then((m) => ({ default: m.BattleMapPage })));

type Params = Record<string, string>;
interface RouteDef {
  pattern: string;
  page: ComponentType<{ params: Params }>;
  title: MsgKey;
  /** Roles allowed; undefined = everyone including anonymous visitors. */
  roles?: readonly Role[];
}

const ROUTES: RouteDef[] = [
  { pattern: '/', page: Home, title: 'nav.home' },
  { pattern: '/chains', page: ChainMap, title: 'nav.chains' },
  { pattern: '/chains/:code', page: ChainMap, title: 'nav.chains' },
  { pattern: '/dashboard', page: Dashboard, title: 'nav.dashboard', roles: ['chain_chief', 'admin', 'hr_bureau'] },
  { pattern: '/dashboard/:code', page: Dashboard, title: 'nav.dashboard', roles: ['chain_chief', 'admin', 'hr_bureau'] },
  { pattern: '/dashboard/:code/platforms', page: Platforms, title: 'chainNav.platforms', roles: ['chain_chief', 'admin', 'hr_bureau'] },
  { pattern: '/dashboard/:code/leading', page: Leading, title: 'chainNav.leading', roles: ['chain_chief', 'admin', 'hr_bureau'] },
  {
    pattern: '/dashboard/:code/leading/:enterpriseId',
    page: LeadingView,
    title: 'lead.viewTitle',
    roles: ['chain_chief', 'admin', 'hr_bureau', 'enterprise'],
  },
  { pattern: '/dashboard/:code/projects', page: Projects, title: 'chainNav.projects', roles: ['chain_chief', 'admin', 'hr_bureau'] },
  { pattern: '/dashboard/:code/battle-map', page: BattleMap, title: 'chainNav.battleMap', roles: ['chain_chief', 'admin', 'hr_bureau'] },
  { pattern: '/challenges', page: Challenges, title: 'chal.title' },
  { pattern: '/challenges/:id', page: ChallengeDetail, title: 'chal.title' },
  { pattern: '/needs/new', page: PostNeed, title: 'nav.postNeed', roles: ['enterprise', 'chain_chief', 'admin'] },
  { pattern: '/needs/:id', page: NeedPage, title: 'nav.need' },
  { pattern: '/search', page: Search, title: 'nav.search' },
  { pattern: '/sign-in', page: SignIn, title: 'nav.signIn' },
  { pattern: '/register', page: Register, title: 'nav.register' },
  { pattern: '/profile', page: Profile, title: 'nav.profile', roles: ['talent', 'institute', 'enterprise'] },
  { pattern: '/records/new/:type', page: NewRecord, title: 'nav.newRecord', roles: ['admin', 'hr_bureau', 'chain_chief'] },
];

const NAV: Array<{ to: string; key: MsgKey; roles?: readonly (Role | 'anonymous')[] }> = [
  { to: '/', key: 'nav.home' },
  { to: '/chains', key: 'nav.chains' },
  { to: '/dashboard', key: 'nav.dashboard', roles: ['chain_chief', 'admin', 'hr_bureau'] },
  { to: '/needs/new', key: 'nav.postNeed', roles: ['enterprise', 'chain_chief', 'admin'] },
  { to: '/challenges', key: 'nav.challenges' },
  { to: '/search', key: 'nav.search' },
  { to: '/profile', key: 'nav.profile', roles: ['talent', 'institute', 'enterprise'] },
  { to: '/register', key: 'nav.register', roles: ['anonymous'] },
];

export function App() {
  const { t, lang, setLang, session, role, signOut } = useApp();
  const loc = useLocation();
  const main = useRef<HTMLElement>(null);

  let found: { route: RouteDef; params: Params } | null = null;
  for (const route of ROUTES) {
    const params = match(route.pattern, loc.path);
    if (params) {
      found = { route, params };
      break;
    }
  }
  const title = found ? t(found.route.title) : t('error.notFound');
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  // Moving focus to the page on navigation tells screen-reader users the page changed.
  useEffect(() => {
    main.current?.focus({ preventScroll: true });
  }, [loc.path]);

  const allowed = !found?.route.roles || (role !== null && found.route.roles.includes(role));
  const Page = found?.route.page;

  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            链
          </span>
          <span>
            <strong>{t('app.name')}</strong>
            <small>{t('app.tagline')}</small>
          </span>
        </Link>
        <nav aria-label={t('nav.main')} className="nav">
          <ul>
            {NAV.filter((n) => !n.roles || n.roles.includes(role ?? 'anonymous')).map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={loc.path === n.to || (n.to !== '/' && loc.path.startsWith(`${n.to}/`)) ? 'page' : undefined}>
                  {t(n.key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="top__tools">
          <label className="lang">
            <span className="sr-only">{t('lang.label')}</span>
            <select value={lang} onChange={(e) => setLang(e.target.value as (typeof LANGS)[number])} data-testid="lang">
              {LANGS.map((l) => (
                <option key={l} value={l}>
                  {l === 'zh-CN' ? '中文' : 'English'}
                </option>
              ))}
            </select>
          </label>
          {session ? (
            <span className="who">
              <span className="who__role" data-testid="who-role">
                {t(`role.${session.me.role}`)}
              </span>
              <span className="who__email">{session.me.account?.email}</span>
              <button
                type="button"
                className="btn btn--ghost btn--small"
                onClick={() =>
                  void signOut().then(() => {
                    navigate('/');
                  })
                }
              >
                {t('nav.signOut')}
              </button>
            </span>
          ) : (
            <Link to="/sign-in" className="btn btn--small">
              {t('nav.signIn')}
            </Link>
          )}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          {!found || !Page ? (
            <section>
              <h1>{t('error.notFound')}</h1>
              <Link to="/">{t('nav.home')}</Link>
            </section>
          ) : allowed ? (
            <Page params={found.params} />
          ) : (
            <section className="narrow">
              <h1>{title}</h1>
              <p>{session ? t('error.forbidden') : t('auth.signInFirst')}</p>
              {session ? null : (
                <Link to={`/sign-in?next=${encodeURIComponent(loc.path + window.location.search)}`} className="btn">
                  {t('nav.signIn')}
                </Link>
              )}
            </section>
          )}
        </Suspense>
      </main>
      <footer className="foot">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
