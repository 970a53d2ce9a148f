import type { Scalar } from '@tensorflow/tfjs';
import type { ModelArtifact } from '../encoder/artifact.js';
import { bagForward } from '../encoder/bag.js';
import type { SparseBatch } from '../encoder/bag.js';
import { createFeaturizer } from '../encoder/features.js';
import type { ConceptLexicon, FeatureConfig } from '../encoder/features.js';
import { DEFAULT_FEATURE_CONFIG } from '../encoder/features.js';
import type { Tokenizer } from '../text/tokenize.js';
import type { Tf } from '../tf/backend.js';
import type { TrainingPair } from './pairs.js';
import { createRng } from './rng.js';
import type { Rng } from './rng.js';

/** Hyper-parameters of a training run; all of them are recorded in meta.json. */
export interface TrainConfig {
  dim: number;
  steps: number;
  /** Pairs per step; each pair's positive is every other pair's negative. */
  batchSize: number;
  learningRate: number;
  /** InfoNCE temperature: logits are cosines / temperature. */
  temperature: number;
  seed: number;
  features: FeatureConfig;
  /** Chance a concept feature is hidden from a text in a step, so tokens and bigrams learn the meaning too. */
  conceptDropout: number;
  /** Chance any other feature is hidden in a step (robustness to partial wording). */
  featureDropout: number;
  /** Han bigrams seen in fewer training texts are left out of the vocabulary (noise, model size). */
  minBigramDf: number;
  /** Standard deviation of the initial table. */
  initScale: number;
  /**
   * Share of the steps after which the table is averaged step by step (Polyak–Ruppert tail
   * averaging): the mean of the late iterates is steadier than the last one, whose place in the
   * loss's noise depends on the seed. The encoder is linear in the table up to the final
   * normalisation, so the average is one table, at no cost when embedding. 1 turns it off.
   */
  averageFrom: number;
  /**
   * Independently trained heads of `dim / heads` each, side by side in one table (same data and
   * vocabulary; own initial table, batch order and dropout): an ensemble whose mean cosine is
   * steadier than any one head's, at the cost of one model of width `dim`.
   */
  heads: number;
  logEvery: number;
}

/** Seed offset between heads; any fixed odd number keeps their random streams apart. */
const HEAD_SEED_STEP = 7919;

/** The configuration `npm run train` uses. */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  dim: 96,
  steps: 1500,
  batchSize: 256,
  learningRate: 0.01,
  temperature: 0.05,
  seed: 20211,
  features: DEFAULT_FEATURE_CONFIG,
  conceptDropout: 0.4,
  featureDropout: 0.1,
  minBigramDf: 2,
  initScale: 0.1,
  averageFrom: 0.67,
  heads: 2,
  logEvery: 100,
};

/** What {@link trainEncoder} needs: tf with a backend, the text pipeline, and the pairs. */
export interface TrainInput {
  tf: Tf;
  tokenizer: Tokenizer;
  lexicon: ConceptLexicon;
  pairs: readonly TrainingPair[];
  config: TrainConfig;
  log: (msg: string) => void;
}

/** The trained artefact plus the numbers worth recording. */
export interface TrainResult {
  artifact: ModelArtifact;
  lossCurve: Array<[number, number]>;
  finalLoss: number;
  wallSeconds: number;
  backend: string;
}

interface TextBag {
  rows: Int32Array;
  weights: Float32Array;
  isConcept: Uint8Array;
}

/**
 * Trains the bag-of-features encoder with a symmetric in-batch InfoNCE loss. Deterministic:
 * the table is initialised and the batches ordered from `config.seed` alone, feature order is
 * fixed by the pair order, and the backends run single-threaded, so equal inputs give equal
 * weights bit for bit.
 */
export async function trainEncoder(input: TrainInput): Promise<TrainResult> {
  const { tf, tokenizer, lexicon, pairs, config, log } = input;
  const started = performance.now();
  const rng = createRng(config.seed);
  const featurize = createFeaturizer({ tokenizer, lexicon, config: config.features });

  // Featurise every distinct text once; jieba and detection dominate otherwise.
  const textIds = new Map<string, number>();
  const texts: string[] = [];
  for (const p of pairs) {
    for (const t of [p.a, p.b]) {
      if (!textIds.has(t)) {
        textIds.set(t, texts.length);
        texts.push(t);
      }
    }
  }
  const featured = texts.map(featurize);
  const df = new Map<string, number>();
  for (const feats of featured) for (const f of feats) df.set(f.key, (df.get(f.key) ?? 0) + 1);
  const vocabulary = [...df.entries()]
    .filter(([key, n]) => !key.startsWith('b:') || n >= config.minBigramDf)
    .map(([key]) => key)
    .sort();
  const index = new Map(vocabulary.map((k, i) => [k, i]));
  const idf = new Float32Array(vocabulary.length);
  vocabulary.forEach((k, i) => {
    idf[i] = Math.log((texts.length + 1) / ((df.get(k) ?? 0) + 1)) + 1;
  });
  const bags: TextBag[] = featured.map((feats) => {
    const known = feats.filter((f) => index.has(f.key));
    const rows = Int32Array.from(known, (f) => index.get(f.key) ?? 0);
    return {
      rows,
      weights: Float32Array.from(known, (f, i) => f.weight * (idf[rows[i] ?? 0] ?? 1)),
      isConcept: Uint8Array.from(known, (f) => (f.key.startsWith('c:') ? 1 : 0)),
    };
  });
  const kinds = { t: 0, b: 0, c: 0 };
  for (const k of vocabulary) kinds[k[0] as 't' | 'b' | 'c'] += 1;
  log(
    `texts ${texts.length}, pairs ${pairs.length}, vocabulary ${vocabulary.length} (tokens ${kinds.t}, bigrams ${kinds.b}, concepts ${kinds.c}), dim ${config.dim}`,
  );

  /** Trains one head from its own random stream (initial table, batch order, dropout). */
  const trainHead = async (rng: Rng, headDim: number, label: string) => {
    const init = new Float32Array(vocabulary.length * headDim);
    for (let i = 0; i < init.length; i++) init[i] = rng.normal() * config.initScale;
    // Unnamed: tf variable names are process-global, and tests train twice in one process.
    const initial = tf.tensor2d(init, [vocabulary.length, headDim]);
    const table = tf.variable(initial);
    initial.dispose();
    const optimizer = tf.train.adam(config.learningRate);
    const scale = 1 / config.temperature;

    const pairIdx = pairs.map((p) => [textIds.get(p.a) ?? 0, textIds.get(p.b) ?? 0] as const);
    const lossCurve: Array<[number, number]> = [];
    let window = 0;
    let windowN = 0;
    let finalLoss = Number.NaN;
    const batches = batchOrder(pairs, config.batchSize, rng);
    const averageAfter = Math.floor(config.steps * Math.min(1, Math.max(0, config.averageFrom)));
    let average: ReturnType<Tf['variable']> | undefined;
    let averaged = 0;

    for (let step = 1; step <= config.steps; step++) {
      const batch = batches.next(step);
      const a = toSparse(
        batch.map((i) => bags[pairIdx[i]?.[0] ?? 0]),
        config,
        rng,
      );
      const b = toSparse(
        batch.map((i) => bags[pairIdx[i]?.[1] ?? 0]),
        config,
        rng,
      );
      const n = batch.length;
      const mask = new Float32Array(n * n);
      const w = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const pi = pairs[batch[i] ?? 0];
        w[i] = pi?.weight ?? 0;
        for (let j = 0; j < n; j++) {
          if (i === j) continue;
          const pj = pairs[batch[j] ?? 0];
          if (pi && pj && pi.keys.some((k) => pj.keys.includes(k))) mask[i * n + j] = -1e4;
        }
      }
      const lossTensor = optimizer.minimize(
        () =>
          tf.tidy(() => {
            const va = bagForward(tf, table, a);
            const vb = bagForward(tf, table, b);
            const logits = tf.add(tf.mul(tf.matMul(va, vb, false, true), scale), tf.tensor2d(mask, [n, n]));
            const eye = tf.eye(n);
            const ab = tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), eye), 1));
            const ba = tf.neg(tf.sum(tf.mul(tf.logSoftmax(tf.transpose(logits)), eye), 1));
            const weights = tf.tensor1d(w);
            return tf.div(tf.sum(tf.mul(tf.add(ab, ba), weights)), tf.mul(tf.sum(weights), 2)) as Scalar;
          }),
        true,
        [table],
      );
      if (!lossTensor) throw new Error('optimizer returned no loss');
      const loss = lossTensor.dataSync()[0] ?? Number.NaN;
      lossTensor.dispose();
      if (!Number.isFinite(loss)) throw new Error(`loss is ${loss} at step ${step}`);
      if (step > averageAfter) {
        averaged++;
        if (!average) {
          const first = table.clone();
          average = tf.variable(first);
          first.dispose();
        } else {
          const mean = average;
          tf.tidy(() => mean.assign(tf.add(mean, tf.div(tf.sub(table, mean), averaged))));
        }
      }
      window += loss;
      windowN++;
      if (step % config.logEvery === 0 || step === config.steps) {
        const avg = window / windowN;
        lossCurve.push([step, Number(avg.toFixed(4))]);
        finalLoss = avg;
        log(`${label}step ${String(step).padStart(5)}  loss ${avg.toFixed(4)}  ${((performance.now() - started) / 1000).toFixed(1)} s`);
        window = 0;
        windowN = 0;
      }
    }

    const embedding = (await (average ?? table).data()) as Float32Array;
    if (average) log(`${label}table averaged over the last ${averaged} steps`);
    table.dispose();
    average?.dispose();
    optimizer.dispose();
    return { embedding, lossCurve, finalLoss };
  };

  if (!Number.isInteger(config.heads) || config.heads < 1 || config.dim % config.heads !== 0) {
    throw new Error(`dim ${config.dim} must be a positive multiple of heads ${config.heads}`);
  }
  const heads = config.heads;
  const headDim = config.dim / heads;
  const results: Array<Awaited<ReturnType<typeof trainHead>>> = [];
  for (let h = 0; h < heads; h++) {
    // Head 0 keeps the run's own stream, so a one-head model is the same as before heads existed.
    results.push(await trainHead(h === 0 ? rng : createRng(config.seed + h * HEAD_SEED_STEP), headDim, heads > 1 ? `head ${h + 1}/${heads} ` : ''));
  }
  // Row i of the model is every head's row i side by side.
  const embedding = new Float32Array(vocabulary.length * config.dim);
  results.forEach((r, h) => {
    for (let i = 0; i < vocabulary.length; i++) embedding.set(r.embedding.subarray(i * headDim, (i + 1) * headDim), i * config.dim + h * headDim);
  });
  const lossCurve = (results[0]?.lossCurve ?? []).map(([step], k): [number, number] => [
    step,
    Number((results.reduce((s, r) => s + (r.lossCurve[k]?.[1] ?? 0), 0) / heads).toFixed(4)),
  ]);
  const finalLoss = results.reduce((s, r) => s + r.finalLoss, 0) / heads;
  return {
    artifact: { topology: { type: 'weighted-bag', dim: config.dim, heads, features: config.features, vocabulary }, embedding, idf },
    lossCurve,
    finalLoss,
    wallSeconds: (performance.now() - started) / 1000,
    backend: tf.getBackend(),
  };
}

/** Builds one side of a step's batch, hiding features at random (seeded). */
function toSparse(bags: Array<TextBag | undefined>, config: TrainConfig, rng: Rng): SparseBatch {
  const rows: number[] = [];
  const segments: number[] = [];
  const weights: number[] = [];
  bags.forEach((bag, t) => {
    if (!bag) return;
    const before = rows.length;
    for (let i = 0; i < bag.rows.length; i++) {
      const p = bag.isConcept[i] ? config.conceptDropout : config.featureDropout;
      if (rng.next() < p) continue;
      rows.push(bag.rows[i] ?? 0);
      segments.push(t);
      weights.push(bag.weights[i] ?? 0);
    }
    // Never hide a whole text: an empty bag would only teach the model noise.
    if (rows.length === before) {
      for (let i = 0; i < bag.rows.length; i++) {
        rows.push(bag.rows[i] ?? 0);
        segments.push(t);
        weights.push(bag.weights[i] ?? 0);
      }
    }
  });
  return { size: bags.length, rows: Int32Array.from(rows), segments: Int32Array.from(segments), weights: Float32Array.from(weights) };
}

/**
 * Epochs alternate between a plain shuffle and batches filled from one chain at a time (its
 * other nodes' concepts are the hard negatives that a random batch rarely contains).
 */
function batchOrder(pairs: readonly TrainingPair[], batchSize: number, rng: Rng): { next(step: number): number[] } {
  let queue: number[][] = [];
  let epoch = 0;
  const refill = (): void => {
    const order = rng.shuffle(pairs.map((_, i) => i));
    if (epoch % 2 === 1) {
      const groups = new Map<string, number[]>();
      for (const i of order) {
        const g = pairs[i]?.group ?? '';
        const list = groups.get(g) ?? [];
        list.push(i);
        groups.set(g, list);
      }
      order.length = 0;
      for (const g of [...groups.keys()].sort()) order.push(...(groups.get(g) ?? []));
    }
    const batches: number[][] = [];
    for (let s = 0; s + 1 < order.length; s += batchSize) batches.push(order.slice(s, s + batchSize));
    queue = rng.shuffle(batches);
    epoch++;
  };
  return {
    next() {
      if (queue.length === 0) refill();
      const b = queue.pop();
      if (!b) throw new Error('no training pairs');
      return b;
    },
  };
}
