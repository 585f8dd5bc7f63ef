import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeSliverData } from '../../../../shared/bcs/sliver.ts';
import { SyncShardResponseBcs } from '../../../../node/service/storage-service.ts';
import { nodeStore, type NodeStore } from '../../../../node/storage/store.ts';
import { InvalidStorageKeyError } from '../../../../node/storage/errors.ts';
import { parseSyncShardResponse, weightedRandomOrder } from '../../../../node/sync/peers.ts';
import { isShardTaskDone, nextBlobId, SHARD_TASK_DONE_CURSOR } from '../../../../node/sync/shard-sync.ts';

const id = (b: number) => new Uint8Array(32).fill(b);

describe('sync progress persistence', () => {
  let dir: string | undefined;
  let store: NodeStore | undefined;
  afterEach(async () => {
    await store?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    store = dir = undefined;
  });

  async function open(path: string): Promise<NodeStore> {
    const s = nodeStore({ path })();
    await s.start();
    return s;
  }

  it('keeps the blob queue, retry state and shard cursors across a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'walrus-ts-sync-'));
    const path = join(dir, 'node.sqlite');
    store = await open(path);
    const p = store.syncProgress;
    expect(p.enqueueBlob({ blobId: id(1), reason: 'certified', epoch: 3, nowMs: 1000 })).toBe(true);
    expect(p.enqueueBlob({ blobId: id(2), reason: 'recovery', epoch: 3, nowMs: 1000 })).toBe(true);
    expect(p.enqueueBlob({ blobId: id(1), reason: 'gossip', epoch: 4, nowMs: 5000 })).toBe(false);
    p.deferBlob(id(2), 9000, 'not enough symbols');
    p.putShardTask({ shard: 7, epoch: 4, mode: 'transfer', axis: 'secondary', cursor: id(9), blobsDone: 12 });
    p.putShardTask({ shard: 8, epoch: 4, mode: 'recovery', axis: 'primary', cursor: null, blobsDone: 0 });
    await store.stop();

    store = await open(path);
    const q = store.syncProgress;
    expect(q.countBlobs()).toBe(2);
    expect(q.getBlob(id(1))).toMatchObject({
      reason: 'certified',
      epoch: 3,
      attempts: 0,
      nextAttemptMs: 1000,
    });
    expect(q.getBlob(id(2))).toMatchObject({
      attempts: 1,
      nextAttemptMs: 9000,
      lastError: 'not enough symbols',
    });
    expect(q.dueBlobs(2000, 10).map((e) => e.blobId[0])).toEqual([1]);
    expect(q.dueBlobs(9000, 10).map((e) => e.blobId[0])).toEqual([1, 2]);
    expect(q.nextDueMs()).toBe(1000);
    expect(q.listShardTasks()).toEqual([
      { shard: 7, epoch: 4, mode: 'transfer', axis: 'secondary', cursor: id(9), blobsDone: 12 },
      { shard: 8, epoch: 4, mode: 'recovery', axis: 'primary', cursor: null, blobsDone: 0 },
    ]);
    expect(q.finishBlob(id(1))).toBe(true);
    expect(q.finishBlob(id(1))).toBe(false);
    expect(q.finishShardTask(7)).toBe(true);
    expect(q.getShardTask(7)).toBeUndefined();
    expect(q.countBlobs()).toBe(1);
  });

  it('refuses malformed entries', async () => {
    store = await open(':memory:');
    const p = store.syncProgress;
    expect(() => p.enqueueBlob({ blobId: new Uint8Array(31), reason: 'certified', epoch: 1 })).toThrow(
      InvalidStorageKeyError,
    );
    expect(() => p.enqueueBlob({ blobId: id(1), reason: 'bogus' as 'certified', epoch: 1 })).toThrow(
      InvalidStorageKeyError,
    );
    expect(() =>
      p.putShardTask({
        shard: 70000,
        epoch: 1,
        mode: 'transfer',
        axis: 'primary',
        cursor: null,
        blobsDone: 0,
      }),
    ).toThrow(InvalidStorageKeyError);
  });
});

describe('sync helpers', () => {
  it('pages blob IDs in byte order and marks finished shard tasks', () => {
    expect(nextBlobId(id(0))![31]).toBe(1);
    const carry = id(0);
    carry[31] = 0xff;
    const next = nextBlobId(carry)!;
    expect([next[30], next[31]]).toEqual([1, 0]);
    expect(nextBlobId(SHARD_TASK_DONE_CURSOR)).toBeUndefined();
    const base = { shard: 1, epoch: 2, mode: 'transfer' as const, blobsDone: 0 };
    expect(isShardTaskDone({ ...base, axis: 'secondary', cursor: SHARD_TASK_DONE_CURSOR })).toBe(true);
    expect(isShardTaskDone({ ...base, axis: 'primary', cursor: SHARD_TASK_DONE_CURSOR })).toBe(false);
    expect(isShardTaskDone({ ...base, axis: 'secondary', cursor: id(3) })).toBe(false);
  });

  it('orders members randomly, weighted by shards', () => {
    const members = [
      { name: 'heavy', weight: 9 },
      { name: 'light', weight: 1 },
      { name: 'none', weight: 0 },
    ];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let heavyFirst = 0;
    for (let i = 0; i < 2000; i++) {
      const order = weightedRandomOrder(members, random);
      expect(order).toHaveLength(3);
      expect(order[2].name).toBe('none');
      if (order[0].name === 'heavy') heavyFirst++;
    }
    // P(heavy first) = 9/10.
    expect(heavyFirst / 2000).toBeGreaterThan(0.85);
    expect(heavyFirst / 2000).toBeLessThan(0.95);
  });

  it('parses a SyncShardResponse as the storage service writes it', () => {
    const slivers = [
      { index: 3, symbolSize: 2, data: Uint8Array.from([1, 2, 3, 4]) },
      { index: 6, symbolSize: 4, data: new Uint8Array(300).fill(5) },
    ];
    const bytes = SyncShardResponseBcs.serialize({
      V1: [
        [id(1), { axis: 'primary', ...slivers[0] }],
        [id(2), { axis: 'secondary', ...slivers[1] }],
      ],
    }).toBytes();
    const parsed = parseSyncShardResponse(bytes);
    expect(parsed.map((e) => [e.blobId[0], e.sliver.axis, e.sliver.index, e.sliver.symbolSize])).toEqual([
      [1, 'primary', 3, 2],
      [2, 'secondary', 6, 4],
    ]);
    expect(parsed[1].data).toEqual(serializeSliverData(slivers[1]));
    expect(() => parseSyncShardResponse(bytes.subarray(0, bytes.length - 1))).toThrow();
    expect(() => parseSyncShardResponse(Uint8Array.from([...bytes, 0]))).toThrow();
  });
});
