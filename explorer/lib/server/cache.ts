/**
 * Cache headers chosen by finality: what can never change is cached for a year, what changes with the
 * next transaction or epoch for seconds, live probes not at all.
 * @packageDocumentation
 */

/**
 * - `immutable`: content-addressed or past (a blob's bytes, a past epoch's committee, a transaction);
 * - `settled`: changes rarely (a certified blob: only extension, deletion or expiry change it);
 * - `recent`: follows the chain head (lists, overview, current epoch, uncertified blobs);
 * - `live`: a live probe of the nodes; never cached.
 */
export type Finality = 'immutable' | 'settled' | 'recent' | 'live';

const HEADERS: Record<Finality, string> = {
  immutable: 'public, max-age=31536000, immutable',
  settled: 'public, max-age=30, stale-while-revalidate=60',
  recent: 'public, max-age=2',
  live: 'no-store',
};

/** The `cache-control` value for a finality. */
export function cacheControl(finality: Finality): string {
  return HEADERS[finality];
}
