import type { Tokenizer } from '../text/tokenize.js';
import type { Tf } from '../tf/backend.js';
import { readArtifact } from './artifact.js';
import { bagForward } from './bag.js';
import type { SparseBatch } from './bag.js';
import { createFeaturizer } from './features.js';
import type { ConceptLexicon, WeightedFeature } from './features.js';

/** One feature of a text as the encoder sees it, for explanations and debugging. */
export interface EncoderFeature {
  /** `t:<token>`, `b:<Han bigram>` or `c:<concept id>`. */
  key: string;
  /** Weight in the bag: kind weight × (1 + ln count) × IDF; 0 when the feature is not in the vocabulary. */
  weight: number;
  /** Whether the model has a row for it (features never seen in training are dropped). */
  known: boolean;
}

/** Text → unit vector. Vectors of different `version`s must never be compared. */
export interface Encoder {
  /** `enc-<yyyymmdd>-<sha256 prefix of the model files>`; stored with every vector. */
  readonly version: string;
  readonly dim: number;
  /** The tf backend the encoder runs on (tensorflow, wasm or cpu). */
  readonly backend: string;
  /** Unit-length vectors, one per text (all zeros for a text with no known feature). */
  embed(texts: readonly string[]): Float32Array[];
  /** The weighted features of a text, heaviest first. */
  features(text: string): EncoderFeature[];
  /** Frees the embedding table on the tf backend. */
  dispose(): void;
}

/** Options for {@link createEncoder}. */
export interface EncoderOptions {
  tf: Tf;
  /** Directory holding model.json, weights.bin and meta.json (matching/model). */
  modelDir: string;
  lexicon: ConceptLexicon;
  /** Must be built like the one used in training: `createTokenizer({ extraWords: lexicon.words() })`. */
  tokenizer: Tokenizer;
  /** Texts per tf batch; larger batches amortise per-op overhead. */
  batchSize?: number;
}

/** Loads the trained model from disk and returns an encoder running on the current tf backend. */
export async function createEncoder(options: EncoderOptions): Promise<Encoder> {
  const { tf, modelDir, lexicon, tokenizer } = options;
  const batchSize = options.batchSize ?? 1024;
  const model = await readArtifact(tf, modelDir);
  const { topology, idf } = model;
  const index = new Map<string, number>();
  topology.vocabulary.forEach((key, i) => index.set(key, i));
  const featurize = createFeaturizer({ tokenizer, lexicon, config: topology.features });
  const dim = topology.dim;

  const toBatch = (bags: WeightedFeature[][]): SparseBatch => {
    let n = 0;
    for (const bag of bags) n += bag.length;
    const rows = new Int32Array(n);
    const segments = new Int32Array(n);
    const weights = new Float32Array(n);
    let k = 0;
    bags.forEach((bag, t) => {
      for (const f of bag) {
        const row = index.get(f.key);
        if (row === undefined) continue;
        rows[k] = row;
        segments[k] = t;
        weights[k] = f.weight * (idf[row] ?? 1);
        k++;
      }
    });
    return { size: bags.length, rows: rows.subarray(0, k), segments: segments.subarray(0, k), weights: weights.subarray(0, k) };
  };

  return {
    version: model.meta.version,
    dim,
    backend: tf.getBackend(),
    embed(texts) {
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const chunk = texts.slice(start, start + batchSize);
        const batch = toBatch(chunk.map(featurize));
        const vectors = tf.tidy(() => bagForward(tf, model.embedding, batch, topology.heads));
        const flat = vectors.dataSync() as Float32Array;
        vectors.dispose();
        for (let i = 0; i < chunk.length; i++) out.push(flat.slice(i * dim, (i + 1) * dim));
      }
      return out;
    },
    features(text) {
      return featurize(text)
        .map((f) => {
          const row = index.get(f.key);
          return row === undefined ? { key: f.key, weight: 0, known: false } : { key: f.key, weight: f.weight * (idf[row] ?? 1), known: true };
        })
        .sort((a, b) => b.weight - a.weight || a.key.localeCompare(b.key));
    },
    dispose() {
      model.embedding.dispose();
    },
  };
}

/** Cosine of two vectors; for the encoder's unit vectors this is their dot product. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
