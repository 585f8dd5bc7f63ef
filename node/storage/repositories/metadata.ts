/** Blob metadata, stored as its BCS bytes (`BlobMetadata`, spec §2.3) per blob ID. */
import type { Database } from '../database.ts';
import type { BlobIdBytes } from './keys.ts';
import { checkBlobId } from './keys.ts';

/** Typed access to the `metadata` table. */
export class MetadataRepository {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  /** BCS bytes of the metadata of `blobId`, or undefined. */
  getMetadata(blobId: BlobIdBytes): Uint8Array | undefined {
    const row = this.#database
      .prepare('SELECT bcs FROM metadata WHERE blob_id = ?')
      .get(checkBlobId(blobId)) as { bcs: Uint8Array } | undefined;
    return row?.bcs;
  }

  /** True when metadata of `blobId` is stored. */
  hasMetadata(blobId: BlobIdBytes): boolean {
    return (
      this.#database.prepare('SELECT 1 FROM metadata WHERE blob_id = ?').get(checkBlobId(blobId)) !==
      undefined
    );
  }

  /** Stores (or replaces) the metadata bytes; durable on return. */
  putMetadata(blobId: BlobIdBytes, bcs: Uint8Array): void {
    this.#database
      .prepare('INSERT OR REPLACE INTO metadata (blob_id, bcs) VALUES (?, ?)')
      .run(checkBlobId(blobId), bcs);
  }

  /** Removes the metadata; returns whether it existed. */
  deleteMetadata(blobId: BlobIdBytes): boolean {
    return (
      Number(
        this.#database.prepare('DELETE FROM metadata WHERE blob_id = ?').run(checkBlobId(blobId)).changes,
      ) > 0
    );
  }
}
