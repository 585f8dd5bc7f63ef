/**
 * Child process for the durability test: writes slivers (plus their blob info, in the same transaction)
 * forever, printing `ack <i> <sha256>` after each write returned. The parent SIGKILLs it at a random point.
 *
 * Usage: node durability-writer.ts <dbPath>
 */
import { createHash } from 'node:crypto';
import { nodeStore } from '../../../../node/storage/store.ts';
import { sliverFor } from './durability-data.ts';

const store = nodeStore({ path: process.argv[2] })();
await store.start();
process.stdout.write('ready\n');
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
  process.stdout.write(`ack ${i} ${createHash('sha256').update(s.data).digest('hex')}\n`);
}
