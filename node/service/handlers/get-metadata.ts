/** `getMetadata`: header {@link BlobIdHeaderBcs}; response body BCS `BlobMetadataWithId`. */
import { BlobIdHeaderBcs } from '../../../shared/protocol/headers.ts';
import type { RequestHandler } from '../../network/reqresp/reqresp.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import type { StorageService } from '../storage-service.ts';
import { parseHeader, serviceHandler } from './adapter.ts';

/** Handler of `/walrus-ts/metadata/get/1.0.0`. */
export function getMetadataHandler(service: StorageService, metrics?: NodeMetrics): RequestHandler {
  return serviceHandler('getMetadata', metrics, ({ header }) => {
    const h = parseHeader(BlobIdHeaderBcs, header);
    return { body: service.getMetadata(h.blobId) };
  });
}
