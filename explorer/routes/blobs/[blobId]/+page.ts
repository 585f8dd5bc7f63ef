import { getJson } from '$lib/api.ts';
import type { BlobDetailDto } from '$lib/types.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => ({
  blob: await getJson<BlobDetailDto>(fetch, `/api/blobs/${params.blobId}`),
  selected: url.searchParams.get('object'),
});
