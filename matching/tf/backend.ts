import { createRequire } from 'node:module';
import path from 'node:path';
import * as tfjs from '@tensorflow/tfjs';
import { registerMatchingKernels } from './kernels.js';

/** The TensorFlow.js namespace the matching code is written against (whatever backend runs it). */
export type Tf = typeof tfjs;

/** Which backend to run on; `auto` tries tfjs-node, then wasm, then cpu. */
export type TfBackendPreference = 'auto' | 'node' | 'wasm' | 'cpu';

// Held in a variable so that neither tsc nor a bundler tries to resolve it: tfjs-node is an
// optionalDependency whose install script (a libtensorflow download) fails on offline machines.
const TFJS_NODE = '@tensorflow/tfjs-node';

/**
 * Loads TensorFlow.js with the fastest backend available and returns the namespace with that
 * backend ready. Logs the choice and why the faster ones were skipped. Also registers the
 * kernels of matching/tf/kernels.ts (UnsortedSegmentSum for wasm and cpu, the fused weighted bag).
 */
export async function loadTf(preference: TfBackendPreference, log: (msg: string) => void): Promise<Tf> {
  const tf = tfjs;
  const order: Array<'node' | 'wasm' | 'cpu'> = preference === 'auto' ? ['node', 'wasm', 'cpu'] : [preference];
  const skipped: string[] = [];
  for (const candidate of order) {
    const why = await tryBackend(tf, candidate);
    if (why === null) {
      registerMatchingKernels(tf);
      log(`tf backend: ${tf.getBackend()}${skipped.length > 0 ? ` (skipped: ${skipped.join('; ')})` : ''}`);
      return tf;
    }
    skipped.push(`${candidate}: ${why}`);
  }
  throw new Error(`no TensorFlow.js backend could be started (${skipped.join('; ')})`);
}

/** Returns null when the backend is active, else the reason it could not be used. */
async function tryBackend(tf: Tf, candidate: 'node' | 'wasm' | 'cpu'): Promise<string | null> {
  try {
    if (candidate === 'node') {
      // Importing tfjs-node registers the 'tensorflow' backend into the shared tfjs-core registry.
      await import(TFJS_NODE);
      return (await tf.setBackend('tensorflow')) ? null : 'tensorflow backend failed to initialise';
    }
    if (candidate === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // The wasm glue derives the .wasm location from its own script path, which breaks once the
      // code is bundled or run from another directory; point it at the installed package instead.
      // Must happen before the first setBackend('wasm').
      if (tf.findBackend('wasm') === null || tf.getBackend() !== 'wasm') {
        const dist = path.dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
        try {
          wasm.setWasmPaths(`${dist}${path.sep}`);
        } catch {
          // setWasmPaths refuses after an aborted init; setBackend below will report the real error.
        }
      }
      return (await tf.setBackend('wasm')) ? null : 'wasm backend failed to initialise';
    }
    return (await tf.setBackend('cpu')) ? null : 'cpu backend failed to initialise';
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return msg.split('\n')[0] ?? msg;
  }
}
