/**
 * Migration 2: persisted progress of blob sync and shard sync/recovery (node/sync).
 *
 * - `sync_blobs`: blobs this node must fetch or rebuild slivers of (a certified blob it lacks slivers of,
 *   a blob of a shard being recovered), with retry bookkeeping. A row is removed once every owned sliver of
 *   the blob is stored (or the blob turned out invalid, expired or deleted). Slivers already rebuilt are in
 *   `slivers`, so a resumed sync only redoes the missing ones.
 * - `sync_shards`: one row per shard being pulled from its previous owner (`mode = 'transfer'`) or rebuilt
 *   from the other nodes (`mode = 'recovery'`) in `epoch`: the axis being paged and the last blob ID done.
 *
 * @see spec §3.2, §3.4; node/storage/repositories/sync-progress.ts
 */
import type { Migration } from '../schema.ts';

/** Migration 2 (never edit once released; add a new one instead). */
export const MIGRATION_0002_SYNC_PROGRESS: Migration = {
  version: 2,
  description: 'sync progress: blobs to sync, shard transfers and recoveries',
  sql: `
    CREATE TABLE sync_blobs (
      blob_id BLOB PRIMARY KEY CHECK (length(blob_id) = 32),
      reason TEXT NOT NULL CHECK (reason IN ('certified', 'recovery', 'transfer', 'gossip')),
      epoch INTEGER NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_ms INTEGER NOT NULL,
      last_error TEXT,
      created_at_ms INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX sync_blobs_due ON sync_blobs (next_attempt_ms);

    CREATE TABLE sync_shards (
      shard INTEGER PRIMARY KEY CHECK (shard >= 0 AND shard < 65536),
      epoch INTEGER NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('transfer', 'recovery')),
      axis INTEGER NOT NULL CHECK (axis IN (0, 1)),
      cursor BLOB CHECK (cursor IS NULL OR length(cursor) = 32),
      blobs_done INTEGER NOT NULL DEFAULT 0,
      updated_at_ms INTEGER NOT NULL
    );
  `,
};
