/**
 * Blob-info rules: how each chain event changes what the node knows about a blob, and how that record is
 * reported as the `BlobStatus` JSON of the API. Pure functions over {@link BlobInfo} records.
 *
 * Rules (Walrus `blob_info.rs`, simplified to the counts the store keeps):
 * - `BlobRegistered`: one more permanent or deletable registration; end epoch = max; a `deleted` record
 *   comes back to life.
 * - `BlobCertified`: `certified`; the first certification epoch is kept; one more certified registration
 *   (not for extensions); end epoch = max.
 * - `BlobDeleted`: one deletable registration (certified or not) fewer; with none left the record is
 *   `deleted` (garbage collection removes it).
 * - `InvalidBlobID`: `invalid`, for good.
 * Every change records the event that made it (`statusEvent` of the JSON).
 *
 * @see spec §4 `BlobStatus`, §6.6 (events)
 */
import type { BlobStatus } from '../../../shared/api/storage-node.ts';
import type { ChainEvent } from '../../chain/types.ts';
import type { BlobInfo } from '../../storage/repositories/blob-info.ts';

/** The blob events the rules handle. */
export type BlobEvent = Extract<
  ChainEvent,
  { type: 'BlobRegistered' | 'BlobCertified' | 'BlobDeleted' | 'InvalidBlobID' }
>;

/** True for the events {@link applyBlobEvent} handles. */
export function isBlobEvent(e: ChainEvent): e is BlobEvent {
  return (
    e.type === 'BlobRegistered' ||
    e.type === 'BlobCertified' ||
    e.type === 'BlobDeleted' ||
    e.type === 'InvalidBlobID'
  );
}

function fresh(blobId: Uint8Array, epoch: number): BlobInfo {
  return {
    blobId,
    state: 'registered',
    registeredEpoch: epoch,
    certifiedEpoch: null,
    endEpoch: epoch,
    permanentTotal: 0,
    permanentCertified: 0,
    deletableTotal: 0,
    deletableCertified: 0,
    invalid: false,
    event: null,
  };
}

/**
 * The record after `event`. `info` is the record before (undefined when the blob is new to the node);
 * `blobId` is the event's blob ID as 32 bytes.
 */
export function applyBlobEvent(info: BlobInfo | undefined, blobId: Uint8Array, event: BlobEvent): BlobInfo {
  const eventId = { txDigest: event.id.txDigest, eventSeq: event.id.eventSeq };
  const b: BlobInfo = info ? { ...info } : fresh(blobId, event.epoch);
  switch (event.type) {
    case 'BlobRegistered':
      if (b.state === 'deleted') {
        Object.assign(b, fresh(blobId, event.epoch), { invalid: b.invalid });
      }
      if (event.deletable) b.deletableTotal++;
      else b.permanentTotal++;
      b.endEpoch = Math.max(b.endEpoch, event.endEpoch);
      break;
    case 'BlobCertified':
      if (b.state !== 'deleted') b.state = 'certified';
      b.certifiedEpoch ??= event.epoch;
      if (!event.isExtension) {
        if (event.deletable) b.deletableCertified++;
        else b.permanentCertified++;
      }
      b.endEpoch = Math.max(b.endEpoch, event.endEpoch);
      break;
    case 'BlobDeleted':
      b.deletableTotal = Math.max(0, b.deletableTotal - 1);
      if (event.wasCertified) b.deletableCertified = Math.max(0, b.deletableCertified - 1);
      if (b.permanentTotal + b.deletableTotal === 0) b.state = 'deleted';
      else if (b.permanentCertified + b.deletableCertified === 0) b.state = 'registered';
      break;
    case 'InvalidBlobID':
      b.invalid = true;
      break;
  }
  b.event = eventId;
  return b;
}

/**
 * True when uploads for the blob are accepted: known, not invalid, not deleted, and not expired in
 * `currentEpoch` (end epoch is exclusive).
 */
export function isRegistered(info: BlobInfo | undefined, currentEpoch: number): info is BlobInfo {
  return info !== undefined && !info.invalid && info.state !== 'deleted' && info.endEpoch > currentEpoch;
}

/**
 * The API's `BlobStatus` of a record in `currentEpoch`: `invalid` wins; then `permanent` when a permanent
 * registration exists; then `deletable`; `nonexistent` for unknown, deleted or expired blobs.
 * @see spec §4 `BlobStatus`
 */
export function toBlobStatus(info: BlobInfo | undefined, currentEpoch: number): BlobStatus {
  if (!info) return 'nonexistent';
  const event = info.event ?? { txDigest: '', eventSeq: '0' };
  if (info.invalid) return { invalid: { event } };
  if (info.state === 'deleted' || info.endEpoch <= currentEpoch) return 'nonexistent';
  const deletableCounts = {
    count_deletable_total: info.deletableTotal,
    count_deletable_certified: info.deletableCertified,
  };
  if (info.permanentTotal > 0) {
    return {
      permanent: {
        endEpoch: info.endEpoch,
        isCertified: info.permanentCertified > 0,
        statusEvent: event,
        deletableCounts,
        initialCertifiedEpoch: info.certifiedEpoch,
      },
    };
  }
  if (info.deletableTotal > 0) {
    return { deletable: { initialCertifiedEpoch: info.certifiedEpoch, deletableCounts } };
  }
  return 'nonexistent';
}
