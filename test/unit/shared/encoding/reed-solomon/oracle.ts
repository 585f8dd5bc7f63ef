/**
 * Test oracle: the official Walrus encoder (@mysten/walrus-wasm, which links reed-solomon-simd 3.1
 * through walrus-core) run on a blob, with its BCS sliver buffers parsed back into raw slivers.
 *
 * Layout (spec §1.4-1.5): the blob is an R x C matrix of S-byte symbols; rows use the secondary code
 * (k = C, m = f) and columns the primary code (k = R, m = 2f). Primary sliver i = X[i][0..C), secondary
 * sliver j = X[0..R)[j].
 */
import { BlobEncoder } from '@mysten/walrus-wasm';

/** Shape of an RS2 blob for n shards. */
export interface Rs2Shape {
  readonly n: number;
  readonly f: number;
  /** Rows = primary source symbols = n - 2f. */
  readonly rows: number;
  /** Columns = secondary source symbols = n - f. */
  readonly cols: number;
  readonly symbolSize: number;
}

/** Official encoder output as raw slivers, each indexed by its sliver index. */
export interface OfficialSlivers extends Rs2Shape {
  /** primary[i] = X[i][0..C): C symbols, C * S bytes. */
  readonly primary: Uint8Array[];
  /** secondary[j] = X[0..R)[j]: R symbols, R * S bytes. */
  readonly secondary: Uint8Array[];
}

/** R, C, f and the symbol size for a blob of `length` bytes on n shards (spec §1.1-1.2). */
export function rs2Shape(n: number, length: number): Rs2Shape {
  const f = Math.floor((n - 1) / 3);
  const rows = n - 2 * f;
  const cols = n - f;
  const perSymbol = Math.ceil(Math.max(length, 1) / (rows * cols));
  const symbolSize = perSymbol + (perSymbol % 2);
  return { n, f, rows, cols, symbolSize };
}

function bcsBufferSize(dataLength: number): number {
  let uleb = 1;
  for (let v = dataLength >>> 7; v !== 0; v >>>= 7) uleb++;
  return uleb + dataLength + 2 + 2;
}

/** Parses a BCS `SliverData` (`symbols: { data: vector<u8>, symbol_size: u16 }, index: u16`). */
function parseSliver(buf: Uint8Array): { data: Uint8Array; symbolSize: number; index: number } {
  let len = 0;
  let shift = 0;
  let p = 0;
  for (;;) {
    const b = buf[p++];
    len += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) break;
  }
  const data = buf.slice(p, p + len);
  p += len;
  const symbolSize = buf[p] | (buf[p + 1] << 8);
  const index = buf[p + 2] | (buf[p + 3] << 8);
  return { data, symbolSize, index };
}

/** Runs the official encoder on `blob` for n shards and returns the raw slivers by sliver index. */
export function officialSlivers(n: number, blob: Uint8Array): OfficialSlivers {
  const shape = rs2Shape(n, blob.length);
  const { rows, cols, symbolSize } = shape;
  const primaryBufs = Array.from({ length: n }, () => new Uint8Array(bcsBufferSize(cols * symbolSize)));
  const secondaryBufs = Array.from({ length: n }, () => new Uint8Array(bcsBufferSize(rows * symbolSize)));
  const encoder = new BlobEncoder(n);
  try {
    encoder.encode(blob, primaryBufs, secondaryBufs);
  } finally {
    encoder.free();
  }
  const primary: Uint8Array[] = new Array(n);
  const secondary: Uint8Array[] = new Array(n);
  for (const [bufs, out, count] of [
    [primaryBufs, primary, cols],
    [secondaryBufs, secondary, rows],
  ] as const) {
    for (const buf of bufs) {
      const s = parseSliver(buf);
      if (s.symbolSize !== symbolSize || s.data.length !== count * symbolSize) {
        throw new Error(`unexpected sliver shape from the official encoder (index ${s.index})`);
      }
      out[s.index] = s.data;
    }
  }
  return { ...shape, primary, secondary };
}

/** The blob's message matrix, zero padded to R * C * S bytes, row-major. */
export function messageMatrix(shape: Rs2Shape, blob: Uint8Array): Uint8Array {
  const m = new Uint8Array(shape.rows * shape.cols * shape.symbolSize);
  m.set(blob);
  return m;
}

/** Deterministic pseudo-random bytes (xorshift32), so failures reproduce. */
export function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
