import { z } from 'zod';
import { Email, Id, Slug } from '../domain/primitives.js';
import type { BaseDoc, CollectionSpec } from '../store/port.js';
import { Role } from './principal.js';

/** Accounts, sessions and API tokens, declared as data for both store adapters. */
export const AUTH_SPECS: CollectionSpec[] = [
  { name: 'accounts', filters: { role: 'role', subject: 'subjectId', disabled: 'disabled' }, unique: ['email'], label: 'email' },
  { name: 'sessions', filters: { account: 'accountId' }, unique: ['tokenHash'] },
  { name: 'api_tokens', filters: { account: 'accountId' }, unique: ['tokenHash'] },
];

export const Password = z.string().min(12, 'must be at least 12 characters').max(256, 'must be at most 256 characters');

export interface AccountDoc extends BaseDoc {
  email: string;
  passwordHash: string;
  role: Role;
  /** Chain codes of a chain chief. */
  chains: string[];
  /** The enterprise, institute or talent record the account acts for. */
  subjectId?: string | undefined;
  disabled: boolean;
  lastSignInAt?: string | undefined;
}

export interface SessionDoc extends BaseDoc {
  accountId: string;
  tokenHash: string;
  expiresAt: string;
}

export interface ApiTokenDoc extends BaseDoc {
  accountId: string;
  name: string;
  tokenHash: string;
  expiresAt?: string | undefined;
  lastUsedAt?: string | undefined;
}

/** What an account looks like to a client: never the hash. */
export const AccountView = z.object({
  id: z.string(),
  email: z.string(),
  role: Role,
  chains: z.array(z.string()),
  subjectId: z.string().optional(),
  disabled: z.boolean(),
  lastSignInAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountView = z.infer<typeof AccountView>;

export function accountView(a: AccountDoc): AccountView {
  return {
    id: a.id,
    email: a.email,
    role: a.role,
    chains: a.chains,
    ...(a.subjectId ? { subjectId: a.subjectId } : {}),
    disabled: a.disabled,
    ...(a.lastSignInAt ? { lastSignInAt: a.lastSignInAt } : {}),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

export const ApiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().optional(),
  lastUsedAt: z.string().optional(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;

export function apiTokenView(t: ApiTokenDoc): ApiTokenView {
  return {
    id: t.id,
    name: t.name,
    createdAt: t.createdAt,
    ...(t.expiresAt ? { expiresAt: t.expiresAt } : {}),
    ...(t.lastUsedAt ? { lastUsedAt: t.lastUsedAt } : {}),
  };
}

/** Admin input for a new account; role-specific scope is checked by the service. */
export const AccountInput = z.strictObject({
  email: Email,
  password: Password,
  role: Role,
  chains: z.array(Slug.max(40)).max(20).default([]),
  subjectId: Id.optional(),
});
export type AccountInput = z.infer<typeof AccountInput>;

export const AccountPatch = z
  .strictObject({
    role: Role.optional(),
    chains: z.array(Slug.max(40)).max(20).optional(),
    subjectId: Id.nullable().optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'name at least one field to change' });
export type AccountPatch = z.infer<typeof AccountPatch>;
