/**
 * Responses of the explorer's API routes: JSON with cache headers, and typed errors mapped to
 * `{ error: { code, message, status } }`.
 * @packageDocumentation
 */
import { ChainError, ChainUnavailableError, ObjectNotFoundError } from '../../../node/chain/errors.ts';
import { WalrusTsError } from '../../../shared/errors.ts';
import { ChainUnreachableError, ExplorerError } from '../errors.ts';
import type { ApiErrorDto } from '../types.ts';
import { cacheControl, type Finality } from './cache.ts';

/** A JSON response; bigints become decimal strings, Uint8Arrays are not expected (convert first). */
export function jsonResponse(data: unknown, finality: Finality, status = 200): Response {
  return new Response(
    JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
    {
      status,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': status === 200 ? cacheControl(finality) : 'no-store',
      },
    },
  );
}

/** The explorer error for anything thrown while answering (chain errors keep their code). */
export function toExplorerError(e: unknown): ExplorerError {
  if (e instanceof ExplorerError) return e;
  if (e instanceof ChainUnavailableError) return new ChainUnreachableError(e.message);
  if (e instanceof ObjectNotFoundError) {
    return new ExplorerError(e.message, e.code, 404);
  }
  if (e instanceof ChainError) return new ExplorerError(e.message, e.code, e.httpStatus);
  if (e instanceof WalrusTsError) return new ExplorerError(e.message, e.code, 400);
  return new ExplorerError(e instanceof Error ? e.message : String(e), 'EXPLORER_INTERNAL', 500);
}

/** The JSON error answer of `e`. */
export function errorResponse(e: unknown): Response {
  const err = toExplorerError(e);
  const body: ApiErrorDto = { error: { code: err.code, message: err.message, status: err.status } };
  return new Response(JSON.stringify(body), {
    status: err.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** Runs `fn` and answers its JSON with `finality`'s cache header, or the error answer. */
export async function handle<T>(fn: () => Promise<{ data: T; finality: Finality }>): Promise<Response> {
  try {
    const { data, finality } = await fn();
    return jsonResponse(data, finality);
  } catch (e) {
    return errorResponse(e);
  }
}
