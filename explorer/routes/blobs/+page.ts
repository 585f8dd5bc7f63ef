import { getJson } from '$lib/api.ts';
import type { BlobListDto } from '$lib/types.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const q = new URLSearchParams();
  for (const k of ['filter', 'page', 'limit']) {
    const v = url.searchParams.get(k);
    if (v) q.set(k, v);
  }
  return { list: await getJson<BlobListDto>(fetch, `/api/blobs?${q}`) };
};
