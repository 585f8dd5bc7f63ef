import { getJson } from '$lib/api.ts';
import type { EpochsDto } from '$lib/types.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({
  epochs: await getJson<EpochsDto>(fetch, '/api/epochs'),
});
