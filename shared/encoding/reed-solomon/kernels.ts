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
import { GF_MODULUS, ZERO_LOG, gfTables } from './gf.ts';

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

/** A log multiplier the lookup tables turn into "times zero" (see `mulExp` in gf.ts). */
function lookupLog(logM: number): number {
  return logM === GF_MODULUS ? ZERO_LOG : logM;
}

/**
 * Two FFT layers on four rows at element offsets `a`, `a + d`, `a + 2d`, `a + 3d` (s0..s3): first
 * (s0,s2) and (s1,s3) with `logM02`, then (s0,s1) with `logM01` and (s2,s3) with `logM23`. Same result as
 * the four radix-2 butterflies, with one load and store per element.
 */
export function fftButterfly2Layers(
  w: Uint16Array,
  a: number,
  d: number,
  logM01: number,
  logM23: number,
  logM02: number,
  lanes: number,
): void {
  const { mulLog, mulExp } = gfTables();
  const m01 = lookupLog(logM01);
  const m23 = lookupLog(logM23);
  const m02 = lookupLog(logM02);
  const b = a + d;
  const c = b + d;
  const e = c + d;
  for (let i = 0; i < lanes; i++) {
    let s0 = w[a + i];
    let s1 = w[b + i];
    let s2 = w[c + i];
    let s3 = w[e + i];
    s0 ^= mulExp[mulLog[s2] + m02];
    s2 ^= s0;
    s1 ^= mulExp[mulLog[s3] + m02];
    s3 ^= s1;
    s0 ^= mulExp[mulLog[s1] + m01];
    s1 ^= s0;
    s2 ^= mulExp[mulLog[s3] + m23];
    s3 ^= s2;
    w[a + i] = s0;
    w[b + i] = s1;
    w[c + i] = s2;
    w[e + i] = s3;
  }
}

/**
 * Two IFFT layers on four rows (the inverse order of {@link fftButterfly2Layers}): (s0,s1) with `logM01`,
 * (s2,s3) with `logM23`, then (s0,s2) and (s1,s3) with `logM02`.
 */
export function ifftButterfly2Layers(
  w: Uint16Array,
  a: number,
  d: number,
  logM01: number,
  logM23: number,
  logM02: number,
  lanes: number,
): void {
  const { mulLog, mulExp } = gfTables();
  const m01 = lookupLog(logM01);
  const m23 = lookupLog(logM23);
  const m02 = lookupLog(logM02);
  const b = a + d;
  const c = b + d;
  const e = c + d;
  for (let i = 0; i < lanes; i++) {
    let s0 = w[a + i];
    let s1 = w[b + i];
    let s2 = w[c + i];
    let s3 = w[e + i];
    s1 ^= s0;
    s0 ^= mulExp[mulLog[s1] + m01];
    s3 ^= s2;
    s2 ^= mulExp[mulLog[s3] + m23];
    s2 ^= s0;
    s0 ^= mulExp[mulLog[s2] + m02];
    s3 ^= s1;
    s1 ^= mulExp[mulLog[s3] + m02];
    w[a + i] = s0;
    w[b + i] = s1;
    w[c + i] = s2;
    w[e + i] = s3;
  }
}

/**
 * In-place decimation-in-time FFT on rows `[pos, pos + size)` (`size` a power of two). Afterwards rows
 * `[pos, pos + truncated)` hold the result; rows past that hold garbage unless they were zero before.
 * The twiddle for the block starting at relative row r with half-size `dist` is
 * `skew[r + dist + skewDelta - 1]` (the crate's `Naive::fft`; layers are fused in pairs as in its
 * `NoSimd` engine, which gives the same values).
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
  let dist4 = size;
  for (let dist = size >>> 2; dist > 0; dist4 = dist, dist >>>= 2) {
    const d = dist * lanes;
    for (let r = 0; r < truncated; r += dist4) {
      const base = r + dist + skewDelta - 1;
      const m01 = skew[base];
      const m02 = skew[base + dist];
      const m23 = skew[base + 2 * dist];
      const end = (pos + r + dist) * lanes;
      for (let a = (pos + r) * lanes; a < end; a += lanes) fftButterfly2Layers(w, a, d, m01, m23, m02, lanes);
    }
  }
  if (dist4 === 2) {
    for (let r = 0; r < truncated; r += 2) {
      const a = (pos + r) * lanes;
      fftButterfly(w, a, a + lanes, skew[r + skewDelta], lanes);
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
  let dist = 1;
  for (let dist4 = 4; dist4 <= size; dist = dist4, dist4 <<= 2) {
    const d = dist * lanes;
    for (let r = 0; r < truncated; r += dist4) {
      const base = r + dist + skewDelta - 1;
      const m01 = skew[base];
      const m02 = skew[base + dist];
      const m23 = skew[base + 2 * dist];
      const end = (pos + r + dist) * lanes;
      for (let a = (pos + r) * lanes; a < end; a += lanes)
        ifftButterfly2Layers(w, a, d, m01, m23, m02, lanes);
    }
  }
  if (dist < size) {
    // One radix-2 layer is left; its single block starts at relative row 0.
    const logM = skew[dist + skewDelta - 1];
    const d = dist * lanes;
    const end = (pos + dist) * lanes;
    for (let a = pos * lanes; a < end; a += lanes) ifftButterfly(w, a, a + d, logM, lanes);
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
