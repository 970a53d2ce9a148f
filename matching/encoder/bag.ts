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
 * The encoder's forward pass: per text, the weighted sum of its feature rows, L2-normalised
 * (per head when the table holds several).
 * A sum rather than a mean lets training scale rows up or down, i.e. learn each feature's
 * importance on top of the IDF prior. Texts without any known feature come out as zeros.
 * Differentiable w.r.t. `table` (see matching/tf/kernels.ts). Call inside `tf.tidy`.
 */
export function bagForward(tf: Tf, table: Tensor2D, batch: SparseBatch, heads = 1): Tensor2D {
  const rows = tf.tensor1d(batch.rows, 'int32');
  const segments = tf.tensor1d(batch.segments, 'int32');
  const weights = tf.tensor1d(batch.weights, 'float32');
  const summed = weightedBag(tf, table, rows, segments, weights, batch.size);
  if (heads === 1) return unit(tf, summed);
  // An ensemble of independently trained heads side by side in one table: each head's part is
  // normalised alone and scaled by 1/√heads, so the whole is a unit vector whose dot product
  // with another is the mean of the heads' cosines.
  const dim = summed.shape[1];
  const perHead = unit(tf, tf.reshape(summed, [batch.size * heads, dim / heads]));
  return tf.mul(tf.reshape(perHead, [batch.size, dim]), 1 / Math.sqrt(heads));
}

function unit(tf: Tf, x: Tensor2D): Tensor2D {
  // The epsilon keeps empty bags at zero instead of NaN and their gradient finite.
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(x), 1, true), 1e-12));
  return tf.div(x, norm);
}
