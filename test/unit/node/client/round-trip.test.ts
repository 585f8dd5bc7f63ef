import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeBlobId } from '../../../../shared/encoding/encoder.ts';
import { blobIdToString } from '../../../../shared/encoding/blob-id.ts';
import { WalrusClient } from '../../../../node/client/client.ts';
import { BufferPool } from '../../../../node/memory/buffer-pool.ts';
import type { StorageNodeTransport } from '../../../../node/client/transport/types.ts';
import type { Sliver } from '../../../../shared/encoding/types.ts';
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

  it('reads in requests of at most maxSliverRequestBytes, sliverRequestsPerNode at a time, systematic only', async () => {
    const data = testBytes(256 * 1024, 11);
    const { client } = cluster.client;
    const result = await client.writeBlob(data, { epochs: 2 });
    if (result.kind !== 'newlyCreated') throw new Error(result.kind);
    const inner = client.transport;
    const requests: { node: string; pairs: number[] }[] = [];
    const running = new Map<string, number>();
    let maxRunning = 0;
    const transport: StorageNodeTransport = Object.assign(Object.create(inner) as StorageNodeTransport, {
      async getSlivers(...args: Parameters<StorageNodeTransport['getSlivers']>) {
        const node = args[0].name;
        requests.push({ node, pairs: args[2].map((r) => r.pairIndex) });
        running.set(node, (running.get(node) ?? 0) + 1);
        maxRunning = Math.max(maxRunning, running.get(node) ?? 0);
        try {
          return await inner.getSlivers(...args);
        } finally {
          running.set(node, (running.get(node) ?? 1) - 1);
        }
      },
    });
    const reader = new WalrusClient(
      { chain: cluster.chain.user, transport },
      { maxSliverRequestBytes: 1, sliverRequestsPerNode: 1 },
    );
    const read = await reader.readBlob(result.blobObject.blobId);
    expect(Buffer.from(read.data).equals(Buffer.from(data))).toBe(true);
    // n = 10: R = 4 systematic slivers, one per request, one request per node at a time
    expect(requests.every((r) => r.pairs.length === 1)).toBe(true);
    expect(requests.flatMap((r) => r.pairs).sort()).toEqual([0, 1, 2, 3]);
    expect(maxRunning).toBe(1);
  }, 60_000);

  it("reads into a caller's BufferPool: systematic reads return its memory, decoded ones give it back", async () => {
    const data = testBytes(200_000, 21);
    const { client } = cluster.client;
    const result = await client.writeBlob(data, { epochs: 2 });
    if (result.kind !== 'newlyCreated') throw new Error(result.kind);
    const memory = new BufferPool();
    const first = await client.readBlob(result.blobObject.blobId, { memory });
    expect(Buffer.from(first.data).equals(Buffer.from(data))).toBe(true);
    expect(memory.idleBytes).toBe(0);
    memory.give(first.data);
    expect(memory.idleBytes).toBeGreaterThan(0);
    const second = await client.readBlob(result.blobObject.blobId, { memory });
    expect(second.data.buffer).toBe(first.data.buffer);
    expect(Buffer.from(second.data).equals(Buffer.from(data))).toBe(true);
    // the strict check decodes into new memory: the pool's buffer comes straight back
    const strict = await client.readBlob(result.blobObject.blobId, { memory, consistencyCheck: 'strict' });
    expect(Buffer.from(strict.data).equals(Buffer.from(data))).toBe(true);
    expect(strict.data.buffer).not.toBe(first.data.buffer);
    expect(memory.idleBytes).toBe(256 * 1024); // the strict read's matrix; second's buffer is still out
    memory.give(second.data);
    expect(memory.idleBytes).toBe(512 * 1024);
  }, 60_000);

  it('gives every sliver answer back to the transport, whose memory the next read then reuses', async () => {
    const data = testBytes(1024 * 1024, 12);
    const { client } = cluster.client;
    const result = await client.writeBlob(data, { epochs: 2 });
    if (result.kind !== 'newlyCreated') throw new Error(result.kind);
    const inner = client.transport;
    const answers: (Sliver | null)[][] = [];
    const released: (Sliver | null)[][] = [];
    const transport: StorageNodeTransport = Object.assign(Object.create(inner) as StorageNodeTransport, {
      async getSlivers(...args: Parameters<StorageNodeTransport['getSlivers']>) {
        expect(args[3]?.reuseMemory).toBe(true);
        const answer = await inner.getSlivers(...args);
        answers.push(answer);
        return answer;
      },
      releaseSlivers(answer: (Sliver | null)[]) {
        released.push(answer);
        inner.releaseSlivers?.(answer);
      },
    });
    const reader = new WalrusClient({ chain: cluster.chain.user, transport });
    const memoryOf = (list: (Sliver | null)[][]): Set<ArrayBufferLike> =>
      new Set(list.flatMap((a) => a.filter((s) => s !== null).map((s) => s.data.buffer)));

    const first = await reader.readBlob(result.blobObject.blobId);
    expect(Buffer.from(first.data).equals(Buffer.from(data))).toBe(true);
    expect(released).toEqual(answers);
    const firstMemory = memoryOf(answers);
    answers.length = 0;
    const second = await reader.readBlob(result.blobObject.blobId);
    expect(Buffer.from(second.data).equals(Buffer.from(data))).toBe(true);
    // the answers were views of the earlier read's memory; the results are the reads' own
    expect([...memoryOf(answers)].some((m) => firstMemory.has(m))).toBe(true);
    expect(firstMemory.has(first.data.buffer)).toBe(false);
    expect(first.data.buffer).not.toBe(second.data.buffer);
  }, 60_000);
});
