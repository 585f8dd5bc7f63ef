import { handle } from '$lib/server/http.ts';
import type { RequestHandler } from './$types';

/** Where a search (`?q=` blob ID, object ID, node ID or name, epoch) leads. */
export const GET: RequestHandler = ({ locals, url }) =>
  handle(() => locals.explorer.search(url.searchParams.get('q') ?? ''));
