import type { Principal } from '../../auth/principal.js';
import { AppError, NotFoundError, UnprocessableError } from '../../errors.js';
import type { Enterprise, Institute, Need } from '../../domain/schemas.js';
import { chainOfNode } from '../../domain/primitives.js';
import { createRecordService, type RecordPolicy, type RecordService } from '../records/service.js';
import type { FilterValue } from '../../store/port.js';
import {
  assertMove,
  chainOfNodes,
  checkGapRefs,
  isChainTeam,
  isGovernmentReader,
  listAll,
  readableChain,
  transition,
  type InstrumentDeps,
} from './chain-scope.js';
import {
  PLATFORM_KIND_ZH,
  PLATFORM_MOVES,
  PlatformInput,
  type Coverage,
  type Platform,
  type PlatformRecommendations,
  type PlatformStatus,
} from './schema.js';
import type { z } from 'zod';
import type { ProposalBody } from './schema.js';

/** Gap kinds a platform (rather than a hire or a supplier) is the answer to. */
const PLATFORM_GAP_KINDS = new Set(['technology', 'platform']);

function platformPolicy(): RecordPolicy<Platform> {
  const seesPipeline = (p: Principal | null, d: Platform) =>
    isGovernmentReader(p, d.chainId) ||
    (p?.role === 'institute' && p.subjectId === d.instituteId) ||
    (p?.role === 'enterprise' && !!p.subjectId && d.enterpriseIds.includes(p.subjectId));
  return {
    // Established platforms are public facilities; invitations still in talks stay with the chain team and the parties.
    listScope: (p, asked): Record<string, FilterValue> => {
      if (p?.role === 'admin' || p?.role === 'hr_bureau') return {};
      const askedChains = [asked['chain']].flat().filter((c): c is string => typeof c === 'string');
      if (p?.role === 'chain_chief' && askedChains.length > 0 && askedChains.every((c) => p.chains.includes(c))) return { chain: p.chains };
      if (p?.role === 'institute' && p.subjectId && asked['institute'] === p.subjectId) return { institute: p.subjectId };
      if (p?.role === 'enterprise' && p.subjectId && asked['enterprise'] === p.subjectId) return { enterprise: p.subjectId };
      return { status: 'established' };
    },
    canRead: (p, d) => d.status === 'established' || seesPipeline(p, d),
    assertCreate: (p, input) => {
      const nodeIds = (input['nodeIds'] as string[] | undefined) ?? [];
      if (!isChainTeam(p, chainOfNode(nodeIds[0] ?? '')))
        throw new AppError('forbidden', 'Only the chain team may register platforms for this chain');
    },
    canWrite: (p, d) => isChainTeam(p, d.chainId),
    view: (_p, d) => d as unknown as Record<string, unknown>,
  };
}

export interface PlatformService {
  records: RecordService<Platform>;
  create(p: Principal | null, input: Record<string, unknown>): Promise<Platform>;
  move(p: Principal | null, id: string, to: PlatformStatus, note?: string): Promise<Platform>;
  coverage(p: Principal | null, chainCode: string): Promise<Coverage>;
  recommend(p: Principal | null, chainCode: string, options: { nodeId?: string | undefined; limit: number }): Promise<PlatformRecommendations>;
  propose(p: Principal | null, body: z.output<typeof ProposalBody>): Promise<Platform>;
}

export function createPlatformService(deps: InstrumentDeps): PlatformService {
  const { store, catalog, matching, audit, clock } = deps;
  const col = store.collection<Platform>('platforms');
  const institutes = store.collection<Institute>('institutes');
  const enterprises = store.collection<Enterprise>('enterprises');
  const needs = store.collection<Need>('needs');

  const records = createRecordService<Platform>(
    col,
    {
      noun: 'platform',
      idPrefix: 'plt',
      input: PlatformInput,
      inputKeys: Object.keys(PlatformInput.shape),
      immutable: ['instituteId'],
      derive: async (input, id) => {
        const nodeIds = input['nodeIds'] as string[];
        const chainId = await chainOfNodes(catalog, nodeIds, 'nodeIds');
        await checkGapRefs(catalog, input['gaps'] as [], nodeIds, 'gaps');
        const instituteId = String(input['instituteId']);
        if (!(await institutes.get(instituteId))) throw new UnprocessableError('body.instituteId', `institute ${instituteId} does not exist`);
        const entIds = input['enterpriseIds'] as string[];
        const found = new Set((await enterprises.getMany(entIds)).map((e) => e.id));
        entIds.forEach((e, i) => {
          if (!found.has(e)) throw new UnprocessableError(`body.enterpriseIds.${i}`, `enterprise ${e} does not exist`);
        });
        // Status, history and the recommendation snapshot are the workflow's, never the client's: carried over on every edit.
        const existing = await col.get(id);
        return {
          owner: { type: 'government', id: `chain:${chainId}` },
          fields: {
            chainId,
            status: existing?.status ?? 'proposed',
            history: existing?.history ?? [],
            ...(existing?.recommendation ? { recommendation: existing.recommendation } : {}),
          },
        };
      },
    },
    platformPolicy(),
    { clock },
  );

  async function stamp(p: Principal | null, doc: Platform, extra: Partial<Platform> = {}): Promise<Platform> {
    const saved = await col.update(
      { ...doc, ...extra, history: [...doc.history, transition(p, null, doc.status, clock(), 'registered')], version: doc.version + 1 },
      doc.version,
    );
    await audit.record(p, { action: 'platform.create', recordType: 'platform', recordId: doc.id });
    return saved;
  }

  async function nodeCoverage(chainCode: string) {
    const chain = await catalog.chain(chainCode);
    if (!chain) throw new NotFoundError('chain', chainCode);
    const platforms = (await listAll(col, { chain: chainCode })).filter((pl) => pl.status !== 'withdrawn');
    const brief = (pl: Platform) => ({ id: pl.id, name: pl.name, status: pl.status, instituteId: pl.instituteId });
    const nodes: Coverage['nodes'] = [...chain.nodes]
      .sort((a, b) => a.order - b.order)
      .map((n) => {
        const here = platforms.filter((pl) => pl.nodeIds.includes(n.id));
        const established = here.filter((pl) => pl.status === 'established');
        const gaps = n.gaps.map((g) => ({
          id: g.id,
          kind: g.kind,
          title: g.title,
          severity: g.severity,
          status: g.status,
          needsPlatform: PLATFORM_GAP_KINDS.has(g.kind) && g.status !== 'closed',
          platformIds: established.filter((pl) => pl.gaps.some((r) => r.nodeId === n.id && r.gapId === g.id)).map((pl) => pl.id),
        }));
        const status =
          established.length === 0 ? 'uncovered' : gaps.some((g) => g.needsPlatform && g.platformIds.length === 0) ? 'partly_covered' : 'covered';
        return {
          nodeId: n.id,
          name: n.name,
          stage: n.stage,
          status,
          established: established.map(brief),
          pipeline: here.filter((pl) => pl.status !== 'established').map(brief),
          gaps,
        };
      });
    return {
      chainId: chainCode,
      nodes,
      summary: {
        nodes: nodes.length,
        uncovered: nodes.filter((n) => n.status === 'uncovered').length,
        partlyCovered: nodes.filter((n) => n.status === 'partly_covered').length,
        covered: nodes.filter((n) => n.status === 'covered').length,
      },
    } satisfies Coverage;
  }

  /** Institutes ranked for one node: its open technology/platform gaps plus the open needs posted there. */
  async function candidatesFor(p: Principal | null, nodeId: string, limit: number, exclude: ReadonlySet<string>) {
    const found = await catalog.node(nodeId);
    if (!found) throw new NotFoundError('chain node', nodeId);
    const { node } = found;
    const gaps = node.gaps.filter((g) => PLATFORM_GAP_KINDS.has(g.kind) && g.status !== 'closed');
    const open = (await needs.list({ filters: { node: nodeId, status: 'open' }, limit: 20, sort: 'createdAt', order: 'desc' })).items;
    const skills = [...new Set([...node.keywords, ...open.flatMap((n) => n.skills)])].slice(0, 30);
    // No city: an institute anywhere may be invited to set up a branch in Foshan.
    const res = await matching.forText(
      p,
      {
        title: `${node.name} ${gaps.map((g) => g.title).join(' ')}`.slice(0, 200),
        description: [node.description, ...gaps.map((g) => `${g.title} ${g.description}`), ...open.map((n) => `${n.title} ${n.description}`)]
          .join(' ')
          .slice(0, 3000),
        skills,
        nodeId,
      },
      'institutes',
      limit + exclude.size,
    );
    const docs = new Map((await institutes.getMany(res.results.map((r) => r.id))).map((d) => [d.id, d]));
    const candidates = res.results
      .filter((r) => !exclude.has(r.id) && docs.has(r.id))
      .slice(0, limit)
      .map((r) => {
        const d = docs.get(r.id) as Institute;
        return {
          instituteId: r.id,
          name: d.name,
          city: d.city,
          kind: d.kind,
          score: r.score,
          concepts: r.matched.concepts.map((c) => ({ id: c.id, zh: c.zh, en: c.en })),
          explanation: r.explanation,
        };
      });
    return { gaps, openNeeds: open.length, candidates };
  }

  return {
    records,

    async create(p, input) {
      return stamp(p, await records.create(p, input));
    },

    async move(p, id, to, note) {
      const doc = await records.get(p, id);
      if (!isChainTeam(p, doc.chainId)) throw new AppError('forbidden', 'Only the chain team moves a platform through its statuses');
      assertMove('body.to', doc.status, to, PLATFORM_MOVES);
      const saved = await col.update(
        {
          ...doc,
          status: to,
          history: [...doc.history, transition(p, doc.status, to, clock(), note)],
          updatedAt: clock().toISOString(),
          version: doc.version + 1,
        },
        doc.version,
      );
      await audit.record(p, { action: `platform.status.${to}`, recordType: 'platform', recordId: id });
      return saved;
    },

    async coverage(p, chainCode) {
      await readableChain(deps, p, chainCode);
      return nodeCoverage(chainCode);
    },

    async recommend(p, chainCode, { nodeId, limit }) {
      await readableChain(deps, p, chainCode);
      if (nodeId && chainOfNode(nodeId) !== chainCode) throw new UnprocessableError('query.node', `is not a node of chain ${chainCode}`);
      const cov = await nodeCoverage(chainCode);
      const targets = cov.nodes.filter((n) => (nodeId ? n.nodeId === nodeId : n.status !== 'covered'));
      if (nodeId && targets.length === 0) throw new NotFoundError('chain node', nodeId);
      const out: PlatformRecommendations['nodes'] = [];
      for (const n of targets) {
        // Institutes already present at the node (in any live status) need no invitation.
        const present = new Set([...n.established, ...n.pipeline].map((pl) => pl.instituteId));
        const r = await candidatesFor(p, n.nodeId, limit, present);
        out.push({
          nodeId: n.nodeId,
          name: n.name,
          status: n.status,
          gapIds: r.gaps.map((g) => g.id),
          openNeeds: r.openNeeds,
          candidates: r.candidates,
        });
      }
      return { chainId: chainCode, nodes: out };
    },

    async propose(p, body) {
      const chainId = chainOfNode(body.nodeId);
      if (!isChainTeam(p, chainId)) throw new AppError('forbidden', 'Only the chain team turns a recommendation into a proposed platform');
      const found = await catalog.node(body.nodeId);
      if (!found) throw new UnprocessableError('body.nodeId', `chain node ${body.nodeId} does not exist`);
      const institute = await institutes.get(body.instituteId);
      if (!institute) throw new UnprocessableError('body.instituteId', `institute ${body.instituteId} does not exist`);
      const live = (await listAll(col, { node: body.nodeId, institute: body.instituteId })).find((pl) => pl.status !== 'withdrawn');
      if (live)
        throw new AppError('conflict', `${institute.name} already has platform ${live.id} (${live.status}) at this node`, {
          issues: [{ field: 'body.instituteId', message: `already has platform ${live.id} at this node` }],
        });
      const r = await candidatesFor(p, body.nodeId, 100, new Set());
      const match = r.candidates.find((c) => c.instituteId === body.instituteId);
      const created = await records.create(p, {
        name: body.name ?? `${institute.name}佛山${found.node.name}${PLATFORM_KIND_ZH[body.kind]}（拟建）`.slice(0, 80),
        kind: body.kind,
        instituteId: body.instituteId,
        nodeIds: [body.nodeId],
        gaps: r.gaps.map((g) => ({ nodeId: body.nodeId, gapId: g.id })),
        description: body.note ?? '',
      });
      // The score and explanation are kept as they were when the chain team acted on them.
      return stamp(
        p,
        created,
        match
          ? {
              recommendation: {
                score: match.score,
                conceptIds: match.concepts.map((c) => c.id),
                explanation: match.explanation,
                at: clock().toISOString(),
              },
            }
          : {},
      );
    },
  };
}
