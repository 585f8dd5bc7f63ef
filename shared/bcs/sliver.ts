/**
 * BCS layouts of slivers, byte-compatible with walrus-core `encoding/slivers.rs` and the official TS SDK:
 *
 * ```
 * Symbols    = { data: vector<u8>, symbol_size: u16 (non-zero) }
 * SliverData = { symbols: Symbols, index: u16 }        // index = sliver index (secondary: n-1-p)
 * Sliver     = enum { Primary = 0 (SliverData), Secondary = 1 (SliverData) }
 * SliverPair = { primary: SliverData, secondary: SliverData }
 * ```
 * The sliver GET/PUT bodies are a bare `SliverData` (the axis is in the URL).
 *
 * @see spec §4 "BCS layouts"
 * @packageDocumentation
 */
import { bcs } from '@mysten/bcs';
import type { Sliver, SliverAxis } from '../encoding/types.ts';
import { BcsInvalidValueError, BcsTrailingBytesError, BcsTruncatedError } from './errors.ts';
import { parseBcs, toBcs } from './parse.ts';
import { copyInto } from '../bytes.ts';

/** A sliver without its axis: the fields of BCS `SliverData`. */
export type SliverDataFields = Omit<Sliver, 'axis'>;

/** `vector<u8>` as a `Uint8Array` (a view into the parsed input, not a copy). */
export const ByteVectorBcs = bcs.byteVector().transform({
  input: (v: Uint8Array) => v,
  output: (v) => v,
});

/** `NonZeroU16`: 0 is rejected on parse, as serde does. */
export const NonZeroU16Bcs = bcs.u16().transform({
  input: (v: number) => v,
  output: (v: number) => {
    if (v === 0) throw new BcsInvalidValueError('symbol size must be non-zero');
    return v;
  },
});

/** `Symbols { data, symbol_size }`. */
export const SymbolsBcs = bcs.struct('Symbols', {
  data: ByteVectorBcs,
  symbol_size: NonZeroU16Bcs,
});

/** `SliverData { symbols, index }` as `{ index, symbolSize, data }`. */
export const SliverDataBcs = bcs
  .struct('SliverData', {
    symbols: SymbolsBcs,
    index: bcs.u16(),
  })
  .transform({
    input: (s: SliverDataFields) => ({
      symbols: { data: s.data, symbol_size: s.symbolSize },
      index: s.index,
    }),
    output: (v): SliverDataFields => ({
      index: v.index,
      symbolSize: v.symbols.symbol_size,
      data: v.symbols.data,
    }),
  });

/** `Sliver = enum { Primary, Secondary }` as a {@link Sliver} with its axis. */
export const SliverBcs = bcs
  .enum('Sliver', {
    Primary: SliverDataBcs,
    Secondary: SliverDataBcs,
  })
  .transform({
    input: (s: Sliver) => (s.axis === 'primary' ? { Primary: s } : { Secondary: s }),
    output: (v): Sliver =>
      v.$kind === 'Primary' ? { axis: 'primary', ...v.Primary } : { axis: 'secondary', ...v.Secondary },
  });

/** `SliverPair { primary, secondary }`. */
export const SliverPairBcs = bcs
  .struct('SliverPair', {
    primary: SliverDataBcs,
    secondary: SliverDataBcs,
  })
  .transform({
    input: (p: { primary: Sliver; secondary: Sliver }) => p,
    output: (v): { primary: Sliver; secondary: Sliver } => ({
      primary: { axis: 'primary', ...v.primary },
      secondary: { axis: 'secondary', ...v.secondary },
    }),
  });

function ulebLength(value: number): number {
  let len = 1;
  for (let v = Math.floor(value / 128); v > 0; v = Math.floor(v / 128)) len++;
  return len;
}

/** Size in bytes of the BCS `SliverData` of a sliver holding `dataLength` bytes. */
export function sliverDataBcsLength(dataLength: number): number {
  return ulebLength(dataLength) + dataLength + 4;
}

/**
 * BCS `SliverData` bytes of a sliver (the sliver PUT/GET body), written in one pass (the generic BCS writer
 * copies byte by byte; this is the hot path for 16 MiB slivers). Identical to `toBcs(SliverDataBcs, s)`.
 */
export function serializeSliverData(sliver: SliverDataFields): Uint8Array {
  const n = sliver.data.length;
  const out = new Uint8Array(sliverDataBcsLength(n));
  let o = 0;
  let v = n;
  while (v >= 128) {
    out[o++] = (v % 128) | 0x80;
    v = Math.floor(v / 128);
  }
  out[o++] = v;
  copyInto(out, sliver.data, o);
  o += n;
  out[o] = sliver.symbolSize & 0xff;
  out[o + 1] = sliver.symbolSize >> 8;
  out[o + 2] = sliver.index & 0xff;
  out[o + 3] = sliver.index >> 8;
  return out;
}

/**
 * Strictly parses a BCS `SliverData` into a {@link Sliver} of the given axis. The sliver's `data` is a
 * view into `bytes` when `bytes` is a whole buffer.
 * @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError
 */
export function parseSliverData(bytes: Uint8Array, axis: SliverAxis): Sliver {
  return { axis, ...parseBcs(SliverDataBcs, bytes) };
}

/**
 * {@link parseSliverData} without any copy: the sliver's `data` is always a view into `bytes` (also when
 * `bytes` is itself a view, e.g. one entry of a request body, or a view of a SharedArrayBuffer). Use it only
 * where neither `bytes` nor the result is mutated or transferred while the other is in use. Same checks:
 * canonical ULEB128 length (at most 2^32 - 1), non-zero symbol size, no trailing bytes.
 * @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError
 */
export function parseSliverDataView(bytes: Uint8Array, axis: SliverAxis): Sliver {
  const name = 'SliverData';
  let length = 0;
  let o = 0;
  for (let shift = 0; ; shift += 7) {
    if (o >= bytes.length) throw new BcsTruncatedError(name, bytes.length);
    if (shift > 28) throw new BcsInvalidValueError(`BCS ${name}: ULEB128 length longer than 5 bytes`);
    const b = bytes[o++];
    length += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) {
      if (b === 0 && o > 1) throw new BcsInvalidValueError(`BCS ${name}: non-canonical ULEB128 length`);
      break;
    }
  }
  if (length > 0xffffffff) throw new BcsInvalidValueError(`BCS ${name}: length ${length} exceeds u32`);
  const end = o + length + 4;
  if (end > bytes.length) throw new BcsTruncatedError(name, bytes.length);
  if (end < bytes.length) throw new BcsTrailingBytesError(name, bytes.length - end);
  const t = o + length;
  const symbolSize = bytes[t] | (bytes[t + 1] << 8);
  if (symbolSize === 0) throw new BcsInvalidValueError('symbol size must be non-zero');
  return { axis, index: bytes[t + 2] | (bytes[t + 3] << 8), symbolSize, data: bytes.subarray(o, t) };
}

/** BCS `Sliver` (enum with the axis) bytes. */
export function serializeSliver(sliver: Sliver): Uint8Array {
  return toBcs(SliverBcs, sliver);
}

/** Strictly parses a BCS `Sliver` enum. @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError */
export function parseSliver(bytes: Uint8Array): Sliver {
  return parseBcs(SliverBcs, bytes);
}
