/**
 * The pending-upload buffer: metadata and slivers uploaded with `pending=true` before the node has seen the
 * blob's `BlobRegistered` event (spec §4). Bounded by entry count and total bytes; entries are taken out when
 * the registration arrives and expire after a while otherwise.
 */
import type { Database } from '../database.ts';
import { PendingBufferFullError } from '../errors.ts';
import type { BlobIdBytes, SliverAxis } from './keys.ts';
import { axisToInt, checkBlobId, checkShard, intToAxis } from './keys.ts';

/** A buffered upload. `shard`/`axis` are set for slivers only. */
export type PendingUpload =
  | { kind: 'metadata'; blobId: BlobIdBytes; data: Uint8Array }
  | { kind: 'sliver'; blobId: BlobIdBytes; shard: number; axis: SliverAxis; data: Uint8Array };

/** Limits of the buffer. */
export interface PendingLimits {
  maxEntries: number;
  maxBytes: number;
}

interface Row {
  blob_id: Uint8Array;
  kind: 'metadata' | 'sliver';
  shard: number | null;
  axis: number | null;
  data: Uint8Array;
}

/** Typed access to the `pending_uploads` table. Keeps running totals to enforce the limits. */
export class PendingUploadRepository {
  readonly #database: Database;
  readonly #limits: PendingLimits;
  #entries = 0;
  #bytes = 0;

  constructor(database: Database, limits: PendingLimits) {
    this.#database = database;
    this.#limits = limits;
    this.#recount();
  }

  #recount(): void {
    const row = this.#database
      .prepare('SELECT count(*) AS n, coalesce(sum(size), 0) AS b FROM pending_uploads')
      .get() as {
      n: number;
      b: number;
    };
    this.#entries = Number(row.n);
    this.#bytes = Number(row.b);
  }

  /** Current entry count and bytes. */
  stats(): { entries: number; bytes: number } {
    return { entries: this.#entries, bytes: this.#bytes };
  }

  /**
   * Buffers one upload (durable on return). A re-upload of the same metadata or sliver replaces the old one.
   * @throws PendingBufferFullError when it would exceed the entry or byte limit.
   */
  putPending(upload: PendingUpload): void {
    checkBlobId(upload.blobId);
    const shard = upload.kind === 'sliver' ? checkShard(upload.shard) : null;
    const axis = upload.kind === 'sliver' ? axisToInt(upload.axis) : null;
    const size = upload.data.byteLength;
    this.#database.transaction(() => {
      const old = this.#database
        .prepare(
          `SELECT id, size FROM pending_uploads WHERE blob_id = ? AND kind = ? AND shard IS ? AND axis IS ?`,
        )
        .get(upload.blobId, upload.kind, shard, axis) as { id: number; size: number } | undefined;
      const entries = this.#entries + (old ? 0 : 1);
      const bytes = this.#bytes - (old?.size ?? 0) + size;
      if (entries > this.#limits.maxEntries)
        throw new PendingBufferFullError('entries', this.#limits.maxEntries);
      if (bytes > this.#limits.maxBytes) throw new PendingBufferFullError('bytes', this.#limits.maxBytes);
      if (old) this.#database.prepare('DELETE FROM pending_uploads WHERE id = ?').run(old.id);
      this.#database
        .prepare(
          `INSERT INTO pending_uploads (blob_id, kind, shard, axis, data, size, created_at_ms)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(upload.blobId, upload.kind, shard, axis, upload.data, size, Date.now());
    });
    this.#recount();
  }

  /** Buffered uploads of `blobId` without removing them (metadata first, then slivers by shard). */
  listPending(blobId: BlobIdBytes): PendingUpload[] {
    const rows = this.#database
      .prepare(
        `SELECT blob_id, kind, shard, axis, data FROM pending_uploads WHERE blob_id = ?
         ORDER BY kind = 'sliver', shard, axis`,
      )
      .all(checkBlobId(blobId)) as unknown as Row[];
    return rows.map((r) =>
      r.kind === 'metadata'
        ? { kind: 'metadata', blobId: r.blob_id, data: r.data }
        : {
            kind: 'sliver',
            blobId: r.blob_id,
            shard: r.shard ?? 0,
            axis: intToAxis(r.axis ?? 0),
            data: r.data,
          },
    );
  }

  /**
   * Removes and returns the buffered uploads of `blobId`. Call it inside the store's transaction that
   * writes them to their final tables, so a crash cannot lose or duplicate them.
   */
  takePending(blobId: BlobIdBytes): PendingUpload[] {
    const out = this.#database.transaction(() => {
      const list = this.listPending(blobId);
      this.#database.prepare('DELETE FROM pending_uploads WHERE blob_id = ?').run(blobId);
      return list;
    });
    this.#recount();
    return out;
  }

  /** Drops entries created before `olderThanMs` (epoch ms); returns how many. */
  prunePending(olderThanMs: number): number {
    const n = Number(
      this.#database.prepare('DELETE FROM pending_uploads WHERE created_at_ms < ?').run(olderThanMs).changes,
    );
    this.#recount();
    return n;
  }
}
