/**
 * Slivers keyed by (blob ID, shard, axis), holding the BCS `SliverData` bytes (spec §4). Listing walks one
 * shard's slivers of one axis in blob ID order, which is how shard sync pages (spec §3.4).
 *
 * The bytes live in append-only segment files (`../segments`); the SQLite table `sliver_index` maps each key
 * to (segment, offset, length, CRC-32). A write is: bytes appended, fdatasync'd, then the index row
 * committed; a sliver is durable once its row is (so a crash leaves either the old state or the new one).
 *
 * Two write paths:
 * - synchronous ({@link SliverRepository.putSliver}, {@link SliverRepository.putSlivers}): write and sync on
 *   the calling thread; the row joins the caller's open transaction if any (atomic with its other writes);
 * - asynchronous ({@link SliverRepository.storeSlivers}): bytes written and synced on libuv's thread pool,
 *   rows of all concurrent calls committed together in one transaction after one fdatasync per segment
 *   (group commit). This is the ingest path: the event loop only builds headers and runs one short
 *   transaction per group.
 */
import type { Logger } from '@libp2p/interface';
import type { BufferPool } from '../../memory/buffer-pool.ts';
import type { Database } from '../database.ts';
import { SliverChecksumError } from '../errors.ts';
import type { IndexCommitter } from '../segments/index-committer.ts';
import { SLIVER_INDEX_UPSERT } from '../segments/index-sql.ts';
import type { SliverIndexRow } from '../segments/index-sql.ts';
import type { SegmentLocation, SegmentLog } from '../segments/segment-log.ts';
import type { BlobIdBytes, SliverAxis } from './keys.ts';
import { axisToInt, checkBlobId, checkShard, intToAxis } from './keys.ts';

/** Address of one stored sliver. */
export interface SliverKey {
  blobId: BlobIdBytes;
  shard: number;
  axis: SliverAxis;
}

/** One sliver with its address. */
export interface StoredSliver extends SliverKey {
  /** BCS `SliverData` bytes. */
  data: Uint8Array;
}

/** Options of {@link SliverRepository.listSlivers}. */
export interface ListSliversOptions {
  shard: number;
  axis: SliverAxis;
  /** Start strictly after this blob ID (the last one of the previous page). */
  after?: BlobIdBytes;
  /** Start at this blob ID, inclusive (shard sync's `starting_blob_id`). Ignored when `after` is set. */
  from?: BlobIdBytes;
  /** Page size. */
  limit: number;
}

interface IndexRow {
  shard: number;
  axis: 0 | 1;
  blobId: Uint8Array;
  loc: SegmentLocation;
}

interface LocationRow {
  segment: number;
  data_offset: number;
  length: number;
  crc32: number;
}

interface Waiter {
  rows: IndexRow[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

const KEY = 'shard = ? AND axis = ? AND blob_id = ?';

/** End (offset + length) of the last indexed record of `segment` in `database`, 0 when none. */
export function indexedSegmentEnd(database: Database, segment: number): number {
  const row = database
    .prepare('SELECT max(data_offset + length) AS e FROM sliver_index WHERE segment = ?')
    .get(segment) as { e: number | null };
  return Number(row.e ?? 0);
}

/** Typed access to the slivers: `sliver_index` rows plus the segment files. */
export class SliverRepository {
  readonly #database: Database;
  readonly #log: SegmentLog;
  readonly #logger: Logger | undefined;
  readonly #committer: IndexCommitter | undefined;
  #queue: Waiter[] = [];
  #committing: Promise<void> | undefined;

  /**
   * @param committer commits the group-commit rows on a worker thread (so their fsync does not block the
   *   event loop); without it they commit on `database`
   */
  constructor(database: Database, log: SegmentLog, logger?: Logger, committer?: IndexCommitter) {
    this.#database = database;
    this.#log = log;
    this.#logger = logger;
    this.#committer = committer;
  }

  #location(key: SliverKey): SegmentLocation | undefined {
    const row = this.#database
      .prepare(`SELECT segment, data_offset, length, crc32 FROM sliver_index WHERE ${KEY}`)
      .get(checkShard(key.shard), axisToInt(key.axis), checkBlobId(key.blobId)) as LocationRow | undefined;
    return row && toLocation(row);
  }

  /**
   * Reads bytes at `loc`; a checksum failure drops the index row (so the sliver counts as missing and blob
   * sync can fetch it again) and returns undefined.
   */
  #read(key: SliverKey, loc: SegmentLocation): Uint8Array | undefined {
    try {
      return this.#log.read(loc);
    } catch (err) {
      return this.#dropCorrupt(key, loc, err);
    }
  }

  /**
   * After a failed read of `key` at `loc`: rethrows anything but a checksum failure; for that, drops the
   * index row if it still points at `loc` (a concurrent write may have replaced it) and returns undefined.
   */
  #dropCorrupt(key: SliverKey, loc: SegmentLocation, err: unknown): undefined {
    if (!(err instanceof SliverChecksumError)) throw err;
    const now = this.#location(key);
    if (now && now.segment === loc.segment && now.offset === loc.offset) {
      this.#logger?.error('dropping corrupt sliver (shard %d, %s) - %e', key.shard, key.axis, err);
      this.deleteSliver(key);
    }
    return undefined;
  }

  /** The sliver bytes, or undefined. @throws InvalidStorageKeyError */
  getSliver(key: SliverKey): Uint8Array | undefined {
    const loc = this.#location(key);
    return loc && this.#read(key, loc);
  }

  /**
   * The sliver bytes, or undefined; like {@link getSliver}, but the bytes are read on libuv's thread pool,
   * so a request for many slivers waits for the disk without blocking the event loop (the reads run in
   * parallel). A checksum failure drops the index row only if it still points at the bytes that failed.
   * With `memory`, the bytes are a view of a buffer taken from it, which the caller gives back.
   * @throws InvalidStorageKeyError, SegmentReadError
   */
  async readSliver(key: SliverKey, memory?: BufferPool): Promise<Uint8Array | undefined> {
    const loc = this.#location(key);
    if (!loc) return undefined;
    try {
      return await this.#log.readAsync(loc, memory);
    } catch (err) {
      return this.#dropCorrupt(key, loc, err);
    }
  }

  /** True when the sliver is stored. */
  hasSliver(key: SliverKey): boolean {
    return (
      this.#database
        .prepare(`SELECT 1 FROM sliver_index WHERE ${KEY}`)
        .get(checkShard(key.shard), axisToInt(key.axis), checkBlobId(key.blobId)) !== undefined
    );
  }

  /**
   * The stored slivers of `blobId` on this node, as `shard * 2 + axis` (axis 0 = primary, 1 = secondary):
   * one indexed query instead of one {@link hasSliver} per sliver when a request carries many.
   * @throws InvalidStorageKeyError
   */
  storedSliversOf(blobId: BlobIdBytes): Set<number> {
    const rows = this.#database
      .prepare('SELECT shard, axis FROM sliver_index WHERE blob_id = ?')
      .all(checkBlobId(blobId)) as unknown as { shard: number; axis: number }[];
    const out = new Set<number>();
    for (const r of rows) out.add(r.shard * 2 + r.axis);
    return out;
  }

  /**
   * Stores (or replaces) one sliver, writing and syncing on the calling thread; durable on return, or, inside
   * an open transaction, when that transaction commits.
   */
  putSliver(sliver: StoredSliver): void {
    this.putSlivers([sliver]);
  }

  /** Stores several slivers (one write, one fsync, one transaction); durable on return. */
  putSlivers(slivers: readonly StoredSliver[]): void {
    if (slivers.length === 0) return;
    const { placement, rows } = this.#place(slivers);
    try {
      this.#log.writeSync(placement);
      this.#log.syncSync(placement.segment);
      this.#database.transaction(() => this.#insert(rows));
    } finally {
      this.#log.release(placement);
    }
  }

  /**
   * Stores several slivers without blocking the event loop: bytes written and fdatasync'd on the thread
   * pool, then the index rows committed in one transaction shared with every other call in flight (group
   * commit). Durable and visible when the promise resolves; all or nothing.
   * @throws InvalidStorageKeyError (synchronously checked, before anything is written), SegmentWriteError
   */
  async storeSlivers(slivers: readonly StoredSliver[]): Promise<void> {
    if (slivers.length === 0) return;
    const { placement, rows } = this.#place(slivers);
    try {
      await this.#log.write(placement);
      await new Promise<void>((resolve, reject) => {
        this.#queue.push({ rows, resolve, reject });
        this.#committing ??= this.#commitLoop();
      });
    } finally {
      this.#log.release(placement);
    }
  }

  /** Resolves once every {@link storeSlivers} call in flight has committed or failed. */
  async flush(): Promise<void> {
    while (this.#committing) await this.#committing;
  }

  async #commitLoop(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const group = this.#queue;
        this.#queue = [];
        try {
          // every write in the group completed before it was queued: one fdatasync per segment covers it
          await this.#log.syncDirty();
          if (this.#committer) {
            const rows: SliverIndexRow[] = [];
            for (const w of group) for (const r of w.rows) rows.push(toParams(r));
            await this.#committer.commit(rows);
          } else {
            this.#database.transaction(() => {
              for (const w of group) this.#insert(w.rows);
            });
          }
          for (const w of group) w.resolve();
        } catch (err) {
          for (const w of group) w.reject(err);
        }
      }
    } finally {
      this.#committing = undefined;
    }
  }

  #place(slivers: readonly StoredSliver[]) {
    const inputs = slivers.map((s) => ({
      blobId: checkBlobId(s.blobId),
      shard: checkShard(s.shard),
      axis: axisToInt(s.axis),
      data: s.data,
    }));
    const placement = this.#log.reserve(inputs);
    const rows: IndexRow[] = inputs.map((s, i) => ({
      shard: s.shard,
      axis: s.axis,
      blobId: s.blobId,
      loc: placement.locations[i],
    }));
    return { placement, rows };
  }

  #insert(rows: readonly IndexRow[]): void {
    const st = this.#database.prepare(SLIVER_INDEX_UPSERT);
    for (const r of rows) st.run(...toParams(r));
  }

  /** Removes one sliver; returns whether it existed. */
  deleteSliver(key: SliverKey): boolean {
    return (
      Number(
        this.#database
          .prepare(`DELETE FROM sliver_index WHERE ${KEY}`)
          .run(checkShard(key.shard), axisToInt(key.axis), checkBlobId(key.blobId)).changes,
      ) > 0
    );
  }

  /** Removes every sliver of `blobId` (all shards, both axes); returns how many. */
  deleteBlobSlivers(blobId: BlobIdBytes): number {
    return Number(
      this.#database.prepare('DELETE FROM sliver_index WHERE blob_id = ?').run(checkBlobId(blobId)).changes,
    );
  }

  /** Removes every sliver of `shard` (e.g. after the shard moved away); returns how many. */
  deleteShardSlivers(shard: number): number {
    return Number(
      this.#database.prepare('DELETE FROM sliver_index WHERE shard = ?').run(checkShard(shard)).changes,
    );
  }

  /** One page of a shard's slivers of one axis, in blob ID order. */
  listSlivers(opts: ListSliversOptions): StoredSliver[] {
    const shard = checkShard(opts.shard);
    const axis = axisToInt(opts.axis);
    const cols = 'blob_id, segment, data_offset, length, crc32';
    let rows: unknown[];
    if (opts.after) {
      rows = this.#database
        .prepare(
          `SELECT ${cols} FROM sliver_index WHERE shard = ? AND axis = ? AND blob_id > ? ORDER BY blob_id LIMIT ?`,
        )
        .all(shard, axis, checkBlobId(opts.after, 'after'), opts.limit);
    } else if (opts.from) {
      rows = this.#database
        .prepare(
          `SELECT ${cols} FROM sliver_index WHERE shard = ? AND axis = ? AND blob_id >= ? ORDER BY blob_id LIMIT ?`,
        )
        .all(shard, axis, checkBlobId(opts.from, 'from'), opts.limit);
    } else {
      rows = this.#database
        .prepare(`SELECT ${cols} FROM sliver_index WHERE shard = ? AND axis = ? ORDER BY blob_id LIMIT ?`)
        .all(shard, axis, opts.limit);
    }
    const out: StoredSliver[] = [];
    for (const r of rows as (LocationRow & { blob_id: Uint8Array })[]) {
      const key = { blobId: r.blob_id, shard, axis: intToAxis(axis) };
      const data = this.#read(key, toLocation(r));
      if (data) out.push({ ...key, data });
    }
    return out;
  }

  /** Number of slivers stored for `shard` (both axes unless `axis` is given). */
  countSlivers(shard: number, axis?: SliverAxis): number {
    const row =
      axis === undefined
        ? this.#database
            .prepare('SELECT count(*) AS n FROM sliver_index WHERE shard = ?')
            .get(checkShard(shard))
        : this.#database
            .prepare('SELECT count(*) AS n FROM sliver_index WHERE shard = ? AND axis = ?')
            .get(checkShard(shard), axisToInt(axis));
    return Number((row as { n: number }).n);
  }

  /**
   * Deletes segment files (other than the active one) that no index row points into any more; returns how
   * many. Call outside transactions (a rolled-back delete must not lose a file).
   */
  reclaimSegments(): number {
    let removed = 0;
    for (const s of this.#log.segments()) {
      if (s === this.#log.activeSegment) continue;
      if (this.#database.prepare('SELECT 1 FROM sliver_index WHERE segment = ? LIMIT 1').get(s)) continue;
      if (this.#log.remove(s)) removed++;
    }
    return removed;
  }
}

function toParams(r: IndexRow): SliverIndexRow {
  return [r.shard, r.axis, r.blobId, r.loc.segment, r.loc.offset, r.loc.length, r.loc.crc32];
}

function toLocation(r: LocationRow): SegmentLocation {
  return {
    segment: Number(r.segment),
    offset: Number(r.data_offset),
    length: Number(r.length),
    crc32: Number(r.crc32),
  };
}
