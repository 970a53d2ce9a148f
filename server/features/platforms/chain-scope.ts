import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import type { ChainCatalog } from '../records/catalog.js';
import { AppError, NotFoundError, UnprocessableError } from '../../errors.js';
import type { BaseDoc, Collection, FilterValue, Store } from '../../store/port.js';
import type { RecordServices } from '../records/index.js';
import type { MatchingService } from '../matching/service.js';
import type { AuditLog } from '../../audit/audit.js';
import type { Enricher } from '../../../matching/enrich.js';
import type { Chain } from '../../domain/schemas.js';
import { chainOfNode, IsoDateTime, NodeId, Slug, text } from '../../domain/primitives.js';

/**
 * Helpers shared by the chain chief's instruments (platforms, challenges, key projects, battle
 * map): who counts as a chain's team, how records point at gaps, and how workflow moves are
 * recorded. Kept here so that the four features apply one rule, not four similar ones.
 */

/** The chain's team: admins everywhere, chain chiefs on the chains they are scoped to. */
export function isChainTeam(p: Principal | null, chainId: string): boolean {
  if (!p) return false;
  if (p.role === 'admin') return true;
  return p.role === 'chain_chief' && p.chains.includes(chainId);
}

/** Government roles that may read every chain's instruments (the HR bureau reports across chains). */
export function isGovernmentReader(p: Principal | null, chainId: string): boolean {
  return isChainTeam(p, chainId) || p?.role === 'hr_bureau';
}

/** A gap is named by its node, because gap ids are unique only within a node. */
export const GapRef = z.strictObject({ nodeId: NodeId, gapId: Slug.max(64) });
export type GapRef = z.infer<typeof GapRef>;

/** Checks that every node belongs to `chainId` (or fixes the chain from the first one) and exists. */
export async function chainOfNodes(catalog: ChainCatalog, nodeIds: readonly string[], field: string): Promise<string> {
  const first = nodeIds[0];
  if (first === undefined) throw new UnprocessableError(`body.${field}`, 'must name at least one chain node');
  const chainId = chainOfNode(first);
  for (let i = 0; i < nodeIds.length; i++) {
    const id = nodeIds[i] ?? '';
    if (!(await catalog.node(id))) throw new UnprocessableError(`body.${field}.${i}`, `chain node ${id} does not exist`);
    if (chainOfNode(id) !== chainId) throw new UnprocessableError(`body.${field}.${i}`, `belongs to chain ${chainOfNode(id)}, not ${chainId}`);
  }
  return chainId;
}

/** Each gap reference must name a gap of one of `nodeIds` (so a record cannot claim a gap it does not touch). */
export async function checkGapRefs(catalog: ChainCatalog, refs: readonly GapRef[], nodeIds: readonly string[], field: string): Promise<void> {
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i] as GapRef;
    if (!nodeIds.includes(ref.nodeId)) throw new UnprocessableError(`body.${field}.${i}.nodeId`, `is not one of this record's nodes`);
    const found = await catalog.node(ref.nodeId);
    if (!found?.node.gaps.some((g) => g.id === ref.gapId))
      throw new UnprocessableError(`body.${field}.${i}.gapId`, `gap ${ref.gapId} is not a gap of node ${ref.nodeId}`);
  }
}

/** One move of a workflow, kept on the record itself (and in the audit log) for traceability. */
export const Transition = z.object({
  /** What happened: a status/stage move unless named otherwise (selection, review, withdrawal). */
  event: z.string().optional(),
  from: z.string().nullable(),
  to: z.string(),
  at: IsoDateTime,
  actorId: z.string(),
  role: z.string(),
  note: z.string().optional(),
});
export type Transition = z.infer<typeof Transition>;

export const TransitionBody = <E extends z.ZodType<string>>(states: E) => z.strictObject({ to: states, note: text(0, 500).optional() });

export function transition(p: Principal | null, from: string | null, to: string, at: Date, note?: string, event?: string): Transition {
  return {
    ...(event ? { event } : {}),
    from,
    to,
    at: at.toISOString(),
    actorId: p?.accountId ?? 'anonymous',
    role: p?.role ?? 'anonymous',
    ...(note ? { note } : {}),
  };
}

/**
 * Refuses a move the workflow does not allow, naming the allowed next states so that a client
 * can offer them (409: the request is fine, the record's current state is not).
 */
export function assertMove<S extends string>(field: string, from: S, to: S, graph: Readonly<Record<S, readonly S[]>>): void {
  const allowed = graph[from];
  if (allowed.includes(to)) return;
  const next = allowed.length > 0 ? allowed.join(', ') : 'none (final state)';
  throw new AppError('conflict', `Cannot move from ${from} to ${to}; allowed next: ${next}`, {
    issues: [{ field, message: `cannot move from ${from} to ${to}; allowed next: ${next}` }],
  });
}

/** Local calendar day in China (UTC+8): deadlines and milestones are dates, not instants. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Every document matching the filters, page by page (a chain holds hundreds of such records, not millions). */
export async function listAll<T extends BaseDoc>(collection: Collection<T>, filters: Record<string, FilterValue>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await collection.list({ filters, limit: 1000, cursor, sort: 'createdAt', order: 'asc' });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** What every instrument service is built from (by server/features/battlemap/instruments.ts). */
export interface InstrumentDeps {
  store: Store;
  catalog: ChainCatalog;
  records: RecordServices;
  matching: MatchingService;
  audit: AuditLog;
  enrich: Enricher;
  lexicon: { byId(id: string): { zh: string; en: string; related?: readonly string[] } | undefined };
  clock: () => Date;
}

/** Reads a chain for a government reader; other callers learn nothing of the chain's instruments. */
export async function readableChain(deps: Pick<InstrumentDeps, 'catalog'>, p: Principal | null, code: string): Promise<Chain> {
  const chain = await deps.catalog.chain(code);
  if (!chain || !isGovernmentReader(p, code)) throw new NotFoundError('chain', code);
  return chain;
}
