/** SQL shared by the main-thread sliver repository and the index commit worker. */

/** Inserts or replaces one `sliver_index` row: (shard, axis, blob_id, segment, data_offset, length, crc32). */
export const SLIVER_INDEX_UPSERT = `INSERT INTO sliver_index (shard, axis, blob_id, segment, data_offset, length, crc32)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (shard, axis, blob_id) DO UPDATE SET segment = excluded.segment,
    data_offset = excluded.data_offset, length = excluded.length, crc32 = excluded.crc32`;

/** One row for {@link SLIVER_INDEX_UPSERT}, in parameter order. */
export type SliverIndexRow = [
  shard: number,
  axis: number,
  blobId: Uint8Array,
  segment: number,
  dataOffset: number,
  length: number,
  crc32: number,
];
