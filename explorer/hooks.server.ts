/**
 * Server hooks: every request gets the process's {@link Explorer} in `locals`, and unexpected errors
 * become typed error pages.
 */
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { getExplorer } from '$lib/server/explorer.ts';
import { toExplorerError } from '$lib/server/http.ts';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.explorer = getExplorer();
  const t0 = performance.now();
  const response = await resolve(event);
  // Server time of this request (loads, API reads and rendering), for benchmarks and devtools.
  try {
    response.headers.set('server-timing', `total;dur=${(performance.now() - t0).toFixed(1)}`);
  } catch {
    // immutable headers (a proxied response): leave them
  }
  return response;
};

export const handleError: HandleServerError = ({ error }) => {
  const e = toExplorerError(error);
  return { message: e.message, code: e.code };
};
