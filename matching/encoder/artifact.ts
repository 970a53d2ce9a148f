import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { io } from '@tensorflow/tfjs';
import type { Tf } from '../tf/backend.js';

/**
 * The trained encoder on disk (matching/model/):
 * - `model.json`: TF.js model-JSON layout; `modelTopology` holds the feature configuration and
 *   the vocabulary (row i of the table is feature `vocabulary[i]`), `weightsManifest` the tensors.
 * - `weights.bin`: `embedding` [V, dim] (float16: half the size, and cosines move by < 1e-3)
 *   and `idf` [V] float32.
 * - `meta.json`: version and training record. The version ends with the first 8 hex digits of
 *   sha256(model.json ‖ weights.bin), so any change to vocabulary or weights changes it.
 */
export const MODEL_FORMAT = 'chaintalent-bag-encoder/1';

export const FeatureConfigSchema = z.strictObject({
  tokenWeight: z.number().nonnegative(),
  bigramWeight: z.number().nonnegative(),
  conceptWeight: z.number().nonnegative(),
  relatedWeight: z.number().nonnegative(),
});

export const ModelTopologySchema = z
  .strictObject({
    type: z.literal('weighted-bag'),
    /** Width of the whole vector: `heads` independently trained parts of `dim / heads` each. */
    dim: z.number().int().positive(),
    heads: z.number().int().positive().default(1),
    features: FeatureConfigSchema,
    vocabulary: z.array(z.string()),
  })
  .refine((t) => t.dim % t.heads === 0, { message: 'dim must be a multiple of heads', path: ['heads'] });
export type ModelTopology = z.infer<typeof ModelTopologySchema>;

const WeightSpecSchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.enum(['float32', 'int32']),
  quantization: z.object({ dtype: z.literal('float16') }).optional(),
});

const ModelJsonSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  generatedBy: z.string(),
  modelTopology: ModelTopologySchema,
  weightsManifest: z.array(z.object({ paths: z.array(z.string()), weights: z.array(WeightSpecSchema) })).length(1),
});

/** Training record written beside the weights; `version` is what stored vectors are tagged with. */
export const ModelMetaSchema = z.object({
  version: z.string(),
  createdAt: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  dim: z.number().int().positive(),
  /** Independently trained heads side by side (absent: one). */
  heads: z.number().int().positive().optional(),
  vocabularySize: z.number().int().nonnegative(),
  features: FeatureConfigSchema,
  tokenizer: z.string(),
  seed: z.number().int(),
  steps: z.number().int().nonnegative(),
  batchSize: z.number().int().positive(),
  learningRate: z.number().positive(),
  temperature: z.number().positive(),
  /** Share of the steps after which the table was averaged (1 or absent: the last iterate). */
  averageFrom: z.number().min(0).max(1).optional(),
  finalLoss: z.number(),
  lossCurve: z.array(z.tuple([z.number().int(), z.number()])),
  trainingWallSeconds: z.number().nonnegative(),
  backend: z.string(),
  lexiconEntries: z.number().int().nonnegative(),
  corpus: z.record(z.string(), z.number().int().nonnegative()),
  notes: z.array(z.string()).default([]),
});
export type ModelMeta = z.infer<typeof ModelMetaSchema>;

/** Everything a trained model consists of, in memory. */
export interface ModelArtifact {
  topology: ModelTopology;
  /** Row-major [vocabulary.length, dim]. */
  embedding: Float32Array;
  idf: Float32Array;
}

/** The weights as loaded for inference: the table stays on the tf backend. */
export interface LoadedModel {
  topology: ModelTopology;
  meta: ModelMeta;
  embedding: ReturnType<Tf['tensor2d']>;
  idf: Float32Array;
  sha256: string;
}

/** sha256 over the bytes that define the encoder's function (model.json then weights.bin). */
export function artifactHash(modelJson: Uint8Array, weights: Uint8Array): string {
  return createHash('sha256').update(modelJson).update(weights).digest('hex');
}

/** Serialises an artefact to the two files that define it; deterministic for equal inputs. */
export function serializeArtifact(a: ModelArtifact): { modelJson: Buffer; weights: Buffer } {
  const v = a.topology.vocabulary.length;
  const dim = a.topology.dim;
  if (a.embedding.length !== v * dim || a.idf.length !== v) throw new Error('artefact shapes do not match the vocabulary');
  const half = float32ToFloat16(a.embedding);
  const weights = Buffer.concat([
    Buffer.from(half.buffer, half.byteOffset, half.byteLength),
    Buffer.from(a.idf.buffer, a.idf.byteOffset, a.idf.byteLength),
  ]);
  const manifest: io.WeightsManifestConfig = [
    {
      paths: ['weights.bin'],
      weights: [
        { name: 'embedding', shape: [v, dim], dtype: 'float32', quantization: { dtype: 'float16' } },
        { name: 'idf', shape: [v], dtype: 'float32' },
      ],
    },
  ];
  const json = {
    format: MODEL_FORMAT,
    generatedBy: 'matching/train (npm run train)',
    modelTopology: a.topology,
    weightsManifest: manifest,
  };
  return { modelJson: Buffer.from(`${JSON.stringify(json)}\n`, 'utf8'), weights };
}

/**
 * Writes model.json, weights.bin and meta.json (version derived from the hash). Files are
 * written to temporaries and renamed, so a server reading the directory never sees a mix.
 */
export async function writeArtifact(dir: string, a: ModelArtifact, meta: Omit<ModelMeta, 'version' | 'sha256'>): Promise<ModelMeta> {
  const { modelJson, weights } = serializeArtifact(a);
  const sha256 = artifactHash(modelJson, weights);
  const day = meta.createdAt.slice(0, 10).replaceAll('-', '');
  const full: ModelMeta = { version: `enc-${day}-${sha256.slice(0, 8)}`, sha256, ...meta };
  await mkdir(dir, { recursive: true });
  const files: Array<[string, Uint8Array]> = [
    ['weights.bin', weights],
    ['model.json', modelJson],
    ['meta.json', Buffer.from(`${JSON.stringify(full, null, 2)}\n`, 'utf8')],
  ];
  for (const [name, bytes] of files) await writeFile(path.join(dir, `${name}.tmp`), bytes);
  for (const [name] of files) await rename(path.join(dir, `${name}.tmp`), path.join(dir, name));
  return full;
}

/** Reads and checks a model directory; throws when meta.json's hash does not match the files. */
export async function readArtifact(tf: Tf, dir: string): Promise<LoadedModel> {
  const [modelBytes, metaBytes] = await Promise.all([readFile(path.join(dir, 'model.json')), readFile(path.join(dir, 'meta.json'))]);
  const model = ModelJsonSchema.parse(JSON.parse(modelBytes.toString('utf8')));
  const meta = ModelMetaSchema.parse(JSON.parse(metaBytes.toString('utf8')));
  const group = model.weightsManifest[0];
  if (!group) throw new Error('model.json has no weights');
  const weights = Buffer.concat(await Promise.all(group.paths.map((p) => readFile(path.join(dir, p)))));
  const sha256 = artifactHash(modelBytes, weights);
  if (sha256 !== meta.sha256)
    throw new Error(`model files in ${dir} do not match meta.json (sha256 ${sha256.slice(0, 8)} ≠ ${meta.sha256.slice(0, 8)})`);
  const buf = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  const tensors = tf.io.decodeWeights(buf, group.weights);
  const embedding = tensors['embedding'];
  const idf = tensors['idf'];
  if (!embedding || !idf || embedding.rank !== 2) throw new Error('model weights lack embedding or idf');
  const idfValues = idf.dataSync();
  idf.dispose();
  if (!(idfValues instanceof Float32Array)) throw new Error('idf must be float32');
  return { topology: model.modelTopology, meta, embedding: embedding as ReturnType<Tf['tensor2d']>, idf: idfValues, sha256 };
}

/** IEEE 754 half precision, round to nearest even; what tf.io's float16 decoder expects. */
export function float32ToFloat16(src: Float32Array): Uint16Array {
  const out = new Uint16Array(src.length);
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < src.length; i++) {
    f[0] = src[i] ?? 0;
    const x = u[0] ?? 0;
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) {
      out[i] = sign | 0x7c00 | (mant ? 0x200 : 0);
      continue;
    }
    const e = exp - 127 + 15;
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00;
      continue;
    }
    if (e <= 0) {
      if (e < -10) {
        out[i] = sign;
        continue;
      }
      mant |= 0x800000;
      const shift = 14 - e;
      let h = mant >>> shift;
      const rem = mant & ((1 << shift) - 1);
      const halfway = 1 << (shift - 1);
      if (rem > halfway || (rem === halfway && (h & 1) === 1)) h++;
      out[i] = sign | h;
      continue;
    }
    let h = (e << 10) | (mant >>> 13);
    const rem = mant & 0x1fff;
    if (rem > 0x1000 || (rem === 0x1000 && (h & 1) === 1)) h++;
    out[i] = sign | h;
  }
  return out;
}
