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
import { BufferPool } from '../../memory/buffer-pool.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import type { StorageService } from '../storage-service.ts';
import { parseHeader, serviceHandler } from './adapter.ts';

/**
 * Handler of `/walrus-ts/slivers/get/1.0.0`. Slivers are read into buffers of `memory` (by default a pool
 * of up to 64 MiB of this handler's own), which the request/response layer releases once the client has
 * read the answer: fresh memory for every sliver read cost the nodes page zeroing and major collections
 * (a third to a half of their CPU while serving a 64 MiB read on the benchmark VM).
 */
export function getSliversHandler(
  service: StorageService,
  maxEntries: number,
  metrics?: NodeMetrics,
  memory: BufferPool = new BufferPool(),
): RequestHandler {
  return serviceHandler('getSlivers', metrics, async ({ header }) => {
    const h = parseHeader(GetSliversHeaderBcs, header);
    if (h.slivers.length === 0 || h.slivers.length > maxEntries) {
      throw new RequestRejectedError(ResponseStatus.MALFORMED, `ask for 1 to ${maxEntries} slivers`);
    }
    const found = await service.getSlivers(h.blobId, h.slivers, memory);
    const parts = found.filter((f): f is Uint8Array => f !== undefined);
    return {
      header: encodeHeader(GetSliversResponseHeaderBcs, { lengths: found.map((f) => f?.length ?? 0) }),
      body: parts,
      release: () => {
        for (const p of parts) memory.give(p);
      },
    };
  });
}
