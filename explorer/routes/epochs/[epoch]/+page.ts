import { getJson } from '$lib/api.ts';
import type { EpochDetailDto } from '$lib/types.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
  epoch: await getJson<EpochDetailDto>(fetch, `/api/epochs/${params.epoch}`),
});
