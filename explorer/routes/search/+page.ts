import { redirect } from '@sveltejs/kit';
import { getJson } from '$lib/api.ts';
import type { SearchResultDto } from '$lib/types.ts';
import type { PageLoad } from './$types';

/** Resolves a search through the API and redirects to what it found. */
export const load: PageLoad = async ({ fetch, url }) => {
  const q = url.searchParams.get('q') ?? '';
  const r = await getJson<SearchResultDto>(fetch, `/api/search?q=${encodeURIComponent(q)}`);
  redirect(307, r.href);
};
