import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildLexicon, readLexiconDir } from './lexicon.js';

/**
 * Lexicon health check: `npx tsx matching/lexicon/check.ts [dataDir] [outline.json]`.
 * Prints counts per file and kind, duplicate ids, dangling `related` ids, unknown node ids and
 * thin nodes; exits 1 on schema errors or unknown node ids (the hard failures), 0 otherwise.
 */

/** Nodes with fewer entries than this cannot ground node inference or facet search. */
export const MIN_ENTRIES_PER_NODE = 10;

export interface LexiconReport {
  files: Array<{ file: string; entries: number; kinds: Record<string, number> }>;
  total: number;
  uniqueIds: number;
  errors: string[];
  duplicateIds: string[];
  dangling: Array<{ id: string; related: string }>;
  unknownNodes: Array<{ id: string; node: string }>;
  perNode: Map<string, number>;
  thinNodes: string[];
  warnings: string[];
}

/** Every `<chain>.<node>` id of the fixed outline, in outline order. */
export function readOutlineNodeIds(outlinePath: string): string[] {
  const raw = JSON.parse(readFileSync(outlinePath, 'utf8')) as { chains: Array<{ code: string; nodes: Array<[string, string, string]> }> };
  return raw.chains.flatMap((c) => c.nodes.map(([node]) => `${c.code}.${node}`));
}

export function checkLexicon(dataDir: string, outlinePath: string): LexiconReport {
  const read = readLexiconDir(dataDir);
  const outline = readOutlineNodeIds(outlinePath);
  const known = new Set(outline);

  const files = read.files.map((file) => {
    const kinds: Record<string, number> = {};
    let entries = 0;
    for (const s of read.sources) {
      if (s.file !== file) continue;
      entries++;
      kinds[s.entry.kind] = (kinds[s.entry.kind] ?? 0) + 1;
    }
    return { file, entries, kinds };
  });

  const seen = new Map<string, number>();
  for (const s of read.sources) seen.set(s.entry.id, (seen.get(s.entry.id) ?? 0) + 1);
  const duplicateIds = [...seen].filter(([, n]) => n > 1).map(([id]) => id);

  const lexicon = buildLexicon(read.sources);
  const dangling: LexiconReport['dangling'] = [];
  const unknownNodes: LexiconReport['unknownNodes'] = [];
  const perNode = new Map<string, number>(outline.map((n) => [n, 0]));
  for (const e of lexicon.entries) {
    for (const r of e.related) if (!lexicon.byId(r)) dangling.push({ id: e.id, related: r });
    for (const node of e.nodes) {
      if (!known.has(node)) unknownNodes.push({ id: e.id, node });
      else perNode.set(node, (perNode.get(node) ?? 0) + 1);
    }
  }
  const thinNodes = [...perNode].filter(([, n]) => n < MIN_ENTRIES_PER_NODE).map(([node]) => node);

  return {
    files,
    total: read.sources.length,
    uniqueIds: lexicon.entries.length,
    errors: read.errors,
    duplicateIds,
    dangling,
    unknownNodes,
    perNode,
    thinNodes,
    warnings: lexicon.warnings.filter((w) => !w.startsWith('duplicate id')),
  };
}

function main(argv: string[]): number {
  const here = dirname(fileURLToPath(import.meta.url));
  const dataDir = resolve(argv[0] ?? join(here, 'data'));
  const outlinePath = resolve(argv[1] ?? join(here, '../../seed/data/chain-outline.json'));
  const r = checkLexicon(dataDir, outlinePath);
  const kinds = [...new Set(r.files.flatMap((f) => Object.keys(f.kinds)))].sort();

  console.log(`lexicon ${dataDir}`);
  console.log(['file'.padEnd(22), 'entries'.padStart(7), ...kinds.map((k) => k.slice(0, 10).padStart(11))].join(''));
  for (const f of r.files) {
    console.log([f.file.padEnd(22), String(f.entries).padStart(7), ...kinds.map((k) => String(f.kinds[k] ?? 0).padStart(11))].join(''));
  }
  console.log(`total ${r.total} entries, ${r.uniqueIds} unique ids`);

  const section = (title: string, lines: string[]): void => {
    console.log(`\n${title}: ${lines.length}`);
    for (const l of lines.slice(0, 50)) console.log(`  ${l}`);
    if (lines.length > 50) console.log(`  … ${lines.length - 50} more`);
  };
  section('schema errors', r.errors);
  section('duplicate ids (merged)', r.duplicateIds);
  section(
    'dangling related ids',
    r.dangling.map((d) => `${d.id} → ${d.related}`),
  );
  section(
    'unknown node ids',
    r.unknownNodes.map((u) => `${u.id}: ${u.node}`),
  );
  section('surface collisions', r.warnings);
  console.log(`\nentries per node (flag: < ${MIN_ENTRIES_PER_NODE})`);
  for (const [node, n] of r.perNode) console.log(`  ${n < MIN_ENTRIES_PER_NODE ? '!' : ' '} ${node.padEnd(36)} ${n}`);

  return r.errors.length > 0 || r.unknownNodes.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
