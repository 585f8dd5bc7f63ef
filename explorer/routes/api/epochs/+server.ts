import { handle } from '$lib/server/http.ts';
import type { RequestHandler } from './$types';

/** The latest epochs: committee size and shards moved. */
export const GET: RequestHandler = ({ locals }) => handle(() => locals.explorer.epochs());
