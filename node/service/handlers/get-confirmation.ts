/** `getConfirmation`: header {@link GetConfirmationHeaderBcs}; response body BCS `SignedMessage`. */
import { SignedMessageBcs } from '../../../shared/bcs/messages.ts';
import { GetConfirmationHeaderBcs } from '../../../shared/protocol/headers.ts';
import type { RequestHandler } from '../../network/reqresp/reqresp.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import type { StorageService } from '../storage-service.ts';
import { parseHeader, serviceHandler } from './adapter.ts';

/** Handler of `/walrus-ts/confirmation/get/1.0.0`. */
export function getConfirmationHandler(service: StorageService, metrics?: NodeMetrics): RequestHandler {
  return serviceHandler('getConfirmation', metrics, async ({ header, signal }) => {
    const h = parseHeader(GetConfirmationHeaderBcs, header);
    const persistence =
      h.persistence.$kind === 'Permanent'
        ? ({ kind: 'permanent' } as const)
        : ({ kind: 'deletable', objectId: h.persistence.Deletable } as const);
    const signed = await service.getConfirmation(h.blobId, persistence, {
      waitForRegistrationMs: h.waitForRegistrationMs,
      signal,
    });
    return { body: SignedMessageBcs.serialize(signed).toBytes() };
  });
}
