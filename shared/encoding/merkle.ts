/**
 * The Merkle trees of Walrus (walrus-core `merkle.rs`): Blake2b-256, leaf = H(0x00 || bytes),
 * inner = H(0x01 || left || right), built level by level; a level with an odd number of nodes gets an
 * "empty" right sibling whose bytes are 32 zeros. The root of 0 leaves is the empty node, the root of one
 * leaf is its leaf hash. A proof is the sibling path, bottom up.
 *
 * @see spec §2.1
 * @packageDocumentation
 */
import { codecKernels } from './backend.ts';
import { IndexOutOfRangeError, MerkleProofLengthError } from './errors.ts';
import { hashInnerLevel, hashLeaves, innerHash, leafHash } from './hashing.ts';
import { DIGEST_LENGTH } from './params.ts';

/**
 * A Merkle node as it travels in BCS (`Node = enum { Empty, Digest([u8; 32]) }`): a 32-byte digest, or
 * `null` for the empty node (hashed as 32 zero bytes, serialized as the 1-byte variant 0).
 * @see spec §2.1, §4 "BCS layouts"
 */
export type MerkleNode = Uint8Array | null;

/** Bytes the empty node stands for when hashed: 32 zeros. */
export const EMPTY_NODE_BYTES: Uint8Array = new Uint8Array(DIGEST_LENGTH);

/** The 32 bytes a node is hashed as (zeros for the empty node). */
export function nodeBytes(node: MerkleNode): Uint8Array {
  return node ?? EMPTY_NODE_BYTES;
}

/** Equality of nodes as walrus-core compares them: empty equals only empty, digests by bytes. */
export function nodesEqual(a: MerkleNode, b: MerkleNode): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Length of every proof in a tree of `leafCount` leaves: ceil(log2(leafCount)), 0 for 0 or 1 leaf. */
export function merklePathLength(leafCount: number): number {
  let len = 0;
  while (2 ** len < leafCount) len++;
  return len;
}

/** A Merkle proof: the sibling nodes from the leaf's level up to just below the root. @see spec §2.1 */
export type MerkleProof = MerkleNode[];

/**
 * A whole Merkle tree, kept level by level (each level contiguous, 32 bytes per node, without the empty
 * padding node) so that proofs for any leaf can be cut from it.
 */
export class MerkleTree {
  /** Number of leaves. */
  readonly leafCount: number;
  /** levels[0] = leaf hashes, levels[last] = the root (absent for 0 leaves). */
  readonly #levels: Uint8Array[];
  readonly #counts: number[];

  private constructor(levels: Uint8Array[], counts: number[]) {
    this.#levels = levels;
    this.#counts = counts;
    this.leafCount = counts[0];
  }

  /**
   * Builds the tree over `count` leaf hashes stored contiguously in `leafHashes` (32 bytes each).
   * @throws IndexOutOfRangeError when `leafHashes` holds fewer than `count` hashes
   */
  static fromLeafHashes(leafHashes: Uint8Array, count: number): MerkleTree {
    if (!Number.isInteger(count) || count < 0 || leafHashes.length < count * DIGEST_LENGTH) {
      throw new IndexOutOfRangeError(
        'Merkle leaf count',
        count,
        Math.floor(leafHashes.length / DIGEST_LENGTH) + 1,
      );
    }
    const levels = [leafHashes.subarray(0, count * DIGEST_LENGTH)];
    const counts = [count];
    let level = levels[0];
    let n = count;
    while (n > 1) {
      level = hashInnerLevel(level, n);
      n = Math.ceil(n / 2);
      levels.push(level);
      counts.push(n);
    }
    return new MerkleTree(levels, counts);
  }

  /** Builds the tree over leaves given as byte strings (each hashed with the leaf prefix). */
  static fromLeaves(leaves: readonly Uint8Array[]): MerkleTree {
    const hashes = new Uint8Array(leaves.length * DIGEST_LENGTH);
    leaves.forEach((leaf, i) => hashes.set(leafHash(leaf), i * DIGEST_LENGTH));
    return MerkleTree.fromLeafHashes(hashes, leaves.length);
  }

  /**
   * Builds the tree over `count` symbols of `symbolSize` bytes stored contiguously from `symbols[offset]`.
   */
  static fromSymbols(symbols: Uint8Array, symbolSize: number, count: number, offset = 0): MerkleTree {
    const hashes = new Uint8Array(count * DIGEST_LENGTH);
    hashLeaves(symbols, offset, symbolSize, count, hashes);
    return MerkleTree.fromLeafHashes(hashes, count);
  }

  /** The root: a 32-byte digest, or `null` (the empty node) for a tree of 0 leaves. */
  get root(): MerkleNode {
    if (this.leafCount === 0) return null;
    return this.#levels[this.#levels.length - 1].slice(0, DIGEST_LENGTH);
  }

  /** Hash of leaf `index` (a copy, 32 bytes). @throws IndexOutOfRangeError */
  leafHashAt(index: number): Uint8Array {
    this.#checkIndex(index);
    return this.#levels[0].slice(index * DIGEST_LENGTH, (index + 1) * DIGEST_LENGTH);
  }

  /**
   * The proof of leaf `index`: {@link merklePathLength} sibling nodes, bottom up; a sibling that is the
   * padding of an odd level is `null` (empty), as walrus-core emits it.
   * @throws IndexOutOfRangeError unless 0 <= index < leafCount
   */
  proof(index: number): MerkleProof {
    this.#checkIndex(index);
    const path: MerkleProof = [];
    let i = index;
    for (let level = 0; level < this.#levels.length - 1; level++) {
      const sibling = i ^ 1;
      path.push(
        sibling < this.#counts[level]
          ? this.#levels[level].slice(sibling * DIGEST_LENGTH, (sibling + 1) * DIGEST_LENGTH)
          : null,
      );
      i >>= 1;
    }
    return path;
  }

  #checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.leafCount) {
      throw new IndexOutOfRangeError('Merkle leaf index', index, this.leafCount);
    }
  }
}

/**
 * Root over `count` contiguous leaf hashes without keeping the tree.
 * @returns the 32-byte root, or `null` (the empty node) for 0 leaves
 */
export function merkleRootOfLeafHashes(leafHashes: Uint8Array, count: number): MerkleNode {
  if (count === 0) return null;
  const kernels = codecKernels();
  if (kernels !== undefined && count > 1) {
    const leaves = kernels.alloc(count * DIGEST_LENGTH);
    const root = kernels.alloc(DIGEST_LENGTH);
    try {
      kernels.bytes().set(leafHashes.subarray(0, count * DIGEST_LENGTH), leaves.ptr);
      kernels.merkleRootAt(leaves.ptr, count, DIGEST_LENGTH, root.ptr);
      return kernels.bytes().slice(root.ptr, root.ptr + DIGEST_LENGTH);
    } finally {
      leaves.free();
      root.free();
    }
  }
  let level = leafHashes.subarray(0, count * DIGEST_LENGTH);
  let n = count;
  while (n > 1) {
    level = hashInnerLevel(level, n);
    n = Math.ceil(n / 2);
  }
  return level.slice(0, DIGEST_LENGTH);
}

/**
 * Root implied by a leaf, its index and its proof path (walrus-core `MerkleProof::compute_root`).
 * @throws IndexOutOfRangeError when `index` does not fit in a tree of depth `path.length`
 */
export function merkleRootFromProof(leaf: Uint8Array, index: number, path: MerkleProof): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** path.length) {
    throw new IndexOutOfRangeError('Merkle leaf index', index, 2 ** path.length);
  }
  let current = leafHash(leaf);
  let i = index;
  for (const sibling of path) {
    current = i % 2 === 0 ? innerHash(current, nodeBytes(sibling)) : innerHash(nodeBytes(sibling), current);
    i = Math.floor(i / 2);
  }
  return current;
}

/**
 * Checks that `leaf` (the raw leaf bytes, e.g. a symbol) is leaf `index` of a tree of `leafCount` leaves
 * whose root is `root`.
 * @returns true when the proof leads to `root`; false on a mismatch (an empty `root` never matches)
 * @throws MerkleProofLengthError when the path does not have {@link merklePathLength}(leafCount) nodes
 * @throws IndexOutOfRangeError unless 0 <= index < leafCount
 * @see spec §2.1, §3.1
 */
export function verifyMerkleProof(
  root: MerkleNode,
  leafCount: number,
  leaf: Uint8Array,
  index: number,
  path: MerkleProof,
): boolean {
  const expectedLength = merklePathLength(leafCount);
  if (path.length !== expectedLength) throw new MerkleProofLengthError(expectedLength, path.length);
  if (!Number.isInteger(index) || index < 0 || index >= leafCount) {
    throw new IndexOutOfRangeError('Merkle leaf index', index, leafCount);
  }
  for (const node of path) {
    if (node !== null && node.length !== DIGEST_LENGTH) return false;
  }
  return nodesEqual(root, merkleRootFromProof(leaf, index, path));
}
