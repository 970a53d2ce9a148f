import type { KernelConfig, KernelFunc, NamedAttrMap, Tensor, Tensor1D, Tensor2D, TensorInfo } from '@tensorflow/tfjs';
import type { Tf } from './backend.js';

/**
 * Kernels the matching code needs beyond stock TF.js, written in plain JS against the two
 * backends used here (wasm, cpu):
 * - `UnsortedSegmentSum`: the gradient of `tf.gather` (an embedding lookup) calls it; wasm has
 *   none and the stock cpu one builds a mask per segment (O(rows·nnz·d), hours on a big table).
 * - `MatchingWeightedBag` (+ its gradient): out[s] = Σ w_k · table[row_k] over the features k of
 *   text s, in one pass. Measured on wasm for 30k features × 96 dims, gather + mul + segment sum
 *   take ~150 ms (the wasm Gather kernel alone ~100 ms); the fused pass takes a few ms.
 */
export const WEIGHTED_BAG = 'MatchingWeightedBag';
const WEIGHTED_BAG_GRAD = 'MatchingWeightedBagGrad';
const BACKENDS = ['wasm', 'cpu'] as const;

type Numeric = Float32Array | Int32Array;

interface ReadableBackend {
  readSync(dataId: object): unknown;
}
interface WasmLikeBackend extends ReadableBackend {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): unknown;
}
interface CpuLikeBackend extends ReadableBackend {
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
}

const hasMethod = (o: unknown, key: string): boolean =>
  typeof o === 'object' && o !== null && typeof (o as Record<string, unknown>)[key] === 'function';

const asNumeric = (v: unknown, what: string): Numeric => {
  if (v instanceof Float32Array || v instanceof Int32Array) return v;
  throw new Error(`${what}: expected float32 or int32 data`);
};

/**
 * Allocates a float32 output of `shape` and lets `fill` write it, reading inputs through `read`.
 * On wasm both are views into the wasm heap (no copies of a 20 MB table); they are taken after
 * the output is allocated, because an allocation may grow the heap and detach earlier views.
 */
function produce(backend: unknown, shape: number[], fill: (out: Float32Array, read: (t: TensorInfo) => Numeric) => void): TensorInfo {
  if (hasMethod(backend, 'makeOutput') && hasMethod(backend, 'typedArrayFromHeap')) {
    const wasm = backend as WasmLikeBackend;
    const out = wasm.makeOutput(shape, 'float32');
    const view = wasm.typedArrayFromHeap(out);
    if (!(view instanceof Float32Array)) throw new Error('wasm output is not float32');
    view.fill(0);
    fill(view, (t) => asNumeric(wasm.typedArrayFromHeap(t), 'input'));
    return out;
  }
  if (hasMethod(backend, 'makeTensorInfo') && hasMethod(backend, 'readSync')) {
    const cpu = backend as CpuLikeBackend;
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    fill(values, (t) => asNumeric(cpu.readSync(t.dataId), 'input'));
    return cpu.makeTensorInfo(shape, 'float32', values);
  }
  throw new Error('unsupported tf backend for matching kernels');
}

const input = (inputs: Record<string, TensorInfo | undefined>, name: string): TensorInfo => {
  const t = inputs[name];
  if (!t) throw new Error(`missing kernel input ${name}`);
  return t;
};
const intAttr = (attrs: NamedAttrMap | undefined, name: string): number => {
  const v = attrs?.[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(`kernel attribute ${name} must be a non-negative integer`);
  return v;
};

/** Scatter-add of rows: out[segmentIds[i]] += x[i]; ids outside [0, numSegments) are dropped, like TensorFlow. */
const segmentSumKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const x = input(inputs, 'x');
  const ids = input(inputs, 'segmentIds');
  const numSegments = intAttr(attrs, 'numSegments');
  const inner = x.shape.slice(ids.shape.length).reduce((a, b) => a * b, 1);
  return produce(backend, [numSegments, ...x.shape.slice(ids.shape.length)], (out, read) => {
    const xs = read(x);
    const seg = read(ids);
    for (let i = 0; i < seg.length; i++) {
      const s = seg[i] ?? -1;
      if (s < 0 || s >= numSegments) continue;
      const o = s * inner;
      const src = i * inner;
      for (let j = 0; j < inner; j++) out[o + j] = (out[o + j] ?? 0) + (xs[src + j] ?? 0);
    }
  });
};

/** out[segments[k]] += weights[k] · table[rows[k]]. */
const weightedBagKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const table = input(inputs, 'table');
  const numSegments = intAttr(attrs, 'numSegments');
  const dim = table.shape[1] ?? 0;
  return produce(backend, [numSegments, dim], (out, read) => {
    const t = read(table);
    const rows = read(input(inputs, 'rows'));
    const segs = read(input(inputs, 'segments'));
    const w = read(input(inputs, 'weights'));
    for (let k = 0; k < rows.length; k++) {
      const wk = w[k] ?? 0;
      const src = (rows[k] ?? 0) * dim;
      const dst = (segs[k] ?? 0) * dim;
      for (let j = 0; j < dim; j++) out[dst + j] = (out[dst + j] ?? 0) + wk * (t[src + j] ?? 0);
    }
  });
};

/** d table[rows[k]] += weights[k] · dy[segments[k]]: dense [numRows, dim], as Adam updates densely anyway. */
const weightedBagGradKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const dy = input(inputs, 'dy');
  const numRows = intAttr(attrs, 'numRows');
  const dim = dy.shape[1] ?? 0;
  return produce(backend, [numRows, dim], (out, read) => {
    const g = read(dy);
    const rows = read(input(inputs, 'rows'));
    const segs = read(input(inputs, 'segments'));
    const w = read(input(inputs, 'weights'));
    for (let k = 0; k < rows.length; k++) {
      const wk = w[k] ?? 0;
      const src = (segs[k] ?? 0) * dim;
      const dst = (rows[k] ?? 0) * dim;
      for (let j = 0; j < dim; j++) out[dst + j] = (out[dst + j] ?? 0) + wk * (g[src + j] ?? 0);
    }
  });
};

const register = (tf: Tf, kernelName: string, backendName: string, kernelFunc: KernelFunc): void => {
  const existing = tf.getKernel(kernelName, backendName);
  if (existing?.kernelFunc === kernelFunc) return;
  if (existing) tf.unregisterKernel(kernelName, backendName);
  const config: KernelConfig = { kernelName, backendName, kernelFunc };
  tf.registerKernel(config);
};

/**
 * Registers the kernels above for wasm and cpu, and the weighted bag's gradient. Idempotent,
 * since tf's registries are process-global and several encoders or tests share one process.
 */
export function registerMatchingKernels(tf: Tf): void {
  for (const backendName of BACKENDS) {
    register(tf, tf.UnsortedSegmentSum, backendName, segmentSumKernel);
    register(tf, WEIGHTED_BAG, backendName, weightedBagKernel);
    register(tf, WEIGHTED_BAG_GRAD, backendName, weightedBagGradKernel);
  }
  if (!tf.getGradient(WEIGHTED_BAG)) {
    tf.registerGradient({
      kernelName: WEIGHTED_BAG,
      inputsToSave: ['rows', 'segments', 'weights'],
      gradFunc: (dy, saved, attrs) => {
        const [rows, segments, weights] = saved;
        const grad = Array.isArray(dy) ? dy[0] : dy;
        if (!rows || !segments || !weights || !grad) throw new Error(`${WEIGHTED_BAG} gradient: missing saved inputs`);
        return {
          // Only the table is ever trained; rows, segments and weights are data.
          table: () => tf.engine().runKernel(WEIGHTED_BAG_GRAD, { dy: grad, rows, segments, weights }, { numRows: attrs['numRows'] ?? 0 }),
        };
      },
    });
  }
}

/**
 * Σ weights[k] · table[rows[k]] per segment → [numSegments, dim]. Uses the fused kernel where it
 * is registered (wasm, cpu), else stock ops (tfjs-node, whose native gather is fast).
 */
export function weightedBag(tf: Tf, table: Tensor2D, rows: Tensor1D, segments: Tensor1D, weights: Tensor1D, numSegments: number): Tensor2D {
  if (tf.getKernel(WEIGHTED_BAG, tf.getBackend())) {
    const inputs: Record<string, Tensor> = { table, rows, segments, weights };
    return tf.engine().runKernel(WEIGHTED_BAG, inputs, { numSegments, numRows: table.shape[0] }) as Tensor2D;
  }
  const gathered = tf.mul(tf.gather(table, rows), tf.expandDims(weights, 1));
  return tf.unsortedSegmentSum(gathered, segments, numSegments) as Tensor2D;
}
