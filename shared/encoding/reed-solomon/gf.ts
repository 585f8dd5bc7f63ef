/**
 * GF(2^16) arithmetic and lookup tables, built exactly as reed-solomon-simd 3.1 builds them
 * (`src/engine/tables.rs`): an LFSR over the polynomial 0x1002D, re-indexed into the Cantor basis, the
 * FFT `skew` table (log form) and the `logWalsh` table used by the decoder's error locator.
 *
 * Elements are `u16` numbers. A "log" value `logM` in [0, 65535] names the multiplier `exp[logM]`; the
 * value 65535 (`GF_MODULUS`) stands for the zero multiplier inside FFT butterflies (they skip it).
 * Tables are computed on first use and cached for the life of the module.
 *
 * @see spec §1.7
 * @packageDocumentation
 */

/** Bits per field element. */
export const GF_BITS = 16;
/** Number of field elements, 2^16. */
export const GF_ORDER = 65536;
/** `GF_ORDER - 1`: the multiplicative group order; as a log value it means "multiply by zero". */
export const GF_MODULUS = 65535;
/** The field polynomial x^16 + x^5 + x^3 + x^2 + 1. */
export const GF_POLYNOMIAL = 0x1002d;
/** The Cantor basis the crate re-indexes its tables into. */
export const CANTOR_BASIS: readonly number[] = [
  0x0001, 0xacca, 0x3c0e, 0x163e, 0xc582, 0xed2e, 0x914c, 0x4012, 0x6c98, 0x10d8, 0x6a72, 0xb900, 0xfdb8,
  0xfb34, 0xff38, 0x991e,
];

/**
 * Index that `mulLog` gives the zero element: far enough past the end of the doubled exp table that
 * `mulExp[ZERO_LOG + logM]` is 0 for every `logM` in [0, 65535] and for `logM = ZERO_LOG`.
 */
export const ZERO_LOG = 2 * GF_MODULUS;

/** The tables every encode and decode needs. */
export interface GfTables {
  /** `exp[log]`: the crate's exponent table (65536 entries; `exp[65535] = exp[0]`). */
  readonly exp: Uint16Array;
  /** `log[x]`: the crate's logarithm table (65536 entries; `log[0] = 65535`). */
  readonly log: Uint16Array;
  /** FFT twiddle factors in log form (65535 entries), as the crate's `Skew`. */
  readonly skew: Uint16Array;
  /** `log` for branch-free multiplication: like `log` but `mulLog[0] = ZERO_LOG`. */
  readonly mulLog: Int32Array;
  /**
   * `mulExp[i] = exp[i mod 65535]` for `i < 2 * 65535`, then zeros up to `2 * ZERO_LOG`, so that
   * `x * exp[logM] = mulExp[mulLog[x] + logM]` for every `x` and every `logM` in [0, 65535], and
   * `mulExp[mulLog[x] + ZERO_LOG] = 0` (ZERO_LOG used as a multiplier log means "times zero").
   */
  readonly mulExp: Uint16Array;
}

let tables: GfTables | undefined;
let logWalshTable: Uint16Array | undefined;

/** `(x + y) mod 65535` the way the crate does it (`add_mod`): 65535 is kept when x + y = 65535. */
export function addMod(x: number, y: number): number {
  const sum = x + y;
  return (sum + (sum >>> 16)) & 0xffff;
}

/** The crate's `sub_mod`: `x - y` modulo 65535 on u16 log values. */
export function subMod(x: number, y: number): number {
  const dif = x - y;
  return dif < 0 ? dif + GF_MODULUS : dif;
}

/** `x * exp[logM]` as the crate's `tables::mul` computes it (0 stays 0). */
export function gfMulLog(x: number, logM: number, t: GfTables = gfTables()): number {
  return x === 0 ? 0 : t.exp[addMod(t.log[x], logM)];
}

/** The product of two field elements. */
export function gfMul(a: number, b: number, t: GfTables = gfTables()): number {
  return b === 0 ? 0 : gfMulLog(a, t.log[b], t);
}

/** Returns the cached tables, building them on the first call (about 1-2 ms). */
export function gfTables(): GfTables {
  if (tables === undefined) tables = buildTables();
  return tables;
}

/**
 * The crate's `LogWalsh` table: `log` with entry 0 set to 0, transformed by the FWHT over the whole
 * field. Only decoding uses it; built on first call and cached.
 */
export function logWalsh(): Uint16Array {
  if (logWalshTable === undefined) {
    const t = new Uint16Array(gfTables().log);
    t[0] = 0;
    fwht(t, GF_ORDER);
    logWalshTable = t;
  }
  return logWalshTable;
}

/**
 * In-place fast Walsh-Hadamard transform over `Z/65535` as the crate's `fwht` (radix 4, 8 passes).
 * Only blocks starting below `truncated` are visited; with zeros past `truncated` that equals the full
 * transform.
 */
export function fwht(data: Uint16Array, truncated: number): void {
  for (let dist = 1, dist4 = 4; dist4 <= GF_ORDER; dist = dist4, dist4 <<= 2) {
    for (let r = 0; r < truncated; r += dist4) {
      for (let i0 = r; i0 < r + dist; i0++) {
        const i1 = i0 + dist;
        const i2 = i1 + dist;
        const i3 = i2 + dist;
        const a = data[i0];
        const b = data[i1];
        const c = data[i2];
        const d = data[i3];
        // fwht_2 pairs: (a,b) -> (s0,d0), (c,d) -> (s1,d1), then (s0,s1), (d0,d1).
        const s0 = addMod(a, b);
        const d0 = subMod(a, b);
        const s1 = addMod(c, d);
        const d1 = subMod(c, d);
        data[i0] = addMod(s0, s1);
        data[i1] = addMod(d0, d1);
        data[i2] = subMod(s0, s1);
        data[i3] = subMod(d0, d1);
      }
    }
  }
}

function buildTables(): GfTables {
  const exp = new Uint16Array(GF_ORDER);
  const log = new Uint16Array(GF_ORDER);

  // LFSR over the polynomial: exp[state] = i (the crate names it exp, it is the LFSR's log).
  let state = 1;
  for (let i = 0; i < GF_MODULUS; i++) {
    exp[state] = i;
    state <<= 1;
    if (state >= GF_ORDER) state ^= GF_POLYNOMIAL;
  }
  exp[0] = GF_MODULUS;

  // Re-index into the Cantor basis.
  log[0] = 0;
  for (let i = 0; i < GF_BITS; i++) {
    const width = 1 << i;
    for (let j = 0; j < width; j++) log[j + width] = log[j] ^ CANTOR_BASIS[i];
  }
  for (let i = 0; i < GF_ORDER; i++) log[i] = exp[log[i]];
  for (let i = 0; i < GF_ORDER; i++) exp[log[i]] = i;
  exp[GF_MODULUS] = exp[0];

  const mulLog = new Int32Array(GF_ORDER);
  for (let i = 1; i < GF_ORDER; i++) mulLog[i] = log[i];
  mulLog[0] = ZERO_LOG;
  const mulExp = new Uint16Array(2 * ZERO_LOG + 1);
  for (let i = 0; i < 2 * GF_MODULUS; i++) mulExp[i] = exp[i % GF_MODULUS];

  const partial: GfTables = { exp, log, skew: new Uint16Array(0), mulLog, mulExp };
  return { ...partial, skew: buildSkew(partial) };
}

function buildSkew(t: GfTables): Uint16Array {
  const { log } = t;
  const skew = new Uint16Array(GF_MODULUS);
  const temp = new Uint16Array(GF_BITS - 1);
  for (let i = 1; i < GF_BITS; i++) temp[i - 1] = 1 << i;

  for (let m = 0; m < GF_BITS - 1; m++) {
    const step = 1 << (m + 1);
    skew[(1 << m) - 1] = 0;
    for (let i = m; i < GF_BITS - 1; i++) {
      const s = 1 << (i + 1);
      for (let j = (1 << m) - 1; j < s; j += step) skew[j + s] = skew[j] ^ temp[i];
    }
    temp[m] = GF_MODULUS - log[gfMulLog(temp[m], log[temp[m] ^ 1], t)];
    for (let i = m + 1; i < GF_BITS - 1; i++) {
      const sum = addMod(log[temp[i] ^ 1], temp[m]);
      temp[i] = gfMulLog(temp[i], sum, t);
    }
  }

  for (let i = 0; i < GF_MODULUS; i++) skew[i] = log[skew[i]];
  return skew;
}
