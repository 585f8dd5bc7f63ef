import { handle } from '$lib/server/http.ts';
import type { RequestHandler } from './$types';

/** One epoch: its committee and the shards that moved into it (immutable once past). */
export const GET: RequestHandler = ({ locals, params }) => handle(() => locals.explorer.epoch(params.epoch));
