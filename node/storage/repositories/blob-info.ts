/**
 * Blob info: what the chain said about each blob (registration, certification, expiry, deletable counts,
 * invalidation) and which event last changed it. Written by the event processor, read by the API and sync.
 */
import type { Database } from '../database.ts';
import type { BlobIdBytes } from './keys.ts';
import { checkBlobId, checkEpoch } from './keys.ts';

/** Identifies a chain event (spec §4 `EventID`): transaction digest (base58) and sequence (u64 decimal). */
export interface EventId {
  txDigest: string;
  eventSeq: string;
}

/** Chain state of one blob as the node tracks it. */
export interface BlobInfo {
  blobId: BlobIdBytes;
  /** `deleted` once every registration of the blob was deleted. */
  state: 'registered' | 'certified' | 'deleted';
  /** Epoch of the first registration seen. */
  registeredEpoch: number;
  /** Epoch of the first certification (`initialCertifiedEpoch`), or null. */
  certifiedEpoch: number | null;
  /** Latest end epoch (exclusive) over the blob's registrations. */
  endEpoch: number;
  permanentTotal: number;
  permanentCertified: number;
  deletableTotal: number;
  deletableCertified: number;
  /** Set by an `InvalidBlobID` event: slivers are dropped, status reports `invalid`. */
  invalid: boolean;
  /** The event that last changed this record, if any. */
  event: EventId | null;
}

interface Row {
  blob_id: Uint8Array;
  state: BlobInfo['state'];
  registered_epoch: number;
  certified_epoch: number | null;
  end_epoch: number;
  permanent_total: number;
  permanent_certified: number;
  deletable_total: number;
  deletable_certified: number;
  invalid: number;
  event_tx_digest: string | null;
  event_seq: string | null;
}

function fromRow(r: Row): BlobInfo {
  return {
    blobId: r.blob_id,
    state: r.state,
    registeredEpoch: r.registered_epoch,
    certifiedEpoch: r.certified_epoch,
    endEpoch: r.end_epoch,
    permanentTotal: r.permanent_total,
    permanentCertified: r.permanent_certified,
    deletableTotal: r.deletable_total,
    deletableCertified: r.deletable_certified,
    invalid: r.invalid === 1,
    event:
      r.event_tx_digest != null && r.event_seq != null
        ? { txDigest: r.event_tx_digest, eventSeq: r.event_seq }
        : null,
  };
}

/** Typed access to the `blob_info` table. */
export class BlobInfoRepository {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  /** The record of `blobId`, or undefined. @throws InvalidStorageKeyError */
  getBlobInfo(blobId: BlobIdBytes): BlobInfo | undefined {
    const row = this.#database
      .prepare('SELECT * FROM blob_info WHERE blob_id = ?')
      .get(checkBlobId(blobId)) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Inserts or replaces the record (durable on return). @throws InvalidStorageKeyError */
  putBlobInfo(info: BlobInfo): void {
    checkBlobId(info.blobId);
    checkEpoch(info.registeredEpoch, 'registeredEpoch');
    checkEpoch(info.endEpoch, 'endEpoch');
    if (info.certifiedEpoch !== null) checkEpoch(info.certifiedEpoch, 'certifiedEpoch');
    this.#database
      .prepare(
        `INSERT OR REPLACE INTO blob_info (blob_id, state, registered_epoch, certified_epoch, end_epoch,
           permanent_total, permanent_certified, deletable_total, deletable_certified, invalid,
           event_tx_digest, event_seq, updated_at_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        info.blobId,
        info.state,
        info.registeredEpoch,
        info.certifiedEpoch,
        info.endEpoch,
        info.permanentTotal,
        info.permanentCertified,
        info.deletableTotal,
        info.deletableCertified,
        info.invalid ? 1 : 0,
        info.event?.txDigest ?? null,
        info.event?.eventSeq ?? null,
        Date.now(),
      );
  }

  /** Removes the record; returns whether it existed. */
  deleteBlobInfo(blobId: BlobIdBytes): boolean {
    return (
      Number(
        this.#database.prepare('DELETE FROM blob_info WHERE blob_id = ?').run(checkBlobId(blobId)).changes,
      ) > 0
    );
  }

  /** Records in blob ID order, starting strictly after `after` (for paging). */
  listBlobInfo(opts: { after?: BlobIdBytes; limit: number }): BlobInfo[] {
    const rows = opts.after
      ? this.#database
          .prepare('SELECT * FROM blob_info WHERE blob_id > ? ORDER BY blob_id LIMIT ?')
          .all(checkBlobId(opts.after, 'after'), opts.limit)
      : this.#database.prepare('SELECT * FROM blob_info ORDER BY blob_id LIMIT ?').all(opts.limit);
    return (rows as unknown as Row[]).map(fromRow);
  }
}
