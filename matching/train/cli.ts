/**
 * `npm run train`: trains the encoder on the lexicon (and the demo corpus when present) and
 * writes matching/model/. Options: --steps N, --dim N, --heads N, --seed N, --backend auto|node|wasm|cpu,
 * --config '{"learningRate":0.02}' (any TrainConfig field), --lexicon DIR, --out DIR, --no-demo, --holdout (withhold 15% of synonyms, report how well they
 * are found again, write nothing).
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeArtifact } from '../encoder/artifact.js';
import type { ModelMeta } from '../encoder/artifact.js';
import { cosine, createEncoder } from '../encoder/encoder.js';
import { buildLexicon, readLexiconDir } from '../lexicon/lexicon.js';
import { createTokenizer } from '../text/tokenize.js';
import { loadTf } from '../tf/backend.js';
import type { TfBackendPreference } from '../tf/backend.js';
import { demoPairs } from './corpus.js';
import { holdOutSynonyms, retrievalScores } from './holdout.js';
import { countKinds, lexiconPairs } from './pairs.js';
import type { TrainingPair } from './pairs.js';
import { createRng } from './rng.js';
import { DEFAULT_TRAIN_CONFIG, trainEncoder } from './train.js';
import type { TrainConfig, TrainResult } from './train.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = (msg: string): void => console.log(`[train] ${msg}`);

const { values } = parseArgs({
  options: {
    steps: { type: 'string' },
    dim: { type: 'string' },
    heads: { type: 'string' },
    seed: { type: 'string' },
    backend: { type: 'string', default: 'auto' },
    lexicon: { type: 'string', default: path.join(root, 'matching/lexicon/data') },
    out: { type: 'string', default: path.join(root, 'matching/model') },
    'no-demo': { type: 'boolean', default: false },
    holdout: { type: 'boolean', default: false },
    config: { type: 'string' },
  },
});
const int = (v: string | undefined, fallback: number): number => (v === undefined ? fallback : Number.parseInt(v, 10));
const config = {
  ...DEFAULT_TRAIN_CONFIG,
  steps: int(values.steps, DEFAULT_TRAIN_CONFIG.steps),
  dim: int(values.dim, DEFAULT_TRAIN_CONFIG.dim),
  heads: int(values.heads, DEFAULT_TRAIN_CONFIG.heads),
  seed: int(values.seed, DEFAULT_TRAIN_CONFIG.seed),
  ...(values.config ? (JSON.parse(values.config) as Partial<TrainConfig>) : {}),
};
const backends = ['auto', 'node', 'wasm', 'cpu'] as const;
const preference = backends.find((b) => b === values.backend);
if (!preference) throw new Error(`--backend must be one of ${backends.join(', ')}`);

const tf = await loadTf(preference satisfies TfBackendPreference, log);

const read = readLexiconDir(values.lexicon);
// The data files are edited by hand; train on what validates and say what was skipped.
for (const e of read.errors.slice(0, 10)) log(`lexicon: skipped ${e}`);
if (read.errors.length > 10) log(`lexicon: … ${read.errors.length - 10} more errors`);
const fullLexicon = buildLexicon(read.sources);
if (fullLexicon.entries.length === 0) throw new Error(`no lexicon entries in ${values.lexicon}`);
log(`lexicon: ${fullLexicon.entries.length} entries from ${read.files.length} files`);
const holdout = values.holdout ? holdOutSynonyms(fullLexicon.entries, 0.15, createRng(config.seed + 2)) : undefined;
const lexicon = holdout ? buildLexicon(holdout.entries.map((entry, index) => ({ file: 'holdout', index, entry }))) : fullLexicon;
if (holdout) log(`holdout: ${holdout.held.length} synonyms withheld from pairs and detection`);
const tokenizer = createTokenizer({ extraWords: lexicon.words() });

const rng = createRng(config.seed + 1);
const pairs: TrainingPair[] = lexiconPairs(lexicon.entries, rng);
const notes: string[] = [];
const demoFile = path.join(root, 'seed/demo.ts');
if (!values['no-demo'] && existsSync(demoFile)) {
  const extra = await demoPairs(pathToFileURL(demoFile).href, lexicon);
  pairs.push(...extra.pairs);
  notes.push(...extra.notes);
} else {
  notes.push(values['no-demo'] ? 'demo corpus disabled (--no-demo)' : 'seed/demo.ts absent: trained on the lexicon alone');
}
for (const n of notes) log(n);
const corpus = countKinds(pairs);
log(`pairs: ${JSON.stringify(corpus)}`);

const result = await trainEncoder({ tf, tokenizer, lexicon, pairs, config, log });
if (holdout) {
  const outDir = path.join(tmpdir(), `chaintalent-holdout-${process.pid}`);
  await writeArtifact(outDir, result.artifact, metaOf(result));
  const enc = await createEncoder({ tf, modelDir: outDir, lexicon, tokenizer });
  const ids = lexicon.entries.map((e) => e.id);
  const candidates = enc.embed(lexicon.entries.map((e) => `${e.zh} ${e.en}`));
  const vectors = enc.embed(holdout.held.map((h) => h.text));
  const queries = holdout.held.map((h, i) => ({ target: ids.indexOf(h.id), vector: vectors[i] ?? new Float32Array(enc.dim) }));
  const s = retrievalScores(queries, candidates);
  log(
    `holdout: unseen synonym → its entry among ${ids.length}: recall@1 ${s.recallAt1.toFixed(3)}, recall@5 ${s.recallAt5.toFixed(3)}, MRR ${s.mrr.toFixed(3)} (n=${queries.length})`,
  );
  enc.dispose();
  await rm(outDir, { recursive: true });
  process.exit(0);
}
function metaOf(r: TrainResult): Omit<ModelMeta, 'version' | 'sha256'> {
  return {
    createdAt: new Date().toISOString(),
    dim: config.dim,
    heads: config.heads,
    vocabularySize: r.artifact.topology.vocabulary.length,
    features: config.features,
    tokenizer: 'createTokenizer({ extraWords: lexicon.words() }) from matching/text/tokenize.ts',
    seed: config.seed,
    steps: config.steps,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    temperature: config.temperature,
    averageFrom: config.averageFrom,
    finalLoss: Number(r.finalLoss.toFixed(4)),
    lossCurve: r.lossCurve,
    trainingWallSeconds: Number(r.wallSeconds.toFixed(1)),
    backend: r.backend,
    lexiconEntries: lexicon.entries.length,
    corpus,
    notes,
  };
}
const meta = await writeArtifact(values.out, result.artifact, metaOf(result));
log(`wrote ${values.out}: ${meta.version}, ${meta.vocabularySize} rows × ${meta.dim}, ${meta.trainingWallSeconds} s`);

// A quick look at what the model learnt, printed with the run so regressions show in the log.
const encoder = await createEncoder({ tf, modelDir: values.out, lexicon, tokenizer });
const probes: Array<[string, string, string]> = [
  ['伺服电机', 'servo motor', 'ceramic glaze'],
  ['lithium battery pack thermal management', '电池包热管理', '陶瓷砖釉面'],
  ['变频空调低频嗡嗡响', '转子动力学 NVH 振动分析', '注塑模具设计'],
];
for (const [q, pos, neg] of probes) {
  const [vq, vp, vn] = encoder.embed([q, pos, neg]);
  if (vq && vp && vn) log(`cos(${q}, ${pos}) = ${cosine(vq, vp).toFixed(3)}  vs  cos(${q}, ${neg}) = ${cosine(vq, vn).toFixed(3)}`);
}
// Throughput on realistic lengths: the training texts, repeated up to 20k.
const sample: string[] = [];
while (sample.length < 20_000) for (const p of pairs.slice(0, 20_000 - sample.length)) sample.push(`${p.a} ${p.b}`);
const t0 = performance.now();
encoder.embed(sample);
const secs = (performance.now() - t0) / 1000;
const chars = sample.reduce((n, t) => n + t.length, 0) / sample.length;
log(
  `embed: ${sample.length} texts (mean ${chars.toFixed(0)} chars) in ${secs.toFixed(2)} s = ${Math.round(sample.length / secs)} texts/s on ${encoder.backend}`,
);
encoder.dispose();
