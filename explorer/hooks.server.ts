/**
 * Server hooks: every request gets the process's {@link Explorer} in `locals`, and unexpected errors
 * become typed error pages.
 */
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { closeExplorer, getExplorer } from '$lib/server/explorer.ts';
import { toExplorerError } from '$lib/server/http.ts';

// adapter-node emits 'sveltekit:shutdown' once its HTTP server has closed (SIGTERM/SIGINT); the event
// indexer's long-poll would otherwise keep the process alive.
process.on('sveltekit:shutdown', () => {
  void closeExplorer();
});

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
