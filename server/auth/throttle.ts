import type { Response } from 'express';
import { AppError } from '../errors.js';

/**
 * A fixed-window counter per key, held in this process. One machine serves a city (see the
 * brief); several processes behind a balancer would each count on their own, so the effective
 * limit multiplies by the number of processes.
 */
export interface Throttle {
  /** Seconds until the key may try again; 0 when it is under its limit. */
  retryAfter(key: string): number;
  /** Counts one attempt against the key. */
  hit(key: string): void;
  reset(key: string): void;
}

export interface ThrottleLimit {
  limit: number;
  windowMs: number;
}

const MAX_KEYS = 50_000;

export function createThrottle(limit: ThrottleLimit, clock: () => Date = () => new Date()): Throttle {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const now = () => clock().getTime();
  const current = (key: string) => {
    const w = windows.get(key);
    if (w && w.resetAt <= now()) {
      windows.delete(key);
      return undefined;
    }
    return w;
  };
  const prune = () => {
    // A flood of distinct keys (spoofed addresses) must not grow memory without bound.
    const t = now();
    for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
    if (windows.size >= MAX_KEYS) windows.clear();
  };
  return {
    retryAfter(key) {
      const w = current(key);
      if (!w || w.count < limit.limit) return 0;
      return Math.max(1, Math.ceil((w.resetAt - now()) / 1000));
    },
    hit(key) {
      const w = current(key);
      if (w) w.count++;
      else {
        if (windows.size >= MAX_KEYS) prune();
        windows.set(key, { count: 1, resetAt: now() + limit.windowMs });
      }
    },
    reset(key) {
      windows.delete(key);
    },
  };
}

/** Refuses with 429 and Retry-After when any (throttle, key) pair is over its limit. */
export function refuseIfLimited(res: Response, checks: ReadonlyArray<readonly [Throttle, string]>, what: string): void {
  const wait = Math.max(0, ...checks.map(([t, k]) => t.retryAfter(k)));
  if (wait > 0) {
    res.setHeader('retry-after', String(wait));
    throw new AppError('rate_limited', `Too many ${what}; try again in ${wait} s`);
  }
}

/** Counts a request on every pair and refuses it (uncounted) when one is already over. */
export function consume(res: Response, checks: ReadonlyArray<readonly [Throttle, string]>, what: string): void {
  refuseIfLimited(res, checks, what);
  for (const [t, k] of checks) t.hit(k);
}
