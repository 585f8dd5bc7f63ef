import { getJson } from '$lib/api.ts';
import type { NodeDetailDto } from '$lib/types.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
  detail: await getJson<NodeDetailDto>(fetch, `/api/nodes/${params.nodeId}`),
});
