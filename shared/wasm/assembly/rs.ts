// GF(2^16) Reed-Solomon kernels, byte-compatible with reed-solomon-simd 3.1 (spec section 1.7): the
// crate's tables, its two-layer FFT/IFFT on the 64-byte lo/hi block layout with nibble lookup
// tables (i8x16.swizzle), and its high-rate/low-rate encoders and decoders.
//
// Shard data: shard i of a work buffer starts at `data + i * sb`; `sb` (shard bytes) is a multiple of
// 64. Every 64-byte block holds 32 field elements: bytes 0..31 are their low bytes, 32..63 the high.
import { ERASURES, EXP, LOG, LOG_WALSH, MUL128, SKEW } from './layout';

// @ts-ignore: decorator
@inline const GF_BITS: u32 = 16;
// @ts-ignore: decorator
@inline const GF_ORDER: u32 = 65536;
// @ts-ignore: decorator
@inline const GF_MODULUS: u32 = 65535;
// @ts-ignore: decorator
@inline const GF_POLYNOMIAL: u32 = 0x1002d;

const CANTOR_BASIS = memory.data<u16>([
  0x0001, 0xacca, 0x3c0e, 0x163e, 0xc582, 0xed2e, 0x914c, 0x4012, 0x6c98, 0x10d8, 0x6a72, 0xb900, 0xfdb8,
  0xfb34, 0xff38, 0x991e,
]);
const SKEW_TEMP = memory.data(32, 2);

let tablesReady = false;

// @ts-ignore: decorator
@inline function exp(i: u32): u32 {
  return <u32>load<u16>(EXP + ((<usize>i) << 1));
}
// @ts-ignore: decorator
@inline function log(i: u32): u32 {
  return <u32>load<u16>(LOG + ((<usize>i) << 1));
}
// @ts-ignore: decorator
@inline function skew(i: usize): u32 {
  return <u32>load<u16>(SKEW + (i << 1));
}

/** The crate's `add_mod`: (x + y) mod 65535 on u16 log values, keeping 65535 when x + y = 65535. */
// @ts-ignore: decorator
@inline function addMod(x: u32, y: u32): u32 {
  const sum = x + y;
  return (sum + (sum >> GF_BITS)) & 0xffff;
}

/** The crate's `sub_mod`. */
// @ts-ignore: decorator
@inline function subMod(x: u32, y: u32): u32 {
  const dif = x - y;
  return (dif + (dif >> GF_BITS)) & 0xffff;
}

/** The crate's `tables::mul`: `x * exp[logM]`, 0 for x = 0. */
export function gfMul(x: u32, logM: u32): u32 {
  return x == 0 ? 0 : exp(addMod(log(x), logM));
}

/** Builds the exp/log, skew, log-Walsh and nibble tables once (about 10 ms); later calls return. */
export function rsInit(): void {
  if (tablesReady) return;
  initExpLog();
  initSkew();
  memory.copy(LOG_WALSH, LOG, GF_ORDER << 1);
  store<u16>(LOG_WALSH, 0);
  fwht(LOG_WALSH, GF_ORDER);
  initMul128();
  tablesReady = true;
}

function initExpLog(): void {
  let state: u32 = 1;
  for (let i: u32 = 0; i < GF_MODULUS; i++) {
    store<u16>(EXP + ((<usize>state) << 1), <u16>i);
    state <<= 1;
    if (state >= GF_ORDER) state ^= GF_POLYNOMIAL;
  }
  store<u16>(EXP, <u16>GF_MODULUS);

  store<u16>(LOG, 0);
  for (let i: u32 = 0; i < GF_BITS; i++) {
    const width: u32 = 1 << i;
    const basis = <u32>load<u16>(CANTOR_BASIS + ((<usize>i) << 1));
    for (let j: u32 = 0; j < width; j++) {
      store<u16>(LOG + ((<usize>(j + width)) << 1), <u16>(log(j) ^ basis));
    }
  }
  for (let i: u32 = 0; i < GF_ORDER; i++) store<u16>(LOG + ((<usize>i) << 1), <u16>exp(log(i)));
  for (let i: u32 = 0; i < GF_ORDER; i++) store<u16>(EXP + ((<usize>log(i)) << 1), <u16>i);
  store<u16>(EXP + ((<usize>GF_MODULUS) << 1), <u16>exp(0));
}

// @ts-ignore: decorator
@inline function temp(i: u32): u32 {
  return <u32>load<u16>(SKEW_TEMP + ((<usize>i) << 1));
}
// @ts-ignore: decorator
@inline function setTemp(i: u32, v: u32): void {
  store<u16>(SKEW_TEMP + ((<usize>i) << 1), <u16>v);
}

function initSkew(): void {
  for (let i: u32 = 1; i < GF_BITS; i++) setTemp(i - 1, 1 << i);
  for (let m: u32 = 0; m < GF_BITS - 1; m++) {
    const step: u32 = 1 << (m + 1);
    store<u16>(SKEW + ((<usize>((1 << m) - 1)) << 1), 0);
    for (let i: u32 = m; i < GF_BITS - 1; i++) {
      const s: u32 = 1 << (i + 1);
      for (let j: u32 = (1 << m) - 1; j < s; j += step) {
        store<u16>(SKEW + ((<usize>(j + s)) << 1), <u16>(skew(j) ^ temp(i)));
      }
    }
    setTemp(m, GF_MODULUS - log(gfMul(temp(m), log(temp(m) ^ 1))));
    for (let i: u32 = m + 1; i < GF_BITS - 1; i++) {
      const sum = addMod(log(temp(i) ^ 1), temp(m));
      setTemp(i, gfMul(temp(i), sum));
    }
  }
  for (let i: usize = 0; i < GF_MODULUS; i++) store<u16>(SKEW + (i << 1), <u16>log(skew(i)));
}

function initMul128(): void {
  // Multiplying by a constant is GF(2)-linear, so each 16-entry table is the XOR span of four
  // single-bit products.
  for (let logM: u32 = 0; logM < GF_ORDER; logM++) {
    const lut = MUL128 + ((<usize>logM) << 7);
    for (let i: u32 = 0; i < 4; i++) {
      const b0 = gfMul(<u32>1 << (i << 2), logM);
      const b1 = gfMul(<u32>2 << (i << 2), logM);
      const b2 = gfMul(<u32>4 << (i << 2), logM);
      const b3 = gfMul(<u32>8 << (i << 2), logM);
      for (let x: u32 = 0; x < 16; x++) {
        let prod: u32 = 0;
        if (x & 1) prod ^= b0;
        if (x & 2) prod ^= b1;
        if (x & 4) prod ^= b2;
        if (x & 8) prod ^= b3;
        store<u8>(lut + (<usize>(i << 4)) + x, <u8>prod);
        store<u8>(lut + 64 + (<usize>(i << 4)) + x, <u8>(prod >> 8));
      }
    }
  }
}

/** `x[0, bytes) ^= y[0, bytes)` (`bytes` a multiple of 16; the ranges must not overlap). */
export function xorSlice(x: usize, y: usize, bytes: usize): void {
  let o: usize = 0;
  for (; o + 64 <= bytes; o += 64) {
    v128.store(x + o, v128.xor(v128.load(x + o, 0), v128.load(y + o, 0)), 0);
    v128.store(x + o, v128.xor(v128.load(x + o, 16), v128.load(y + o, 16)), 16);
    v128.store(x + o, v128.xor(v128.load(x + o, 32), v128.load(y + o, 32)), 32);
    v128.store(x + o, v128.xor(v128.load(x + o, 48), v128.load(y + o, 48)), 48);
  }
  for (; o < bytes; o += 16) v128.store(x + o, v128.xor(v128.load(x + o), v128.load(y + o)));
}

/** FFT butterfly over `bytes` bytes (a multiple of 64): `x ^= y * exp[logM]; y ^= x`. */
function fftPartial(x: usize, y: usize, bytes: usize, logM: u32): void {
  const lut = MUL128 + ((<usize>logM) << 7);
  const t0l = v128.load(lut, 0);
  const t1l = v128.load(lut, 16);
  const t2l = v128.load(lut, 32);
  const t3l = v128.load(lut, 48);
  const t0h = v128.load(lut, 64);
  const t1h = v128.load(lut, 80);
  const t2h = v128.load(lut, 96);
  const t3h = v128.load(lut, 112);
  const mask = i8x16.splat(0x0f);
  for (let o: usize = 0; o < bytes; o += 64) {
    const x0l = v128.load(x + o, 0);
    const x1l = v128.load(x + o, 16);
    const x0h = v128.load(x + o, 32);
    const x1h = v128.load(x + o, 48);
    const y0l = v128.load(y + o, 0);
    const y1l = v128.load(y + o, 16);
    const y0h = v128.load(y + o, 32);
    const y1h = v128.load(y + o, 48);
    const ad0 = v128.and(y0l, mask);
    const ad1 = v128.and(i64x2.shr_u(y0l, 4), mask);
    const ae0 = v128.and(y0h, mask);
    const ae1 = v128.and(i64x2.shr_u(y0h, 4), mask);
    const apl = v128.xor(
      v128.xor(i8x16.swizzle(t0l, ad0), i8x16.swizzle(t1l, ad1)),
      v128.xor(i8x16.swizzle(t2l, ae0), i8x16.swizzle(t3l, ae1)),
    );
    const aph = v128.xor(
      v128.xor(i8x16.swizzle(t0h, ad0), i8x16.swizzle(t1h, ad1)),
      v128.xor(i8x16.swizzle(t2h, ae0), i8x16.swizzle(t3h, ae1)),
    );
    const bd0 = v128.and(y1l, mask);
    const bd1 = v128.and(i64x2.shr_u(y1l, 4), mask);
    const be0 = v128.and(y1h, mask);
    const be1 = v128.and(i64x2.shr_u(y1h, 4), mask);
    const bpl = v128.xor(
      v128.xor(i8x16.swizzle(t0l, bd0), i8x16.swizzle(t1l, bd1)),
      v128.xor(i8x16.swizzle(t2l, be0), i8x16.swizzle(t3l, be1)),
    );
    const bph = v128.xor(
      v128.xor(i8x16.swizzle(t0h, bd0), i8x16.swizzle(t1h, bd1)),
      v128.xor(i8x16.swizzle(t2h, be0), i8x16.swizzle(t3h, be1)),
    );
    const n0l = v128.xor(x0l, apl);
    const n1l = v128.xor(x1l, bpl);
    const n0h = v128.xor(x0h, aph);
    const n1h = v128.xor(x1h, bph);
    v128.store(x + o, n0l, 0);
    v128.store(x + o, n1l, 16);
    v128.store(x + o, n0h, 32);
    v128.store(x + o, n1h, 48);
    v128.store(y + o, v128.xor(y0l, n0l), 0);
    v128.store(y + o, v128.xor(y1l, n1l), 16);
    v128.store(y + o, v128.xor(y0h, n0h), 32);
    v128.store(y + o, v128.xor(y1h, n1h), 48);
  }
}

/** IFFT butterfly over `bytes` bytes (a multiple of 64): `y ^= x; x ^= y * exp[logM]`. */
function ifftPartial(x: usize, y: usize, bytes: usize, logM: u32): void {
  const lut = MUL128 + ((<usize>logM) << 7);
  const t0l = v128.load(lut, 0);
  const t1l = v128.load(lut, 16);
  const t2l = v128.load(lut, 32);
  const t3l = v128.load(lut, 48);
  const t0h = v128.load(lut, 64);
  const t1h = v128.load(lut, 80);
  const t2h = v128.load(lut, 96);
  const t3h = v128.load(lut, 112);
  const mask = i8x16.splat(0x0f);
  for (let o: usize = 0; o < bytes; o += 64) {
    const x0l = v128.load(x + o, 0);
    const x1l = v128.load(x + o, 16);
    const x0h = v128.load(x + o, 32);
    const x1h = v128.load(x + o, 48);
    const y0l = v128.xor(v128.load(y + o, 0), x0l);
    const y1l = v128.xor(v128.load(y + o, 16), x1l);
    const y0h = v128.xor(v128.load(y + o, 32), x0h);
    const y1h = v128.xor(v128.load(y + o, 48), x1h);
    v128.store(y + o, y0l, 0);
    v128.store(y + o, y1l, 16);
    v128.store(y + o, y0h, 32);
    v128.store(y + o, y1h, 48);
    const ad0 = v128.and(y0l, mask);
    const ad1 = v128.and(i64x2.shr_u(y0l, 4), mask);
    const ae0 = v128.and(y0h, mask);
    const ae1 = v128.and(i64x2.shr_u(y0h, 4), mask);
    const apl = v128.xor(
      v128.xor(i8x16.swizzle(t0l, ad0), i8x16.swizzle(t1l, ad1)),
      v128.xor(i8x16.swizzle(t2l, ae0), i8x16.swizzle(t3l, ae1)),
    );
    const aph = v128.xor(
      v128.xor(i8x16.swizzle(t0h, ad0), i8x16.swizzle(t1h, ad1)),
      v128.xor(i8x16.swizzle(t2h, ae0), i8x16.swizzle(t3h, ae1)),
    );
    const bd0 = v128.and(y1l, mask);
    const bd1 = v128.and(i64x2.shr_u(y1l, 4), mask);
    const be0 = v128.and(y1h, mask);
    const be1 = v128.and(i64x2.shr_u(y1h, 4), mask);
    const bpl = v128.xor(
      v128.xor(i8x16.swizzle(t0l, bd0), i8x16.swizzle(t1l, bd1)),
      v128.xor(i8x16.swizzle(t2l, be0), i8x16.swizzle(t3l, be1)),
    );
    const bph = v128.xor(
      v128.xor(i8x16.swizzle(t0h, bd0), i8x16.swizzle(t1h, bd1)),
      v128.xor(i8x16.swizzle(t2h, be0), i8x16.swizzle(t3h, be1)),
    );
    v128.store(x + o, v128.xor(x0l, apl), 0);
    v128.store(x + o, v128.xor(x1l, bpl), 16);
    v128.store(x + o, v128.xor(x0h, aph), 32);
    v128.store(x + o, v128.xor(x1h, bph), 48);
  }
}

/** `x[0, bytes) *= exp[logM]` element-wise on the lo/hi block layout (`bytes` a multiple of 64). */
export function mulSlice(x: usize, bytes: usize, logM: u32): void {
  const lut = MUL128 + ((<usize>logM) << 7);
  const t0l = v128.load(lut, 0);
  const t1l = v128.load(lut, 16);
  const t2l = v128.load(lut, 32);
  const t3l = v128.load(lut, 48);
  const t0h = v128.load(lut, 64);
  const t1h = v128.load(lut, 80);
  const t2h = v128.load(lut, 96);
  const t3h = v128.load(lut, 112);
  const mask = i8x16.splat(0x0f);
  for (let o: usize = 0; o < bytes; o += 64) {
    const x0l = v128.load(x + o, 0);
    const x1l = v128.load(x + o, 16);
    const x0h = v128.load(x + o, 32);
    const x1h = v128.load(x + o, 48);
    const ad0 = v128.and(x0l, mask);
    const ad1 = v128.and(i64x2.shr_u(x0l, 4), mask);
    const ae0 = v128.and(x0h, mask);
    const ae1 = v128.and(i64x2.shr_u(x0h, 4), mask);
    const apl = v128.xor(
      v128.xor(i8x16.swizzle(t0l, ad0), i8x16.swizzle(t1l, ad1)),
      v128.xor(i8x16.swizzle(t2l, ae0), i8x16.swizzle(t3l, ae1)),
    );
    const aph = v128.xor(
      v128.xor(i8x16.swizzle(t0h, ad0), i8x16.swizzle(t1h, ad1)),
      v128.xor(i8x16.swizzle(t2h, ae0), i8x16.swizzle(t3h, ae1)),
    );
    const bd0 = v128.and(x1l, mask);
    const bd1 = v128.and(i64x2.shr_u(x1l, 4), mask);
    const be0 = v128.and(x1h, mask);
    const be1 = v128.and(i64x2.shr_u(x1h, 4), mask);
    const bpl = v128.xor(
      v128.xor(i8x16.swizzle(t0l, bd0), i8x16.swizzle(t1l, bd1)),
      v128.xor(i8x16.swizzle(t2l, be0), i8x16.swizzle(t3l, be1)),
    );
    const bph = v128.xor(
      v128.xor(i8x16.swizzle(t0h, bd0), i8x16.swizzle(t1h, bd1)),
      v128.xor(i8x16.swizzle(t2h, be0), i8x16.swizzle(t3h, be1)),
    );
    v128.store(x + o, apl, 0);
    v128.store(x + o, bpl, 16);
    v128.store(x + o, aph, 32);
    v128.store(x + o, bph, 48);
  }
}

// @ts-ignore: decorator
@inline function fftButterfly(x: usize, y: usize, sb: usize, logM: u32): void {
  if (logM == GF_MODULUS) xorSlice(y, x, sb);
  else fftPartial(x, y, sb, logM);
}

// @ts-ignore: decorator
@inline function ifftButterfly(x: usize, y: usize, sb: usize, logM: u32): void {
  if (logM == GF_MODULUS) xorSlice(y, x, sb);
  else ifftPartial(x, y, sb, logM);
}

/**
 * In-place decimation-in-time FFT on shards `[pos, pos + size)` (`size` a power of two) as the
 * crate's `Engine::fft`: shards `[pos, pos + truncated)` hold the result afterwards.
 */
export function fft(data: usize, sb: usize, pos: usize, size: usize, truncated: usize, skewDelta: usize): void {
  let dist4 = size;
  let dist = size >> 2;
  while (dist != 0) {
    for (let r: usize = 0; r < truncated; r += dist4) {
      const base = r + dist + skewDelta - 1;
      const m01 = skew(base);
      const m02 = skew(base + dist);
      const m23 = skew(base + (dist << 1));
      for (let i = r; i < r + dist; i++) {
        const s0 = data + (pos + i) * sb;
        const s1 = s0 + dist * sb;
        const s2 = s1 + dist * sb;
        const s3 = s2 + dist * sb;
        fftButterfly(s0, s2, sb, m02);
        fftButterfly(s1, s3, sb, m02);
        fftButterfly(s0, s1, sb, m01);
        fftButterfly(s2, s3, sb, m23);
      }
    }
    dist4 = dist;
    dist >>= 2;
  }
  if (dist4 == 2) {
    for (let r: usize = 0; r < truncated; r += 2) {
      const x = data + (pos + r) * sb;
      fftButterfly(x, x + sb, sb, skew(r + skewDelta));
    }
  }
}

/**
 * In-place decimation-in-time IFFT on shards `[pos, pos + size)` as the crate's `Engine::ifft`
 * (shards from `pos + truncated` on must be zero for a valid result).
 */
export function ifft(data: usize, sb: usize, pos: usize, size: usize, truncated: usize, skewDelta: usize): void {
  let dist: usize = 1;
  let dist4: usize = 4;
  while (dist4 <= size) {
    for (let r: usize = 0; r < truncated; r += dist4) {
      const base = r + dist + skewDelta - 1;
      const m01 = skew(base);
      const m02 = skew(base + dist);
      const m23 = skew(base + (dist << 1));
      for (let i = r; i < r + dist; i++) {
        const s0 = data + (pos + i) * sb;
        const s1 = s0 + dist * sb;
        const s2 = s1 + dist * sb;
        const s3 = s2 + dist * sb;
        ifftButterfly(s0, s1, sb, m01);
        ifftButterfly(s2, s3, sb, m23);
        ifftButterfly(s0, s2, sb, m02);
        ifftButterfly(s1, s3, sb, m02);
      }
    }
    dist = dist4;
    dist4 <<= 2;
  }
  if (dist < size) {
    const logM = skew(dist + skewDelta - 1);
    const a = data + pos * sb;
    const b = a + dist * sb;
    if (logM == GF_MODULUS) xorSlice(b, a, dist * sb);
    else for (let i: usize = 0; i < dist; i++) ifftPartial(a + i * sb, b + i * sb, sb, logM);
  }
}

/** The crate's formal derivative over shards `[0, count)`. */
export function formalDerivative(data: usize, sb: usize, count: usize): void {
  for (let i: usize = 1; i < count; i++) {
    const width = i & (~i + 1);
    xorSlice(data + (i - width) * sb, data + i * sb, width * sb);
  }
}

// @ts-ignore: decorator
@inline function nextPow2(x: usize): usize {
  return x <= 1 ? 1 : (<usize>1) << (32 - clz<u32>(<u32>(x - 1)));
}

// @ts-ignore: decorator
@inline function zeroShards(data: usize, sb: usize, from: usize, to: usize): void {
  if (to > from) memory.fill(data + from * sb, 0, (to - from) * sb);
}

/**
 * High-rate encode as the crate's `HighRateEncoder::encode`: the `k` originals are in shards
 * `[0, k)` of a work buffer of `ceil(k / P(m)) * P(m)` shards (P = next power of two); afterwards
 * shards `[0, m)` hold the `m` recovery shards.
 */
export function encodeHighRate(work: usize, sb: usize, k: usize, m: usize): void {
  const chunk = nextPow2(m);
  const first = k < chunk ? k : chunk;
  zeroShards(work, sb, first, chunk);
  ifft(work, sb, 0, chunk, first, chunk);
  if (k > chunk) {
    let start = chunk;
    while (start + chunk <= k) {
      ifft(work, sb, start, chunk, chunk, start + chunk);
      xorSlice(work, work + start * sb, chunk * sb);
      start += chunk;
    }
    const last = k % chunk;
    if (last > 0) {
      zeroShards(work, sb, start + last, start + chunk);
      ifft(work, sb, start, chunk, last, start + chunk);
      xorSlice(work, work + start * sb, chunk * sb);
    }
  }
  fft(work, sb, 0, chunk, m, 0);
}

/**
 * Low-rate encode as the crate's `LowRateEncoder::encode`: the `k` originals are in shards `[0, k)`
 * of a work buffer of `ceil(m / P(k)) * P(k)` shards; afterwards shards `[0, m)` hold the recovery.
 */
export function encodeLowRate(work: usize, sb: usize, k: usize, m: usize): void {
  const chunk = nextPow2(k);
  zeroShards(work, sb, k, chunk);
  ifft(work, sb, 0, chunk, k, 0);
  for (let start = chunk; start < m; start += chunk) memory.copy(work + start * sb, work, chunk * sb);
  let start: usize = 0;
  for (; start + chunk <= m; start += chunk) fft(work, sb, start, chunk, chunk, start + chunk);
  const last = m % chunk;
  if (last > 0) fft(work, sb, start, chunk, last, start + chunk);
}

// @ts-ignore: decorator
@inline function erasure(i: usize): u32 {
  return <u32>load<u16>(ERASURES + (i << 1));
}

/** The crate's `fwht` over the u16 array at `data` (65536 entries), `truncated` non-zero at the front. */
export function fwht(data: usize, truncated: usize): void {
  let dist: usize = 1;
  let dist4: usize = 4;
  while (dist4 <= GF_ORDER) {
    for (let r: usize = 0; r < truncated; r += dist4) {
      for (let off = r; off < r + dist; off++) {
        const p0 = data + (off << 1);
        const p1 = p0 + (dist << 1);
        const p2 = p1 + (dist << 1);
        const p3 = p2 + (dist << 1);
        const a = <u32>load<u16>(p0);
        const b = <u32>load<u16>(p1);
        const c = <u32>load<u16>(p2);
        const d = <u32>load<u16>(p3);
        const s0 = addMod(a, b);
        const d0 = subMod(a, b);
        const s1 = addMod(c, d);
        const d1 = subMod(c, d);
        store<u16>(p0, <u16>addMod(s0, s1));
        store<u16>(p1, <u16>addMod(d0, d1));
        store<u16>(p2, <u16>subMod(s0, s1));
        store<u16>(p3, <u16>subMod(d0, d1));
      }
    }
    dist = dist4;
    dist4 <<= 2;
  }
}

/** The crate's `eval_poly` on the erasure array at `data` (65536 u16). */
export function evalPoly(data: usize, truncated: usize): void {
  fwht(data, truncated);
  for (let i: usize = 0; i < GF_ORDER; i++) {
    const p = data + (i << 1);
    const product = <u32>load<u16>(p) * <u32>load<u16>(LOG_WALSH + (i << 1));
    store<u16>(p, <u16>addMod(product & 0xffff, product >> GF_BITS));
  }
  fwht(data, GF_ORDER);
}

/** Scales received shards by the erasure locator and zeroes missing ones, over `[from, to)`. */
function scaleReceived(work: usize, sb: usize, received: usize, from: usize, to: usize): void {
  for (let i = from; i < to; i++) {
    const s = work + i * sb;
    if (load<u8>(received + i)) mulSlice(s, sb, erasure(i));
    else memory.fill(s, 0, sb);
  }
}

/**
 * High-rate decode as the crate's `HighRateDecoder::decode`. Work buffer of `P(P(m) + k)` shards:
 * recovery shard i at position i, original j at `P(m) + j`; `received` holds one byte per position
 * (non-zero = present). Missing originals are restored in place. The caller ensures at least `k`
 * shards are present and at least one original is missing.
 */
export function decodeHighRate(work: usize, sb: usize, k: usize, m: usize, received: usize): void {
  const chunk = nextPow2(m);
  const originalEnd = chunk + k;
  const workCount = nextPow2(originalEnd);
  memory.fill(ERASURES, 0, GF_ORDER << 1);
  for (let i: usize = 0; i < m; i++) if (!load<u8>(received + i)) store<u16>(ERASURES + (i << 1), 1);
  for (let i = m; i < chunk; i++) store<u16>(ERASURES + (i << 1), 1);
  for (let i = chunk; i < originalEnd; i++) if (!load<u8>(received + i)) store<u16>(ERASURES + (i << 1), 1);
  evalPoly(ERASURES, originalEnd);
  scaleReceived(work, sb, received, 0, m);
  zeroShards(work, sb, m, chunk);
  scaleReceived(work, sb, received, chunk, originalEnd);
  zeroShards(work, sb, originalEnd, workCount);
  ifft(work, sb, 0, workCount, originalEnd, 0);
  formalDerivative(work, sb, workCount);
  fft(work, sb, 0, workCount, originalEnd, 0);
  for (let i = chunk; i < originalEnd; i++) {
    if (!load<u8>(received + i)) mulSlice(work + i * sb, sb, GF_MODULUS - erasure(i));
  }
}

/**
 * Low-rate decode as the crate's `LowRateDecoder::decode`. Work buffer of `P(P(k) + m)` shards:
 * original j at position j, recovery shard i at `P(k) + i`; `received` as for
 * {@link decodeHighRate}. Missing originals are restored in place.
 */
export function decodeLowRate(work: usize, sb: usize, k: usize, m: usize, received: usize): void {
  const chunk = nextPow2(k);
  const recoveryEnd = chunk + m;
  const workCount = nextPow2(recoveryEnd);
  memory.fill(ERASURES, 0, GF_ORDER << 1);
  for (let i: usize = 0; i < k; i++) if (!load<u8>(received + i)) store<u16>(ERASURES + (i << 1), 1);
  for (let i = chunk; i < recoveryEnd; i++) if (!load<u8>(received + i)) store<u16>(ERASURES + (i << 1), 1);
  for (let i = recoveryEnd; i < GF_ORDER; i++) store<u16>(ERASURES + (i << 1), 1);
  evalPoly(ERASURES, GF_ORDER);
  scaleReceived(work, sb, received, 0, k);
  zeroShards(work, sb, k, chunk);
  scaleReceived(work, sb, received, chunk, recoveryEnd);
  zeroShards(work, sb, recoveryEnd, workCount);
  ifft(work, sb, 0, workCount, recoveryEnd, 0);
  formalDerivative(work, sb, workCount);
  fft(work, sb, 0, workCount, recoveryEnd, 0);
  for (let i: usize = 0; i < k; i++) {
    if (!load<u8>(received + i)) mulSlice(work + i * sb, sb, GF_MODULUS - erasure(i));
  }
}

/**
 * Field lanes a symbol of `symbolSize` bytes takes in a packed shard: `symbolSize / 2` below 64
 * bytes (dense), else 32 per started 64-byte block (the crate's own per-shard layout).
 */
// @ts-ignore: decorator
@inline export function lanesPerSymbol(symbolSize: usize): usize {
  return symbolSize >= 64 ? ((symbolSize + 63) >> 6) << 5 : symbolSize >> 1;
}

/**
 * Packs symbols into shards: shard i (at `dst + i * sb`, zero padded) gets `syms` symbols of
 * `symbolSize` bytes, symbol s read from `src + i * shardStride + s * symStride`, as field lanes
 * `[s * L, (s + 1) * L)` with L = {@link lanesPerSymbol}. Element e of a symbol is
 * (lo, hi) = (byte 64b + j, byte 64b + 32 + j) for e = 32b + j in a whole 64-byte block, and
 * (byte 64W + j, byte 64W + t + j) in a final partial block of 2t bytes (the crate's definition).
 */
export function pack(
  src: usize,
  shards: usize,
  shardStride: usize,
  syms: usize,
  symStride: usize,
  symbolSize: usize,
  dst: usize,
  sb: usize,
): void {
  const whole = symbolSize >> 6;
  const t = (symbolSize & 63) >> 1;
  for (let i: usize = 0; i < shards; i++) {
    const d = dst + i * sb;
    const row = src + i * shardStride;
    if (symbolSize >= 64) {
      const per = (whole + (t > 0 ? 1 : 0)) << 6;
      for (let s: usize = 0; s < syms; s++) {
        const p = row + s * symStride;
        const q = d + s * per;
        memory.copy(q, p, whole << 6);
        if (t > 0) {
          const qt = q + (whole << 6);
          const pt = p + (whole << 6);
          memory.copy(qt, pt, t);
          memory.fill(qt + t, 0, 32 - t);
          memory.copy(qt + 32, pt + t, t);
          memory.fill(qt + 32 + t, 0, 32 - t);
        }
      }
      const used = syms * per;
      if (sb > used) memory.fill(d + used, 0, sb - used);
    } else {
      memory.fill(d, 0, sb);
      for (let s: usize = 0; s < syms; s++) {
        const p = row + s * symStride;
        const base = s * t;
        for (let e: usize = 0; e < t; e++) {
          const lane = base + e;
          const q = d + ((lane >> 5) << 6) + (lane & 31);
          store<u8>(q, load<u8>(p + e));
          store<u8>(q, load<u8>(p + t + e), 32);
        }
      }
    }
  }
}

/** The inverse of {@link pack}: writes the symbols of `shards` packed shards back to `dst`. */
export function unpack(
  src: usize,
  sb: usize,
  shards: usize,
  dst: usize,
  shardStride: usize,
  syms: usize,
  symStride: usize,
  symbolSize: usize,
): void {
  const whole = symbolSize >> 6;
  const t = (symbolSize & 63) >> 1;
  for (let i: usize = 0; i < shards; i++) {
    const d = src + i * sb;
    const row = dst + i * shardStride;
    if (symbolSize >= 64) {
      const per = (whole + (t > 0 ? 1 : 0)) << 6;
      for (let s: usize = 0; s < syms; s++) {
        const p = row + s * symStride;
        const q = d + s * per;
        memory.copy(p, q, whole << 6);
        if (t > 0) {
          memory.copy(p + (whole << 6), q + (whole << 6), t);
          memory.copy(p + (whole << 6) + t, q + (whole << 6) + 32, t);
        }
      }
    } else {
      for (let s: usize = 0; s < syms; s++) {
        const p = row + s * symStride;
        const base = s * t;
        for (let e: usize = 0; e < t; e++) {
          const lane = base + e;
          const q = d + ((lane >> 5) << 6) + (lane & 31);
          store<u8>(p + e, load<u8>(q));
          store<u8>(p + t + e, load<u8>(q, 32));
        }
      }
    }
  }
}
