/**
 * How pages read the explorer's own API (in universal load functions, so server rendering calls the
 * +server.ts routes directly and client navigation fetches them): an error answer becomes SvelteKit's
 * `error(status, { message, code })`, shown by +error.svelte.
 * @packageDocumentation
 */
import { error } from '@sveltejs/kit';
import type { ApiErrorDto } from './types.ts';

/** GETs `path` from the explorer API and parses its JSON. @throws SvelteKit HttpError on an error answer */
export async function getJson<T>(fetch: typeof globalThis.fetch, path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path);
  } catch (e) {
    error(503, {
      message: `the explorer server does not answer: ${(e as Error).message}`,
      code: 'EXPLORER_OFFLINE',
    });
  }
  if (!res.ok) {
    let body: ApiErrorDto | null = null;
    try {
      body = (await res.json()) as ApiErrorDto;
    } catch {
      // not JSON
    }
    error(res.status, {
      message: body?.error?.message ?? `HTTP ${res.status}`,
      code: body?.error?.code ?? 'EXPLORER_HTTP',
    });
  }
  return (await res.json()) as T;
}
