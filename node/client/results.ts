/**
 * JSON forms of client results, as Walrus's publisher and CLI print them (`BlobStoreResult`).
 * @see spec §5.3; shared/api/daemon.ts
 * @packageDocumentation
 */
import type { BlobObjectJson, BlobStoreResult } from '../../shared/api/daemon.ts';
import type { BlobObject } from '../chain/types.ts';
import type { WriteBlobResult } from './types.ts';

/** A Blob object as the daemon reports it. */
export function blobObjectToJson(b: BlobObject): BlobObjectJson {
  return {
    id: b.id,
    registeredEpoch: b.registeredEpoch,
    blobId: b.blobId,
    size: b.size,
    encodingType: b.encodingType === 1 ? 'RS2' : b.encodingType,
    certifiedEpoch: b.certifiedEpoch,
    storage: {
      id: b.storage.id,
      startEpoch: b.storage.startEpoch,
      endEpoch: b.storage.endEpoch,
      storageSize: b.storage.storageSize,
    },
    deletable: b.deletable,
  };
}

/** Walrus's `BlobStoreResult` for a write result. */
export function toBlobStoreResult(r: WriteBlobResult): BlobStoreResult {
  switch (r.kind) {
    case 'newlyCreated':
      return {
        newlyCreated: {
          blobObject: blobObjectToJson(r.blobObject),
          resourceOperation: r.resourceOperation,
          cost: Number(r.cost),
        },
      };
    case 'alreadyCertified':
      return { alreadyCertified: { blobId: r.blobId, endEpoch: r.endEpoch, object: r.objectId } };
    case 'markedInvalid':
      return { markedInvalid: { blobId: r.blobId, event: r.event } };
  }
}
