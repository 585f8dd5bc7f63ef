/**
 * `postInconsistencyProof`: header {@link PostInconsistencyProofHeaderBcs}, body BCS `InconsistencyProof`;
 * response body BCS `SignedMessage` over InvalidBlobIdMsg.
 */
import { SignedMessageBcs } from '../../../shared/bcs/messages.ts';
import { PostInconsistencyProofHeaderBcs } from '../../../shared/protocol/headers.ts';
import type { RequestHandler } from '../../network/reqresp/reqresp.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import type { StorageService } from '../storage-service.ts';
import { parseHeader, serviceHandler } from './adapter.ts';

/** Handler of `/walrus-ts/inconsistency-proof/post/1.0.0`. */
export function postInconsistencyProofHandler(
  service: StorageService,
  metrics?: NodeMetrics,
): RequestHandler {
  return serviceHandler('postInconsistencyProof', metrics, ({ header, body }) => {
    const h = parseHeader(PostInconsistencyProofHeaderBcs, header);
    const signed = service.postInconsistencyProof(h.blobId, h.sliverType, body);
    return { body: SignedMessageBcs.serialize(signed).toBytes() };
  });
}
