import { handle } from '$lib/server/http.ts';
import type { RequestHandler } from './$types';

/** Live probe: which node holds each shard's slivers of the blob. Never cached. */
export const GET: RequestHandler = ({ locals, params }) =>
  handle(() => locals.explorer.blobShards(params.blobId));
