import { handle } from '$lib/server/http.ts';
import type { RequestHandler } from './$types';

/** Blob list: `?filter=all|certified|registered|expired|deletable|invalid&page=1&limit=50`. */
export const GET: RequestHandler = ({ locals, url }) =>
  handle(() =>
    locals.explorer.blobs({
      filter: url.searchParams.get('filter'),
      page: url.searchParams.get('page'),
      limit: url.searchParams.get('limit'),
    }),
  );
