import { mkdtemp, rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidStorageKeyError,
  PendingBufferFullError,
  StoreNotOpenError,
  UnsupportedSchemaVersionError,
} from '../../../../node/storage/errors.ts';
import type { BlobInfo } from '../../../../node/storage/repositories/blob-info.ts';
import { SCHEMA_VERSION } from '../../../../node/storage/schema.ts';
import { nodeStore } from '../../../../node/storage/store.ts';
import type { NodeStore } from '../../../../node/storage/store.ts';

const id = (n: number): Uint8Array => {
  const b = new Uint8Array(32);
  b[0] = n >> 8;
  b[1] = n & 0xff;
  b[31] = 0xee;
  return b;
};

const info = (n: number, over: Partial<BlobInfo> = {}): BlobInfo => ({
  blobId: id(n),
  state: 'registered',
  registeredEpoch: 1,
  certifiedEpoch: null,
  endEpoch: 10,
  permanentTotal: 1,
  permanentCertified: 0,
  deletableTotal: 0,
  deletableCertified: 0,
  invalid: false,
  event: { txDigest: 'Dig3st', eventSeq: '7' },
  ...over,
});

describe('node store', () => {
  let dir: string;
  let store: NodeStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'walrus-ts-store-'));
    store = nodeStore({
      path: join(dir, 'node.sqlite'),
      maxPendingEntries: 3,
      maxPendingBytes: 1000,
      gcBatchSize: 2,
    })();
    await store.start();
  });
  afterEach(async () => {
    await store.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens with WAL and synchronous=FULL at the current schema version', () => {
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    const raw = new DatabaseSync(join(dir, 'node.sqlite'));
    expect((raw.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    raw.close();
  });

  it('stores and reads blob info, metadata and slivers', () => {
    store.blobInfo.putBlobInfo(info(1, { state: 'certified', certifiedEpoch: 2 }));
    expect(store.blobInfo.getBlobInfo(id(1))).toEqual(info(1, { state: 'certified', certifiedEpoch: 2 }));
    expect(store.blobInfo.getBlobInfo(id(2))).toBeUndefined();

    store.metadata.putMetadata(id(1), Uint8Array.of(1, 2, 3));
    expect([...(store.metadata.getMetadata(id(1)) ?? [])]).toEqual([1, 2, 3]);
    expect(store.metadata.hasMetadata(id(2))).toBe(false);

    const key = { blobId: id(1), shard: 5, axis: 'primary' as const };
    store.slivers.putSliver({ ...key, data: Uint8Array.of(9) });
    store.slivers.putSliver({ ...key, data: Uint8Array.of(8, 8) }); // replace
    expect([...(store.slivers.getSliver(key) ?? [])]).toEqual([8, 8]);
    expect(store.slivers.getSliver({ ...key, axis: 'secondary' })).toBeUndefined();
    expect(store.slivers.countSlivers(5)).toBe(1);
    store.slivers.putSliver({ blobId: id(1), shard: 7, axis: 'secondary', data: Uint8Array.of(7) });
    store.slivers.putSliver({ blobId: id(2), shard: 6, axis: 'primary', data: Uint8Array.of(6) });
    expect([...store.slivers.storedSliversOf(id(1))].sort((a, b) => a - b)).toEqual([5 * 2, 7 * 2 + 1]);
    expect(store.slivers.storedSliversOf(id(3)).size).toBe(0);
    expect(store.slivers.deleteSliver(key)).toBe(true);
    expect(store.slivers.hasSliver(key)).toBe(false);
  });

  it('validates keys with typed errors', () => {
    expect(() => store.metadata.putMetadata(new Uint8Array(31), new Uint8Array(1))).toThrow(
      InvalidStorageKeyError,
    );
    expect(() => store.slivers.getSliver({ blobId: id(1), shard: 70000, axis: 'primary' })).toThrow(
      InvalidStorageKeyError,
    );
    expect(() =>
      store.slivers.getSliver({ blobId: id(1), shard: 1, axis: 'diagonal' as unknown as 'primary' }),
    ).toThrow(InvalidStorageKeyError);
  });

  it('lists a shard in blob ID byte order, page by page', () => {
    const order = [300, 2, 256, 1, 40];
    for (const n of order)
      store.slivers.putSliver({ blobId: id(n), shard: 3, axis: 'secondary', data: Uint8Array.of(n & 0xff) });
    store.slivers.putSliver({ blobId: id(5), shard: 4, axis: 'secondary', data: new Uint8Array(1) });
    store.slivers.putSliver({ blobId: id(6), shard: 3, axis: 'primary', data: new Uint8Array(1) });
    const seen: number[] = [];
    let after: Uint8Array | undefined;
    for (;;) {
      const page = store.slivers.listSlivers({ shard: 3, axis: 'secondary', after, limit: 2 });
      if (page.length === 0) break;
      seen.push(...page.map((s) => (s.blobId[0] << 8) | s.blobId[1]));
      after = page[page.length - 1].blobId;
    }
    expect(seen).toEqual([1, 2, 40, 256, 300]);
    const from = store.slivers.listSlivers({ shard: 3, axis: 'secondary', from: id(40), limit: 10 });
    expect(from.map((s) => (s.blobId[0] << 8) | s.blobId[1])).toEqual([40, 256, 300]);
  });

  it('rolls back every write of a failed transaction', () => {
    expect(() =>
      store.transaction(() => {
        store.metadata.putMetadata(id(1), Uint8Array.of(1));
        store.slivers.putSliver({ blobId: id(1), shard: 0, axis: 'primary', data: Uint8Array.of(1) });
        throw new Error('crash mid-way');
      }),
    ).toThrow('crash mid-way');
    expect(store.metadata.hasMetadata(id(1))).toBe(false);
    expect(store.slivers.countSlivers(0)).toBe(0);
    // nested transactions commit with the outer one
    store.transaction(() => {
      store.metadata.putMetadata(id(2), Uint8Array.of(2));
      store.slivers.putSlivers([{ blobId: id(2), shard: 1, axis: 'primary', data: Uint8Array.of(2) }]);
    });
    expect(store.slivers.countSlivers(1)).toBe(1);
  });

  it('bounds the pending buffer by entries and bytes and hands entries over atomically', () => {
    store.pending.putPending({ kind: 'metadata', blobId: id(1), data: new Uint8Array(100) });
    store.pending.putPending({
      kind: 'sliver',
      blobId: id(1),
      shard: 2,
      axis: 'primary',
      data: new Uint8Array(100),
    });
    // replacing the same sliver does not count twice
    store.pending.putPending({
      kind: 'sliver',
      blobId: id(1),
      shard: 2,
      axis: 'primary',
      data: new Uint8Array(200),
    });
    expect(store.pending.stats()).toEqual({ entries: 2, bytes: 300 });
    expect(() =>
      store.pending.putPending({
        kind: 'sliver',
        blobId: id(2),
        shard: 0,
        axis: 'primary',
        data: new Uint8Array(800),
      }),
    ).toThrow(PendingBufferFullError);
    store.pending.putPending({
      kind: 'sliver',
      blobId: id(2),
      shard: 0,
      axis: 'primary',
      data: new Uint8Array(10),
    });
    const err = (() => {
      try {
        store.pending.putPending({ kind: 'metadata', blobId: id(3), data: new Uint8Array(1) });
      } catch (e) {
        return e as PendingBufferFullError;
      }
    })();
    expect(err?.limit).toBe('entries');

    const taken = store.transaction(() => {
      const list = store.pending.takePending(id(1));
      for (const p of list) {
        if (p.kind === 'metadata') store.metadata.putMetadata(p.blobId, p.data);
        else store.slivers.putSliver(p);
      }
      return list;
    });
    expect(taken.map((p) => p.kind)).toEqual(['metadata', 'sliver']);
    expect(store.slivers.getSliver({ blobId: id(1), shard: 2, axis: 'primary' })?.byteLength).toBe(200);
    expect(store.pending.stats()).toEqual({ entries: 1, bytes: 10 });
    expect(store.pending.prunePending(Date.now() + 1)).toBe(1);
    expect(store.pending.stats()).toEqual({ entries: 0, bytes: 0 });
  });

  it('keeps shard status and the event cursor', () => {
    store.shards.putShardStatus({ shard: 7, status: 'inTransfer', epoch: 3 });
    store.shards.putShardStatus({ shard: 2, status: 'ready', epoch: 3 });
    store.shards.putShardStatus({ shard: 7, status: 'ready', epoch: 4 });
    expect(store.shards.listShardStatus()).toEqual([
      { shard: 2, status: 'ready', epoch: 3 },
      { shard: 7, status: 'ready', epoch: 4 },
    ]);
    expect(() => store.shards.putShardStatus({ shard: 1, status: 'bogus' as 'ready', epoch: 1 })).toThrow(
      InvalidStorageKeyError,
    );
    expect(store.cursor.getEventCursor()).toBeUndefined();
    store.cursor.putEventCursor({ cursor: '{"tx":"abc","seq":"4"}', eventIndex: 42 });
    expect(store.cursor.getEventCursor()).toEqual({ cursor: '{"tx":"abc","seq":"4"}', eventIndex: 42 });
  });

  it('collects expired, deleted and invalid blobs', () => {
    const put = (n: number, over: Partial<BlobInfo>): void => {
      store.blobInfo.putBlobInfo(info(n, over));
      store.metadata.putMetadata(id(n), Uint8Array.of(n));
      store.slivers.putSliver({ blobId: id(n), shard: 0, axis: 'primary', data: Uint8Array.of(n) });
      store.slivers.putSliver({ blobId: id(n), shard: 1, axis: 'secondary', data: Uint8Array.of(n) });
    };
    for (const n of [1, 2, 3]) put(n, { endEpoch: 5 }); // expire at epoch 5
    put(4, { endEpoch: 50 }); // live
    put(5, { endEpoch: 50, state: 'deleted', permanentTotal: 0 });
    put(6, { endEpoch: 50, invalid: true });
    expect(store.collectGarbage({ currentEpoch: 4 })).toEqual({ expired: 0, deleted: 1, invalidated: 1 });
    expect(store.collectGarbage({ currentEpoch: 5 })).toEqual({ expired: 3, deleted: 0, invalidated: 0 });
    expect(store.blobInfo.listBlobInfo({ limit: 10 }).map((b) => b.blobId[1])).toEqual([4, 6]);
    expect(store.blobInfo.getBlobInfo(id(6))?.invalid).toBe(true);
    expect(store.metadata.hasMetadata(id(6))).toBe(false);
    expect(store.slivers.countSlivers(0)).toBe(1);
    expect(store.slivers.hasSliver({ blobId: id(4), shard: 1, axis: 'secondary' })).toBe(true);
  });

  it('refuses use after stop and databases from a newer schema', async () => {
    await store.stop();
    expect(() => store.slivers).toThrow(StoreNotOpenError);
    const raw = new DatabaseSync(join(dir, 'node.sqlite'));
    raw.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    await expect(store.start()).rejects.toBeInstanceOf(UnsupportedSchemaVersionError);
  });

  it('survives a clean reopen', async () => {
    store.metadata.putMetadata(id(9), Uint8Array.of(9));
    await store.stop();
    await store.start();
    expect(store.metadata.hasMetadata(id(9))).toBe(true);
  });
});
