/** `getBlobStatus`: header {@link BlobIdHeaderBcs}; response body JSON `BlobStatus` (spec §4). */
import { BlobIdHeaderBcs } from '../../../shared/protocol/headers.ts';
import type { RequestHandler } from '../../network/reqresp/reqresp.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import type { StorageService } from '../storage-service.ts';
import { jsonBytes, parseHeader, serviceHandler } from './adapter.ts';

/** Handler of `/walrus-ts/blob-status/get/1.0.0`. */
export function getBlobStatusHandler(service: StorageService, metrics?: NodeMetrics): RequestHandler {
  return serviceHandler('getBlobStatus', metrics, ({ header }) => {
    const h = parseHeader(BlobIdHeaderBcs, header);
    return { body: jsonBytes(service.blobStatus(h.blobId)) };
  });
}
