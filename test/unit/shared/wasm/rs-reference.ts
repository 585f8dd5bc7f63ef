/**
 * A plain-TypeScript reference of reed-solomon-simd 3.1's `Naive` engine and rate encoders, written
 * for the kernel tests only: straightforward loops, no packing tricks. Shards use the crate's layout
 * (64-byte blocks, bytes 0..31 low bytes and 32..63 high bytes of 32 elements).
 */
const GF_ORDER = 65536;
const GF_MODULUS = 65535;
const CANTOR = [
  0x0001, 0xacca, 0x3c0e, 0x163e, 0xc582, 0xed2e, 0x914c, 0x4012, 0x6c98, 0x10d8, 0x6a72, 0xb900, 0xfdb8,
  0xfb34, 0xff38, 0x991e,
];

export interface RefTables {
  exp: Uint16Array;
  log: Uint16Array;
  skew: Uint16Array;
}

let cached: RefTables | undefined;

export function addMod(x: number, y: number): number {
  const s = x + y;
  return (s + (s >>> 16)) & 0xffff;
}

export function mul(x: number, logM: number, t: RefTables): number {
  return x === 0 ? 0 : t.exp[addMod(t.log[x], logM)];
}

export function refTables(): RefTables {
  if (cached) return cached;
  const exp = new Uint16Array(GF_ORDER);
  const log = new Uint16Array(GF_ORDER);
  let state = 1;
  for (let i = 0; i < GF_MODULUS; i++) {
    exp[state] = i;
    state <<= 1;
    if (state >= GF_ORDER) state ^= 0x1002d;
  }
  exp[0] = GF_MODULUS;
  for (let i = 0; i < 16; i++) {
    const w = 1 << i;
    for (let j = 0; j < w; j++) log[j + w] = log[j] ^ CANTOR[i];
  }
  for (let i = 0; i < GF_ORDER; i++) log[i] = exp[log[i]];
  for (let i = 0; i < GF_ORDER; i++) exp[log[i]] = i;
  exp[GF_MODULUS] = exp[0];
  const t: RefTables = { exp, log, skew: new Uint16Array(GF_MODULUS) };
  const skew = t.skew;
  const temp: number[] = [];
  for (let i = 1; i < 16; i++) temp[i - 1] = 1 << i;
  for (let m = 0; m < 15; m++) {
    const step = 1 << (m + 1);
    skew[(1 << m) - 1] = 0;
    for (let i = m; i < 15; i++) {
      const s = 1 << (i + 1);
      for (let j = (1 << m) - 1; j < s; j += step) skew[j + s] = skew[j] ^ temp[i];
    }
    temp[m] = GF_MODULUS - log[mul(temp[m], log[temp[m] ^ 1], t)];
    for (let i = m + 1; i < 15; i++) temp[i] = mul(temp[i], addMod(log[temp[i] ^ 1], temp[m]), t);
  }
  for (let i = 0; i < GF_MODULUS; i++) skew[i] = log[skew[i]];
  cached = t;
  return t;
}

/** Shards of `sb` bytes (multiple of 64) in one buffer. */
export class RefShards {
  readonly data: Uint8Array;
  readonly sb: number;
  constructor(data: Uint8Array, sb: number) {
    this.data = data;
    this.sb = sb;
  }
  /** `x ^= y * logM` (mulAdd=true) on shards a (x) and b (y). */
  mulAdd(a: number, b: number, logM: number, t: RefTables): void {
    const { data, sb } = this;
    for (let blk = 0; blk < sb; blk += 64) {
      for (let i = 0; i < 32; i++) {
        const yo = b * sb + blk + i;
        const prod = mul(data[yo] | (data[yo + 32] << 8), logM, t);
        const xo = a * sb + blk + i;
        data[xo] ^= prod & 0xff;
        data[xo + 32] ^= prod >>> 8;
      }
    }
  }
  xor(a: number, b: number): void {
    const { data, sb } = this;
    for (let i = 0; i < sb; i++) data[a * sb + i] ^= data[b * sb + i];
  }
}

export function refFft(s: RefShards, pos: number, size: number, truncated: number, skewDelta: number): void {
  const t = refTables();
  for (let dist = size >> 1; dist > 0; dist >>= 1) {
    for (let r = 0; r < truncated; r += dist * 2) {
      const logM = t.skew[r + dist + skewDelta - 1];
      for (let i = r; i < r + dist; i++) {
        if (logM !== GF_MODULUS) s.mulAdd(pos + i, pos + i + dist, logM, t);
        s.xor(pos + i + dist, pos + i);
      }
    }
  }
}

export function refIfft(s: RefShards, pos: number, size: number, truncated: number, skewDelta: number): void {
  const t = refTables();
  for (let dist = 1; dist < size; dist <<= 1) {
    for (let r = 0; r < truncated; r += dist * 2) {
      const logM = t.skew[r + dist + skewDelta - 1];
      for (let i = r; i < r + dist; i++) {
        s.xor(pos + i + dist, pos + i);
        if (logM !== GF_MODULUS) s.mulAdd(pos + i, pos + i + dist, logM, t);
      }
    }
  }
}

function nextPow2(x: number): number {
  let p = 1;
  while (p < x) p <<= 1;
  return p;
}

/** The crate's `Shards::insert` of one symbol into shard `i` of `s`. */
export function refInsert(s: RefShards, i: number, symbol: Uint8Array): void {
  const whole = symbol.length >> 6;
  const tail = symbol.length % 64;
  s.data.set(symbol.subarray(0, whole * 64), i * s.sb);
  if (tail > 0) {
    const base = i * s.sb + whole * 64;
    s.data.set(symbol.subarray(whole * 64, whole * 64 + tail / 2), base);
    s.data.set(symbol.subarray(whole * 64 + tail / 2), base + 32);
  }
}

/** Reads shard `i` back as a symbol of `size` bytes (undoing the last-chunk encoding). */
export function refExtract(s: RefShards, i: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  const whole = size >> 6;
  const tail = size % 64;
  out.set(s.data.subarray(i * s.sb, i * s.sb + whole * 64));
  if (tail > 0) {
    const base = i * s.sb + whole * 64;
    out.set(s.data.subarray(base, base + tail / 2), whole * 64);
    out.set(s.data.subarray(base + 32, base + 32 + tail / 2), whole * 64 + tail / 2);
  }
  return out;
}

/** The crate's default rate rule. */
export function refUseHighRate(k: number, m: number): boolean {
  const pk = nextPow2(k);
  const pm = nextPow2(m);
  return pk === pm ? k <= m : pk > pm;
}

/** Recovery symbols of one codeword (reed-solomon-simd 3.1 `ReedSolomonEncoder`, Naive engine). */
export function refEncode(originals: Uint8Array[], m: number): Uint8Array[] {
  const k = originals.length;
  const size = originals[0].length;
  const sb = Math.ceil(size / 64) * 64;
  const high = refUseHighRate(k, m);
  const chunk = high ? nextPow2(m) : nextPow2(k);
  const workCount = Math.ceil((high ? k : m) / chunk) * chunk;
  const s = new RefShards(new Uint8Array(workCount * sb), sb);
  originals.forEach((o, i) => refInsert(s, i, o));
  if (high) {
    const first = Math.min(k, chunk);
    refIfft(s, 0, chunk, first, chunk);
    let start = chunk;
    for (; start + chunk <= k; start += chunk) {
      refIfft(s, start, chunk, chunk, start + chunk);
      for (let i = 0; i < chunk; i++) s.xor(i, start + i);
    }
    const last = k % chunk;
    if (k > chunk && last > 0) {
      refIfft(s, start, chunk, last, start + chunk);
      for (let i = 0; i < chunk; i++) s.xor(i, start + i);
    }
    refFft(s, 0, chunk, m, 0);
  } else {
    refIfft(s, 0, chunk, k, 0);
    for (let start = chunk; start < m; start += chunk) s.data.copyWithin(start * sb, 0, chunk * sb);
    let start = 0;
    for (; start + chunk <= m; start += chunk) refFft(s, start, chunk, chunk, start + chunk);
    if (m % chunk > 0) refFft(s, start, chunk, m % chunk, start + chunk);
  }
  return Array.from({ length: m }, (_, i) => refExtract(s, i, size));
}
