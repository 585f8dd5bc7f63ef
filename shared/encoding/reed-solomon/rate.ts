/**
 * The high-rate and low-rate encoders and decoders of reed-solomon-simd 3.1 (`src/rate/rate_high.rs`,
 * `rate_low.rs`) and the rule that picks one (`rate_default.rs::use_high_rate`). They work on a work
 * buffer of rows of `lanes` elements (see kernels.ts); loading symbols in and out is the caller's job.
 *
 * @see spec §1.7
 * @packageDocumentation
 */
import { UnsupportedSymbolCountError } from './errors.ts';
import { GF_MODULUS, GF_ORDER, addMod, fwht, logWalsh } from './gf.ts';
import { fft, formalDerivative, ifft, mulSlice, xorSlice } from './kernels.ts';

/** Smallest power of two >= x (x >= 1). */
export function nextPow2(x: number): number {
  let p = 1;
  while (p < x) p <<= 1;
  return p;
}

function roundUp(x: number, multiple: number): number {
  return Math.ceil(x / multiple) * multiple;
}

/**
 * Whether the crate uses its high-rate code for k originals and m recovery symbols (with P = next power
 * of two: P(k) > P(m) -> high; P(k) < P(m) -> low; equal -> high iff k <= m). Throws
 * {@link UnsupportedSymbolCountError} for every (k, m) the crate rejects.
 */
export function useHighRate(originalCount: number, recoveryCount: number): boolean {
  const k = originalCount;
  const m = recoveryCount;
  if (
    !Number.isSafeInteger(k) ||
    !Number.isSafeInteger(m) ||
    k <= 0 ||
    m <= 0 ||
    k > GF_ORDER ||
    m > GF_ORDER
  ) {
    throw new UnsupportedSymbolCountError(k, m);
  }
  const pk = nextPow2(k);
  const pm = nextPow2(m);
  if (Math.min(pk, pm) + Math.max(k, m) > GF_ORDER) throw new UnsupportedSymbolCountError(k, m);
  const high = pk > pm || (pk === pm && k <= m);
  // The chosen rate's own `supports` check (redundant with the above for every case we know of).
  const fits = high
    ? k < GF_ORDER && m < GF_ORDER && pm + k <= GF_ORDER
    : k < GF_ORDER && m < GF_ORDER && pk + m <= GF_ORDER;
  if (!fits) throw new UnsupportedSymbolCountError(k, m);
  return high;
}

/** Rows the encoder's work buffer needs: k rounded up to P(m) (high rate) or m rounded up to P(k) (low). */
export function encodeWorkRows(k: number, m: number, high: boolean): number {
  return high ? roundUp(k, nextPow2(m)) : roundUp(m, nextPow2(k));
}

/**
 * Encodes in place. Before: rows [0, k) hold the originals (the other rows may hold anything). After:
 * rows [0, m) hold recovery symbols 0..m-1.
 */
export function encodeInPlace(w: Uint16Array, lanes: number, k: number, m: number, high: boolean): void {
  const rows = encodeWorkRows(k, m, high);
  if (high) {
    const chunk = nextPow2(m);
    const first = Math.min(k, chunk);
    w.fill(0, first * lanes, chunk * lanes);
    ifft(w, lanes, 0, chunk, first, chunk);
    if (k > chunk) {
      let start = chunk;
      for (; start + chunk <= k; start += chunk) {
        ifft(w, lanes, start, chunk, chunk, start + chunk);
        xorSlice(w, 0, start * lanes, chunk * lanes);
      }
      const last = k % chunk;
      if (last > 0) {
        w.fill(0, (start + last) * lanes, rows * lanes);
        ifft(w, lanes, start, chunk, last, start + chunk);
        xorSlice(w, 0, start * lanes, chunk * lanes);
      }
    }
    fft(w, lanes, 0, chunk, m, 0);
  } else {
    const chunk = nextPow2(k);
    w.fill(0, k * lanes, chunk * lanes);
    ifft(w, lanes, 0, chunk, k, 0);
    for (let start = chunk; start < m; start += chunk) w.copyWithin(start * lanes, 0, chunk * lanes);
    let start = 0;
    for (; start + chunk <= m; start += chunk) fft(w, lanes, start, chunk, chunk, start + chunk);
    const last = m % chunk;
    if (last > 0) fft(w, lanes, start, chunk, last, start + chunk);
  }
}

/** Where the decoder keeps each symbol, and how big its work buffer is. */
export interface DecodeGeometry {
  readonly high: boolean;
  /** Row of original symbol 0 (originals are consecutive). */
  readonly originalBase: number;
  /** Row of recovery symbol 0 (recovery symbols are consecutive). */
  readonly recoveryBase: number;
  /** One past the last row that can hold data (`P(m) + k` high rate, `P(k) + m` low rate). */
  readonly end: number;
  /** Rows of the work buffer (a power of two). */
  readonly rows: number;
}

/** The decoder's geometry for (k, m) at the given rate (`HighRateDecoder` / `LowRateDecoder`). */
export function decodeGeometry(k: number, m: number, high: boolean): DecodeGeometry {
  if (high) {
    const chunk = nextPow2(m);
    return { high, originalBase: chunk, recoveryBase: 0, end: chunk + k, rows: nextPow2(chunk + k) };
  }
  const chunk = nextPow2(k);
  return { high, originalBase: 0, recoveryBase: chunk, end: chunk + m, rows: nextPow2(chunk + m) };
}

/**
 * The crate's erasure-locator evaluation (`eval_poly`) for a set of received rows: 1 marks an erased
 * position (missing symbols and, per rate, padding rows), then FWHT, multiply by `logWalsh` modulo
 * 65535, FWHT. Returns 65536 log values; `received[row]` is 1 for rows holding a received symbol.
 */
export function erasureLocator(k: number, m: number, g: DecodeGeometry, received: Uint8Array): Uint16Array {
  const e = new Uint16Array(GF_ORDER);
  if (g.high) {
    for (let i = 0; i < m; i++) if (!received[i]) e[i] = 1;
    e.fill(1, m, g.originalBase);
    for (let i = g.originalBase; i < g.end; i++) if (!received[i]) e[i] = 1;
  } else {
    for (let i = 0; i < k; i++) if (!received[i]) e[i] = 1;
    for (let i = g.recoveryBase; i < g.end; i++) if (!received[i]) e[i] = 1;
    e.fill(1, g.end);
  }
  fwht(e, g.high ? g.end : GF_ORDER);
  const walsh = logWalsh();
  for (let i = 0; i < GF_ORDER; i++) {
    const product = e[i] * walsh[i]; // < 2^32, exact in a double
    e[i] = addMod(product & 0xffff, Math.floor(product / 65536));
  }
  fwht(e, GF_ORDER);
  return e;
}

/**
 * Decodes in place. Before: each row r with `received[r] = 1` holds its symbol; other rows may hold
 * anything. After: rows `originalBase + i` hold original i for every i < k (received ones unchanged
 * modulo the locator multiply, so callers should take received originals from their input).
 */
export function decodeInPlace(
  w: Uint16Array,
  lanes: number,
  k: number,
  g: DecodeGeometry,
  erasures: Uint16Array,
  received: Uint8Array,
): void {
  for (let r = 0; r < g.rows; r++) {
    if (r < g.end && received[r]) mulSlice(w, r * lanes, lanes, erasures[r]);
    else w.fill(0, r * lanes, (r + 1) * lanes);
  }
  ifft(w, lanes, 0, g.rows, g.end, 0);
  formalDerivative(w, lanes, g.rows);
  // Only original rows are read afterwards: with low rate they are rows [0, k), so the FFT may stop
  // there (rows below the truncation point get exactly the values the crate computes).
  fft(w, lanes, 0, g.rows, g.high ? g.end : k, 0);
  for (let i = 0; i < k; i++) {
    const r = g.originalBase + i;
    if (!received[r]) mulSlice(w, r * lanes, lanes, GF_MODULUS - erasures[r]);
  }
}
