/**
 * The byte layout of a symbol as field elements, as reed-solomon-simd 3.1 defines it
 * (`src/algorithm.md`, `src/engine/shards.rs`): a symbol of S bytes (S even) is read in 64-byte blocks;
 * in each whole block bytes 0..31 are the low bytes and bytes 32..63 the high bytes of 32 elements
 * (element = lo | hi << 8). A final partial block of 2t bytes holds t low bytes, then t high bytes. A symbol
 * therefore carries S / 2 elements, and element e is lane e of the code.
 *
 * @see spec §1.7
 * @packageDocumentation
 */

/**
 * Reads the S-byte symbol `src[off, off + symbolSize)` into the S / 2 elements `w[dst, dst + S/2)`.
 * `symbolSize` must be even (not checked here).
 */
export function symbolToLanes(
  src: Uint8Array,
  off: number,
  symbolSize: number,
  w: Uint16Array,
  dst: number,
): void {
  if (symbolSize === 2) {
    w[dst] = src[off] | (src[off + 1] << 8);
    return;
  }
  const whole = symbolSize >>> 6;
  for (let b = 0; b < whole; b++) {
    const s = off + (b << 6);
    const d = dst + (b << 5);
    for (let i = 0; i < 32; i++) w[d + i] = src[s + i] | (src[s + 32 + i] << 8);
  }
  const t = (symbolSize & 63) >>> 1;
  if (t > 0) {
    const s = off + (whole << 6);
    const d = dst + (whole << 5);
    for (let i = 0; i < t; i++) w[d + i] = src[s + i] | (src[s + t + i] << 8);
  }
}

/** Writes the S / 2 elements `w[src, src + S/2)` as the S-byte symbol `out[off, off + symbolSize)`. */
export function lanesToSymbol(
  w: Uint16Array,
  src: number,
  symbolSize: number,
  out: Uint8Array,
  off: number,
): void {
  if (symbolSize === 2) {
    const v = w[src];
    out[off] = v;
    out[off + 1] = v >>> 8;
    return;
  }
  const whole = symbolSize >>> 6;
  for (let b = 0; b < whole; b++) {
    const s = src + (b << 5);
    const d = off + (b << 6);
    for (let i = 0; i < 32; i++) {
      const v = w[s + i];
      out[d + i] = v;
      out[d + 32 + i] = v >>> 8;
    }
  }
  const t = (symbolSize & 63) >>> 1;
  if (t > 0) {
    const s = src + (whole << 5);
    const d = off + (whole << 6);
    for (let i = 0; i < t; i++) {
      const v = w[s + i];
      out[d + i] = v;
      out[d + t + i] = v >>> 8;
    }
  }
}

/**
 * Reads elements `[e0, e1)` of the S-byte symbol at `src[off, ...)` into `w[dst, dst + e1 - e0)` (the
 * element numbering of {@link symbolToLanes}); lets a long symbol be processed in lane windows.
 */
export function symbolRangeToLanes(
  src: Uint8Array,
  off: number,
  symbolSize: number,
  e0: number,
  e1: number,
  w: Uint16Array,
  dst: number,
): void {
  const whole = symbolSize >>> 6;
  const t = (symbolSize & 63) >>> 1;
  for (let e = e0; e < e1;) {
    const b = e >>> 5;
    const blockEnd = Math.min(e1, (b + 1) << 5);
    const hiShift = b < whole ? 32 : t; // distance from an element's low byte to its high byte
    let s = off + (b << 6) + (e & 31);
    let d = dst + e - e0;
    for (; e < blockEnd; e++, s++, d++) w[d] = src[s] | (src[s + hiShift] << 8);
  }
}

/** Writes `w[src, src + e1 - e0)` as elements `[e0, e1)` of the S-byte symbol at `out[off, ...)`. */
export function lanesToSymbolRange(
  w: Uint16Array,
  src: number,
  symbolSize: number,
  e0: number,
  e1: number,
  out: Uint8Array,
  off: number,
): void {
  const whole = symbolSize >>> 6;
  const t = (symbolSize & 63) >>> 1;
  for (let e = e0; e < e1;) {
    const b = e >>> 5;
    const blockEnd = Math.min(e1, (b + 1) << 5);
    const hiShift = b < whole ? 32 : t;
    let d = off + (b << 6) + (e & 31);
    let s = src + e - e0;
    for (; e < blockEnd; e++, s++, d++) {
      const v = w[s];
      out[d] = v;
      out[d + hiShift] = v >>> 8;
    }
  }
}
