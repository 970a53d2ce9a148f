import { z } from 'zod';
import type { Principal, Role } from '../../auth/principal.js';
import { AccountInput, AccountPatch, AccountView, ApiTokenView, Password, accountView } from '../../auth/accounts.js';
import type { AuthService } from '../../auth/service.js';
import type { AuditLog } from '../../audit/audit.js';
import { Email } from '../../domain/primitives.js';
import { TalentInput } from '../../domain/schemas.js';
import { NotFoundError } from '../../errors.js';
import { IdParams, Limit } from '../../http/query.js';
import { defineRoute, type RouteDef } from '../../http/route.js';
import type { RecordServices } from '../records/index.js';
import { registerTalent, RegisterConsent } from './register.js';

const roles = (...r: Role[]) => ({ roles: r });
const SIGNED_IN = roles('admin', 'hr_bureau', 'chain_chief', 'enterprise', 'institute', 'talent');

const SignIn = z.strictObject({ email: Email, password: z.string().min(1).max(256) });
const SignInReply = z.object({ token: z.string(), tokenType: z.literal('Bearer'), expiresAt: z.string(), account: AccountView });
const Me = z.object({
  accountId: z.string(),
  role: z.string(),
  chains: z.array(z.string()),
  subjectId: z.string().optional(),
  via: z.enum(['session', 'api_token']),
  account: AccountView.optional(),
});
const NewApiToken = z.strictObject({ name: z.string().trim().min(1).max(60), expiresInDays: z.number().int().min(1).max(366).optional() });
const NewApiTokenReply = ApiTokenView.extend({ token: z.string().describe('Shown once; only its hash is stored') });
const AccountsQuery = z.strictObject({
  role: z.enum(['admin', 'hr_bureau', 'chain_chief', 'enterprise', 'institute', 'talent']).optional(),
  limit: Limit,
  cursor: z.string().max(512).optional(),
});

const { consent: _consent, ...profileShape } = TalentInput.shape;
/** The profile a talent registers with; the consent travels beside it and is stamped by the server. */
const RegisterTalent = z.strictObject({ email: Email, password: Password, consent: RegisterConsent, profile: z.strictObject(profileShape) });

const requestIdOf = (res: { getHeader(name: string): unknown }) => String(res.getHeader('x-request-id') ?? '');

/** Sign-in, sign-out, the caller's identity, API tokens, talent self-registration and account management. */
export function accountRoutes(deps: { auth: AuthService; audit: AuditLog; records: RecordServices; clock?: () => Date }): RouteDef[] {
  const { auth } = deps;
  const me = async (p: Principal) => {
    const account = await auth.account(p.accountId);
    return {
      accountId: p.accountId,
      role: p.role,
      chains: p.chains,
      ...(p.subjectId ? { subjectId: p.subjectId } : {}),
      via: p.via,
      ...(account ? { account: accountView(account) } : {}),
    };
  };
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/sign-in',
      operationId: 'signIn',
      summary: 'Exchange e-mail and password for a short-lived session token (throttled per account and address)',
      tags: ['auth'],
      access: 'public',
      body: SignIn,
      responses: { 200: { description: 'Signed in', schema: SignInReply } },
      handler: async ({ body, req, res }) => {
        const r = await auth.signIn(body, req, res);
        return {
          body: { token: r.token, tokenType: 'Bearer', expiresAt: r.expiresAt, account: accountView(r.account) },
          headers: { 'cache-control': 'no-store' },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/sign-out',
      operationId: 'signOut',
      summary: 'Revoke the session this request presents',
      tags: ['auth'],
      access: SIGNED_IN,
      responses: { 204: { description: 'Signed out' } },
      handler: async ({ principal }) => {
        await auth.signOut(principal as Principal);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/auth/me',
      operationId: 'me',
      summary: 'Who the caller is: role, scope and account',
      tags: ['auth'],
      access: SIGNED_IN,
      responses: { 200: { description: 'The caller', schema: Me } },
      handler: async ({ principal }) => ({ body: await me(principal as Principal) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/register-talent',
      operationId: 'registerTalent',
      summary: 'Create a talent account and its profile with a consent record, in one step',
      tags: ['auth'],
      access: 'public',
      body: RegisterTalent,
      responses: { 201: { description: 'Registered and signed in', schema: SignInReply } },
      handler: async ({ body, req, res }) => {
        const r = await registerTalent(
          { auth, records: deps.records, audit: deps.audit, ...(deps.clock ? { clock: deps.clock } : {}) },
          body,
          req,
          res,
        );
        return {
          status: 201,
          body: { token: r.token, tokenType: 'Bearer', expiresAt: r.expiresAt, account: accountView(r.account) },
          headers: { 'cache-control': 'no-store' },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/auth/tokens',
      operationId: 'listApiTokens',
      summary: "The caller's API tokens, without their secrets",
      tags: ['auth'],
      access: SIGNED_IN,
      responses: { 200: { description: 'Tokens', schema: z.object({ items: z.array(ApiTokenView) }) } },
      handler: async ({ principal }) => ({ body: { items: await auth.listApiTokens(principal as Principal) } }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/tokens',
      operationId: 'createApiToken',
      summary: 'Create a long-lived API token for an integration; the token is shown once',
      tags: ['auth'],
      access: SIGNED_IN,
      body: NewApiToken,
      responses: { 201: { description: 'Created', schema: NewApiTokenReply } },
      handler: async ({ principal, body, res }) => {
        const r = await auth.createApiToken(principal as Principal, body, requestIdOf(res));
        return { status: 201, body: { ...r.view, token: r.token }, headers: { 'cache-control': 'no-store' } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/auth/tokens/:id',
      operationId: 'revokeApiToken',
      summary: 'Revoke one of the caller’s API tokens',
      tags: ['auth'],
      access: SIGNED_IN,
      params: IdParams,
      responses: { 204: { description: 'Revoked' } },
      handler: async ({ principal, params, res }) => {
        await auth.revokeApiToken(principal as Principal, params.id, requestIdOf(res));
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/accounts',
      operationId: 'listAccounts',
      summary: 'Accounts, optionally of one role',
      tags: ['accounts'],
      access: roles('admin'),
      query: AccountsQuery,
      responses: { 200: { description: 'A page', schema: z.object({ items: z.array(AccountView), nextCursor: z.string().nullable() }) } },
      handler: async ({ query }) => {
        const page = await auth.listAccounts(query);
        return { body: { items: page.items.map(accountView), nextCursor: page.nextCursor } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/accounts',
      operationId: 'createAccount',
      summary: 'Create an account: chain chiefs need chains; enterprise, institute and talent accounts need their record',
      tags: ['accounts'],
      access: roles('admin'),
      body: AccountInput,
      responses: { 201: { description: 'Created', schema: AccountView } },
      handler: async ({ principal, body, res }) => {
        const a = await auth.createAccount(principal as Principal, body, { requestId: requestIdOf(res) });
        return { status: 201, body: accountView(a), headers: { location: `/api/v1/accounts/${a.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/accounts/:id',
      operationId: 'getAccount',
      summary: 'One account',
      tags: ['accounts'],
      access: roles('admin'),
      params: IdParams,
      responses: { 200: { description: 'The account', schema: AccountView } },
      handler: async ({ params }) => {
        const a = await auth.account(params.id);
        if (!a) throw new NotFoundError('account', params.id);
        return { body: accountView(a) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/accounts/:id',
      operationId: 'updateAccount',
      summary: 'Change role, scope, password or disable an account; its sessions and tokens are revoked',
      tags: ['accounts'],
      access: roles('admin'),
      params: IdParams,
      body: AccountPatch,
      responses: { 200: { description: 'Updated', schema: AccountView } },
      handler: async ({ principal, params, body, res }) => ({
        body: accountView(await auth.updateAccount(principal as Principal, params.id, body, requestIdOf(res))),
      }),
    }),
  ];
}
