/**
 * Small async helpers of the client: abortable sleep and retries with exponential backoff.
 * @packageDocumentation
 */
import { StorageNodeError } from './errors.ts';

/** Resolves after `ms`, or rejects with `signal.reason` when aborted first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Options of {@link withRetries}. */
export interface RetryOptions {
  signal?: AbortSignal;
  /** Attempts in total (first try included). @default 3 */
  attempts?: number;
  /** Delay before the second attempt, ms; doubled each time. @default 100 */
  baseDelayMs?: number;
  /** Whether an error is worth another attempt. @default a retryable {@link StorageNodeError} */
  shouldRetry?: (err: unknown, attempt: number) => boolean;
}

/** True for node errors that may go away (unreachable, busy, not registered yet). */
export function isRetryableNodeError(err: unknown): boolean {
  return err instanceof StorageNodeError && err.retryable;
}

/**
 * Runs `fn` until it succeeds, the error is not retryable, attempts run out, or `signal` aborts.
 * @throws the last error
 */
export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const base = options.baseDelayMs ?? 100;
  const shouldRetry = options.shouldRetry ?? isRetryableNodeError;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (options.signal?.aborted || attempt >= attempts || !shouldRetry(e, attempt)) throw e;
      await sleep(base * 2 ** (attempt - 1), options.signal);
    }
  }
}
