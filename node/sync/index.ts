/**
 * Self-healing of the storage node: blob sync (rebuild missing slivers from recovery symbols), shard sync
 * at epoch change (pull from the previous owner, recovery as fallback), node recovery scans, and
 * inconsistent-blob invalidation. Progress is persisted in the node store (`sync_blobs`, `sync_shards`).
 *
 * @see spec §3; architecture.md "Epochs"
 * @packageDocumentation
 */
export * from './blob-sync.ts';
export * from './errors.ts';
export * from './invalid-blob.ts';
export * from './metrics.ts';
export * from './peers.ts';
export * from './recovery.ts';
export * from './shard-sync.ts';
export * from './sync-service.ts';
