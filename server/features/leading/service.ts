import type { Principal } from '../../auth/principal.js';
import { AppError, NotFoundError, UnprocessableError } from '../../errors.js';
import type { Chain, Enterprise, Institute, Need, Talent } from '../../domain/schemas.js';
import type { FilterValue } from '../../store/port.js';
import { createRecordService, type RecordService } from '../records/service.js';
import { isGovernmentReader, listAll, readableChain, type InstrumentDeps } from '../platforms/chain-scope.js';
import type { Platform } from '../platforms/schema.js';
import { FigureInput, type ChainView, type Figure, type IndicatorCard } from './schema.js';
import { DEFAULT_LEADING_WEIGHTS, FIGURE_FOR, INDICATORS, type FigureKind, type Indicator, type LeadingWeights } from './weights.js';

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const UNIT: Record<Indicator, string> = {
  control: 'share of nodes',
  rootedness: '%',
  rdIntensity: '% of revenue',
  patents: 'patents',
  platforms: 'platforms',
  matchedNeeds: 'share of posted needs',
};

export interface LeadingService {
  figures: RecordService<Figure>;
  enterFigure(p: Principal | null, input: Record<string, unknown>): Promise<Figure>;
  card(p: Principal | null, chainCode: string, enterpriseId: string): Promise<IndicatorCard>;
  ranking(
    p: Principal | null,
    chainCode: string,
  ): Promise<{ chainId: string; weights: Record<string, number>; candidates: Array<IndicatorCard & { rank: number }> }>;
  chainView(p: Principal | null, chainCode: string, enterpriseId: string, limit: number): Promise<ChainView>;
}

/** Who sees an enterprise's indicators: the enterprise itself and the government (chain chiefs for their chains). */
function seesEnterprise(p: Principal | null, e: Pick<Enterprise, 'id' | 'chainIds'>): boolean {
  if (!p) return false;
  if (p.role === 'admin' || p.role === 'hr_bureau') return true;
  if (p.role === 'chain_chief') return e.chainIds.some((c) => p.chains.includes(c));
  return p.role === 'enterprise' && p.subjectId === e.id;
}

export function createLeadingService(deps: InstrumentDeps, w: LeadingWeights = DEFAULT_LEADING_WEIGHTS): LeadingService {
  const { store, catalog, matching, clock } = deps;
  const enterprises = store.collection<Enterprise>('enterprises');
  const col = store.collection<Figure>('indicator_figures');
  const platforms = store.collection<Platform>('platforms');
  const needs = store.collection<Need>('needs');

  const figures = createRecordService<Figure>(
    col,
    {
      noun: 'indicator figure',
      idPrefix: 'fig',
      input: FigureInput,
      inputKeys: Object.keys(FigureInput.shape),
      immutable: ['enterpriseId'],
      derive: async (input) => {
        const id = String(input['enterpriseId']);
        const e = await enterprises.get(id);
        if (!e) throw new UnprocessableError('body.enterpriseId', `enterprise ${id} does not exist`);
        return { owner: { type: 'enterprise', id }, fields: { chainIds: e.chainIds } };
      },
    },
    {
      listScope: (p): Record<string, FilterValue> | null => {
        if (p?.role === 'admin' || p?.role === 'hr_bureau') return {};
        if (p?.role === 'chain_chief') return { chain: p.chains };
        if (p?.role === 'enterprise' && p.subjectId) return { enterprise: p.subjectId };
        return null;
      },
      canRead: (p, f) => seesEnterprise(p, { id: f.enterpriseId, chainIds: f.chainIds }),
      // The precise check needs the enterprise's chains, so enterFigure makes it before this runs.
      assertCreate: (p) => {
        if (!p || !['admin', 'chain_chief', 'enterprise'].includes(p.role)) throw new AppError('forbidden', 'You may not enter indicator figures');
      },
      canWrite: (p, f) => p?.role !== 'hr_bureau' && seesEnterprise(p, { id: f.enterpriseId, chainIds: f.chainIds }),
      view: (_p, f) => f as unknown as Record<string, unknown>,
    },
    { clock },
  );

  async function visibleEnterprise(p: Principal | null, id: string): Promise<Enterprise> {
    const e = await enterprises.get(id);
    if (!e || !seesEnterprise(p, e)) throw new NotFoundError('enterprise', id);
    return e;
  }

  /** The latest figure of each kind (by the date it describes, then by entry). */
  function latest(figs: readonly Figure[]): Map<FigureKind, Figure> {
    const out = new Map<FigureKind, Figure>();
    for (const f of [...figs].sort((a, b) => a.asOf.localeCompare(b.asOf) || a.createdAt.localeCompare(b.createdAt))) out.set(f.kind, f);
    return out;
  }

  function compute(chain: Chain, e: Enterprise, figs: readonly Figure[], plats: readonly Platform[], posted: readonly Need[]): IndicatorCard {
    const entered = latest(figs);
    const onChain = e.nodeIds.filter((n) => chain.nodes.some((x) => x.id === n));
    const running = plats.filter((pl) => pl.status === 'established' && pl.enterpriseIds.includes(e.id));
    const matched = posted.filter((n) => n.status === 'matched' || n.status === 'closed');
    const rows = INDICATORS.map((indicator) => {
      let value: number | null;
      let score: number;
      let source: IndicatorCard['indicators'][number]['source'];
      const kind = FIGURE_FOR[indicator];
      if (kind) {
        const f = entered.get(kind);
        value = f ? f.value : null;
        source = f ? { kind: 'entered', detail: f.source, asOf: f.asOf, figureId: f.id } : { kind: 'missing', detail: 'no figure entered yet' };
        if (value === null) score = 0;
        else if (indicator === 'rootedness') score = value / 100;
        else if (indicator === 'rdIntensity') score = Math.min(value / w.rdIntensityFull, 1);
        else score = Math.min(Math.log1p(value) / Math.log1p(w.patentsFull), 1);
      } else if (indicator === 'control') {
        value = round(onChain.length / Math.max(chain.nodes.length, 1));
        score = value;
        source = { kind: 'computed', detail: `operates at ${onChain.length} of ${chain.nodes.length} nodes of the chain` };
      } else if (indicator === 'platforms') {
        value = running.length;
        score = Math.min(value / w.platformsFull, 1);
        source = {
          kind: 'computed',
          detail: running.length ? `established platforms: ${running.map((pl) => pl.name).join('、')}` : 'no established platform co-built or run',
        };
      } else {
        value = posted.length ? round(matched.length / posted.length) : null;
        score = value ?? 0;
        source = { kind: 'computed', detail: `${matched.length} of ${posted.length} needs posted on the chain matched or closed` };
      }
      const weight = w.weights[indicator];
      return { indicator, value, unit: UNIT[indicator], score: round(score), weight, weighted: round(score * weight, 4), source };
    });
    return {
      enterpriseId: e.id,
      name: e.name,
      chainId: chain.code,
      leading: e.leading || chain.leadingEnterpriseIds.includes(e.id),
      total: round(rows.reduce((s, r) => s + r.weighted, 0)),
      indicators: rows,
    };
  }

  async function cardsFor(chain: Chain, ents: readonly Enterprise[]): Promise<IndicatorCard[]> {
    const plats = await listAll(platforms, { chain: chain.code });
    const chainNeeds = await listAll(needs, { chain: chain.code });
    const out: IndicatorCard[] = [];
    for (const e of ents) {
      const figs = await listAll(col, { enterprise: e.id });
      out.push(
        compute(
          chain,
          e,
          figs,
          plats,
          chainNeeds.filter((n) => n.enterpriseId === e.id),
        ),
      );
    }
    return out;
  }

  async function chainOf(code: string): Promise<Chain> {
    const chain = await catalog.chain(code);
    if (!chain) throw new NotFoundError('chain', code);
    return chain;
  }

  return {
    figures,

    async enterFigure(p, input) {
      const id = typeof input['enterpriseId'] === 'string' ? input['enterpriseId'] : '';
      const e = await enterprises.get(id);
      // Another tenant's enterprise is reported as unknown, exactly like a missing one.
      if (!e || !seesEnterprise(p, e) || p?.role === 'hr_bureau')
        throw new UnprocessableError('body.enterpriseId', `enterprise ${id} does not exist`);
      return figures.create(p, input);
    },

    async card(p, chainCode, enterpriseId) {
      const chain = await chainOf(chainCode);
      const e = await visibleEnterprise(p, enterpriseId);
      if (!e.chainIds.includes(chainCode)) throw new NotFoundError('enterprise on chain', `${enterpriseId}@${chainCode}`);
      const [card] = await cardsFor(chain, [e]);
      return card as IndicatorCard;
    },

    async ranking(p, chainCode) {
      const chain = await readableChain(deps, p, chainCode);
      const ents = await listAll(enterprises, { chain: chainCode });
      const cards = (await cardsFor(chain, ents)).sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN'));
      return { chainId: chainCode, weights: { ...w.weights }, candidates: cards.map((c, i) => ({ ...c, rank: i + 1 })) };
    },

    async chainView(p, chainCode, enterpriseId, limit) {
      const chain = await chainOf(chainCode);
      const e = await visibleEnterprise(p, enterpriseId);
      if (!e.chainIds.includes(chainCode)) throw new NotFoundError('enterprise on chain', `${enterpriseId}@${chainCode}`);
      if (p?.role === 'enterprise' && !(e.leading || chain.leadingEnterpriseIds.includes(e.id)))
        throw new AppError('forbidden', `This view is for leading enterprises (链主) of chain ${chainCode}`);
      const mine = new Set(e.nodeIds.filter((n) => n.startsWith(`${chainCode}.`)));
      const upstream = [...new Set(chain.links.filter((l) => mine.has(l.to) && !mine.has(l.from)).map((l) => l.from))];
      const downstream = [...new Set(chain.links.filter((l) => mine.has(l.from) && !mine.has(l.to)).map((l) => l.to))];
      const direction = new Map<string, 'upstream' | 'downstream'>([
        ...upstream.map((n) => [n, 'upstream'] as const),
        ...downstream.map((n) => [n, 'downstream'] as const),
      ]);
      const open = (await listAll(needs, { chain: chainCode, status: 'open' }))
        .filter((n) => direction.has(n.nodeId) && n.enterpriseId !== e.id && (n.public || isGovernmentReader(p, chainCode)))
        .sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'))
        .slice(0, limit);
      const locals = (await listAll(enterprises, { chain: chainCode })).filter((x) => x.id !== e.id);
      const out: ChainView['needs'] = [];
      for (const n of open) {
        const text = { title: n.title, description: n.description, skills: n.skills, nodeId: n.nodeId, city: n.city };
        const fits: ChainView['needs'][number]['fits'] = [];
        // "Local" is the need's city: the point of the view is to keep supply on the chain in the region.
        for (const target of ['talents', 'institutes'] as const) {
          const res = await matching.forText(p, text, target, 10);
          const docs = new Map((await store.collection<Talent | Institute>(target).getMany(res.results.map((r) => r.id))).map((d) => [d.id, d]));
          for (const r of res.results.filter((r) => docs.get(r.id)?.city === n.city).slice(0, 3))
            fits.push({
              type: target === 'talents' ? 'talent' : 'institute',
              id: r.id,
              name: docs.get(r.id)?.name ?? r.id,
              score: r.score,
              explanation: r.explanation,
            });
        }
        const wanted = new Set(n.skillIds);
        for (const x of locals
          .filter((x) => x.id !== n.enterpriseId && x.city === n.city)
          .map((x) => ({ x, shared: x.skillIds.filter((s) => wanted.has(s)) }))
          .filter((y) => y.shared.length > 0)
          .sort((a, b) => b.shared.length - a.shared.length)
          .slice(0, 3)) {
          const zh = x.shared.map((s) => deps.lexicon.byId(s)?.zh ?? s).join('、');
          const en = x.shared.map((s) => deps.lexicon.byId(s)?.en ?? s).join(', ');
          fits.push({
            type: 'enterprise',
            id: x.x.id,
            name: x.x.name,
            score: round(x.shared.length / Math.max(wanted.size, 1)),
            explanation: { zh: `同城链上企业，能力吻合：${zh}`, en: `local enterprise on the chain with matching capabilities: ${en}` },
          });
        }
        out.push({
          id: n.id,
          title: n.title,
          kind: n.kind,
          nodeId: n.nodeId,
          direction: direction.get(n.nodeId) ?? 'upstream',
          enterpriseId: n.enterpriseId,
          ...(n.deadline ? { deadline: n.deadline } : {}),
          fits,
        });
      }
      return { enterpriseId: e.id, chainId: chainCode, nodes: [...mine], upstream, downstream, needs: out };
    },
  };
}
