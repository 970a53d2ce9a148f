import type { Tensor2D } from '@tensorflow/tfjs';
import type { Tf } from '../tf/backend.js';
import { weightedBag } from '../tf/kernels.js';

/** A batch of texts as a ragged bag of weighted rows: text `segments[k]` holds row `rows[k]` with `weights[k]`. */
export interface SparseBatch {
  size: number;
  rows: Int32Array;
  segments: Int32Array;
  weights: Float32Array;
}

/**
 * The encoder's forward pass: per text, the weighted sum of its feature rows, L2-normalised.
 * A sum rather than a mean lets training scale rows up or down, i.e. learn each feature's
 * importance on top of the IDF prior. Texts without any known feature come out as zeros.
 * Differentiable w.r.t. `table` (see matching/tf/kernels.ts). Call inside `tf.tidy`.
 */
export function bagForward(tf: Tf, table: Tensor2D, batch: SparseBatch): Tensor2D {
  const rows = tf.tensor1d(batch.rows, 'int32');
  const segments = tf.tensor1d(batch.segments, 'int32');
  const weights = tf.tensor1d(batch.weights, 'float32');
  const summed = weightedBag(tf, table, rows, segments, weights, batch.size);
  // The epsilon keeps empty bags at zero instead of NaN and their gradient finite.
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(summed), 1, true), 1e-12));
  return tf.div(summed, norm);
}
