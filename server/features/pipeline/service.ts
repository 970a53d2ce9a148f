import type { Principal } from '../../auth/principal.js';
import type { AuditLog } from '../../audit/audit.js';
import type { Need } from '../../domain/schemas.js';
import { AppError, ConflictError, NotFoundError } from '../../errors.js';
import type { BaseDoc, Store } from '../../store/port.js';
import type { RecordServices } from '../records/index.js';
import { canManageNeed } from '../records/policies.js';
import { newId } from '../records/service.js';
import type { MatchingService } from '../matching/service.js';
import { assertMove, listAll } from '../platforms/chain-scope.js';
import { PIPELINE_MOVES, type CandidateType, type PipelineEntry, type PipelineStatus, type PipelineStep } from './schema.js';

/** How far down the ranking a candidate's score is looked up when it is added. */
export const SCORE_LOOKUP_LIMIT = 100;

/** The stored entry: the API view plus the store's system fields and the uniqueness key. */
export type PipelineDoc = PipelineEntry & BaseDoc & { pairKey: string };

export interface PipelineDeps {
  store: Store;
  records: RecordServices;
  matching: Pick<MatchingService, 'forNeed'>;
  audit: AuditLog;
  clock: () => Date;
}

export interface PipelineService {
  add(
    p: Principal | null,
    needId: string,
    input: { candidateType: CandidateType; candidateId: string; note?: string | undefined },
  ): Promise<PipelineEntry>;
  list(p: Principal | null, needId: string): Promise<PipelineEntry[]>;
  move(p: Principal | null, id: string, to: PipelineStatus, note?: string): Promise<PipelineEntry>;
}

/**
 * Acts for the HR bureau when an agreement marks a need matched: the bureau may run any need's
 * pipeline but not edit the need itself. The pipeline's audit entry names the real caller.
 */
const PIPELINE_ACTOR: Principal = { accountId: 'system:pipeline', role: 'admin', chains: [], via: 'api_token' };

/** The need's enterprise and chain team manage its pipeline; the HR bureau shortlists for any enterprise. */
export function mayManagePipeline(p: Principal | null, need: Need): boolean {
  return canManageNeed(p, need) || p?.role === 'hr_bureau';
}

const pairKey = (needId: string, type: CandidateType, id: string) => `${needId}|${type}|${id}`;

/** Only the fields of the API contract: the owner, version and key stay inside. */
export function entryView(d: PipelineDoc): PipelineEntry {
  const { id, needId, chainId, nodeId, candidateType, candidateId, status, score, history, createdAt, updatedAt } = d;
  return { id, needId, chainId, nodeId, candidateType, candidateId, status, score, history, createdAt, updatedAt };
}

export function createPipelineService(deps: PipelineDeps): PipelineService {
  const { store, records, matching, audit, clock } = deps;
  const col = store.collection<PipelineDoc>('pipeline');

  /** Unknown, unreadable and unmanaged needs all read as not found, so no tenant's ids are confirmed. */
  async function managedNeed(p: Principal | null, needId: string): Promise<Need> {
    const need = await records.needs.get(p, needId);
    if (!mayManagePipeline(p, need)) throw new NotFoundError('need', needId);
    return need;
  }

  const step = (p: Principal | null, status: PipelineStatus, note?: string): PipelineStep => ({
    status,
    at: clock().toISOString(),
    by: p?.accountId ?? 'anonymous',
    ...(note ? { note } : {}),
  });

  return {
    async add(p, needId, input) {
      const need = await managedNeed(p, needId);
      // Reading through the record service applies consent: a talent the caller may not find cannot be shortlisted.
      await records[input.candidateType].get(p, input.candidateId);
      const key = pairKey(need.id, input.candidateType, input.candidateId);
      const duplicate = () => new ConflictError('body.candidateId', `${input.candidateType} ${input.candidateId} is already in this need's pipeline`);
      if (await col.findByUnique('pairKey', key)) throw duplicate();
      const ranked = await matching.forNeed(p, need.id, input.candidateType, SCORE_LOOKUP_LIMIT);
      const score = ranked.results.find((r) => r.id === input.candidateId)?.score ?? null;
      const now = clock().toISOString();
      const doc: PipelineDoc = {
        id: newId('pip'),
        needId: need.id,
        chainId: need.chainId,
        nodeId: need.nodeId,
        candidateType: input.candidateType,
        candidateId: input.candidateId,
        pairKey: key,
        status: 'suggested',
        score,
        history: [step(p, 'suggested', input.note)],
        // The pipeline belongs to the need's enterprise, as the need does.
        owner: need.owner,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      const saved = await col.insert(doc).catch((err: unknown) => {
        // A concurrent add of the same pair lost the race on the store's unique key.
        if (err instanceof AppError && err.code === 'conflict') throw duplicate();
        throw err;
      });
      await audit.record(p, { action: 'pipeline.add', recordType: 'pipeline', recordId: saved.id });
      return entryView(saved);
    },

    async list(p, needId) {
      const need = await managedNeed(p, needId);
      return (await listAll(col, { need: need.id })).map(entryView);
    },

    async move(p, id, to, note) {
      const entry = await col.get(id);
      if (!entry) throw new NotFoundError('pipeline entry', id);
      const need = await records.needs.get(p, entry.needId).catch((err: unknown) => {
        if (err instanceof NotFoundError) throw new NotFoundError('pipeline entry', id);
        throw err;
      });
      if (!mayManagePipeline(p, need)) throw new NotFoundError('pipeline entry', id);
      assertMove('body.to', entry.status, to, PIPELINE_MOVES);
      const next: PipelineDoc = {
        ...entry,
        status: to,
        history: [...entry.history, step(p, to, note)],
        updatedAt: clock().toISOString(),
        version: entry.version + 1,
      };
      const saved = await col.update(next, entry.version);
      await audit.record(p, { action: `pipeline.status.${to}`, recordType: 'pipeline', recordId: id });
      // An agreement is the match the need was posted for; through the records service so the search index follows.
      if (to === 'agreed' && need.status === 'open') {
        await records.needs.update(canManageNeed(p, need) ? p : PIPELINE_ACTOR, need.id, { status: 'matched' });
        await audit.record(p, { action: 'need.status.matched', recordType: 'need', recordId: need.id, purpose: `pipeline ${id} agreed` });
      }
      return entryView(saved);
    },
  };
}
