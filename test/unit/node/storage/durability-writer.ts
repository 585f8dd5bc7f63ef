/**
 * Child process for the durability test: writes slivers forever, printing `ack <i> <sha256>` after each write
 * returned. The parent SIGKILLs it at a random point.
 *
 * Modes:
 * - `sync`: each sliver plus its blob info and the event cursor in one transaction (synchronous path);
 * - `async`: {@link SliverRepository.storeSlivers} with 4 writes in flight (group commit path); a sliver is
 *   acknowledged when its promise resolved.
 *
 * Usage: node durability-writer.ts <dbPath> [sync|async]
 */
import { createHash } from 'node:crypto';
import { nodeStore } from '../../../../node/storage/store.ts';
import { sliverFor } from './durability-data.ts';

const store = nodeStore({ path: process.argv[2], segmentBytes: 4 * 1024 * 1024 })();
await store.start();
process.stdout.write('ready\n');
const ack = (i: number, data: Uint8Array): void => {
  process.stdout.write(`ack ${i} ${createHash('sha256').update(data).digest('hex')}\n`);
};

if (process.argv[3] === 'async') {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (;;) {
        const i = next++;
        const s = sliverFor(i);
        await store.slivers.storeSlivers([s]);
        ack(i, s.data);
      }
    }),
  );
} else {
  for (let i = 0; ; i++) {
    const s = sliverFor(i);
    store.transaction(() => {
      store.slivers.putSliver(s);
      store.blobInfo.putBlobInfo({
        blobId: s.blobId,
        state: 'certified',
        registeredEpoch: 1,
        certifiedEpoch: 1,
        endEpoch: 100,
        permanentTotal: 1,
        permanentCertified: 1,
        deletableTotal: 0,
        deletableCertified: 0,
        invalid: false,
        event: { txDigest: `tx${i}`, eventSeq: String(i) },
      });
      store.cursor.putEventCursor({ cursor: `c${i}`, eventIndex: i + 1 });
    });
    // acknowledged only after the transaction committed
    ack(i, s.data);
  }
}
