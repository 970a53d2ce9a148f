import { describe, expect, it } from 'vitest';
import outline from '../seed/data/chain-outline.json' with { type: 'json' };
import { CHAINS, NODE_IDS } from '../seed/data/chains.js';
import { generateDemo, type NeedSeed } from '../seed/demo.js';
import { generateLoad, type LoadBatch } from '../seed/load-generator.js';
import { FORBIDDEN_BRANDS } from '../seed/text/names.js';
import { isValidUscc } from '../server/domain/primitives.js';
import { ChainInput, EnterpriseInput, InstituteInput, NeedInput, TalentInput } from '../server/domain/schemas.js';

const demo = generateDemo();
const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[A-Za-z]{2,}/;
const nodeIds = new Set(NODE_IDS);

/** Needs carry the poster's external id; the schema wants a stored id, which the loader supplies. */
const parseNeed = ({ enterpriseExternalId: _poster, ...rest }: NeedSeed) => NeedInput.safeParse({ ...rest, enterpriseId: 'ent_1' });

const issues = (r: { success: boolean; error?: { issues: unknown[] } }) => (r.success ? [] : r.error?.issues);

describe('seed chains', () => {
  it('when parsed, then every chain passes ChainInput', () => {
    for (const chain of CHAINS) expect(issues(ChainInput.safeParse(chain)), chain.code).toEqual([]);
  });

  it('when compared with the outline, then codes, node ids, stages and names match exactly', () => {
    const want = outline.chains.flatMap((c) => c.nodes.map((n) => [`${c.code}.${n[0]}`, n[1], n[2]].join('|')));
    const got = CHAINS.flatMap((c) => c.nodes.map((n) => [n.id, n.stage, n.name].join('|')));
    expect(got).toEqual(want);
  });

  it('when inspected, then each chain has 6–15 nodes, 8–20 keywords and 1–4 gaps per node', () => {
    for (const chain of CHAINS) {
      expect(chain.nodes.length).toBeGreaterThanOrEqual(6);
      expect(chain.nodes.length).toBeLessThanOrEqual(15);
      expect(chain.leadingEnterpriseIds ?? []).toEqual([]);
      for (const node of chain.nodes) {
        expect((node.keywords ?? []).length, node.id).toBeGreaterThanOrEqual(8);
        expect((node.keywords ?? []).length, node.id).toBeLessThanOrEqual(20);
        expect((node.gaps ?? []).length, node.id).toBeGreaterThanOrEqual(1);
        expect((node.gaps ?? []).length, node.id).toBeLessThanOrEqual(4);
        expect(new Set(node.gaps?.map((g) => g.id)).size).toBe(node.gaps?.length);
      }
    }
  });

  it('when links are followed, then they stay within the chain and form a DAG', () => {
    for (const chain of CHAINS) {
      const ids = new Set(chain.nodes.map((n) => n.id));
      const out = new Map<string, string[]>();
      for (const l of chain.links ?? []) {
        expect(ids.has(l.from) && ids.has(l.to), `${l.from}->${l.to}`).toBe(true);
        expect(l.from).not.toBe(l.to);
        out.set(l.from, [...(out.get(l.from) ?? []), l.to]);
      }
      // Depth-first search with colours: reaching a grey node means a cycle.
      const colour = new Map<string, 'grey' | 'black'>();
      const visit = (id: string): boolean => {
        if (colour.get(id) === 'grey') return false;
        if (colour.get(id) === 'black') return true;
        colour.set(id, 'grey');
        const ok = (out.get(id) ?? []).every(visit);
        colour.set(id, 'black');
        return ok;
      };
      expect([...ids].every(visit), chain.code).toBe(true);
    }
  });
});

describe('demo data', () => {
  it('when generated, then counts meet the minimums', () => {
    expect(demo.enterprises.length).toBeGreaterThanOrEqual(80);
    expect(demo.institutes.length).toBeGreaterThanOrEqual(60);
    expect(demo.talents.length).toBeGreaterThanOrEqual(300);
    expect(demo.needs.length).toBeGreaterThanOrEqual(150);
    expect(demo.needs.filter((n) => n.kind === 'challenge').length).toBeGreaterThanOrEqual(20);
  });

  it('when parsed, then every record passes its schema', () => {
    for (const e of demo.enterprises) expect(issues(EnterpriseInput.safeParse(e)), e.externalId).toEqual([]);
    for (const i of demo.institutes) expect(issues(InstituteInput.safeParse(i)), i.externalId).toEqual([]);
    for (const t of demo.talents) expect(issues(TalentInput.safeParse(t)), t.externalId).toEqual([]);
    for (const n of demo.needs) expect(issues(parseNeed(n)), n.externalId).toEqual([]);
  });

  it('when generated twice, then the data are deep-equal; another seed differs', () => {
    expect(generateDemo()).toEqual(demo);
    const other = generateDemo(7);
    expect(other.talents.map((t) => t.name)).not.toEqual(demo.talents.map((t) => t.name));
    expect(other.needs.map((n) => n.description)).not.toEqual(demo.needs.map((n) => n.description));
  });

  it('when references are resolved, then every node, gap, poster and leader exists', () => {
    const gapsByNode = new Map(CHAINS.flatMap((c) => c.nodes.map((n) => [n.id, new Set(n.gaps?.map((g) => g.id))] as const)));
    const all = [...demo.enterprises, ...demo.institutes, ...demo.talents];
    for (const r of all) for (const id of r.nodeIds ?? []) expect(nodeIds.has(id), `${r.externalId} ${id}`).toBe(true);
    const enterprises = new Map(demo.enterprises.map((e) => [e.externalId, e]));
    for (const n of demo.needs) {
      expect(nodeIds.has(n.nodeId)).toBe(true);
      const poster = enterprises.get(n.enterpriseExternalId);
      expect(poster?.nodeIds, n.externalId).toContain(n.nodeId);
      if (n.gapId !== undefined) expect(gapsByNode.get(n.nodeId)?.has(n.gapId), n.externalId).toBe(true);
    }
    for (const [code, ids] of Object.entries(demo.leading)) {
      expect(CHAINS.some((c) => c.code === code)).toBe(true);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(enterprises.get(id)?.leading).toBe(true);
    }
  });

  it('when identifiers are compared, then USCCs are valid and unique and external ids unique', () => {
    const codes = demo.enterprises.map((e) => e.creditCode);
    for (const c of codes) expect(isValidUscc(c), c).toBe(true);
    for (const c of codes) expect(['440604', '440605', '440606', '440607', '440608']).toContain(c.slice(2, 8));
    expect(new Set(codes).size).toBe(codes.length);
    const ext = [...demo.enterprises, ...demo.institutes, ...demo.talents, ...demo.needs].map((r) => r.externalId);
    expect(new Set(ext).size).toBe(ext.length);
    expect(new Set(demo.enterprises.map((e) => e.name)).size).toBe(demo.enterprises.length);
  });

  it('when contact details are read, then they are fictional: 1990000xxxx phones and example.com mail', () => {
    const phones = [
      ...demo.talents.map((t) => t.phone),
      ...demo.enterprises.map((e) => e.liaison?.phone),
      ...demo.institutes.map((i) => i.contact?.phone),
    ].filter((p): p is string => p !== undefined);
    for (const p of phones) expect(p).toMatch(/^1990000\d{4}$/);
    expect(new Set(phones).size).toBe(phones.length);
    const mails = [
      ...demo.talents.map((t) => t.email),
      ...demo.enterprises.map((e) => e.liaison?.email),
      ...demo.institutes.map((i) => i.contact?.email),
    ].filter((m): m is string => m !== undefined);
    for (const m of mails) expect(m).toMatch(/@example\.com$/);
  });

  it('when names are read, then no real brand is spelled', () => {
    const names = [...demo.enterprises.map((e) => e.name), ...demo.institutes.map((i) => i.name), ...demo.talents.map((t) => t.organisation ?? '')];
    for (const n of names) for (const b of FORBIDDEN_BRANDS) expect(n.includes(b), `${n} contains ${b}`).toBe(false);
  });

  it('when consent is read, then about 60% share contacts and about 70% of talents name nodes', () => {
    const share = demo.talents.filter((t) => t.consent.purposes.includes('contact_sharing')).length / demo.talents.length;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.7);
    const withNodes = demo.talents.filter((t) => (t.nodeIds ?? []).length > 0).length / demo.talents.length;
    expect(withNodes).toBeGreaterThan(0.6);
    expect(withNodes).toBeLessThan(0.8);
  });

  it('when text is compared, then it varies: distinct openings, English and mixed records', () => {
    const prefix = new Map<string, number>();
    for (const n of demo.needs) prefix.set(n.description.slice(0, 12), (prefix.get(n.description.slice(0, 12)) ?? 0) + 1);
    const shared = demo.needs.filter((n) => (prefix.get(n.description.slice(0, 12)) ?? 0) > 1).length;
    expect(shared / demo.needs.length).toBeLessThan(0.05);

    const talentText = (t: (typeof demo.talents)[number]) =>
      [t.name, t.title, t.organisation, t.city, t.summary, ...(t.skills ?? []), ...(t.fields ?? []), ...(t.achievements ?? [])].join(' ');
    const english = demo.talents.filter((t) => !HAN.test(talentText(t))).length;
    const mixed = demo.talents.filter((t) => HAN.test(t.summary ?? '') && LATIN_WORD.test(t.summary ?? '')).length;
    expect((english + mixed) / demo.talents.length).toBeGreaterThanOrEqual(0.15);
    expect(english / demo.talents.length).toBeGreaterThanOrEqual(0.08);

    const needsEnglish = demo.needs.filter((n) => !HAN.test(n.description)).length / demo.needs.length;
    expect(needsEnglish).toBeGreaterThan(0.05);
    const summaries = new Set(demo.talents.map((t) => t.summary));
    expect(summaries.size).toBe(demo.talents.length);
  });

  it('when a record is about one node, then its wording stays in that domain', () => {
    const glaze = demo.talents.filter((t) => t.nodeIds?.[0] === 'ceramics-home.raw-glaze');
    expect(glaze.length).toBeGreaterThan(0);
    for (const t of glaze) expect(`${t.summary} ${(t.skills ?? []).join(' ')}`).not.toMatch(/BMS|电池|SOC/);
  });
});

describe('load generator', () => {
  it('when asked for counts, then it yields exactly those, batched, valid and deterministic', () => {
    const run = () => [...generateLoad({ talents: 2500, institutes: 300, needs: 400, seed: 11, batchSize: 1000 })];
    const batches = run();
    const count = (kind: LoadBatch['kind']) => batches.filter((b) => b.kind === kind).reduce((s, b) => s + b.items.length, 0);
    expect(count('talents')).toBe(2500);
    expect(count('institutes')).toBe(300);
    expect(count('needs')).toBe(400);
    expect(count('enterprises')).toBe(100);
    expect(Math.max(...batches.map((b) => b.items.length))).toBeLessThanOrEqual(1000);
    expect(run()).toEqual(batches);

    const posters = new Set<string>();
    for (const b of batches) {
      const sample = b.items.filter((_, i) => i % 37 === 0);
      if (b.kind === 'talents') for (const t of sample) expect(issues(TalentInput.safeParse(t))).toEqual([]);
      if (b.kind === 'institutes') for (const i of sample) expect(issues(InstituteInput.safeParse(i))).toEqual([]);
      if (b.kind === 'enterprises') {
        for (const e of b.items) posters.add(e.externalId);
        for (const e of sample) expect(issues(EnterpriseInput.safeParse(e))).toEqual([]);
      }
      if (b.kind === 'needs')
        for (const n of b.items) {
          expect(posters.has(n.enterpriseExternalId)).toBe(true);
          if (b.items.indexOf(n) % 37 === 0) expect(issues(parseNeed(n))).toEqual([]);
        }
    }
    const first = batches.find((b) => b.kind === 'talents')?.items[0];
    expect(first?.externalId).toBe('load-tal-000001');
  });

  it('when asked for 100,000 talents, then it finishes in a few seconds', () => {
    const started = performance.now();
    let n = 0;
    for (const b of generateLoad({ talents: 100_000, institutes: 0, batchSize: 5000 })) n += b.items.length;
    expect(n).toBe(100_000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
