/**
 * Migration 3: sliver bytes move out of SQLite into append-only segment files (node/storage/segments);
 * `sliver_index` says where each sliver's bytes are: segment number, byte offset and length of the data,
 * and its CRC-32. The old `slivers` table (bytes as BLOBs) is retired: the store moves any rows it still
 * holds into segments when it opens, then leaves it empty. Its name is never reused.
 *
 * @see node/storage/repositories/slivers.ts
 */
import type { Migration } from '../schema.ts';

/** Migration 3 (never edit once released; add a new one instead). */
export const MIGRATION_0003_SLIVER_SEGMENTS: Migration = {
  version: 3,
  description: 'sliver bytes in segment files; sliver_index (segment, offset, length, crc32)',
  sql: `
    CREATE TABLE sliver_index (
      shard INTEGER NOT NULL CHECK (shard >= 0 AND shard < 65536),
      axis INTEGER NOT NULL CHECK (axis IN (0, 1)),
      blob_id BLOB NOT NULL CHECK (length(blob_id) = 32),
      segment INTEGER NOT NULL,
      data_offset INTEGER NOT NULL,
      length INTEGER NOT NULL,
      crc32 INTEGER NOT NULL,
      PRIMARY KEY (shard, axis, blob_id)
    ) WITHOUT ROWID;
    CREATE INDEX sliver_index_blob ON sliver_index (blob_id);
    CREATE INDEX sliver_index_segment ON sliver_index (segment, data_offset);
  `,
};
