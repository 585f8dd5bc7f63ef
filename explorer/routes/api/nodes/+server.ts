import { handle } from '$lib/server/http.ts';
import type { RequestHandler } from './$types';

/** Every registered storage node with its health, and the committee mesh. */
export const GET: RequestHandler = ({ locals }) => handle(() => locals.explorer.nodes());
