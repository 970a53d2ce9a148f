import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createApi, type ApiClient } from './api.js';
import { STRINGS, LANGS, type Lang, type MsgKey, format, translateIssue } from './i18n.js';
import type { Chain, Me, Role, SignInReply } from './types.js';

const TOKEN_KEY = 'chaintalent.session';
const LANG_KEY = 'chaintalent.lang';

export interface Session {
  token: string;
  expiresAt: string;
  me: Me;
}

export interface AppContextValue {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MsgKey, vars?: Record<string, string | number>): string;
  /** A server message (field error) in the current language where we know its pattern. */
  issue(message: string): string;
  /** Picks the Chinese or English variant of a record's name. */
  pick(zh: string | undefined, en: string | undefined): string;
  api: ApiClient;
  session: Session | null;
  role: Role | null;
  signIn(reply: SignInReply): Promise<void>;
  signOut(): Promise<void>;
  chains: Chain[] | null;
  nodeName(nodeId: string): string;
  chainName(code: string): string;
}

const Ctx = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useApp outside AppProvider');
  return v;
}

function initialLang(): Lang {
  const saved = window.localStorage.getItem(LANG_KEY);
  return LANGS.includes(saved as Lang) ? (saved as Lang) : 'zh-CN';
}

function loadSession(): Session | null {
  try {
    const raw = window.sessionStorage.getItem(TOKEN_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return s.expiresAt > new Date().toISOString() ? s : null;
  } catch {
    return null;
  }
}

export function AppProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [session, setSession] = useState<Session | null>(loadSession);
  const [chains, setChains] = useState<Chain[] | null>(null);

  const setLang = useCallback((l: Lang) => {
    window.localStorage.setItem(LANG_KEY, l);
    setLangState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const persist = (s: Session | null) => {
    if (s) window.sessionStorage.setItem(TOKEN_KEY, JSON.stringify(s));
    else window.sessionStorage.removeItem(TOKEN_KEY);
    setSession(s);
  };

  // The token lives in a ref-like closure so the client always sends the current one.
  const api = useMemo(
    () =>
      createApi(
        () => loadSession()?.token ?? null,
        () => persist(null),
      ),
    [],
  );

  useEffect(() => {
    api
      .all<Chain>('/api/v1/chains', { sort: 'createdAt', order: 'asc' })
      .then(setChains)
      .catch(() => setChains([]));
  }, [api]);

  const value = useMemo<AppContextValue>(() => {
    const table = STRINGS[lang];
    const nodes = new Map<string, { zh: string; en: string }>();
    const chainNames = new Map<string, { zh: string; en: string }>();
    for (const c of chains ?? []) {
      chainNames.set(c.code, { zh: c.name, en: c.nameEn });
      for (const n of c.nodes) nodes.set(n.id, { zh: n.name, en: n.nameEn });
    }
    const pick = (zh: string | undefined, en: string | undefined) => (lang === 'en' ? en || zh || '' : zh || en || '');
    return {
      lang,
      setLang,
      t: (key, vars) => format(table[key], vars),
      issue: (message) => translateIssue(lang, message),
      pick,
      api,
      session,
      role: session?.me.role ?? null,
      async signIn(reply) {
        const me: Me = {
          accountId: reply.account.id,
          role: reply.account.role,
          chains: reply.account.chains,
          via: 'session',
          account: reply.account,
          ...(reply.account.subjectId ? { subjectId: reply.account.subjectId } : {}),
        };
        persist({ token: reply.token, expiresAt: reply.expiresAt, me });
      },
      async signOut() {
        try {
          await api.post('/api/v1/auth/sign-out');
        } catch {
          // The session may already be gone; signing out locally is what matters to the user.
        }
        persist(null);
      },
      chains,
      nodeName: (id) => {
        const n = nodes.get(id);
        return n ? pick(n.zh, n.en) : id;
      },
      chainName: (code) => {
        const c = chainNames.get(code);
        return c ? pick(c.zh, c.en) : code;
      },
    };
  }, [lang, setLang, api, session, chains]);

  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
