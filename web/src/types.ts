/**
 * The shapes the web app reads from the API. Record types come straight from the server's zod
 * schemas (type-only imports, erased at build time), so a schema change breaks the typecheck here.
 */
import type { Chain, ChainNode, Consent, Enterprise, Gap, Institute, Need, Talent } from '../../server/domain/schemas.js';
import type { Role } from '../../server/auth/principal.js';

export type { Chain, ChainNode, Consent, Enterprise, Gap, Institute, Need, Role };

/** Organisations never receive a talent's ID number or consent record (minimisation). */
export type TalentView = Omit<Talent, 'consent' | 'idNumber'> & { consent?: Consent; idNumber?: string };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface FieldIssue {
  field: string;
  message: string;
}

export interface AccountView {
  id: string;
  email: string;
  role: Role;
  chains: string[];
  subjectId?: string;
  disabled: boolean;
  lastSignInAt?: string;
}

export interface SignInReply {
  token: string;
  tokenType: 'Bearer';
  expiresAt: string;
  account: AccountView;
}

export interface Me {
  accountId: string;
  role: Role;
  chains: string[];
  subjectId?: string;
  via: 'session' | 'api_token';
  account?: AccountView;
}

export type SearchType = 'talents' | 'institutes' | 'needs' | 'enterprises';

export interface SearchHit {
  id: string;
  score: number;
  highlights: Record<string, string>;
  matchedTerms: string[];
  record: Record<string, unknown>;
}

export interface SearchResponse {
  total: number;
  hits: SearchHit[];
  facets: Record<string, Record<string, number>>;
}

export const COMPONENTS = ['semantic', 'keyword', 'skills', 'chain', 'location', 'availability'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export interface MatchResult {
  id: string;
  type: 'talents' | 'institutes' | 'needs';
  score: number;
  components: Record<ComponentName, number>;
  explanation: { zh: string; en: string };
  matched: {
    concepts: Array<{ id: string; zh: string; en: string; via: 'direct' | 'related' }>;
    node: { relation: string; nodeId?: string; inferred: boolean };
    location: string;
  };
  highlights: Record<string, string>;
  record: Record<string, unknown>;
}

export interface MatchResponse {
  query: { conceptIds: string[]; nodeId?: string; nodeInferred: boolean; modelVersion: string };
  results: MatchResult[];
}

export interface ContactCard {
  id: string;
  name: string;
  phone?: string;
  email?: string;
  idNumber?: string;
}

export const REVEAL_PURPOSES = ['recruitment', 'collaboration', 'challenge', 'talent_service', 'verification'] as const;
export type RevealPurpose = (typeof REVEAL_PURPOSES)[number];
