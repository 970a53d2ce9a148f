import { CHAINS, type ChainSeed, type NodeSeed } from '../data/chains.js';
import { NODE_TEXT, type NodeText } from './node-text.js';

export interface NodeRef {
  chain: ChainSeed;
  node: NodeSeed;
  text: NodeText;
  /** Nodes linked to this one in either direction: where a person or firm plausibly also works. */
  neighbours: string[];
  /** Keyword and ability tags containing Han characters. */
  tagsZh: string[];
  /** Keyword and ability tags without Han characters, for English-only records. */
  tagsEn: string[];
}

export interface Catalog {
  nodes: ReadonlyMap<string, NodeRef>;
  nodeIds: readonly string[];
  chainNodeIds: ReadonlyMap<string, readonly string[]>;
  chains: readonly ChainSeed[];
  ref(nodeId: string): NodeRef;
}

const HAN = /\p{Script=Han}/u;
export const hasHan = (s: string): boolean => HAN.test(s);

/** Built per generator run rather than at import, so nothing module-level is mutable. */
export function createCatalog(chains: readonly ChainSeed[] = CHAINS): Catalog {
  const nodes = new Map<string, NodeRef>();
  const chainNodeIds = new Map<string, string[]>();
  for (const chain of chains) {
    const ids = chain.nodes.map((n) => n.id);
    chainNodeIds.set(chain.code, ids);
    for (const node of chain.nodes) {
      const text = NODE_TEXT[node.id];
      if (text === undefined) throw new Error(`no phrase bank for node ${node.id}`);
      const neighbours = (chain.links ?? [])
        .flatMap((l) => (l.from === node.id ? [l.to] : l.to === node.id ? [l.from] : []))
        .filter((id, i, all) => all.indexOf(id) === i);
      const tags = [...new Set([...(node.keywords ?? []), ...text.abilities])];
      nodes.set(node.id, {
        chain,
        node,
        text,
        neighbours,
        tagsZh: tags.filter(hasHan),
        tagsEn: tags.filter((t) => !hasHan(t)),
      });
    }
  }
  return {
    nodes,
    nodeIds: [...nodes.keys()],
    chainNodeIds,
    chains,
    ref(nodeId) {
      const r = nodes.get(nodeId);
      if (r === undefined) throw new Error(`unknown node ${nodeId}`);
      return r;
    },
  };
}

/** Short zh labels per chain, used inside institute and talent wording. */
export const CHAIN_SHORT: Record<string, { zh: string; en: string }> = {
  'smart-home': { zh: '智能家电', en: 'smart appliances' },
  robotics: { zh: '智能装备', en: 'intelligent equipment' },
  nev: { zh: '新能源汽车', en: 'new-energy vehicles' },
  'new-materials': { zh: '先进材料', en: 'advanced materials' },
  'ceramics-home': { zh: '泛家居', en: 'home furnishing' },
  electronics: { zh: '电子信息', en: 'electronics' },
  biomedicine: { zh: '生物医药', en: 'biomedicine' },
  food: { zh: '食品', en: 'food' },
};
