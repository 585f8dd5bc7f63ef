// Merkle trees over Blake2b-256 as Walrus builds them (spec section 2.1): leaf = H(0x00 || leaf),
// inner = H(0x01 || left || right), an odd level is padded with a 32-byte zero node, the root of no
// leaves is 32 zero bytes and the root of one leaf is that leaf's hash.
import {
  blockCount,
  compress,
  compress2,
  copySmall,
  digest,
  digest2,
  hashPrefixed,
  initState,
  initState2,
} from './blake2b';
import { FIRST_A, FIRST_B, H1, H2, LAST_A, LAST_B, NODE_A, NODE_B, ZERO_NODE } from './layout';

/** When false every hash runs through the scalar compression (for measurements). */
let twoLanes = true;

/** Chooses between the two-lane (i64x2) and the scalar compression for batches. */
export function setTwoLanes(on: bool): void {
  twoLanes = on;
}

/** Prepares the inner-node blocks (called once at start). */
export function initMerkle(): void {
  memory.fill(NODE_A, 0, 128);
  memory.fill(NODE_B, 0, 128);
  store<u8>(NODE_A, 1);
  store<u8>(NODE_B, 1);
  memory.fill(ZERO_NODE, 0, 32);
}

/**
 * Leaf hashes H(0x00 || symbol) of `count` symbols of `symbolSize` bytes, symbol i at
 * `src + i * stride`; digest i goes to `out + i * outStride`.
 */
export function hashLeaves(
  src: usize,
  count: usize,
  symbolSize: usize,
  stride: usize,
  out: usize,
  outStride: usize,
): void {
  let i: usize = 0;
  if (twoLanes && count >= 2) {
    // Message = 0x00 || symbol: block 0 holds the prefix and the first 127 bytes, whole middle
    // blocks are read in place, the last block is copied into a buffer whose tail stays zero.
    const total = symbolSize + 1;
    const blocks = blockCount(total);
    const lastStart = (blocks - 1) << 7; // message offset of the last block
    const lastLen = total - lastStart;
    memory.fill(LAST_A, 0, 128);
    memory.fill(LAST_B, 0, 128);
    store<u8>(FIRST_A, 0);
    store<u8>(FIRST_B, 0);
    for (; i + 1 < count; i += 2) {
      const a = src + i * stride;
      const b = a + stride;
      initState2(H2);
      if (blocks == 1) {
        copySmall(LAST_A + 1, a, symbolSize);
        copySmall(LAST_B + 1, b, symbolSize);
      } else {
        copySmall(FIRST_A + 1, a, 127);
        copySmall(FIRST_B + 1, b, 127);
        compress2(H2, FIRST_A, FIRST_B, 128, false);
        for (let k: usize = 1; k + 1 < blocks; k++) {
          const off = (k << 7) - 1;
          compress2(H2, a + off, b + off, <u64>((k + 1) << 7), false);
        }
        copySmall(LAST_A, a + lastStart - 1, lastLen);
        copySmall(LAST_B, b + lastStart - 1, lastLen);
      }
      compress2(H2, LAST_A, LAST_B, <u64>total, true);
      digest2(H2, out + i * outStride, out + (i + 1) * outStride);
    }
  }
  for (; i < count; i++) hashPrefixed(0, src + i * stride, symbolSize, out + i * outStride);
}

/** Copies one 32-byte node (unaligned v128 moves). */
// @ts-ignore: decorator
@inline function copy32(dst: usize, src: usize): void {
  v128.store(dst, v128.load(src), 0);
  v128.store(dst, v128.load(src, 16), 16);
}

// @ts-ignore: decorator
@inline function inner1(l: usize, r: usize, out: usize): void {
  copy32(NODE_A + 1, l);
  copy32(NODE_A + 33, r);
  initState(H1);
  compress(H1, NODE_A, 65, true);
  digest(H1, out);
}

// @ts-ignore: decorator
@inline function inner2(la: usize, ra: usize, lb: usize, rb: usize, outA: usize, outB: usize): void {
  copy32(NODE_A + 1, la);
  copy32(NODE_A + 33, ra);
  copy32(NODE_B + 1, lb);
  copy32(NODE_B + 33, rb);
  initState2(H2);
  compress2(H2, NODE_A, NODE_B, 65, true);
  digest2(H2, outA, outB);
}

/**
 * One tree level: node i of `count` nodes is at `src + i * stride`; parent j = H(0x01 || 2j || 2j+1)
 * goes to `dst + 32 j` (the missing right child of an odd level is the zero node). `dst` may equal
 * `src` when `stride` is 32 (in place). Returns the parent count, ceil(count / 2).
 */
export function merkleLevel(src: usize, count: usize, stride: usize, dst: usize): usize {
  const parents = (count + 1) >> 1;
  const full = count >> 1; // parents with two real children
  let j: usize = 0;
  if (twoLanes) {
    for (; j + 1 < full; j += 2) {
      const c = src + (j << 1) * stride;
      inner2(c, c + stride, c + (stride << 1), c + stride * 3, dst + (j << 5), dst + ((j + 1) << 5));
    }
  }
  for (; j < parents; j++) {
    const l = src + (j << 1) * stride;
    inner1(l, (j << 1) + 1 < count ? l + stride : ZERO_NODE, dst + (j << 5));
  }
  return parents;
}

/**
 * Merkle root over `count` leaf digests (leaf i at `leaves + i * stride`) written to `out`.
 * `scratch` needs 32 * ceil(count / 2) bytes and must not overlap the leaves.
 */
export function merkleRoot(leaves: usize, count: usize, stride: usize, out: usize, scratch: usize): void {
  if (count == 0) {
    memory.fill(out, 0, 32);
    return;
  }
  if (count == 1) {
    memory.copy(out, leaves, 32);
    return;
  }
  let n = merkleLevel(leaves, count, stride, scratch);
  while (n > 1) n = merkleLevel(scratch, n, 32, scratch);
  memory.copy(out, scratch, 32);
}

/**
 * Roots of `trees` trees of `count` leaves each: leaf i of tree t is at
 * `leaves + t * treeStride + i * leafStride`; root t goes to `out + 32 t`.
 */
export function merkleRoots(
  leaves: usize,
  count: usize,
  leafStride: usize,
  trees: usize,
  treeStride: usize,
  out: usize,
  scratch: usize,
): void {
  for (let t: usize = 0; t < trees; t++) merkleRoot(leaves + t * treeStride, count, leafStride, out + (t << 5), scratch);
}

/**
 * Root and inclusion proof of leaf `index`: sibling digests bottom-up to `path` (32 bytes each), one
 * flag byte per level to `flags` (1 = the sibling is the padding zero node, BCS `Node::Empty`).
 * Returns the path length (0 for fewer than two leaves).
 */
export function merkleProof(
  leaves: usize,
  count: usize,
  stride: usize,
  index: usize,
  path: usize,
  flags: usize,
  out: usize,
  scratch: usize,
): usize {
  if (count <= 1) {
    merkleRoot(leaves, count, stride, out, scratch);
    return 0;
  }
  let depth: usize = 0;
  let idx = index;
  let src = leaves;
  let srcStride = stride;
  let n = count;
  while (n > 1) {
    const sib = idx ^ 1;
    if (sib < n) {
      memory.copy(path + (depth << 5), src + sib * srcStride, 32);
      store<u8>(flags + depth, 0);
    } else {
      memory.fill(path + (depth << 5), 0, 32);
      store<u8>(flags + depth, 1);
    }
    depth++;
    n = merkleLevel(src, n, srcStride, scratch);
    src = scratch;
    srcStride = 32;
    idx >>= 1;
  }
  memory.copy(out, scratch, 32);
  return depth;
}
