/**
 * Persisted sync progress (tables of migration 2): the queue of blobs to sync and the shard transfers and
 * recoveries in progress. Written by node/sync; survives restarts so a sync resumes where it stopped.
 *
 * @see node/storage/migrations/0002-sync-progress.ts
 */
import type { Database } from '../database.ts';
import { InvalidStorageKeyError } from '../errors.ts';
import type { BlobIdBytes, SliverAxis } from './keys.ts';
import { axisToInt, checkBlobId, checkEpoch, checkShard, intToAxis } from './keys.ts';

/** Why a blob is queued: its certification was seen, a shard is recovered/transferred, or gossip hinted it. */
export type BlobSyncReason = 'certified' | 'recovery' | 'transfer' | 'gossip';
const REASONS: readonly BlobSyncReason[] = ['certified', 'recovery', 'transfer', 'gossip'];

/** One queued blob. Times are ms since the Unix epoch. */
export interface BlobSyncEntry {
  blobId: BlobIdBytes;
  reason: BlobSyncReason;
  /** Epoch in which it was queued. */
  epoch: number;
  /** Failed attempts so far. */
  attempts: number;
  /** Not retried before this time. */
  nextAttemptMs: number;
  lastError: string | null;
  createdAtMs: number;
}

/** How a shard is being filled: pulled from its previous owner, or rebuilt blob by blob from recovery symbols. */
export type ShardSyncMode = 'transfer' | 'recovery';

/** Progress of one shard's transfer or recovery. */
export interface ShardSyncTask {
  shard: number;
  /** Epoch whose ownership the task fills. */
  epoch: number;
  mode: ShardSyncMode;
  /** Axis being paged (transfer: primary first, then secondary). */
  axis: SliverAxis;
  /** Last blob ID done on that axis (paging resumes after it), or null at the start. */
  cursor: BlobIdBytes | null;
  /** Blobs (or slivers, for a transfer) handled so far. */
  blobsDone: number;
}

interface BlobRow {
  blob_id: Uint8Array;
  reason: BlobSyncReason;
  epoch: number;
  attempts: number;
  next_attempt_ms: number;
  last_error: string | null;
  created_at_ms: number;
}

interface ShardRow {
  shard: number;
  epoch: number;
  mode: ShardSyncMode;
  axis: number;
  cursor: Uint8Array | null;
  blobs_done: number;
}

function blobFromRow(r: BlobRow): BlobSyncEntry {
  return {
    blobId: r.blob_id,
    reason: r.reason,
    epoch: r.epoch,
    attempts: r.attempts,
    nextAttemptMs: r.next_attempt_ms,
    lastError: r.last_error,
    createdAtMs: r.created_at_ms,
  };
}

function shardFromRow(r: ShardRow): ShardSyncTask {
  return {
    shard: r.shard,
    epoch: r.epoch,
    mode: r.mode,
    axis: intToAxis(r.axis),
    cursor: r.cursor,
    blobsDone: r.blobs_done,
  };
}

/** Typed access to `sync_blobs` and `sync_shards`. Every write is durable on return. */
export class SyncProgressRepository {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  /**
   * Queues `blobId` (due at once). An entry already queued is kept as it is.
   * @returns true when a new entry was created
   * @throws InvalidStorageKeyError
   */
  enqueueBlob(e: { blobId: BlobIdBytes; reason: BlobSyncReason; epoch: number; nowMs?: number }): boolean {
    if (!REASONS.includes(e.reason)) throw new InvalidStorageKeyError('reason', `unknown reason ${e.reason}`);
    const now = e.nowMs ?? Date.now();
    return (
      Number(
        this.#database
          .prepare(
            `INSERT OR IGNORE INTO sync_blobs (blob_id, reason, epoch, attempts, next_attempt_ms, created_at_ms)
             VALUES (?, ?, ?, 0, ?, ?)`,
          )
          .run(checkBlobId(e.blobId), e.reason, checkEpoch(e.epoch), now, now).changes,
      ) > 0
    );
  }

  /** The queued entry of `blobId`, or undefined. */
  getBlob(blobId: BlobIdBytes): BlobSyncEntry | undefined {
    const row = this.#database
      .prepare('SELECT * FROM sync_blobs WHERE blob_id = ?')
      .get(checkBlobId(blobId)) as BlobRow | undefined;
    return row ? blobFromRow(row) : undefined;
  }

  /** Entries due at `nowMs` (oldest due first), at most `limit`, skipping `exclude` (in progress). */
  dueBlobs(nowMs: number, limit: number): BlobSyncEntry[] {
    return (
      this.#database
        .prepare(
          'SELECT * FROM sync_blobs WHERE next_attempt_ms <= ? ORDER BY next_attempt_ms, created_at_ms LIMIT ?',
        )
        .all(nowMs, limit) as unknown as BlobRow[]
    ).map(blobFromRow);
  }

  /** Earliest `next_attempt_ms` of the queue, or undefined when empty. */
  nextDueMs(): number | undefined {
    const row = this.#database.prepare('SELECT min(next_attempt_ms) AS t FROM sync_blobs').get() as {
      t: number | null;
    };
    return row.t ?? undefined;
  }

  /** Number of queued blobs. */
  countBlobs(): number {
    return Number((this.#database.prepare('SELECT count(*) AS n FROM sync_blobs').get() as { n: number }).n);
  }

  /** Records a failed attempt: `attempts + 1`, retry not before `nextAttemptMs`. */
  deferBlob(blobId: BlobIdBytes, nextAttemptMs: number, error: string): void {
    this.#database
      .prepare(
        'UPDATE sync_blobs SET attempts = attempts + 1, next_attempt_ms = ?, last_error = ? WHERE blob_id = ?',
      )
      .run(nextAttemptMs, error.slice(0, 500), checkBlobId(blobId));
  }

  /** Removes `blobId` from the queue; returns whether it was queued. */
  finishBlob(blobId: BlobIdBytes): boolean {
    return (
      Number(
        this.#database.prepare('DELETE FROM sync_blobs WHERE blob_id = ?').run(checkBlobId(blobId)).changes,
      ) > 0
    );
  }

  /** Inserts or replaces a shard task. @throws InvalidStorageKeyError */
  putShardTask(t: ShardSyncTask): void {
    if (t.mode !== 'transfer' && t.mode !== 'recovery') {
      throw new InvalidStorageKeyError('mode', `unknown mode ${String(t.mode)}`);
    }
    this.#database
      .prepare(
        `INSERT OR REPLACE INTO sync_shards (shard, epoch, mode, axis, cursor, blobs_done, updated_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        checkShard(t.shard),
        checkEpoch(t.epoch),
        t.mode,
        axisToInt(t.axis),
        t.cursor ? checkBlobId(t.cursor, 'cursor') : null,
        t.blobsDone,
        Date.now(),
      );
  }

  /** The task of `shard`, or undefined. */
  getShardTask(shard: number): ShardSyncTask | undefined {
    const row = this.#database.prepare('SELECT * FROM sync_shards WHERE shard = ?').get(checkShard(shard)) as
      ShardRow | undefined;
    return row ? shardFromRow(row) : undefined;
  }

  /** Every shard task, by shard. */
  listShardTasks(): ShardSyncTask[] {
    return (
      this.#database.prepare('SELECT * FROM sync_shards ORDER BY shard').all() as unknown as ShardRow[]
    ).map(shardFromRow);
  }

  /** Removes the task of `shard`; returns whether it existed. */
  finishShardTask(shard: number): boolean {
    return (
      Number(
        this.#database.prepare('DELETE FROM sync_shards WHERE shard = ?').run(checkShard(shard)).changes,
      ) > 0
    );
  }
}
