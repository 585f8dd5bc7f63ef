import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeBlobId } from '../../../../shared/encoding/encoder.ts';
import { blobIdToString } from '../../../../shared/encoding/blob-id.ts';
import { startCluster, testBytes, type Cluster } from './fixtures.ts';

describe('client against real storage nodes (4 nodes, 10 shards)', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster(4);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  for (const size of [0, 1, 1024 * 1024]) {
    it(`stores and reads back ${size} bytes byte-identical`, async () => {
      const data = testBytes(size, size + 7);
      const { client } = cluster.client;
      const result = await client.writeBlob(data, { epochs: 2 });
      expect(result.kind).toBe('newlyCreated');
      if (result.kind !== 'newlyCreated') return;
      expect(result.blobObject.blobId).toBe(blobIdToString(computeBlobId(data, 10)));
      expect(result.blobObject.certifiedEpoch).toBe(1);
      expect(result.failedNodes).toEqual([]);
      const read = await client.readBlob(result.blobObject.blobId);
      expect(read.data.length).toBe(size);
      expect(Buffer.from(read.data).equals(Buffer.from(data))).toBe(true);
    }, 60_000);
  }
});
