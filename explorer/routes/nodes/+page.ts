import { getJson } from '$lib/api.ts';
import type { NodesDto } from '$lib/types.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({ nodes: await getJson<NodesDto>(fetch, '/api/nodes') });
