import { useCallback, useState } from 'react';

export interface Action {
  /** True while a `run` is in flight. */
  busy: boolean;
  /** What the last `run` threw, or null. */
  error: unknown;
  /** Marks busy, clears the error, awaits `fn`, keeps what it throws; gives `fn`'s result, or undefined when it threw. */
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
  setError(error: unknown): void;
}

/** The busy/error state of a button or form that calls the API. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, setError };
}
