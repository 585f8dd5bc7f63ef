/**
 * The storage node's durable store: one SQLite database (node:sqlite) with typed repositories for blob info,
 * metadata, sliver index, pending uploads, shard status and the chain event cursor, plus append-only segment
 * files for the sliver bytes (`<path>-slivers/`, see `segments/segment-log.ts`).
 *
 * Every write is atomic and durable when the call returns (WAL + `synchronous=FULL`, see `database.ts`;
 * sliver bytes are fdatasync'd before their index row commits), so the node can sign a storage confirmation
 * right after a sliver write returns. The synchronous calls block the event loop for the write and its
 * fsync; the ingest path uses {@link SliverRepository.storeSlivers}, which writes and syncs on the thread
 * pool and commits the index rows of concurrent calls together (group commit).
 *
 * @example
 * ```ts
 * const store = nodeStore({ path: join(dataDir, 'node.sqlite') })({ logger })
 * await store.start()
 * store.transaction(() => {
 *   store.metadata.putMetadata(blobId, metadataBcs)
 *   for (const p of store.pending.takePending(blobId)) ...
 * })
 * await store.slivers.storeSlivers([{ blobId, shard, axis: 'primary', data }])
 * await store.stop()
 * ```
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultLogger } from '@libp2p/logger';
import type { ComponentLogger, Logger, Startable } from '@libp2p/interface';
import type { Database } from './database.ts';
import { openDatabase, schemaVersion } from './database.ts';
import { StoreNotOpenError, StoreOpenError } from './errors.ts';
import { intToAxis } from './repositories/keys.ts';
import { BlobInfoRepository } from './repositories/blob-info.ts';
import { EventCursorRepository } from './repositories/event-cursor.ts';
import { MetadataRepository } from './repositories/metadata.ts';
import { PendingUploadRepository } from './repositories/pending.ts';
import { ShardStatusRepository } from './repositories/shard-status.ts';
import { indexedSegmentEnd, SliverRepository } from './repositories/slivers.ts';
import { IndexCommitter } from './segments/index-committer.ts';
import { SegmentLog } from './segments/segment-log.ts';
import { SyncProgressRepository } from './repositories/sync-progress.ts';

const MiB = 1024 * 1024;

/** Options of {@link nodeStore}. */
export interface NodeStoreInit {
  /**
   * Database file (created if missing), e.g. `<dataDir>/node.sqlite`; `':memory:'` for tests (the sliver
   * segments then go to a temporary directory, unsynced, removed on stop).
   */
  path: string;
  /**
   * Directory of the sliver segment files.
   * @default `${path}-slivers`
   */
  sliverDir?: string;
  /**
   * Size at which a sliver segment file is closed to new records, bytes.
   * @default 268_435_456 (256 MiB)
   */
  segmentBytes?: number;
  /**
   * Most uploads buffered before registration.
   * @default 10_000
   */
  maxPendingEntries?: number;
  /**
   * Most bytes buffered before registration.
   * @default 268_435_456 (256 MiB)
   */
  maxPendingBytes?: number;
  /**
   * Blobs removed per transaction during garbage collection.
   * @default 100
   */
  gcBatchSize?: number;
}

/** Dependencies of the store. */
export interface NodeStoreComponents {
  /** @default libp2p's default logger (`DEBUG=walrus-ts:storage:*`) */
  logger?: ComponentLogger;
}

/** What one garbage collection removed (counts of blobs). */
export interface GcResult {
  /** Blobs past their end epoch: info, metadata and slivers removed. */
  expired: number;
  /** Blobs whose registrations were all deleted: info, metadata and slivers removed. */
  deleted: number;
  /** Invalid blobs whose metadata and slivers were dropped (their info stays, to report `invalid`). */
  invalidated: number;
}

/** The store service. Repositories throw StoreNotOpenError when used before `start()` or after `stop()`. */
export interface NodeStore extends Startable {
  readonly blobInfo: BlobInfoRepository;
  readonly metadata: MetadataRepository;
  readonly slivers: SliverRepository;
  readonly pending: PendingUploadRepository;
  readonly shards: ShardStatusRepository;
  readonly cursor: EventCursorRepository;
  /** Blob sync queue and shard transfer/recovery progress (node/sync). */
  readonly syncProgress: SyncProgressRepository;
  /** Schema version of the open database. */
  readonly schemaVersion: number;
  /** Runs `fn` (synchronous) in one transaction: all of its writes commit durably together, or none. */
  transaction<T>(fn: () => T): T;
  /**
   * Removes expired blobs (`endEpoch <= currentEpoch`), fully deleted blobs, and the data of invalid blobs,
   * in batches of `gcBatchSize` per transaction.
   */
  collectGarbage(opts: { currentEpoch: number }): GcResult;
}

interface Repos {
  database: Database;
  segments: SegmentLog;
  committer?: IndexCommitter;
  /** Temporary segment directory of an in-memory store, removed on stop. */
  tempDir?: string;
  blobInfo: BlobInfoRepository;
  metadata: MetadataRepository;
  slivers: SliverRepository;
  pending: PendingUploadRepository;
  shards: ShardStatusRepository;
  cursor: EventCursorRepository;
  syncProgress: SyncProgressRepository;
}

class DefaultNodeStore implements NodeStore {
  readonly #init: Required<Omit<NodeStoreInit, 'sliverDir'>> & { sliverDir?: string };
  readonly #log: Logger;
  #repos: Repos | undefined;

  constructor(components: NodeStoreComponents, init: NodeStoreInit) {
    this.#init = {
      path: init.path,
      maxPendingEntries: init.maxPendingEntries ?? 10_000,
      maxPendingBytes: init.maxPendingBytes ?? 256 * MiB,
      gcBatchSize: init.gcBatchSize ?? 100,
      sliverDir: init.sliverDir,
      segmentBytes: init.segmentBytes ?? 256 * MiB,
    };
    this.#log = (components.logger ?? defaultLogger()).forComponent('walrus-ts:storage:store');
  }

  readonly [Symbol.toStringTag] = 'walrus-ts/node-store';

  #open(): Repos {
    if (!this.#repos) throw new StoreNotOpenError();
    return this.#repos;
  }

  get blobInfo(): BlobInfoRepository {
    return this.#open().blobInfo;
  }
  get metadata(): MetadataRepository {
    return this.#open().metadata;
  }
  get slivers(): SliverRepository {
    return this.#open().slivers;
  }
  get pending(): PendingUploadRepository {
    return this.#open().pending;
  }
  get shards(): ShardStatusRepository {
    return this.#open().shards;
  }
  get cursor(): EventCursorRepository {
    return this.#open().cursor;
  }
  get syncProgress(): SyncProgressRepository {
    return this.#open().syncProgress;
  }
  get schemaVersion(): number {
    return schemaVersion(this.#open().database);
  }

  async start(): Promise<void> {
    if (this.#repos) return;
    const database = openDatabase(this.#init.path);
    const memory = this.#init.path === ':memory:';
    let tempDir: string | undefined;
    let segments: SegmentLog;
    try {
      tempDir = memory ? mkdtempSync(join(tmpdir(), 'walrus-ts-slivers-')) : undefined;
      segments = SegmentLog.open({
        dir: tempDir ?? this.#init.sliverDir ?? `${this.#init.path}-slivers`,
        segmentBytes: this.#init.segmentBytes,
        sync: !memory,
        // a throw-away store is never synced: direct writes would only make it wait for the disk
        directIo: !memory,
        indexedEnd: (segment) => indexedSegmentEnd(database, segment),
      });
    } catch (err) {
      database.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      throw new StoreOpenError(this.#init.sliverDir ?? `${this.#init.path}-slivers`, { cause: err });
    }
    let committer: IndexCommitter | undefined;
    if (!memory) {
      committer = new IndexCommitter(this.#init.path);
      try {
        await committer.ready();
      } catch (err) {
        await committer.close();
        segments.close();
        database.close();
        throw new StoreOpenError(this.#init.path, { cause: err });
      }
    }
    const slivers = new SliverRepository(database, segments, this.#log, committer);
    this.#repos = {
      database,
      segments,
      committer,
      tempDir,
      blobInfo: new BlobInfoRepository(database),
      metadata: new MetadataRepository(database),
      slivers,
      pending: new PendingUploadRepository(database, {
        maxEntries: this.#init.maxPendingEntries,
        maxBytes: this.#init.maxPendingBytes,
      }),
      shards: new ShardStatusRepository(database),
      cursor: new EventCursorRepository(database),
      syncProgress: new SyncProgressRepository(database),
    };
    const moved = moveLegacySlivers(database, slivers);
    const r = segments.recovery;
    if (r.truncated + r.removed > 0) {
      this.#log(
        'segment recovery: %d cut back (%d bytes of unacknowledged tail), %d empty removed',
        r.truncated,
        r.droppedBytes,
        r.removed,
      );
    }
    if (moved > 0) this.#log('moved %d slivers from the old slivers table into segments', moved);
    this.#log('opened %s (schema %d)', this.#init.path, schemaVersion(database));
  }

  async stop(): Promise<void> {
    const repos = this.#repos;
    if (!repos) return;
    await repos.slivers.flush();
    this.#repos = undefined;
    await repos.committer?.close();
    repos.database.close();
    repos.segments.close();
    if (repos.tempDir) rmSync(repos.tempDir, { recursive: true, force: true });
  }

  transaction<T>(fn: () => T): T {
    return this.#open().database.transaction(fn);
  }

  collectGarbage(opts: { currentEpoch: number }): GcResult {
    const { database, slivers, metadata, blobInfo } = this.#open();
    const batch = this.#init.gcBatchSize;
    const result: GcResult = { expired: 0, deleted: 0, invalidated: 0 };
    const sweep = (sql: string, params: (number | string)[], keepInfo: boolean): number => {
      let total = 0;
      for (;;) {
        const ids = (database.prepare(sql).all(...params, batch) as { blob_id: Uint8Array }[]).map(
          (r) => r.blob_id,
        );
        if (ids.length === 0) return total;
        database.transaction(() => {
          for (const id of ids) {
            slivers.deleteBlobSlivers(id);
            metadata.deleteMetadata(id);
            if (!keepInfo) blobInfo.deleteBlobInfo(id);
          }
        });
        total += ids.length;
      }
    };
    result.expired = sweep(
      'SELECT blob_id FROM blob_info WHERE end_epoch <= ? LIMIT ?',
      [opts.currentEpoch],
      false,
    );
    result.deleted = sweep("SELECT blob_id FROM blob_info WHERE state = 'deleted' LIMIT ?", [], false);
    result.invalidated = sweep(
      `SELECT b.blob_id FROM blob_info b WHERE b.invalid = 1 AND (
         EXISTS (SELECT 1 FROM sliver_index s WHERE s.blob_id = b.blob_id) OR
         EXISTS (SELECT 1 FROM metadata m WHERE m.blob_id = b.blob_id)) LIMIT ?`,
      [],
      true,
    );
    if (result.expired + result.deleted + result.invalidated > 0) {
      const reclaimed = slivers.reclaimSegments();
      this.#log('gc at epoch %d: %o, %d segment files removed', opts.currentEpoch, result, reclaimed);
    }
    return result;
  }
}

/**
 * Moves slivers still in the retired `slivers` table (schema 1-2 stored bytes as BLOBs) into segments, a
 * batch per transaction (rows deleted with their index rows inserted); returns how many.
 */
function moveLegacySlivers(database: Database, slivers: SliverRepository): number {
  let moved = 0;
  for (;;) {
    const rows = database
      .prepare('SELECT id, shard, axis, blob_id, data FROM slivers ORDER BY id LIMIT 64')
      .all() as { id: number; shard: number; axis: number; blob_id: Uint8Array; data: Uint8Array }[];
    if (rows.length === 0) return moved;
    database.transaction(() => {
      slivers.putSlivers(
        rows.map((r) => ({ blobId: r.blob_id, shard: r.shard, axis: intToAxis(r.axis), data: r.data })),
      );
      const del = database.prepare('DELETE FROM slivers WHERE id = ?');
      for (const r of rows) del.run(r.id);
    });
    moved += rows.length;
  }
}

/**
 * Factory: `nodeStore(init)` returns `(components) => NodeStore`. `start()` opens (and migrates) the
 * database; `stop()` closes it.
 * @throws (from start) StoreOpenError, UnsupportedSchemaVersionError
 */
export function nodeStore(init: NodeStoreInit): (components?: NodeStoreComponents) => NodeStore {
  return (components = {}) => new DefaultNodeStore(components, init);
}
