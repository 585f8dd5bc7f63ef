/**
 * The hot loops of the Reed-Solomon code: additive-FFT butterflies, FFT/IFFT over a run of symbols,
 * slice multiply / XOR and the formal derivative. Everything else in the codec only arranges calls to
 * these, so this is the one module to replace with a WebAssembly SIMD build.
 *
 * Data model: a work buffer `w` (Uint16Array) holds `symbolCount` rows of `lanes` field elements each;
 * row s occupies `w[s * lanes, (s + 1) * lanes)`. Every lane is an independent codeword position (one
 * 16-bit element of one symbol of one codeword); the kernels apply the same operation to all lanes of a
 * row. Positions (`pos`, `size`, ...) are in rows; offsets named `a`, `b`, `off` are in elements.
 *
 * Semantics follow reed-solomon-simd 3.1's `Naive` engine (`engine_naive.rs`, `utils.rs`).
 *
 * @see spec §1.7
 * @packageDocumentation
 */
import { GF_MODULUS, gfTables } from './gf.ts';

/**
 * FFT butterfly on two rows: `x ^= y * exp[logM]; y ^= x`, lane by lane, for `lanes` elements at offsets
 * `a` (x) and `b` (y). `logM = 65535` skips the multiply (the crate's convention).
 */
export function fftButterfly(w: Uint16Array, a: number, b: number, logM: number, lanes: number): void {
  if (logM === GF_MODULUS) {
    for (let i = 0; i < lanes; i++) w[b + i] ^= w[a + i];
    return;
  }
  const { mulLog, mulExp } = gfTables();
  for (let i = 0; i < lanes; i++) {
    const y = w[b + i];
    const x = w[a + i] ^ mulExp[mulLog[y] + logM];
    w[a + i] = x;
    w[b + i] = y ^ x;
  }
}

/**
 * IFFT butterfly on two rows: `y ^= x; x ^= y * exp[logM]`, lane by lane (`logM = 65535` skips the
 * multiply).
 */
export function ifftButterfly(w: Uint16Array, a: number, b: number, logM: number, lanes: number): void {
  if (logM === GF_MODULUS) {
    for (let i = 0; i < lanes; i++) w[b + i] ^= w[a + i];
    return;
  }
  const { mulLog, mulExp } = gfTables();
  for (let i = 0; i < lanes; i++) {
    const x = w[a + i];
    const y = w[b + i] ^ x;
    w[b + i] = y;
    w[a + i] = x ^ mulExp[mulLog[y] + logM];
  }
}

/**
 * In-place decimation-in-time FFT on rows `[pos, pos + size)` (`size` a power of two). Afterwards rows
 * `[pos, pos + truncated)` hold the result; rows past that hold garbage unless they were zero before.
 * The twiddle for the block starting at relative row r with half-size `dist` is
 * `skew[r + dist + skewDelta - 1]`.
 */
export function fft(
  w: Uint16Array,
  lanes: number,
  pos: number,
  size: number,
  truncated: number,
  skewDelta: number,
): void {
  const { skew } = gfTables();
  for (let dist = size >>> 1; dist > 0; dist >>>= 1) {
    for (let r = 0; r < truncated; r += dist << 1) {
      const logM = skew[r + dist + skewDelta - 1];
      const end = (pos + r + dist) * lanes;
      const d = dist * lanes;
      for (let a = (pos + r) * lanes; a < end; a += lanes) fftButterfly(w, a, a + d, logM, lanes);
    }
  }
}

/**
 * In-place decimation-in-time IFFT on rows `[pos, pos + size)`; same conventions as {@link fft} with
 * the layers run in the opposite order (dist = 1 up to size / 2).
 */
export function ifft(
  w: Uint16Array,
  lanes: number,
  pos: number,
  size: number,
  truncated: number,
  skewDelta: number,
): void {
  const { skew } = gfTables();
  for (let dist = 1; dist < size; dist <<= 1) {
    for (let r = 0; r < truncated; r += dist << 1) {
      const logM = skew[r + dist + skewDelta - 1];
      const end = (pos + r + dist) * lanes;
      const d = dist * lanes;
      for (let a = (pos + r) * lanes; a < end; a += lanes) ifftButterfly(w, a, a + d, logM, lanes);
    }
  }
}

/** `w[off, off + count) *= exp[logM]` element-wise (`logM = 65535` multiplies by 1, as in the crate). */
export function mulSlice(w: Uint16Array, off: number, count: number, logM: number): void {
  const { mulLog, mulExp } = gfTables();
  const end = off + count;
  for (let i = off; i < end; i++) w[i] = mulExp[mulLog[w[i]] + logM];
}

/** `w[dst, dst + count) ^= w[src, src + count)` element-wise; the ranges must not overlap. */
export function xorSlice(w: Uint16Array, dst: number, src: number, count: number): void {
  for (let i = 0; i < count; i++) w[dst + i] ^= w[src + i];
}

/**
 * The crate's formal derivative over rows `[0, symbolCount)` (`symbolCount` a power of two): for each
 * row i >= 1 with lowest set bit `width`, rows `[i - width, i)` ^= rows `[i, i + width)`.
 */
export function formalDerivative(w: Uint16Array, lanes: number, symbolCount: number): void {
  for (let i = 1; i < symbolCount; i++) {
    const width = i & -i;
    xorSlice(w, (i - width) * lanes, i * lanes, width * lanes);
  }
}
