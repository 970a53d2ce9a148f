import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkLexicon, readOutlineNodeIds } from '../matching/lexicon/check.js';
import { buildLexicon, loadLexicon, normalizeWithOffsets, readLexiconDir } from '../matching/lexicon/lexicon.js';
import type { LexiconSource } from '../matching/lexicon/lexicon.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'matching/lexicon/data');
const outlinePath = join(root, 'seed/data/chain-outline.json');

/** The part-A files and the minimum each must reach (chain files 190, common ~60). */
const PART_A_MINIMUM: Record<string, number> = {
  'common.json': 60,
  'smart-home.json': 190,
  'robotics.json': 190,
  'nev.json': 190,
  'new-materials.json': 190,
};

describe('lexicon data', () => {
  const report = checkLexicon(dataDir, outlinePath);

  it('every file validates against the schema', () => {
    expect(report.errors).toEqual([]);
  });

  it('part A files reach their minimum size', () => {
    for (const [file, min] of Object.entries(PART_A_MINIMUM)) {
      const f = report.files.find((x) => x.file === file);
      expect(f, file).toBeDefined();
      expect(f?.entries ?? 0, file).toBeGreaterThanOrEqual(min);
    }
  });

  // Holds once both halves of the lexicon (parts A and B) are in the folder.
  it('holds at least 1,500 entries in total', () => {
    expect(report.total).toBeGreaterThanOrEqual(1500);
  });

  it('uses only node ids of the chain outline', () => {
    expect(report.unknownNodes).toEqual([]);
  });

  // Holds once both halves exist: part B covers ceramics-home, electronics, biomedicine and food.
  it('gives every outline node at least 10 entries', () => {
    expect(report.thinNodes).toEqual([]);
  });

  it('covers every node of the part-A chains with at least 10 entries', () => {
    const partA = readOutlineNodeIds(outlinePath).filter((n) => /^(smart-home|robotics|nev|new-materials)\./.test(n));
    expect(partA.filter((n) => (report.perNode.get(n) ?? 0) < 10)).toEqual([]);
  });

  it('has no dangling related ids', () => {
    expect(report.dangling).toEqual([]);
  });
});

describe('lexicon matching', () => {
  const lex = loadLexicon(dataDir);
  const ids = (text: string): string[] => lex.detect(text).map((m) => m.id);

  it('finds PLC glued to Chinese text', () => {
    expect(ids('PLC编程')).toContain('plc');
    expect(ids('熟悉 plc 编程')).toContain('plc');
  });

  it('finds an enterprise complaint phrased colloquially', () => {
    expect(ids('压缩机低频嗡嗡响')).toContain('low-frequency-hum');
    expect(ids('低频嗡嗡响')).toContain('low-frequency-hum');
  });

  it('respects Latin word boundaries', () => {
    expect(ids('submsg')).not.toContain('bms');
    expect(ids('the BMS firmware')).toContain('bms');
  });

  it('folds full-width characters', () => {
    expect(ids('ＮＶＨ')).toContain('nvh');
  });

  it('finds several concepts in mixed text with offsets into the original', () => {
    const text = '我司需要BMS算法工程师，熟悉SOC估算、CAN总线，解决电机NVH问题';
    const found = lex.detect(text);
    const got = found.map((m) => m.id);
    expect(got).toEqual(expect.arrayContaining(['bms', 'soc-estimation', 'can-bus', 'nvh']));
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.surface);
    for (let i = 1; i < found.length; i++) expect(found[i]?.start ?? 0).toBeGreaterThanOrEqual(found[i - 1]?.end ?? 0);
  });

  it('maps skill variants to one id', () => {
    const r = lex.normalizeSkills(['伺服调试', 'servo tuning', 'Servo']);
    expect(r.unknown).toEqual([]);
    expect(r.ids).toHaveLength(1);
  });

  it('reports unknown skills', () => {
    const r = lex.normalizeSkills(['PLC', '毫无关系的爱好']);
    expect(r.ids).toEqual(['plc']);
    expect(r.unknown).toEqual(['毫无关系的爱好']);
  });

  it('expands a problem to the technologies that solve it', () => {
    const out = lex.expand(['low-frequency-hum']);
    expect(out[0]).toBe('low-frequency-hum');
    expect(out).toContain('nvh');
  });

  it('infers chain nodes from detected concepts', () => {
    const nodes = lex.nodesOf(ids('电芯析锂、热失控，BMS均衡策略'));
    const top = [...nodes.keys()].slice(0, 3);
    expect(top.some((n) => n.startsWith('nev.'))).toBe(true);
  });

  it('lists Chinese words for the tokenizer', () => {
    const words = lex.words();
    expect(words).toContain('热管理');
    expect(words.every((w) => /\p{Script=Han}/u.test(w) && !/\s/.test(w))).toBe(true);
  });

  it('detects a 500-character text in about a millisecond', () => {
    const text = '客户投诉空调外机低频嗡嗡响，需要做模态分析和NVH优化；产线上PLC与伺服调试、机器视觉检测、MES对接，电池包BMS热管理。'
      .repeat(8)
      .slice(0, 500);
    lex.detect(text);
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) lex.detect(text);
    expect((performance.now() - t0) / 50).toBeLessThan(5);
  });
});

describe('lexicon loader', () => {
  const src = (file: string, index: number, entry: Partial<LexiconSource['entry']> & { id: string }): LexiconSource => ({
    file,
    index,
    entry: { kind: 'technology', zh: '测试', en: 'test', abbr: [], synonyms: [], nodes: ['nev.vehicle'], def: '测试用的条目', related: [], ...entry },
  });

  it('merges duplicate ids and warns', () => {
    const lex = buildLexicon([
      src('a.json', 0, { id: 'x', zh: '甲概念', synonyms: ['甲'], nodes: ['nev.vehicle'] }),
      src('b.json', 3, { id: 'x', zh: '甲概念别名', synonyms: ['alpha'], nodes: ['nev.charging'], related: ['y'] }),
      src('b.json', 4, { id: 'y', zh: '乙概念', en: 'beta' }),
    ]);
    expect(lex.entries).toHaveLength(2);
    const x = lex.byId('x');
    expect(x?.nodes).toEqual(['nev.vehicle', 'nev.charging']);
    expect(x?.synonyms).toEqual(expect.arrayContaining(['甲', 'alpha', '甲概念别名']));
    expect(x?.related).toEqual(['y']);
    expect(lex.warnings.some((w) => w.includes('a.json[0]') && w.includes('b.json[3]'))).toBe(true);
  });

  it('names the file and index of a schema error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
    try {
      writeFileSync(
        join(dir, 'bad.json'),
        JSON.stringify([
          { id: 'ok-entry', kind: 'skill', zh: '好', en: 'ok', nodes: ['nev.vehicle'], def: '一个合法条目' },
          { id: 'Bad Id', kind: 'skill', zh: '坏', en: 'bad', nodes: ['nev.vehicle'], def: '一个非法条目' },
        ]),
      );
      const read = readLexiconDir(dir);
      expect(read.sources).toHaveLength(1);
      expect(read.errors.some((e) => e.startsWith('bad.json[1] (Bad Id) id:'))).toBe(true);
      expect(() => loadLexicon(dir)).toThrow(/bad\.json\[1\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps normalised offsets back to the original text', () => {
    const n = normalizeWithOffsets('ＰＬＣ 编程');
    expect(n.text).toBe('plc编程');
    expect(n.from).toHaveLength(n.text.length);
  });

  it('allows English plurals but not glued words', () => {
    const lex = buildLexicon([src('a.json', 0, { id: 'servo-motor', zh: '伺服电机', en: 'servo motor' })]);
    expect(lex.detect('two Servo Motors').map((m) => m.surface)).toEqual(['Servo Motors']);
    expect(lex.detect('servo motorway')).toEqual([]);
  });
});
