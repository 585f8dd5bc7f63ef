/**
 * `getSymbolBatch`: header {@link GetSymbolBatchHeaderBcs}; response body BCS `SymbolBatch` (proof-less
 * recovery symbols for many target slivers; see shared/protocol/symbol-batch.ts).
 */
import { fromRuns, GetSymbolBatchHeaderBcs } from '../../../shared/protocol/symbol-batch.ts';
import { WalrusTsError } from '../../../shared/errors.ts';
import type { RequestHandler } from '../../network/reqresp/reqresp.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import { InvalidRequestError } from '../errors.ts';
import type { StorageService } from '../storage-service.ts';
import { parseHeader, serviceHandler } from './adapter.ts';

/** Handler of `/walrus-ts/recovery-symbols/batch/1.0.0`; `nShards()` bounds the source runs. */
export function getSymbolBatchHandler(
  service: StorageService,
  nShards: () => number,
  metrics?: NodeMetrics,
): RequestHandler {
  return serviceHandler('getSymbolBatch', metrics, async ({ header }) => {
    const h = parseHeader(GetSymbolBatchHeaderBcs, header);
    let sources: number[] | undefined;
    if (h.sources.length > 0) {
      try {
        sources = fromRuns(h.sources, nShards());
      } catch (err) {
        if (err instanceof WalrusTsError) throw new InvalidRequestError(err.message, { cause: err });
        throw err;
      }
    }
    return { body: await service.getSymbolBatch(h.blobId, h.targetType, h.targets, sources) };
  });
}
