/** `putMetadata`: header {@link PutMetadataHeaderBcs}, body BCS `BlobMetadata`; response header: one outcome. */
import {
  encodeHeader,
  PutMetadataHeaderBcs,
  PutResponseHeaderBcs,
  StoreOutcome,
} from '../../../shared/protocol/headers.ts';
import type { RequestHandler } from '../../network/reqresp/reqresp.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import type { StorageService } from '../storage-service.ts';
import { parseHeader, serviceHandler } from './adapter.ts';

/** Handler of `/walrus-ts/metadata/put/1.0.0`. */
export function putMetadataHandler(service: StorageService, metrics?: NodeMetrics): RequestHandler {
  return serviceHandler('putMetadata', metrics, ({ header, body }) => {
    const h = parseHeader(PutMetadataHeaderBcs, header);
    const outcome = service.putMetadata(h.blobId, body, { pending: h.pending });
    return { header: encodeHeader(PutResponseHeaderBcs, { outcomes: [StoreOutcome[outcome]] }) };
  });
}
