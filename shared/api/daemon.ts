/**
 * The publisher/aggregator HTTP contract (Walrus's `walrus daemon` routes and JSON), shared by the daemon
 * server, the CLI and the explorer.
 * @see spec §5.3 (publisher), §5.4 (aggregator)
 */
import type { EventId } from './storage-node.ts';

/** Default bind address of a Walrus daemon. */
export const DEFAULT_DAEMON_PORT = 31415;
/** Default maximum body size of `PUT /v1/blobs`: 10 MiB. */
export const DEFAULT_MAX_BODY_SIZE = 10 * 1024 * 1024;

/** Route templates, as Walrus writes them. */
export const DAEMON_ROUTES = {
  putBlob: '/v1/blobs',
  getBlob: '/v1/blobs/{blob_id}',
  getBlobByObjectId: '/v1/blobs/by-object-id/{object_id}',
  getBlobByteRange: '/v1/blobs/{blob_id}/byte-range',
  status: '/status',
  apiDocs: '/v1/api',
} as const;

/** Storage resource as the daemon reports it. */
export interface StorageJson {
  id: string;
  startEpoch: number;
  endEpoch: number;
  storageSize: number;
}

/** Blob object as the daemon reports it (`blobId` in text form, `size` unencoded bytes). */
export interface BlobObjectJson {
  id: string;
  registeredEpoch: number;
  blobId: string;
  size: number;
  encodingType: string | number;
  certifiedEpoch: number | null;
  storage: StorageJson;
  deletable: boolean;
}

/** How the storage for a new blob was obtained. */
export type ResourceOperationJson =
  | { registerFromScratch: { encodedLength: number; epochsAhead: number } }
  | { reuseStorage: { encodedLength: number } }
  | { reuseRegistration: { encodedLength: number } }
  | { reuseAndExtend: { encodedLength: number; epochsExtended: number } }
  | { reuseAndExtendNonCertified: { encodedLength: number; epochsExtended: number } };

/**
 * Result of `PUT /v1/blobs`: exactly one of the variants. `cost` is in FROST.
 * @see spec §5.3, walrus-sdk `node_client/responses.rs`
 */
export type BlobStoreResult =
  | {
      newlyCreated: {
        blobObject: BlobObjectJson;
        resourceOperation: ResourceOperationJson;
        cost: number;
        sharedBlobObject?: string;
      };
    }
  | { alreadyCertified: { blobId: string; endEpoch: number } & ({ event: EventId } | { object: string }) }
  | { markedInvalid: { blobId: string; event: EventId } }
  | { error: { blobId: string | null; failurePhase: string; errorMsg: string } };

/** Query of `PUT /v1/blobs`. `epochs` defaults to 1; blobs are deletable unless `permanent`. */
export interface PublisherQuery {
  epochs?: number;
  permanent?: boolean;
  deletable?: boolean;
  force?: boolean;
  send_object_to?: string;
}
