import type { Chain, ChainNode, Gap, Institute, Need, TalentView } from '../types.js';

/** What the chain map shows per node: gap severity and the supply around it. */
export interface NodeStats {
  node: ChainNode;
  /** Highest severity among gaps that are not closed; 0 when none. */
  severity: number;
  openGaps: Gap[];
  openNeeds: number;
  matchedNeeds: number;
  talents: number | null;
  institutes: number;
}

export interface ChainData {
  needs: Need[];
  institutes: Institute[];
  /** Null when the viewer may not list talents (anonymous visitors). */
  talents: TalentView[] | null;
}

const at = (r: { nodeIds?: string[]; inferredNodeIds?: string[] }, nodeId: string) =>
  (r.nodeIds ?? []).includes(nodeId) || ((r.nodeIds ?? []).length === 0 && (r.inferredNodeIds ?? []).includes(nodeId));

export function nodeStats(chain: Chain, data: ChainData): NodeStats[] {
  return [...chain.nodes]
    .sort((a, b) => a.order - b.order)
    .map((node) => {
      const openGaps = node.gaps.filter((g) => g.status !== 'closed').sort((a, b) => b.severity - a.severity);
      const needs = data.needs.filter((n) => n.nodeId === node.id);
      return {
        node,
        severity: openGaps[0]?.severity ?? 0,
        openGaps,
        openNeeds: needs.filter((n) => n.status === 'open').length,
        matchedNeeds: needs.filter((n) => n.status === 'matched').length,
        talents: data.talents ? data.talents.filter((t) => at(t, node.id)).length : null,
        institutes: data.institutes.filter((i) => at(i, node.id)).length,
      };
    });
}

/** Severity colours, from no open gap (green) to a chokepoint (deep red); readable with labels too. */
export const SEVERITY_COLORS = ['#3b8c5a', '#9cbf4a', '#e8c340', '#f0973a', '#e0612f', '#b4231f'] as const;
export const severityColor = (s: number): string => SEVERITY_COLORS[Math.max(0, Math.min(5, Math.round(s)))] ?? '#888';

export const STAGES = ['upstream', 'midstream', 'downstream'] as const;
