/**
 * The batched, proof-less recovery-symbol exchange of `/walrus-ts/recovery-symbols/batch/1.0.0` (our own
 * protocol; the Walrus HTTP routes are unchanged).
 *
 * A node rebuilding slivers asks one peer, in one request, for the symbols that the peer's source slivers
 * (of the axis orthogonal to the targets) give for *every* target sliver it is rebuilding, without Merkle
 * proofs. The requester checks each rebuilt sliver against the sliver hash in the metadata it verified
 * against the blob ID; a wrong symbol cannot pass that check, so proofs are only fetched (over
 * `getRecoverySymbols`) when a rebuilt sliver does not match. At n = 1000 a proof is ~330 bytes for a
 * symbol that may be 20 bytes, so this is what brings the download for one sliver pair down to ~1x.
 *
 * ```
 * request header  GetSymbolBatchHeader { blob_id: [u8; 32], target_type: u8 (0 primary, 1 secondary),
 *                                        targets: vector<u16>, sources: vector<SourceRun> }
 *                 SourceRun { start: u16, count: u16 }   (source sliver indices start .. start+count-1)
 *                 empty `sources` = every source sliver the peer holds
 * response body   SymbolBatch { symbol_size: u16, sources: vector<SourceRun>, data: vector<u8> }
 *                 data = for each target (request order), for each served source (ascending): S bytes
 * ```
 * Runs are ascending, non-empty and non-overlapping; every index is below n. A peer serves the requested
 * sources it holds (possibly none of a run) and says which in the response.
 * @see spec §3.1, §3.2; ./ids.ts
 */
import { bcs } from '@mysten/bcs';
import { BcsInvalidValueError, BcsTrailingBytesError, BcsTruncatedError } from '../bcs/errors.ts';
import { SliverTypeBcs } from './headers.ts';

/** Largest symbol data a node serves in one batch response, bytes (requesters split above it). */
export const MAX_SYMBOL_BATCH_BYTES = 64 * 1024 * 1024;

/** A run of consecutive source sliver indices. */
export interface SourceRun {
  readonly start: number;
  readonly count: number;
}

/** BCS `SourceRun { start: u16, count: u16 }`. */
export const SourceRunBcs = bcs.struct('SourceRun', { start: bcs.u16(), count: bcs.u16() });

/** Request header of the batched symbol exchange (see the module comment). */
export const GetSymbolBatchHeaderBcs = bcs.struct('GetSymbolBatchHeader', {
  blobId: bcs.bytes(32),
  targetType: SliverTypeBcs,
  targets: bcs.vector(bcs.u16()),
  sources: bcs.vector(SourceRunBcs),
});

/** A parsed response: S, the source sliver indices served (ascending) and the symbol bytes. */
export interface SymbolBatch {
  readonly symbolSize: number;
  readonly sources: readonly number[];
  /** targets x sources x symbolSize bytes: target-major. */
  readonly data: Uint8Array;
}

/** Compresses ascending, distinct indices into runs. @throws BcsInvalidValueError when not ascending */
export function toRuns(indices: readonly number[]): SourceRun[] {
  const out: { start: number; count: number }[] = [];
  let prev = -1;
  for (const i of indices) {
    if (!Number.isInteger(i) || i <= prev || i > 0xffff)
      throw new BcsInvalidValueError(`source indices must be ascending u16 values (got ${i} after ${prev})`);
    const last = out[out.length - 1];
    if (last && last.start + last.count === i) last.count++;
    else out.push({ start: i, count: 1 });
    prev = i;
  }
  return out;
}

/**
 * Expands runs into indices, checking they are ascending, non-empty, non-overlapping and below `nShards`.
 * @throws BcsInvalidValueError
 */
export function fromRuns(runs: readonly SourceRun[], nShards: number): number[] {
  const out: number[] = [];
  let next = 0;
  for (const r of runs) {
    if (r.count < 1 || r.start < next || r.start + r.count > nShards)
      throw new BcsInvalidValueError(`bad source run ${r.start}+${r.count} (n = ${nShards})`);
    for (let i = 0; i < r.count; i++) out.push(r.start + i);
    next = r.start + r.count;
  }
  return out;
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

function readUleb(b: Uint8Array, o: number): [number, number] {
  let v = 0;
  let shift = 0;
  for (;;) {
    if (o >= b.length) throw new BcsTruncatedError('ULEB128 length', b.length);
    const x = b[o++];
    v += (x & 0x7f) * 2 ** shift;
    if ((x & 0x80) === 0) return [v, o];
    shift += 7;
    if (shift > 28) throw new BcsInvalidValueError('ULEB128 length too long');
  }
}

/** Serializes a response body. `data` must hold targets x sources x S bytes (not checked here). */
export function serializeSymbolBatch(batch: SymbolBatch): Uint8Array {
  const runs = toRuns(batch.sources);
  const head = [batch.symbolSize & 0xff, batch.symbolSize >> 8, ...uleb(runs.length)];
  for (const r of runs) head.push(r.start & 0xff, r.start >> 8, r.count & 0xff, r.count >> 8);
  head.push(...uleb(batch.data.length));
  const out = new Uint8Array(head.length + batch.data.length);
  out.set(head, 0);
  out.set(batch.data, head.length);
  return out;
}

/**
 * Parses a response body for `targets` target slivers of a committee of `nShards` (the data is a view
 * into `body`, not a copy) and checks its length is targets x sources x S.
 * @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError
 */
export function parseSymbolBatch(body: Uint8Array, targets: number, nShards: number): SymbolBatch {
  if (body.length < 2) throw new BcsTruncatedError('SymbolBatch', body.length);
  const symbolSize = body[0] | (body[1] << 8);
  let [count, o] = readUleb(body, 2);
  if (count > nShards) throw new BcsInvalidValueError(`${count} source runs for n = ${nShards}`);
  const runs: SourceRun[] = [];
  for (; count > 0; count--) {
    if (o + 4 > body.length) throw new BcsTruncatedError('SymbolBatch', body.length);
    runs.push({ start: body[o] | (body[o + 1] << 8), count: body[o + 2] | (body[o + 3] << 8) });
    o += 4;
  }
  const sources = fromRuns(runs, nShards);
  const [len, start] = readUleb(body, o);
  if (start + len > body.length) throw new BcsTruncatedError('SymbolBatch', body.length);
  if (start + len < body.length) throw new BcsTrailingBytesError('SymbolBatch', body.length - start - len);
  if (len !== targets * sources.length * symbolSize) {
    throw new BcsInvalidValueError(
      `symbol data is ${len} bytes, expected ${targets} x ${sources.length} x ${symbolSize}`,
    );
  }
  return { symbolSize, sources, data: body.subarray(start, start + len) };
}
