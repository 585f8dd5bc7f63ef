import { blake2b } from '@noble/hashes/blake2.js';
import { describe, expect, it } from 'vitest';
import { KernelArgumentError, loadWasmKernels } from '../../../../shared/wasm/index.ts';

const H = (data: Uint8Array): Uint8Array => blake2b(data, { dkLen: 32 });

/** Deterministic pseudo-random bytes (xorshift32). */
function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed | 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

const leafHash = (leaf: Uint8Array): Uint8Array => H(concat(Uint8Array.of(0), leaf));

/** Reference Merkle root over leaf digests (spec §2.1). */
function refRoot(digests: Uint8Array[]): Uint8Array {
  if (digests.length === 0) return new Uint8Array(32);
  let level = digests;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(H(concat(Uint8Array.of(1), level[i], level[i + 1] ?? new Uint8Array(32))));
    }
    level = next;
  }
  return level[0];
}

/** Reference proof: siblings bottom-up (zero node where padded). */
function refProof(digests: Uint8Array[], index: number): { path: Uint8Array[]; empty: boolean[] } {
  const path: Uint8Array[] = [];
  const empty: boolean[] = [];
  let level = digests;
  let idx = index;
  while (level.length > 1) {
    const sib = idx ^ 1;
    path.push(level[sib] ?? new Uint8Array(32));
    empty.push(sib >= level.length);
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(H(concat(Uint8Array.of(1), level[i], level[i + 1] ?? new Uint8Array(32))));
    }
    level = next;
    idx >>= 1;
  }
  return { path, empty };
}

const split = (flat: Uint8Array, size: number): Uint8Array[] =>
  Array.from({ length: flat.length / size }, (_, i) => flat.slice(i * size, (i + 1) * size));

describe('wasm blake2b256', () => {
  const k = loadWasmKernels();

  it('matches @noble/hashes blake2b(dkLen 32) on many lengths', () => {
    const lengths = [0, 1, 2, 3, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, 4096, 65537, 1 << 20];
    for (const n of lengths) {
      const data = bytes(n, n + 11);
      expect(k.blake2b256(data), `length ${n}`).toEqual(H(data));
    }
  });

  it('hashes the empty message to the known Blake2b-256 digest', () => {
    expect(Buffer.from(k.blake2b256(new Uint8Array(0))).toString('hex')).toBe(
      '0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8',
    );
  });
});

describe('wasm leaf hashing', () => {
  const k = loadWasmKernels();

  for (const twoLanes of [true, false]) {
    it(`hashes contiguous symbols of many sizes (twoLanes=${twoLanes})`, () => {
      k.setTwoLanes(twoLanes);
      try {
        for (const size of [0, 1, 2, 6, 30, 126, 127, 128, 254, 255, 256, 302, 1000]) {
          for (const count of [1, 2, 3, 7]) {
            const data = bytes(size * count, size * 31 + count);
            const got = split(k.hashLeaves(data, size, size, count), 32);
            const want = Array.from({ length: count }, (_, i) =>
              leafHash(data.subarray(i * size, (i + 1) * size)),
            );
            expect(got, `size ${size} count ${count}`).toEqual(want);
          }
        }
      } finally {
        k.setTwoLanes(true);
      }
    });
  }

  it('hashes strided columns of a row-major matrix', () => {
    const rows = 9;
    const cols = 5;
    const s = 6;
    const matrix = bytes(rows * cols * s, 77);
    for (let c = 0; c < cols; c++) {
      const got = split(k.hashLeaves(matrix, s, cols * s, rows, c * s), 32);
      const want = Array.from({ length: rows }, (_, r) =>
        leafHash(matrix.subarray((r * cols + c) * s, (r * cols + c + 1) * s)),
      );
      expect(got).toEqual(want);
    }
  });

  it('writes digests at an output stride via the pointer API', () => {
    const s = 4;
    const n = 5;
    const src = k.alloc(n * s);
    const out = k.alloc(n * 64);
    const data = bytes(n * s, 5);
    src.view().set(data);
    out.view().fill(0xee);
    k.hashLeavesAt(src.ptr, n, s, s, out.ptr, 64);
    const view = out.view();
    for (let i = 0; i < n; i++) {
      expect(view.slice(i * 64, i * 64 + 32)).toEqual(leafHash(data.subarray(i * s, (i + 1) * s)));
      expect(view[i * 64 + 32]).toBe(0xee);
    }
    src.free();
    out.free();
  });

  it('rejects symbols that do not fit', () => {
    expect(() => k.hashLeaves(new Uint8Array(10), 4, 4, 3)).toThrow(KernelArgumentError);
  });
});

describe('wasm merkle', () => {
  const k = loadWasmKernels();

  it('follows the spec for 0 and 1 leaves', () => {
    expect(k.merkleRoot(new Uint8Array(0))).toEqual(new Uint8Array(32));
    const one = leafHash(Uint8Array.of(1, 2));
    expect(k.merkleRoot(one)).toEqual(one);
  });

  it('matches the reference root for many leaf counts', () => {
    for (const n of [2, 3, 4, 5, 7, 8, 9, 10, 31, 33, 100, 334, 667, 1000]) {
      const digests = Array.from({ length: n }, (_, i) => leafHash(bytes(2, i + n)));
      expect(k.merkleRoot(concat(...digests)), `n=${n}`).toEqual(refRoot(digests));
    }
  });

  it('computes row and column roots of a digest matrix in one call each', () => {
    const n = 13;
    const digests = Array.from({ length: n * n }, (_, i) => leafHash(bytes(4, i + 1)));
    const mat = k.alloc(n * n * 32);
    mat.view().set(concat(...digests));
    const out = k.alloc(n * 32);
    k.merkleRootsAt(mat.ptr, n, 32, n, n * 32, out.ptr);
    const rows = split(out.view().slice(), 32);
    k.merkleRootsAt(mat.ptr, n, n * 32, n, 32, out.ptr);
    const cols = split(out.view().slice(), 32);
    for (let i = 0; i < n; i++) {
      expect(rows[i]).toEqual(refRoot(digests.slice(i * n, (i + 1) * n)));
      expect(cols[i]).toEqual(refRoot(Array.from({ length: n }, (_, r) => digests[r * n + i])));
    }
    mat.free();
    out.free();
  });

  it('produces inclusion proofs with empty-node flags', () => {
    for (const n of [1, 2, 3, 5, 10, 1000]) {
      const digests = Array.from({ length: n }, (_, i) => leafHash(bytes(3, i * 7 + n)));
      for (const index of [0, n - 1, Math.floor(n / 2)]) {
        const proof = k.merkleProof(concat(...digests), index);
        const ref = refProof(digests, index);
        expect(proof.root).toEqual(refRoot(digests));
        expect(proof.path).toEqual(ref.path);
        expect(proof.empty).toEqual(ref.empty);
        expect(proof.path.length).toBe(n <= 1 ? 0 : Math.ceil(Math.log2(n)));
      }
    }
  });

  it('rejects digests that are not a multiple of 32 bytes', () => {
    expect(() => k.merkleRoot(new Uint8Array(33))).toThrow(KernelArgumentError);
  });
});
