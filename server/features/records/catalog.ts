import type { Chain, ChainNode } from '../../domain/schemas.js';
import type { Collection } from '../../store/port.js';

/**
 * The chain register as a lookup: chains are few and read on every write that names a node,
 * so they are held in memory and refreshed after a chain write or after a short TTL (another
 * process may have written).
 */
export interface ChainCatalog {
  chains(): Promise<Chain[]>;
  chain(code: string): Promise<Chain | undefined>;
  node(nodeId: string): Promise<{ chain: Chain; node: ChainNode } | undefined>;
  invalidate(): void;
}

export function createChainCatalog(collection: Collection<Chain>, ttlMs = 5_000): ChainCatalog {
  let cache: { at: number; chains: Chain[]; nodes: Map<string, { chain: Chain; node: ChainNode }> } | undefined;

  async function load() {
    if (cache && Date.now() - cache.at < ttlMs) return cache;
    const chains: Chain[] = [];
    for await (const batch of collection.scan(500)) chains.push(...batch);
    chains.sort((a, b) => a.code.localeCompare(b.code));
    const nodes = new Map<string, { chain: Chain; node: ChainNode }>();
    for (const chain of chains) for (const node of chain.nodes) nodes.set(node.id, { chain, node });
    cache = { at: Date.now(), chains, nodes };
    return cache;
  }

  return {
    chains: async () => (await load()).chains,
    chain: async (code) => (await load()).chains.find((c) => c.code === code),
    node: async (nodeId) => (await load()).nodes.get(nodeId),
    invalidate: () => {
      cache = undefined;
    },
  };
}
