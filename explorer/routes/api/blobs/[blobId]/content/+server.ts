import { errorResponse } from '$lib/server/http.ts';
import type { RequestHandler } from './$types';

/** The blob's bytes through the aggregator (`?download=1` for an attachment). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  try {
    return await locals.explorer.blobContent(params.blobId, url.searchParams.has('download'));
  } catch (e) {
    return errorResponse(e);
  }
};
