/**
 * Display helpers for storage-challenge verdicts (isomorphic).
 * @packageDocumentation
 */
import type { VerdictDto } from './types.ts';

/** A failed sample and how many times the verdict lists it. */
export type CountedSample = VerdictDto['failedSamples'][number] & { times: number };

/**
 * A verdict's failed samples without repeats (samples are drawn with replacement, so one symbol can be
 * asked twice), in first-seen order, each with its count.
 */
export function uniqueFailedSamples(samples: VerdictDto['failedSamples']): CountedSample[] {
  const seen = new Map<string, CountedSample>();
  for (const f of samples) {
    const key = `${f.blobId}:${f.axis}:${f.sliverIndex}:${f.position}`;
    const had = seen.get(key);
    if (had) had.times++;
    else seen.set(key, { ...f, times: 1 });
  }
  return [...seen.values()];
}
