import { getJson } from '$lib/api.ts';
import type { OverviewDto } from '$lib/types.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({
  overview: await getJson<OverviewDto>(fetch, '/api/overview'),
});
