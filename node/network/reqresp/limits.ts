/**
 * Per-protocol size limits derived from the committee's maximum sliver size, so a peer can never make this
 * node buffer more than one legitimate sliver per stream.
 */
import type { ProtocolLimits } from './reqresp.ts';

/**
 * Bytes a BCS `SliverData` adds around its symbols: ULEB128 length of the data (at most 5 bytes for u32),
 * `symbol_size` u16 and `index` u16 (spec §4), rounded up.
 */
export const SLIVER_BCS_OVERHEAD_BYTES = 16;

/**
 * Limits for a protocol that carries one sliver in one direction: the body may hold one BCS `SliverData`
 * of at most `maxSliverBytes` symbol bytes, capped by the operator's `capBytes` (config
 * `limits.maxSliverBytes`); the other direction carries no body; headers stay under `maxHeaderBytes`.
 * @param direction `upload` = sliver in the request (store), `download` = sliver in the response (fetch)
 * @throws RangeError for a negative or non-integer size
 */
export function sliverProtocolLimits(
  direction: 'upload' | 'download',
  maxSliverBytes: number,
  capBytes: number,
  maxHeaderBytes: number,
): ProtocolLimits {
  for (const [k, v] of Object.entries({ maxSliverBytes, capBytes, maxHeaderBytes })) {
    if (!Number.isSafeInteger(v) || v < 0)
      throw new RangeError(`${k} must be a non-negative integer, got ${v}`);
  }
  const body = Math.min(maxSliverBytes, capBytes) + SLIVER_BCS_OVERHEAD_BYTES;
  return {
    maxRequestHeaderBytes: maxHeaderBytes,
    maxResponseHeaderBytes: maxHeaderBytes,
    maxRequestBodyBytes: direction === 'upload' ? body : 0,
    maxResponseBodyBytes: direction === 'download' ? body : 0,
  };
}
