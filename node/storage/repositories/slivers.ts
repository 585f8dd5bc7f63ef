/**
 * Slivers keyed by (blob ID, shard, axis), holding the BCS `SliverData` bytes (spec §4). Listing walks one
 * shard's slivers of one axis in blob ID order, which is how shard sync pages (spec §3.4).
 */
import type { Database } from '../database.ts';
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

/** Typed access to the `slivers` table. */
export class SliverRepository {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  /** The sliver bytes, or undefined. @throws InvalidStorageKeyError */
  getSliver(key: SliverKey): Uint8Array | undefined {
    const row = this.#database
      .prepare('SELECT data FROM slivers WHERE shard = ? AND axis = ? AND blob_id = ?')
      .get(checkShard(key.shard), axisToInt(key.axis), checkBlobId(key.blobId)) as
      { data: Uint8Array } | undefined;
    return row?.data;
  }

  /** True when the sliver is stored. */
  hasSliver(key: SliverKey): boolean {
    return (
      this.#database
        .prepare('SELECT 1 FROM slivers WHERE shard = ? AND axis = ? AND blob_id = ?')
        .get(checkShard(key.shard), axisToInt(key.axis), checkBlobId(key.blobId)) !== undefined
    );
  }

  /** Stores (or replaces) one sliver; durable on return. */
  putSliver(sliver: StoredSliver): void {
    this.#database
      .prepare(
        `INSERT INTO slivers (shard, axis, blob_id, data) VALUES (?, ?, ?, ?)
         ON CONFLICT (shard, axis, blob_id) DO UPDATE SET data = excluded.data`,
      )
      .run(checkShard(sliver.shard), axisToInt(sliver.axis), checkBlobId(sliver.blobId), sliver.data);
  }

  /** Stores several slivers in one transaction (one fsync). */
  putSlivers(slivers: readonly StoredSliver[]): void {
    this.#database.transaction(() => {
      for (const s of slivers) this.putSliver(s);
    });
  }

  /** Removes one sliver; returns whether it existed. */
  deleteSliver(key: SliverKey): boolean {
    return (
      Number(
        this.#database
          .prepare('DELETE FROM slivers WHERE shard = ? AND axis = ? AND blob_id = ?')
          .run(checkShard(key.shard), axisToInt(key.axis), checkBlobId(key.blobId)).changes,
      ) > 0
    );
  }

  /** Removes every sliver of `blobId` (all shards, both axes); returns how many. */
  deleteBlobSlivers(blobId: BlobIdBytes): number {
    return Number(
      this.#database.prepare('DELETE FROM slivers WHERE blob_id = ?').run(checkBlobId(blobId)).changes,
    );
  }

  /** Removes every sliver of `shard` (e.g. after the shard moved away); returns how many. */
  deleteShardSlivers(shard: number): number {
    return Number(
      this.#database.prepare('DELETE FROM slivers WHERE shard = ?').run(checkShard(shard)).changes,
    );
  }

  /** One page of a shard's slivers of one axis, in blob ID order. */
  listSlivers(opts: ListSliversOptions): StoredSliver[] {
    const shard = checkShard(opts.shard);
    const axis = axisToInt(opts.axis);
    let rows: unknown[];
    if (opts.after) {
      rows = this.#database
        .prepare(
          'SELECT blob_id, data FROM slivers WHERE shard = ? AND axis = ? AND blob_id > ? ORDER BY blob_id LIMIT ?',
        )
        .all(shard, axis, checkBlobId(opts.after, 'after'), opts.limit);
    } else if (opts.from) {
      rows = this.#database
        .prepare(
          'SELECT blob_id, data FROM slivers WHERE shard = ? AND axis = ? AND blob_id >= ? ORDER BY blob_id LIMIT ?',
        )
        .all(shard, axis, checkBlobId(opts.from, 'from'), opts.limit);
    } else {
      rows = this.#database
        .prepare('SELECT blob_id, data FROM slivers WHERE shard = ? AND axis = ? ORDER BY blob_id LIMIT ?')
        .all(shard, axis, opts.limit);
    }
    return (rows as { blob_id: Uint8Array; data: Uint8Array }[]).map((r) => ({
      blobId: r.blob_id,
      shard,
      axis: intToAxis(axis),
      data: r.data,
    }));
  }

  /** Number of slivers stored for `shard` (both axes unless `axis` is given). */
  countSlivers(shard: number, axis?: SliverAxis): number {
    const row =
      axis === undefined
        ? this.#database.prepare('SELECT count(*) AS n FROM slivers WHERE shard = ?').get(checkShard(shard))
        : this.#database
            .prepare('SELECT count(*) AS n FROM slivers WHERE shard = ? AND axis = ?')
            .get(checkShard(shard), axisToInt(axis));
    return Number((row as { n: number }).n);
  }
}
