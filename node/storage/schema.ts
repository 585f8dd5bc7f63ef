/**
 * The store's schema as numbered migrations. The database's `PRAGMA user_version` is the number of the last
 * migration applied. Rules: migrations are append-only; a released migration is never edited; table names
 * are never reused (a retired table stays listed in a comment so its name is not taken again).
 *
 * Keys: blob IDs are 32-byte BLOBs, compared bytewise (= the order of Rust's `BlobId` and of shard-sync
 * paging); `axis` is 0 = primary, 1 = secondary.
 */

import { MIGRATION_0002_SYNC_PROGRESS } from './migrations/0002-sync-progress.ts';
import { MIGRATION_0003_SLIVER_SEGMENTS } from './migrations/0003-sliver-segments.ts';

/** One migration: applied inside a transaction, then `user_version` is set to its `version`. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** All migrations, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'blob info, metadata, slivers, pending uploads, shard status, event cursor',
    sql: `
      CREATE TABLE blob_info (
        blob_id BLOB PRIMARY KEY CHECK (length(blob_id) = 32),
        state TEXT NOT NULL CHECK (state IN ('registered', 'certified', 'deleted')),
        registered_epoch INTEGER NOT NULL,
        certified_epoch INTEGER,
        end_epoch INTEGER NOT NULL,
        permanent_total INTEGER NOT NULL DEFAULT 0,
        permanent_certified INTEGER NOT NULL DEFAULT 0,
        deletable_total INTEGER NOT NULL DEFAULT 0,
        deletable_certified INTEGER NOT NULL DEFAULT 0,
        invalid INTEGER NOT NULL DEFAULT 0 CHECK (invalid IN (0, 1)),
        event_tx_digest TEXT,
        event_seq TEXT,
        updated_at_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX blob_info_end_epoch ON blob_info (end_epoch);

      CREATE TABLE metadata (
        blob_id BLOB PRIMARY KEY CHECK (length(blob_id) = 32),
        bcs BLOB NOT NULL
      );

      CREATE TABLE slivers (
        id INTEGER PRIMARY KEY,
        shard INTEGER NOT NULL CHECK (shard >= 0 AND shard < 65536),
        axis INTEGER NOT NULL CHECK (axis IN (0, 1)),
        blob_id BLOB NOT NULL CHECK (length(blob_id) = 32),
        data BLOB NOT NULL
      );
      CREATE UNIQUE INDEX slivers_key ON slivers (shard, axis, blob_id);
      CREATE INDEX slivers_blob ON slivers (blob_id);

      CREATE TABLE pending_uploads (
        id INTEGER PRIMARY KEY,
        blob_id BLOB NOT NULL CHECK (length(blob_id) = 32),
        kind TEXT NOT NULL CHECK (kind IN ('metadata', 'sliver')),
        shard INTEGER,
        axis INTEGER,
        data BLOB NOT NULL,
        size INTEGER NOT NULL,
        created_at_ms INTEGER NOT NULL
      );
      CREATE INDEX pending_uploads_blob ON pending_uploads (blob_id);
      CREATE INDEX pending_uploads_created ON pending_uploads (created_at_ms);

      CREATE TABLE shard_status (
        shard INTEGER PRIMARY KEY CHECK (shard >= 0 AND shard < 65536),
        status TEXT NOT NULL,
        epoch INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      );

      CREATE TABLE event_cursor (
        id INTEGER PRIMARY KEY CHECK (id = 0),
        cursor TEXT NOT NULL,
        event_index INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      );
    `,
  },
  MIGRATION_0002_SYNC_PROGRESS,
  MIGRATION_0003_SLIVER_SEGMENTS,
];

/** The schema version this build writes (the last migration's number). */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
