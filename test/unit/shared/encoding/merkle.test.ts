import { blake2b } from '@noble/hashes/blake2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blake2b256,
  hashInnerLevel,
  hashLeaves,
  initHashing,
  innerHash,
  isHashingAccelerated,
  leafHash,
} from '../../../../shared/encoding/hashing.ts';
import {
  MerkleTree,
  merklePathLength,
  merkleRootFromProof,
  merkleRootOfLeafHashes,
  nodesEqual,
  verifyMerkleProof,
} from '../../../../shared/encoding/merkle.ts';

const H = (...parts: Uint8Array[]): Uint8Array => {
  const s = blake2b.create({ dkLen: 32 });
  for (const p of parts) s.update(p);
  return s.digest();
};
const zeros = new Uint8Array(32);
const bytes = (...v: number[]) => Uint8Array.from(v);

describe('Blake2b-256 (spec §2.1)', () => {
  it('uses WebAssembly after init and matches @noble/hashes on any input', async () => {
    await initHashing();
    expect(isHashingAccelerated()).toBe(true);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        expect(blake2b256(a, b)).toEqual(H(a, b));
        expect(leafHash(a)).toEqual(H(bytes(0), a));
      }),
      { numRuns: 200 },
    );
  });

  it('is a 32-byte-output BLAKE2b, not truncated Blake2b-512 (known answer for "abc")', () => {
    expect(Buffer.from(blake2b256(new TextEncoder().encode('abc'))).toString('hex')).toBe(
      'bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319',
    );
  });

  it('batch leaf hashing reads strided symbols and writes strided outputs', () => {
    const src = Uint8Array.from({ length: 40 }, (_, i) => i);
    const out = new Uint8Array(3 * 64);
    hashLeaves(src, 1, 4, 3, out, 32, 10, 64);
    for (let i = 0; i < 3; i++) {
      const sym = src.subarray(1 + 10 * i, 5 + 10 * i);
      expect(out.subarray(32 + 64 * i, 64 + 64 * i)).toEqual(H(bytes(0), sym));
    }
    expect(out.subarray(0, 32)).toEqual(zeros);
  });

  it('an odd level pads with the 32-zero-byte empty node', () => {
    const a = H(bytes(7));
    const b = H(bytes(8));
    const c = H(bytes(9));
    const level = new Uint8Array(96);
    level.set(a, 0);
    level.set(b, 32);
    level.set(c, 64);
    const parents = hashInnerLevel(level, 3);
    expect(parents.subarray(0, 32)).toEqual(H(bytes(1), a, b));
    expect(parents.subarray(32, 64)).toEqual(H(bytes(1), c, zeros));
    expect(innerHash(a, b)).toEqual(H(bytes(1), a, b));
  });
});

describe('Merkle tree (spec §2.1)', () => {
  it('root of 0 leaves is the empty node; of 1 leaf its leaf hash', () => {
    expect(MerkleTree.fromLeaves([]).root).toBeNull();
    expect(merkleRootOfLeafHashes(new Uint8Array(0), 0)).toBeNull();
    expect(MerkleTree.fromLeaves([bytes(5, 6)]).root).toEqual(H(bytes(0, 5, 6)));
    expect(MerkleTree.fromLeaves([bytes(5, 6)]).proof(0)).toEqual([]);
  });

  it('three leaves: the fourth position is the empty node, which appears as null in proofs', () => {
    const leaves = [bytes(1), bytes(2), bytes(3)];
    const [a, b, c] = leaves.map((l) => H(bytes(0), l));
    const expected = H(bytes(1), H(bytes(1), a, b), H(bytes(1), c, zeros));
    const tree = MerkleTree.fromLeaves(leaves);
    expect(tree.root).toEqual(expected);
    expect(tree.proof(2)).toEqual([null, H(bytes(1), a, b)]);
    expect(tree.proof(0)).toEqual([b, H(bytes(1), c, zeros)]);
  });

  it('path length is ceil(log2(leaves))', () => {
    expect([0, 1, 2, 3, 4, 5, 8, 9, 1000].map(merklePathLength)).toEqual([0, 0, 1, 2, 2, 3, 3, 4, 10]);
  });

  it('every proof verifies; a changed leaf, index, sibling or root does not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (leaves, pick) => {
          const tree = MerkleTree.fromLeaves(leaves);
          const i = pick % leaves.length;
          const proof = tree.proof(i);
          const n = leaves.length;
          expect(proof).toHaveLength(merklePathLength(n));
          expect(verifyMerkleProof(tree.root, n, leaves[i], i, proof)).toBe(true);
          expect(nodesEqual(merkleRootFromProof(leaves[i], i, proof), tree.root)).toBe(true);
          const changed = Uint8Array.from(leaves[i], (x, k) => (k === 0 ? x ^ 1 : x));
          expect(verifyMerkleProof(tree.root, n, changed, i, proof)).toBe(false);
          expect(verifyMerkleProof(null, n, leaves[i], i, proof)).toBe(false);
          if (n > 1) {
            const j = (i + 1) % n;
            if (
              !nodesEqual(MerkleTree.fromLeaves([leaves[j]]).root, MerkleTree.fromLeaves([leaves[i]]).root)
            ) {
              expect(verifyMerkleProof(tree.root, n, leaves[i], j, proof)).toBe(false);
            }
            const bad = proof.map((node, k) => (k === 0 ? H(bytes(42)) : node));
            expect(verifyMerkleProof(tree.root, n, leaves[i], i, bad)).toBe(false);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects a proof of the wrong length and an out-of-range index with typed errors', () => {
    const tree = MerkleTree.fromLeaves([bytes(1), bytes(2), bytes(3), bytes(4), bytes(5)]);
    const proof = tree.proof(1);
    expect(() => verifyMerkleProof(tree.root, 5, bytes(2), 1, proof.slice(1))).toThrow(
      expect.objectContaining({ name: 'MerkleProofLengthError', code: 'ENCODING_MERKLE_PROOF_LENGTH' }),
    );
    expect(() => verifyMerkleProof(tree.root, 5, bytes(2), 1, [...proof, null])).toThrow(
      expect.objectContaining({ name: 'MerkleProofLengthError' }),
    );
    expect(() => verifyMerkleProof(tree.root, 5, bytes(2), 5, proof)).toThrow(
      expect.objectContaining({ name: 'IndexOutOfRangeError' }),
    );
    expect(() => tree.proof(-1)).toThrow(expect.objectContaining({ name: 'IndexOutOfRangeError' }));
  });
});
