/**
 * `putSlivers`: header {@link PutSliversHeaderBcs} (blob ID, pending, one entry per sliver with the byte
 * length of its SliverData), body = the entries' BCS `SliverData`, concatenated; response header: one
 * outcome per entry. A batch is all-or-nothing. Served by {@link StorageService.storeSlivers} (verification
 * and the durable write off the event loop).
 */
import {
  encodeHeader,
  PutResponseHeaderBcs,
  PutSliversHeaderBcs,
  StoreOutcome,
} from '../../../shared/protocol/headers.ts';
import { RequestRejectedError } from '../../network/errors.ts';
import type { RequestHandler } from '../../network/reqresp/reqresp.ts';
import { ResponseStatus } from '../../network/reqresp/status.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import type { SliverUpload, StorageService } from '../storage-service.ts';
import { parseHeader, serviceHandler } from './adapter.ts';

/** Limits of the handler. */
export interface PutSliversLimits {
  /** Largest SliverData accepted per entry, bytes. */
  maxSliverBytes: () => number;
  /** Most entries per request. */
  maxEntries: number;
}

/** Handler of `/walrus-ts/slivers/put/1.0.0`. */
export function putSliversHandler(
  service: StorageService,
  limits: PutSliversLimits,
  metrics?: NodeMetrics,
): RequestHandler {
  return serviceHandler('putSlivers', metrics, async ({ header, body }) => {
    const h = parseHeader(PutSliversHeaderBcs, header);
    if (h.entries.length === 0)
      throw new RequestRejectedError(ResponseStatus.MALFORMED, 'no slivers in the request');
    if (h.entries.length > limits.maxEntries) {
      throw new RequestRejectedError(
        ResponseStatus.TOO_LARGE,
        `at most ${limits.maxEntries} slivers per request`,
      );
    }
    const maxSliver = limits.maxSliverBytes();
    let total = 0;
    for (const e of h.entries) {
      if (e.length > maxSliver) {
        throw new RequestRejectedError(
          ResponseStatus.TOO_LARGE,
          `a sliver of ${e.length} bytes exceeds the limit of ${maxSliver} bytes`,
        );
      }
      total += e.length;
    }
    if (total !== body.length) {
      throw new RequestRejectedError(
        ResponseStatus.MALFORMED,
        `entries announce ${total} bytes but the body has ${body.length}`,
      );
    }
    const uploads: SliverUpload[] = [];
    let offset = 0;
    for (const e of h.entries) {
      uploads.push({
        pairIndex: e.pairIndex,
        sliverType: e.sliverType,
        data: body.subarray(offset, offset + e.length),
      });
      offset += e.length;
    }
    const outcomes = await service.storeSlivers(h.blobId, uploads, { pending: h.pending });
    return { header: encodeHeader(PutResponseHeaderBcs, { outcomes: outcomes.map((o) => StoreOutcome[o]) }) };
  });
}
