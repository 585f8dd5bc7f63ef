/**
 * The storage node's durable store (node:sqlite): blob info, metadata, slivers, pending uploads, shard
 * status, event cursor; atomic and durable writes; garbage collection.
 *
 * @packageDocumentation
 */
export * from './database.ts';
export * from './errors.ts';
export * from './repositories/blob-info.ts';
export * from './repositories/event-cursor.ts';
export * from './repositories/keys.ts';
export * from './repositories/metadata.ts';
export * from './repositories/pending.ts';
export * from './repositories/shard-status.ts';
export * from './repositories/slivers.ts';
export * from './repositories/sync-progress.ts';
export * from './schema.ts';
export * from './store.ts';
