import { handle } from '$lib/server/http.ts';
import type { RequestHandler } from './$types';

/** One blob ID: objects, status, and the availability proof of each certified object. */
export const GET: RequestHandler = ({ locals, params }) => handle(() => locals.explorer.blob(params.blobId));
