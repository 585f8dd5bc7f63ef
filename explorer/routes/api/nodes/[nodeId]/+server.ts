import { handle } from '$lib/server/http.ts';
import type { RequestHandler } from './$types';

/** One storage node: registration, health, shards per recent epoch. */
export const GET: RequestHandler = ({ locals, params }) => handle(() => locals.explorer.node(params.nodeId));
