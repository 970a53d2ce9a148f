import { AppError, ConflictError, UnprocessableError } from '../../errors.js';
import {
  ChainInput,
  EnterpriseInput,
  InstituteInput,
  NeedInput,
  TalentInput,
  type Chain,
  type Enterprise,
  type Institute,
  type Need,
  type Talent,
} from '../../domain/schemas.js';
import { chainOfNode } from '../../domain/primitives.js';
import type { Store } from '../../store/port.js';
import type { ChainCatalog } from './catalog.js';
import type { ResourceConfig } from './service.js';
import type { Enricher } from '../../../matching/enrich.js';
import { textOf } from '../../search/documents.js';
import type { BaseDoc } from '../../store/port.js';

/** Checks node ids against the chain register and returns the chains they belong to. */
async function chainsOfNodes(catalog: ChainCatalog, nodeIds: unknown, field: string): Promise<string[]> {
  const ids = Array.isArray(nodeIds) ? (nodeIds as string[]) : [];
  for (let i = 0; i < ids.length; i++) {
    if (!(await catalog.node(ids[i] ?? ''))) throw new UnprocessableError(`body.${field}.${i}`, `chain node ${ids[i]} does not exist`);
  }
  return [...new Set(ids.map(chainOfNode))].sort();
}

export interface Resources {
  chains: ResourceConfig<Chain>;
  enterprises: ResourceConfig<Enterprise>;
  needs: ResourceConfig<Need>;
  talents: ResourceConfig<Talent>;
  institutes: ResourceConfig<Institute>;
}

/** Concepts and inferred nodes of a record, from the same text the search index embeds. */
export function derived(enrich: Enricher, type: 'talents' | 'institutes' | 'needs' | 'enterprises', input: Record<string, unknown>) {
  const probe = {
    ...input,
    owner: { type: 'government', id: '' },
    id: '',
    createdAt: '',
    updatedAt: '',
    version: 0,
    chainIds: [],
    chainId: '',
  } as unknown as BaseDoc;
  const text = textOf(type, probe);
  const skills = Array.isArray(input['skills']) ? (input['skills'] as string[]) : [];
  return enrich(`${text.title} ${text.embed}`, skills);
}

export function createResources(store: Store, catalog: ChainCatalog, enrich: Enricher): Resources {
  const needs = store.collection<Need>('needs');
  const enterprises = store.collection<Enterprise>('enterprises');
  return {
    chains: {
      noun: 'chain',
      idPrefix: 'chain',
      input: ChainInput,
      inputKeys: Object.keys(ChainInput.shape),
      idFrom: (input) => String(input['code']),
      immutable: ['code'],
      derive: async (input) => {
        const leading = (input['leadingEnterpriseIds'] as string[] | undefined) ?? [];
        const found = await enterprises.getMany(leading);
        leading.forEach((id, i) => {
          if (!found.some((e) => e.id === id)) throw new UnprocessableError(`body.leadingEnterpriseIds.${i}`, `enterprise ${id} does not exist`);
        });
        return { owner: { type: 'government', id: `chain:${String(input['code'])}` }, fields: {} };
      },
      beforeDelete: async (chain) => {
        if ((await needs.count({ chain: chain.code })) > 0) throw new ConflictError('id', 'the chain still has needs; close or move them first');
      },
      afterWrite: () => catalog.invalidate(),
    },
    enterprises: {
      noun: 'enterprise',
      idPrefix: 'ent',
      input: EnterpriseInput,
      inputKeys: Object.keys(EnterpriseInput.shape),
      immutable: ['creditCode'],
      derive: async (input, id) => ({
        owner: { type: 'enterprise', id },
        fields: { chainIds: await chainsOfNodes(catalog, input['nodeIds'], 'nodeIds'), ...derived(enrich, 'enterprises', input) },
      }),
      beforeDelete: async (ent) => {
        if ((await needs.count({ enterprise: ent.id })) > 0) throw new ConflictError('id', 'the enterprise still has needs; delete them first');
      },
    },
    needs: {
      noun: 'need',
      idPrefix: 'need',
      input: NeedInput,
      inputKeys: Object.keys(NeedInput.shape),
      immutable: ['enterpriseId'],
      derive: async (input) => {
        const enterpriseId = String(input['enterpriseId']);
        if (!(await enterprises.get(enterpriseId))) throw new UnprocessableError('body.enterpriseId', `enterprise ${enterpriseId} does not exist`);
        const nodeId = String(input['nodeId']);
        const found = await catalog.node(nodeId);
        if (!found) throw new UnprocessableError('body.nodeId', `chain node ${nodeId} does not exist`);
        const gapId = input['gapId'];
        if (gapId !== undefined && !found.node.gaps.some((g) => g.id === gapId))
          throw new UnprocessableError('body.gapId', `gap ${String(gapId)} is not a gap of node ${nodeId}`);
        return { owner: { type: 'enterprise', id: enterpriseId }, fields: { chainId: found.chain.code, ...derived(enrich, 'needs', input) } };
      },
    },
    talents: {
      noun: 'talent',
      idPrefix: 'tal',
      input: TalentInput,
      inputKeys: Object.keys(TalentInput.shape),
      derive: async (input, id, existing) => {
        const consent = input['consent'] as Talent['consent'];
        const { acceptedAt: _a, ...was } = existing?.consent ?? { acceptedAt: '' };
        const { acceptedAt: _b, ...now } = consent;
        // A changed consent is dated by the server, not by the client that sent it; an unchanged
        // one keeps its date whatever the client sends.
        const changed = JSON.stringify(was) !== JSON.stringify(now);
        const redated = !existing ? {} : { consent: changed ? { ...consent, acceptedAt: new Date().toISOString() } : existing.consent };
        return {
          owner: { type: 'talent', id },
          fields: { chainIds: await chainsOfNodes(catalog, input['nodeIds'], 'nodeIds'), ...derived(enrich, 'talents', input), ...redated },
        };
      },
    },
    institutes: {
      noun: 'institute',
      idPrefix: 'ins',
      input: InstituteInput,
      inputKeys: Object.keys(InstituteInput.shape),
      derive: async (input, id) => ({
        owner: { type: 'institute', id },
        fields: { chainIds: await chainsOfNodes(catalog, input['nodeIds'], 'nodeIds'), ...derived(enrich, 'institutes', input) },
      }),
    },
  };
}

export { AppError };
