import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { GraphChart, type GraphSeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComposeOption } from 'echarts/core';
import type { Chain } from '../types.js';
import { severityColor, STAGES, type NodeStats } from './chain-model.js';

// Only the graph chart, the tooltip and the canvas renderer: ECharts' tree-shaken minimum.
echarts.use([GraphChart, TooltipComponent, CanvasRenderer]);
type Option = ComposeOption<GraphSeriesOption | TooltipComponentOption>;

/** ECharts tooltips are HTML: every piece of record text is escaped before it goes in. */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Rich-text labels treat `{`, `}` and `|` as markup. */
const plain = (s: string) => s.replace(/[{}|]/g, ' ');

export interface GraphLabels {
  stage: Record<(typeof STAGES)[number], string>;
  counts(s: NodeStats): string;
  /** The short form drawn under a node; the full counts are in the tooltip and the node list. */
  short(s: NodeStats): string;
  severity(n: number): string;
}

/**
 * The chain drawn upstream → downstream: one column per stage, nodes coloured by the severity of
 * their open gaps, arrows along supply links. Clicking a node selects it.
 */
export default function ChainGraph({
  chain,
  stats,
  selected,
  onSelect,
  labels,
  names,
}: {
  chain: Chain;
  stats: NodeStats[];
  selected: string | null;
  onSelect(nodeId: string): void;
  labels: GraphLabels;
  names: Map<string, string>;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const id = (p.data as { id?: string } | undefined)?.id;
      if (p.dataType === 'node' && id) select.current(id);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    const box = el.current;
    if (!c || !box) return;
    const narrow = box.clientWidth < 560;
    const byStage = STAGES.map((s) => stats.filter((x) => x.node.stage === s));
    const rows = Math.max(1, ...byStage.map((x) => x.length));
    // On a phone the stages run top to bottom, two nodes to a row; on a laptop left to right.
    const PHONE_COLS = 2;
    const stageTop = byStage.map((_, i) => byStage.slice(0, i).reduce((sum, l) => sum + Math.ceil(l.length / PHONE_COLS) * 95 + 40, 0));
    const nodes = byStage.flatMap((list, col) =>
      list.map((s, row) => {
        const offset = (rows - list.length) / 2;
        const isSel = s.node.id === selected;
        const name = names.get(s.node.id) ?? s.node.name;
        const x = narrow ? (row % PHONE_COLS) * 170 + (list.length === 1 ? 85 : 0) : col * 320;
        const y = narrow ? (stageTop[col] ?? 0) + Math.floor(row / PHONE_COLS) * 95 : (row + offset) * 110;
        return {
          id: s.node.id,
          name,
          x,
          y,
          symbolSize: (narrow ? 26 : 34) + Math.min(narrow ? 14 : 26, s.openNeeds * 3),
          itemStyle: { color: severityColor(s.severity), borderColor: isSel ? '#1d2b3a' : '#fff', borderWidth: isSel ? 4 : 2 },
          label: {
            show: true,
            position: 'bottom' as const,
            formatter: narrow ? `{b|${plain(name)}}` : `{b|${plain(name)}}\n{c|${plain(labels.short(s))}}`,
            rich: { b: { fontWeight: 'bold' as const, fontSize: narrow ? 11 : 13, color: '#1d2b3a' }, c: { fontSize: 11, color: '#4a5868' } },
          },
          tooltip: { formatter: `${esc(name)}<br/>${esc(labels.severity(s.severity))}<br/>${esc(labels.counts(s))}` },
        };
      }),
    );
    const option: Option = {
      animation: false,
      tooltip: { trigger: 'item', confine: true },
      series: [
        {
          type: 'graph',
          layout: 'none',
          roam: true,
          left: narrow ? 50 : 90,
          right: narrow ? 50 : 90,
          top: 30,
          bottom: narrow ? 30 : 60,
          data: nodes,
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 9,
          lineStyle: { color: '#8a99a8', width: 1.6, curveness: 0.12, opacity: 0.9 },
          emphasis: { focus: 'adjacency' },
          links: chain.links.map((l) => ({ source: l.from, target: l.to, ...(l.note ? { tooltip: { formatter: esc(l.note) } } : {}) })),
        },
      ],
    };
    c.setOption(option, { notMerge: true });
  }, [chain, stats, selected, labels, names]);

  return <div ref={el} className="graph" data-testid="chain-graph" aria-hidden="true" />;
}
