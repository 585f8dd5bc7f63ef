import { handle } from '$lib/server/http.ts';
import type { RequestHandler } from './$types';

/** Epoch, committee, prices, storage totals, recent events and latest blobs. */
export const GET: RequestHandler = ({ locals }) => handle(() => locals.explorer.overview());
