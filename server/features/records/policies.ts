import { isDeepStrictEqual } from 'node:util';
import type { Principal, Role } from '../../auth/principal.js';
import { AppError, NotFoundError } from '../../errors.js';
import { PERSONAL_FIELDS, type Chain, type Enterprise, type Institute, type Need, type Talent } from '../../domain/schemas.js';
import { chainOfNode } from '../../domain/primitives.js';
import { maskPaths, omit } from '../../privacy/mask.js';
import type { RecordPolicy } from './service.js';
import type { BaseDoc, FilterValue } from '../../store/port.js';

/**
 * Object-level access rules, one policy per resource. They implement the access table in the
 * README; route-level role gates are declared on the routes themselves.
 */
const is = (p: Principal | null, ...roles: Role[]): boolean => !!p && roles.includes(p.role);
const GOVERNMENT: Role[] = ['admin', 'hr_bureau', 'chain_chief'];

function forbid(what: string): never {
  throw new AppError('forbidden', `You may not ${what}`);
}

const asRecord = (d: BaseDoc): Record<string, unknown> => d as unknown as Record<string, unknown>;

export const chainPolicy: RecordPolicy<Chain> = {
  listScope: () => ({}),
  canRead: () => true,
  assertCreate: (p, input) => {
    if (is(p, 'admin')) return;
    if (is(p, 'chain_chief') && (p?.chains ?? []).includes(String(input['code']))) return;
    forbid('change this chain');
  },
  canWrite: (p, chain) => is(p, 'admin') || (is(p, 'chain_chief') && (p?.chains ?? []).includes(chain.code)),
  view: (_p, chain) => asRecord(chain),
};

/** Contacts of a liaison are a natural person's: shown to the organisation itself and government roles. */
function orgContactsVisible(p: Principal | null, orgId: string): boolean {
  return is(p, ...GOVERNMENT) || (!!p && p.subjectId === orgId);
}

/** Who designates a leading enterprise (链主): the chain team, not the enterprise itself. */
const mayDesignateLeading = (p: Principal | null): boolean => is(p, 'admin', 'chain_chief');

export const enterprisePolicy: RecordPolicy<Enterprise> = {
  listScope: (p) => (p ? {} : null),
  canRead: (p) => !!p,
  assertCreate: (p, input) => {
    if (!is(p, ...GOVERNMENT)) forbid('register enterprises');
    if (input['leading'] === true && !mayDesignateLeading(p)) forbid('designate a leading enterprise');
  },
  // The chain team keeps the register (底册) of the enterprises on its chains.
  canWrite: (p, e) =>
    is(p, 'admin') ||
    (is(p, 'enterprise') && p?.subjectId === e.id) ||
    (is(p, 'chain_chief') && e.chainIds.some((c) => (p?.chains ?? []).includes(c))),
  assertUpdate: (p, before, input) => {
    if (Boolean(input['leading']) !== before.leading && !mayDesignateLeading(p)) forbid('designate a leading enterprise');
  },
  view: (p, e) => (orgContactsVisible(p, e.id) ? asRecord(e) : maskPaths(asRecord(e), PERSONAL_FIELDS.enterprises)),
};

export const institutePolicy: RecordPolicy<Institute> = {
  listScope: () => ({}),
  canRead: () => true,
  assertCreate: (p) => {
    if (!is(p, ...GOVERNMENT)) forbid('register institutes');
  },
  canWrite: (p, i) => is(p, 'admin') || (is(p, 'institute') && p?.subjectId === i.id),
  view: (p, i) => (orgContactsVisible(p, i.id) ? asRecord(i) : maskPaths(asRecord(i), PERSONAL_FIELDS.institutes)),
};

/** Needs: public ones are a public board; private ones only for their enterprise and government. */
export function canReadNeed(p: Principal | null, n: Need): boolean {
  if (n.public) return true;
  return canManageNeed(p, n) || is(p, 'hr_bureau');
}

/** Who may change a need and see its matches. */
export function canManageNeed(p: Principal | null, n: Need): boolean {
  if (is(p, 'admin')) return true;
  if (is(p, 'enterprise')) return p?.subjectId === n.enterpriseId;
  if (is(p, 'chain_chief')) return (p?.chains ?? []).includes(n.chainId);
  return false;
}

export const needPolicy: RecordPolicy<Need> = {
  listScope: (p, asked): Record<string, FilterValue> => {
    if (is(p, 'admin', 'hr_bureau')) return {};
    if (is(p, 'enterprise') && p?.subjectId && asked['enterprise'] === p?.subjectId) return { enterprise: p?.subjectId };
    if (is(p, 'chain_chief')) {
      const chains = [asked['chain']].flat().filter((c): c is string => typeof c === 'string');
      if (chains.length > 0 && chains.every((c) => (p?.chains ?? []).includes(c))) return { chain: p?.chains ?? [] };
    }
    return { public: true };
  },
  canRead: canReadNeed,
  assertCreate: (p, input) => {
    if (is(p, 'admin')) return;
    if (is(p, 'enterprise')) {
      // Another tenant's id is reported as unknown, so ids are never confirmed.
      if (input['enterpriseId'] !== p?.subjectId) throw new NotFoundError('enterprise', String(input['enterpriseId']));
      return;
    }
    if (is(p, 'chain_chief') && (p?.chains ?? []).includes(chainOfNode(String(input['nodeId'])))) return;
    forbid('post needs for this enterprise or chain');
  },
  canWrite: canManageNeed,
  assertUpdate: (p, _before, input) => {
    if (is(p, 'chain_chief') && !(p?.chains ?? []).includes(chainOfNode(String(input['nodeId'])))) forbid('move a need to a chain you do not lead');
  },
  view: (_p, n) => asRecord(n),
};

/** Consent purposes decide who may find a talent at all. */
export function talentPurposeFor(p: Principal | null): 'hr_bureau_search' | 'matching' | null {
  if (is(p, 'hr_bureau', 'chain_chief')) return 'hr_bureau_search';
  if (is(p, 'enterprise', 'institute')) return 'matching';
  return null;
}

export function canReadTalent(p: Principal | null, t: Talent): boolean {
  if (!p) return false;
  if (p.role === 'admin') return true;
  if (p.role === 'talent') return p?.subjectId === t.id;
  const purpose = talentPurposeFor(p);
  return purpose !== null && t.consent.purposes.includes(purpose);
}

/** Fields a role never receives at all (minimisation), beyond masking. */
const TALENT_WITHHELD_FROM_ORGS = ['idNumber', 'consent'];

/** Lists, search results and matches are always masked; the person sees their own record whole. */
export function talentView(p: Principal | null, t: Talent): Record<string, unknown> {
  if (is(p, 'talent') && p?.subjectId === t.id) return asRecord(t);
  const masked = maskPaths(asRecord(t), PERSONAL_FIELDS.talents);
  return is(p, 'admin', 'hr_bureau') ? masked : omit(masked, TALENT_WITHHELD_FROM_ORGS);
}

export const talentPolicy: RecordPolicy<Talent> = {
  listScope: (p): Record<string, FilterValue> | null => {
    if (!p) return null;
    if (p.role === 'admin') return {};
    if (p.role === 'talent') return p?.subjectId ? { owner: p?.subjectId } : null;
    const purpose = talentPurposeFor(p);
    return purpose ? { purpose } : null;
  },
  canRead: canReadTalent,
  assertCreate: (p) => {
    if (is(p, 'admin', 'hr_bureau')) return;
    // Self-registration: a talent account that has no profile yet creates its own, once.
    if (is(p, 'talent') && !p?.subjectId) return;
    forbid('create talent profiles');
  },
  canWrite: (p, t) => is(p, 'admin', 'hr_bureau') || (is(p, 'talent') && p?.subjectId === t.id),
  assertUpdate: (p, before, input) => {
    // Consent is the person's own declaration (PIPL): no official may widen or narrow it.
    const { acceptedAt: _a, ...was } = before.consent;
    const next = (input['consent'] ?? {}) as Record<string, unknown>;
    const { acceptedAt: _b, ...now } = next;
    if (!isDeepStrictEqual(was, now) && !(is(p, 'talent') && p?.subjectId === before.id)) forbid("change a person's consent; only the person can");
  },
  view: (p, t) => talentView(p, t),
};

/** Roles entitled to a talent's full contact details, given the talent's consent. */
export function mayRevealTalentContact(p: Principal | null, t: Talent): boolean {
  if (is(p, 'admin', 'hr_bureau')) return true;
  if (is(p, 'talent')) return p?.subjectId === t.id;
  if (is(p, 'enterprise')) return t.consent.purposes.includes('contact_sharing');
  return false;
}
