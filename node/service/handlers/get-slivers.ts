/**
 * `getSlivers`: header {@link GetSliversHeaderBcs}; response header = the byte length of each wanted
 * sliver (0 = not held), body = the held slivers' BCS `SliverData`, concatenated in request order.
 */
import {
  encodeHeader,
  GetSliversHeaderBcs,
  GetSliversResponseHeaderBcs,
} from '../../../shared/protocol/headers.ts';
import { RequestRejectedError } from '../../network/errors.ts';
import type { RequestHandler } from '../../network/reqresp/reqresp.ts';
import { ResponseStatus } from '../../network/reqresp/status.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import type { StorageService } from '../storage-service.ts';
import { parseHeader, serviceHandler } from './adapter.ts';

/** Handler of `/walrus-ts/slivers/get/1.0.0`. */
export function getSliversHandler(
  service: StorageService,
  maxEntries: number,
  metrics?: NodeMetrics,
): RequestHandler {
  return serviceHandler('getSlivers', metrics, async ({ header }) => {
    const h = parseHeader(GetSliversHeaderBcs, header);
    if (h.slivers.length === 0 || h.slivers.length > maxEntries) {
      throw new RequestRejectedError(ResponseStatus.MALFORMED, `ask for 1 to ${maxEntries} slivers`);
    }
    const found = await service.getSlivers(h.blobId, h.slivers);
    const parts = found.filter((f): f is Uint8Array => f !== undefined);
    return {
      header: encodeHeader(GetSliversResponseHeaderBcs, { lengths: found.map((f) => f?.length ?? 0) }),
      body: parts,
    };
  });
}
