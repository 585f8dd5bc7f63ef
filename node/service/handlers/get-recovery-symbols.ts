/** `getRecoverySymbols`: header {@link GetRecoverySymbolsHeaderBcs}; body BCS `Vec<GeneralRecoverySymbol>`. */
import { GetRecoverySymbolsHeaderBcs } from '../../../shared/protocol/headers.ts';
import type { RequestHandler } from '../../network/reqresp/reqresp.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import type { RecoverySymbolsQuery, StorageService } from '../storage-service.ts';
import { parseHeader, serviceHandler } from './adapter.ts';

/** Handler of `/walrus-ts/recovery-symbols/get/1.0.0`. */
export function getRecoverySymbolsHandler(service: StorageService, metrics?: NodeMetrics): RequestHandler {
  return serviceHandler('getRecoverySymbols', metrics, async ({ header }) => {
    const h = parseHeader(GetRecoverySymbolsHeaderBcs, header);
    const query: RecoverySymbolsQuery =
      h.query.$kind === 'ById'
        ? { kind: 'byId', ids: h.query.ById.map((s) => ({ row: s.primary, column: s.secondary })) }
        : {
            kind: 'byTarget',
            targetSliver: h.query.ByTarget.targetSliver,
            targetType: h.query.ByTarget.targetType,
          };
    return { body: await service.getRecoverySymbols(h.blobId, query, h.proofAxis ?? undefined) };
  });
}
