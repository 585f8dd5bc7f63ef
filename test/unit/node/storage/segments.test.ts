import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { randomBytes } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SegmentReadError } from '../../../../node/storage/errors.ts';
import type { StoredSliver } from '../../../../node/storage/repositories/slivers.ts';
import { MIGRATIONS } from '../../../../node/storage/schema.ts';
import {
  decodeRecordHeader,
  encodeRecordHeader,
  checksum,
  RECORD_HEADER_BYTES,
} from '../../../../node/storage/segments/record.ts';
import {
  DIRECT_IO_ALIGNMENT,
  DIRECT_IO_MIN_BYTES,
  SegmentLog,
} from '../../../../node/storage/segments/segment-log.ts';
import { nodeStore } from '../../../../node/storage/store.ts';
import type { NodeStore } from '../../../../node/storage/store.ts';

const id = (n: number): Uint8Array => {
  const b = new Uint8Array(32);
  b[0] = n >> 8;
  b[1] = n & 0xff;
  b[31] = 0x5e;
  return b;
};

function sliver(n: number, size: number, axis: 'primary' | 'secondary' = 'primary'): StoredSliver {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + n * 7) & 0xff;
  return { blobId: id(n), shard: n % 5, axis, data };
}

const same = (a: Uint8Array | undefined, b: Uint8Array): boolean =>
  a !== undefined && Buffer.from(a).equals(Buffer.from(b));

describe('record checksum', () => {
  it('is CRC-32 (IEEE), the value records already on disk carry, for plain and shared memory', () => {
    expect(checksum(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(checksum(new Uint8Array(0))).toBe(0);
    for (const len of [1, 15, 16, 17, 63, 64, 65, 4095, 1_048_577]) {
      const data = randomBytes(len + 3).subarray(3);
      expect(checksum(data)).toBe(zlibCrc32(data));
      const shared = new Uint8Array(new SharedArrayBuffer(len + 8), 8, len);
      shared.set(data);
      expect(checksum(shared)).toBe(zlibCrc32(data));
    }
  });
});

describe('sliver segments', () => {
  let dir: string;
  let dbPath: string;
  let store: NodeStore;
  const open = async (segmentBytes = 64 * 1024): Promise<NodeStore> => {
    store = nodeStore({ path: dbPath, segmentBytes })();
    await store.start();
    return store;
  };
  const segDir = (): string => `${dbPath}-slivers`;
  const segFiles = (): string[] => readdirSync(segDir()).sort();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'walrus-ts-segments-'));
    dbPath = join(dir, 'node.sqlite');
  });
  afterEach(async () => {
    await store?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('record headers round-trip and reject torn or foreign bytes', () => {
    const s = { blobId: id(3), shard: 700, axis: 1 as const, data: Uint8Array.of(1, 2, 3) };
    const h = encodeRecordHeader(s, checksum(s.data));
    expect(h.length).toBe(RECORD_HEADER_BYTES);
    expect(decodeRecordHeader(h)).toEqual({
      blobId: id(3),
      shard: 700,
      axis: 1,
      length: 3,
      crc32: checksum(s.data),
    });
    const torn = h.slice();
    torn[20] ^= 1;
    expect(decodeRecordHeader(torn)).toBeUndefined();
    expect(decodeRecordHeader(h.subarray(0, 40))).toBeUndefined();
    expect(decodeRecordHeader(new Uint8Array(RECORD_HEADER_BYTES))).toBeUndefined();
  });

  it('concurrent group-commit writes are all stored, survive a restart, and can replace slivers', async () => {
    await open();
    const all = Array.from({ length: 40 }, (_, i) =>
      sliver(i, 500 + i * 97, i % 2 ? 'secondary' : 'primary'),
    );
    await Promise.all(
      Array.from({ length: 10 }, (_, k) => store.slivers.storeSlivers(all.slice(k * 4, k * 4 + 4))),
    );
    for (const s of all) expect(same(store.slivers.getSliver(s), s.data)).toBe(true);
    const replaced = { ...all[0], data: Uint8Array.of(9, 9, 9) };
    await store.slivers.storeSlivers([replaced]);
    await store.stop();
    await open();
    expect([...(store.slivers.getSliver(all[0]) ?? [])]).toEqual([9, 9, 9]);
    for (const s of all.slice(1)) expect(same(store.slivers.getSliver(s), s.data)).toBe(true);
    // several segments were used (64 KiB each) and listing still pages in blob ID order
    expect(segFiles().length).toBeGreaterThanOrEqual(2);
    const page = store.slivers.listSlivers({ shard: 1, axis: 'secondary', limit: 100 });
    expect(page.map((p) => p.blobId[1])).toEqual(
      all.filter((s) => s.shard === 1 && s.axis === 'secondary').map((s) => s.blobId[1]),
    );
  });

  it('cuts a torn or unindexed tail on open and appends after it', async () => {
    await open();
    const a = sliver(1, 3000);
    store.slivers.putSliver(a);
    await store.stop();
    const active = join(segDir(), segFiles().at(-1)!);
    const size = statSync(active).size;
    // a crash mid-write: half a header plus garbage that no index row points at
    appendFileSync(active, new Uint8Array(777).fill(0xab));
    await open();
    expect(statSync(active).size).toBe(size);
    expect(same(store.slivers.getSliver(a), a.data)).toBe(true);
    const b = sliver(2, 1234);
    await store.slivers.storeSlivers([b]);
    expect(same(store.slivers.getSliver(b), b.data)).toBe(true);
    expect(same(store.slivers.getSliver(a), a.data)).toBe(true);
  });

  it('a sliver whose bytes fail their checksum reads as missing (so sync can fetch it again)', async () => {
    await open();
    const a = sliver(1, 2000);
    const b = sliver(2, 2000);
    await store.slivers.storeSlivers([a, b]);
    await store.stop();
    const file = join(segDir(), segFiles()[0]);
    const bytes = readFileSync(file);
    bytes[RECORD_HEADER_BYTES + 10] ^= 0xff; // inside a's data
    writeFileSync(file, bytes);
    await open();
    expect(store.slivers.hasSliver(a)).toBe(true);
    expect(store.slivers.getSliver(a)).toBeUndefined();
    expect(store.slivers.hasSliver(a)).toBe(false);
    expect(same(store.slivers.getSliver(b), b.data)).toBe(true);
    // the thread-pool read path treats it the same way
    await store.slivers.storeSlivers([a]);
    await store.stop();
    const again = readFileSync(file);
    const at = again.length - a.data.length + 10; // inside the re-stored copy of a, appended last
    again[at] ^= 0xff;
    writeFileSync(file, again);
    await open();
    expect(await store.slivers.readSliver(a)).toBeUndefined();
    expect(store.slivers.hasSliver(a)).toBe(false);
    expect(same(await store.slivers.readSliver(b), b.data)).toBe(true);
    expect(await store.slivers.readSliver(sliver(3, 10))).toBeUndefined();
  });

  it('reads on the thread pool pin their segment: remove() waits for them; a closed log refuses reads', async () => {
    const segs = join(dir, 'pinned');
    const log = SegmentLog.open({ dir: segs, segmentBytes: 4096, indexedEnd: () => 0 });
    const data = { ...sliver(1, 3000), axis: 0 as const };
    const first = log.reserve([data]);
    log.writeSync(first);
    log.release(first);
    const second = log.reserve([{ ...sliver(2, 3000), axis: 0 as const }]); // starts segment 2: segment 1 is no longer active
    log.writeSync(second);
    log.release(second);
    expect(first.segment).not.toBe(second.segment);
    const loc = first.locations[0];
    const reading = log.readAsync(loc);
    expect(log.remove(first.segment)).toBe(false);
    expect(same(await reading, data.data)).toBe(true);
    expect(same(log.read(loc), data.data)).toBe(true);
    expect(log.remove(first.segment)).toBe(true);
    await expect(log.readAsync(loc)).rejects.toBeInstanceOf(SegmentReadError);
    const late = log.readAsync(second.locations[0]);
    log.close();
    await expect(late).rejects.toBeInstanceOf(SegmentReadError);
    await expect(log.readAsync(second.locations[0])).rejects.toBeInstanceOf(SegmentReadError);
  });

  it('removes segment files once no live sliver points into them', async () => {
    await open(8 * 1024);
    const olds = Array.from({ length: 6 }, (_, i) => sliver(i, 4000));
    for (const s of olds) await store.slivers.storeSlivers([s]);
    const keep = sliver(50, 100);
    await store.slivers.storeSlivers([keep]);
    const before = segFiles().length;
    expect(before).toBeGreaterThanOrEqual(3);
    for (const s of olds) store.slivers.deleteSliver(s);
    const removed = store.slivers.reclaimSegments();
    expect(removed).toBeGreaterThan(0);
    expect(segFiles().length).toBe(before - removed);
    expect(same(store.slivers.getSliver(keep), keep.data)).toBe(true);
    await store.stop();
    await open(8 * 1024);
    expect(same(store.slivers.getSliver(keep), keep.data)).toBe(true);
  });

  it('moves slivers of a schema-2 database (bytes in the slivers table) into segments on open', async () => {
    const raw = new DatabaseSync(dbPath);
    for (const m of MIGRATIONS.filter((x) => x.version <= 2)) raw.exec(m.sql);
    raw.exec('PRAGMA user_version = 2');
    const olds = Array.from({ length: 70 }, (_, i) => sliver(i, 100 + i));
    const ins = raw.prepare('INSERT INTO slivers (shard, axis, blob_id, data) VALUES (?, ?, ?, ?)');
    for (const s of olds) ins.run(s.shard, s.axis === 'primary' ? 0 : 1, s.blobId, s.data);
    raw.close();
    await open();
    for (const s of olds) expect(same(store.slivers.getSliver(s), s.data)).toBe(true);
    expect(store.slivers.countSlivers(0)).toBe(olds.filter((s) => s.shard === 0).length);
    await store.stop();
    const check = new DatabaseSync(dbPath);
    expect((check.prepare('SELECT count(*) AS n FROM slivers').get() as { n: number }).n).toBe(0);
    check.close();
    await open();
    for (const s of olds) expect(same(store.slivers.getSliver(s), s.data)).toBe(true);
  });

  it('an in-memory store keeps sliver bytes in a temporary directory removed on stop', async () => {
    const mem = nodeStore({ path: ':memory:' })();
    await mem.start();
    const a = sliver(4, 999);
    await mem.slivers.storeSlivers([a]);
    mem.slivers.putSliver(sliver(5, 10));
    expect(same(mem.slivers.getSliver(a), a.data)).toBe(true);
    await mem.stop();
    expect(() => mem.slivers).toThrow();
  });

  describe('direct I/O', () => {
    const records = (n0: number, sizes: number[]) =>
      sizes.map((size, i) => {
        const s = sliver(n0 + i, size);
        return { blobId: s.blobId, shard: s.shard, axis: 0 as const, data: s.data };
      });

    for (const directIo of [true, false]) {
      it(`large and small placements, sync and async, read back and survive reopening (directIo ${directIo})`, async () => {
        const segs = join(dir, 'segs');
        const log = SegmentLog.open({ dir: segs, directIo, indexedEnd: () => 0 });
        // a large placement bigger than one staging buffer, small ones around and between large ones
        const groups = [
          records(0, [100, 3000]),
          records(10, [5 * 1024 * 1024 + 17, 51]),
          records(20, [7]),
          records(30, [DIRECT_IO_MIN_BYTES, 1]),
          records(40, [300_001]),
          records(50, [12]),
        ];
        const placements = groups.map((g) => log.reserve(g));
        for (const [i, p] of placements.entries()) {
          expect(p.direct).toBe(directIo && log.directIo && [1, 3, 4].includes(i));
          if (p.direct) expect(p.position % DIRECT_IO_ALIGNMENT).toBe(0);
        }
        placements.forEach((p, i) => i % 3 === 0 && log.writeSync(p));
        await Promise.all(placements.filter((_, i) => i % 3 !== 0).map((p) => log.write(p)));
        await log.syncDirty();
        const check = (l: SegmentLog) =>
          placements.forEach((p, i) =>
            p.locations.forEach((loc, j) => expect(same(l.read(loc), groups[i][j].data)).toBe(true)),
          );
        check(log);
        const last = placements.at(-1)!.locations.at(-1)!;
        const end = last.offset + last.length;
        log.close();
        // close() cuts the padding of direct writes: the file ends with the last record
        expect(statSync(join(segs, readdirSync(segs)[0])).size).toBe(end);
        const again = SegmentLog.open({ dir: segs, directIo, indexedEnd: () => end });
        expect(again.recovery.truncated).toBe(0);
        check(again);
        again.close();
      });
    }

    it('a store writes a batch of 1 MiB slivers directly and reads them back after a restart', async () => {
      await open(8 * 1024 * 1024);
      const big = Array.from({ length: 4 }, (_, i) => sliver(i, 1024 * 1024 - 9));
      await Promise.all([
        store.slivers.storeSlivers(big.slice(0, 2)),
        store.slivers.storeSlivers(big.slice(2)),
      ]);
      store.slivers.putSlivers([sliver(9, 2 * 1024 * 1024)]);
      for (const s of big) expect(same(store.slivers.getSliver(s), s.data)).toBe(true);
      await store.stop();
      await open(8 * 1024 * 1024);
      for (const s of [...big, sliver(9, 2 * 1024 * 1024)])
        expect(same(store.slivers.getSliver(s), s.data)).toBe(true);
    });
  });
});
