/** Deterministic slivers for the durability test (shared by the writer process and the checker). */
import { createHash } from 'node:crypto';
import type { StoredSliver } from '../../../../node/storage/repositories/slivers.ts';

/** Sliver number `i`: blob ID = sha256("blob" i), size 1 KiB .. 256 KiB, bytes from a hash chain. */
export function sliverFor(i: number): StoredSliver {
  const blobId = createHash('sha256').update(`blob ${i}`).digest();
  const size = 1024 + ((i * 7919) % (255 * 1024));
  const data = new Uint8Array(size);
  let block = createHash('sha256').update(`data ${i}`).digest();
  for (let off = 0; off < size; off += 32) {
    data.set(block.subarray(0, Math.min(32, size - off)), off);
    block = createHash('sha256').update(block).digest();
  }
  return { blobId: new Uint8Array(blobId), shard: i % 7, axis: i % 2 === 0 ? 'primary' : 'secondary', data };
}
