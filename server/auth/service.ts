import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { AuditLog } from '../audit/audit.js';
import { AppError, ConflictError, NotFoundError, UnprocessableError } from '../errors.js';
import { newId } from '../features/records/service.js';
import type { Collection, Page, Store } from '../store/port.js';
import type { Principal, Role } from './principal.js';
import {
  accountView,
  apiTokenView,
  type AccountDoc,
  type AccountInput,
  type AccountPatch,
  type ApiTokenDoc,
  type ApiTokenView,
  type SessionDoc,
} from './accounts.js';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword, type ScryptParams } from './password.js';
import { bearerOf, hashToken, kindOf, newToken, safeEqual } from './tokens.js';
import { consume, createThrottle, refuseIfLimited, type Throttle, type ThrottleLimit } from './throttle.js';

/** The throttled actions and their limits (per account and per client address). */
export interface AuthLimits {
  signInPerAccount: ThrottleLimit;
  signInPerAddress: ThrottleLimit;
  revealPerAccount: ThrottleLimit;
  revealPerAddress: ThrottleLimit;
  searchPerAccount: ThrottleLimit;
  searchPerAddress: ThrottleLimit;
}

const MINUTE = 60_000;
export const DEFAULT_LIMITS: AuthLimits = {
  // Failed attempts only: a user who types the password right is never slowed down.
  signInPerAccount: { limit: 5, windowMs: 15 * MINUTE },
  signInPerAddress: { limit: 20, windowMs: 15 * MINUTE },
  revealPerAccount: { limit: 20, windowMs: 60 * MINUTE },
  revealPerAddress: { limit: 60, windowMs: 60 * MINUTE },
  searchPerAccount: { limit: 120, windowMs: MINUTE },
  searchPerAddress: { limit: 300, windowMs: MINUTE },
};

/** The principal of `ADMIN_API_TOKEN`: not an account, so it cannot be disabled by mistake or signed in with. */
export const ENV_ADMIN_ID = 'env.admin-api-token';
/** Actor of start-up actions (first admin, demo accounts) in the audit log. */
export const SYSTEM_PRINCIPAL: Principal = { accountId: 'system', role: 'admin', chains: [], via: 'api_token' };

const SUBJECT_COLLECTION: Partial<Record<Role, string>> = { enterprise: 'enterprises', institute: 'institutes', talent: 'talents' };

export interface SignInResult {
  token: string;
  expiresAt: string;
  account: AccountDoc;
}

/** Accounts, sessions, API tokens and the throttles around them. */
export interface AuthService {
  /** The caller of a request: null without credentials; throws `unauthenticated` for bad ones (fail closed). */
  authenticate(req: Request): Promise<Principal | null>;
  signIn(credentials: { email: string; password: string }, req: Request, res: Response): Promise<SignInResult>;
  /** A session for an account that has just proven itself another way (self-registration). */
  startSession(accountId: string): Promise<{ token: string; expiresAt: string }>;
  /** Revokes the session the principal presented. */
  signOut(principal: Principal): Promise<void>;
  account(id: string): Promise<AccountDoc | null>;
  findByEmail(email: string): Promise<AccountDoc | null>;
  listAccounts(query: { role?: Role | undefined; limit: number; cursor?: string | undefined }): Promise<Page<AccountDoc>>;
  /** Creates an account after checking its role scope (chains, subject); `id` lets a caller pre-allocate it. */
  createAccount(actor: Principal, input: AccountInput, options?: { id?: string; requestId?: string }): Promise<AccountDoc>;
  updateAccount(actor: Principal, id: string, patch: AccountPatch, requestId?: string): Promise<AccountDoc>;
  /** Disables an account and revokes every session and token; `erase` also removes its e-mail (PIPL deletion). */
  disableAccount(id: string, options: { erase: boolean }): Promise<void>;
  createApiToken(
    principal: Principal,
    input: { name: string; expiresInDays?: number | undefined },
    requestId?: string,
  ): Promise<{ token: string; view: ApiTokenView }>;
  listApiTokens(principal: Principal): Promise<ApiTokenView[]>;
  revokeApiToken(principal: Principal, id: string, requestId?: string): Promise<void>;
  /** Sessions and API tokens of an account, without their secrets (data export). */
  credentialsOf(accountId: string): Promise<{ sessions: Array<{ id: string; createdAt: string; expiresAt: string }>; apiTokens: ApiTokenView[] }>;
  /** Counts one request against the reveal or search limits; throws 429 (with Retry-After) when over. */
  throttle(kind: 'reveal' | 'search', principal: Principal | null, req: Request, res: Response): void;
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** First admin from ADMIN_EMAIL/ADMIN_PASSWORD when no admin exists yet. */
  bootstrapAdmin(): Promise<void>;
}

export interface AuthOptions {
  store: Store;
  config: Config;
  logger: Logger;
  audit: AuditLog;
  clock?: () => Date;
  scrypt?: ScryptParams;
  limits?: Partial<AuthLimits>;
}

export function createAuth(options: AuthOptions): AuthService {
  const { store, config, logger, audit } = options;
  const clock = options.clock ?? (() => new Date());
  const scrypt = options.scrypt ?? DEFAULT_SCRYPT;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const t = (l: ThrottleLimit): Throttle => createThrottle(l, clock);
  const throttles = {
    signInAccount: t(limits.signInPerAccount),
    signInAddress: t(limits.signInPerAddress),
    revealAccount: t(limits.revealPerAccount),
    revealAddress: t(limits.revealPerAddress),
    searchAccount: t(limits.searchPerAccount),
    searchAddress: t(limits.searchPerAddress),
  };
  const accounts: Collection<AccountDoc> = store.collection<AccountDoc>('accounts');
  const sessions: Collection<SessionDoc> = store.collection<SessionDoc>('sessions');
  const apiTokens: Collection<ApiTokenDoc> = store.collection<ApiTokenDoc>('api_tokens');
  const nowIso = () => clock().toISOString();
  const adminTokenHash = config.ADMIN_API_TOKEN ? hashToken(config.ADMIN_API_TOKEN) : undefined;
  // Unknown e-mails are checked against this so that they take as long as known ones.
  let dummyHash: Promise<string> | undefined;
  const system = (name: string) => ({ type: 'government' as const, id: name });

  const unauthenticated = (why: string) => new AppError('unauthenticated', why);
  const principalOf = (a: AccountDoc, via: Principal['via'], credentialId: string): Principal => ({
    accountId: a.id,
    role: a.role,
    chains: [...a.chains],
    subjectId: a.subjectId,
    via,
    credentialId,
  });

  async function activeAccount(id: string): Promise<AccountDoc> {
    const account = await accounts.get(id);
    if (!account || account.disabled) throw unauthenticated('The credentials are no longer valid');
    return account;
  }

  /** Every document of an account in a small per-account collection (sessions, API tokens). */
  async function allOf<T extends SessionDoc | ApiTokenDoc>(col: Collection<T>, accountId: string): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await col.list({ filters: { account: accountId }, limit: 1000, cursor });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  async function checkScope(role: Role, chains: readonly string[], subjectId: string | undefined): Promise<void> {
    if (role === 'chain_chief') {
      if (chains.length === 0) throw new UnprocessableError('body.chains', 'a chain chief needs at least one chain');
      const found = await store.collection('chains').getMany(chains);
      chains.forEach((c, i) => {
        if (!found.some((f) => f.id === c)) throw new UnprocessableError(`body.chains.${i}`, `chain ${c} does not exist`);
      });
    } else if (chains.length > 0) throw new UnprocessableError('body.chains', 'only chain chiefs are scoped to chains');
    const collection = SUBJECT_COLLECTION[role];
    if (collection) {
      if (!subjectId) throw new UnprocessableError('body.subjectId', `a ${role} account needs the id of its ${role} record`);
      if (!(await store.collection(collection).get(subjectId))) throw new UnprocessableError('body.subjectId', `${role} ${subjectId} does not exist`);
    } else if (subjectId) throw new UnprocessableError('body.subjectId', `a ${role} account acts for no record`);
  }

  async function newSession(account: AccountDoc): Promise<{ token: string; expiresAt: string }> {
    const token = newToken('session');
    const now = clock();
    const expiresAt = new Date(now.getTime() + config.SESSION_TTL_MINUTES * MINUTE).toISOString();
    await sessions.insert({
      id: newId('ses'),
      accountId: account.id,
      tokenHash: hashToken(token),
      expiresAt,
      owner: system('sessions'),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    });
    return { token, expiresAt };
  }

  const service: AuthService = {
    async authenticate(req) {
      const token = bearerOf(req.headers.authorization);
      if (token === null) return null;
      if (token === undefined) throw unauthenticated('The Authorization header must be "Bearer <token>"');
      const digest = hashToken(token);
      if (adminTokenHash && safeEqual(digest, adminTokenHash))
        return { accountId: ENV_ADMIN_ID, role: 'admin', chains: [], via: 'api_token', credentialId: ENV_ADMIN_ID };
      const kind = kindOf(token);
      if (kind === 'session') {
        const s = await sessions.findByUnique('tokenHash', digest);
        // The lookup is by digest; comparing again in constant time keeps a store that matched
        // loosely (collation, prefix) from letting a near-miss through.
        if (!s || !safeEqual(s.tokenHash, digest)) throw unauthenticated('The session is not valid or has been revoked');
        if (s.expiresAt <= nowIso()) {
          await sessions.delete(s.id);
          throw unauthenticated('The session has expired; sign in again');
        }
        return principalOf(await activeAccount(s.accountId), 'session', s.id);
      }
      if (kind === 'api') {
        const a = await apiTokens.findByUnique('tokenHash', digest);
        if (!a || !safeEqual(a.tokenHash, digest)) throw unauthenticated('The API token is not valid or has been revoked');
        if (a.expiresAt && a.expiresAt <= nowIso()) throw unauthenticated('The API token has expired');
        return principalOf(await activeAccount(a.accountId), 'api_token', a.id);
      }
      throw unauthenticated('The token is not valid');
    },

    async signIn({ email, password }, req, res) {
      const accountKey = `acct:${email}`;
      const addressKey = `ip:${req.ip ?? 'unknown'}`;
      const checks = [
        [throttles.signInAccount, accountKey],
        [throttles.signInAddress, addressKey],
      ] as const;
      refuseIfLimited(res, checks, 'sign-in attempts');
      const account = await accounts.findByUnique('email', email);
      dummyHash ??= hashPassword('not a password of anyone', scrypt);
      const ok =
        account && !account.disabled
          ? await verifyPassword(password, account.passwordHash)
          : (await verifyPassword(password, await dummyHash), false);
      const requestId = String(res.getHeader('x-request-id') ?? '');
      if (!ok || !account) {
        for (const [th, key] of checks) th.hit(key);
        // The e-mail is personal information: the trail names the account id, if there is one.
        await audit.record(
          null,
          { action: 'auth.sign_in', recordType: 'account', ...(account ? { recordId: account.id } : {}), outcome: 'denied' },
          requestId,
        );
        logger.info({ event: 'auth.sign_in', outcome: 'denied', requestId }, 'sign-in refused');
        throw unauthenticated('The e-mail or the password is wrong');
      }
      throttles.signInAccount.reset(accountKey);
      // A hash made with weaker parameters is upgraded while the password is at hand.
      const passwordHash = needsRehash(account.passwordHash, scrypt) ? await hashPassword(password, scrypt) : account.passwordHash;
      const now = nowIso();
      const current = await accounts.update(
        { ...account, passwordHash, lastSignInAt: now, updatedAt: now, version: account.version + 1 },
        account.version,
      );
      // Expired sessions of this account are swept here rather than by a timer.
      for (const s of await allOf(sessions, account.id)) if (s.expiresAt <= now) await sessions.delete(s.id);
      const session = await newSession(current);
      await audit.record(principalOf(current, 'session', ''), { action: 'auth.sign_in', recordType: 'account', recordId: current.id }, requestId);
      logger.info({ event: 'auth.sign_in', outcome: 'ok', accountId: current.id, requestId }, 'signed in');
      return { ...session, account: current };
    },

    startSession: async (accountId) => newSession(await activeAccount(accountId)),

    async signOut(principal) {
      if (principal.via !== 'session' || !principal.credentialId)
        throw new UnprocessableError('authorization', 'only a session can sign out; revoke API tokens with DELETE /api/v1/auth/tokens/{id}');
      await sessions.delete(principal.credentialId);
      await audit.record(principal, { action: 'auth.sign_out', recordType: 'account', recordId: principal.accountId });
    },

    account: (id) => accounts.get(id),
    findByEmail: (email) => accounts.findByUnique('email', email),

    listAccounts: ({ role, limit, cursor }) => accounts.list({ filters: role ? { role } : {}, limit, cursor, sort: 'createdAt', order: 'asc' }),

    async createAccount(actor, input, opts = {}) {
      await checkScope(input.role, input.chains, input.subjectId);
      if (await accounts.findByUnique('email', input.email)) throw new ConflictError('body.email', 'an account with this e-mail exists');
      const now = nowIso();
      const saved = await accounts.insert({
        id: opts.id ?? newId('acc'),
        email: input.email,
        passwordHash: await hashPassword(input.password, scrypt),
        role: input.role,
        chains: [...input.chains].sort(),
        ...(input.subjectId ? { subjectId: input.subjectId } : {}),
        disabled: false,
        owner: system('accounts'),
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      await audit.record(actor, { action: 'account.create', recordType: 'account', recordId: saved.id }, opts.requestId);
      return saved;
    },

    async updateAccount(actor, id, patch, requestId) {
      const existing = await accounts.get(id);
      if (!existing) throw new NotFoundError('account', id);
      if (actor.accountId === id && (patch.disabled === true || (patch.role !== undefined && patch.role !== existing.role)))
        throw new UnprocessableError('body', 'an admin cannot disable or demote their own account');
      const role = patch.role ?? existing.role;
      const chains = patch.chains ?? (role === 'chain_chief' ? existing.chains : []);
      const subjectId = patch.subjectId === null ? undefined : (patch.subjectId ?? (SUBJECT_COLLECTION[role] ? existing.subjectId : undefined));
      await checkScope(role, chains, subjectId);
      const { subjectId: _old, ...rest } = existing;
      const next: AccountDoc = {
        ...rest,
        role,
        chains: [...chains].sort(),
        ...(subjectId ? { subjectId } : {}),
        disabled: patch.disabled ?? existing.disabled,
        passwordHash: patch.password ? await hashPassword(patch.password, scrypt) : existing.passwordHash,
        updatedAt: nowIso(),
        version: existing.version + 1,
      };
      const saved = await accounts.update(next, existing.version);
      // A new password, role or scope takes effect now: credentials issued before it are revoked.
      if (patch.password || patch.disabled || role !== existing.role || patch.chains || patch.subjectId !== undefined) await revokeAll(id);
      await audit.record(
        actor,
        {
          action: 'account.update',
          recordType: 'account',
          recordId: id,
          purpose: Object.keys(patch)
            .filter((k) => k !== 'password')
            .concat(patch.password ? ['password'] : [])
            .join(','),
        },
        requestId,
      );
      return saved;
    },

    async disableAccount(id, { erase }) {
      const existing = await accounts.get(id);
      if (!existing) throw new NotFoundError('account', id);
      const { subjectId: _s, lastSignInAt: _l, ...rest } = existing;
      await accounts.update(
        {
          ...rest,
          ...(erase ? { email: `deleted-${id.toLowerCase()}@deleted.invalid`, passwordHash: '' } : { subjectId: existing.subjectId }),
          disabled: true,
          updatedAt: nowIso(),
          version: existing.version + 1,
        },
        existing.version,
      );
      await revokeAll(id);
    },

    async createApiToken(principal, input, requestId) {
      // A leaked API token must not be able to mint itself successors.
      if (principal.via !== 'session') throw new AppError('forbidden', 'API tokens are created from a signed-in session');
      if (principal.accountId === ENV_ADMIN_ID) throw new AppError('forbidden', 'the environment admin token has no account');
      const token = newToken('api');
      const now = clock();
      const doc = await apiTokens.insert({
        id: newId('tok'),
        accountId: principal.accountId,
        name: input.name,
        tokenHash: hashToken(token),
        ...(input.expiresInDays ? { expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() } : {}),
        owner: system('api_tokens'),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        version: 1,
      });
      await audit.record(principal, { action: 'api_token.create', recordType: 'api_token', recordId: doc.id }, requestId);
      return { token, view: apiTokenView(doc) };
    },

    async listApiTokens(principal) {
      const all = await allOf(apiTokens, principal.accountId);
      return all.map(apiTokenView);
    },

    async revokeApiToken(principal, id, requestId) {
      const doc = await apiTokens.get(id);
      // Another account's token id is reported as unknown, like any other tenant's id.
      if (!doc || (doc.accountId !== principal.accountId && principal.role !== 'admin')) throw new NotFoundError('API token', id);
      await apiTokens.delete(id);
      await audit.record(principal, { action: 'api_token.revoke', recordType: 'api_token', recordId: id }, requestId);
    },

    async credentialsOf(accountId) {
      const s = await allOf(sessions, accountId);
      const a = await allOf(apiTokens, accountId);
      return { sessions: s.map((x) => ({ id: x.id, createdAt: x.createdAt, expiresAt: x.expiresAt })), apiTokens: a.map(apiTokenView) };
    },

    throttle(kind, principal, req, res) {
      const [acct, addr] =
        kind === 'reveal' ? [throttles.revealAccount, throttles.revealAddress] : [throttles.searchAccount, throttles.searchAddress];
      consume(
        res,
        [
          [acct, `acct:${principal?.accountId ?? 'anonymous'}`],
          [addr, `ip:${req.ip ?? 'unknown'}`],
        ],
        kind === 'reveal' ? 'contact reveals' : 'searches',
      );
    },

    hash: (password) => hashPassword(password, scrypt),
    verify: (password, hash) => verifyPassword(password, hash),

    async bootstrapAdmin() {
      if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
      if ((await accounts.count({ role: 'admin' })) > 0) return;
      const email = config.ADMIN_EMAIL.trim().toLowerCase();
      if (await accounts.findByUnique('email', email)) return;
      const created = await service.createAccount(SYSTEM_PRINCIPAL, { email, password: config.ADMIN_PASSWORD, role: 'admin', chains: [] });
      logger.info({ accountId: created.id }, 'first admin account created from ADMIN_EMAIL');
    },
  };

  async function revokeAll(accountId: string): Promise<void> {
    for (const s of await allOf(sessions, accountId)) await sessions.delete(s.id);
    for (const a of await allOf(apiTokens, accountId)) await apiTokens.delete(a.id);
  }

  return service;
}

export { accountView };
