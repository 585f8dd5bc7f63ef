/**
 * The one adapter between the libp2p request/response layer and the storage service: decodes BCS headers
 * (a bad header is `MALFORMED`), maps service errors to their wire status (a {@link StorageServiceError}
 * becomes a `RequestRejectedError` with its status and message) and records the operation's metrics.
 */
import type { BcsType } from '@mysten/bcs';
import { decodeHeader } from '../../../shared/protocol/headers.ts';
import { WalrusTsError } from '../../../shared/errors.ts';
import { RequestRejectedError } from '../../network/errors.ts';
import type { InboundRequest, OutboundResponse, RequestHandler } from '../../network/reqresp/reqresp.ts';
import { ResponseStatus } from '../../network/reqresp/status.ts';
import type { NodeMetrics, NodeOperation } from '../../metrics/metrics.ts';
import { StorageServiceError } from '../errors.ts';

/** Decodes a request header strictly; any failure is answered `MALFORMED`. */
export function parseHeader<T, I>(schema: BcsType<T, I>, header: Uint8Array): T {
  try {
    return decodeHeader(schema, header);
  } catch (err) {
    throw new RequestRejectedError(
      ResponseStatus.MALFORMED,
      `malformed ${schema.name} header: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** Maps an error thrown while serving to what the request/response layer sends. */
export function toWireError(err: unknown): unknown {
  if (err instanceof StorageServiceError) return new RequestRejectedError(err.status, err.message);
  if (err instanceof RequestRejectedError) return err;
  if (err instanceof WalrusTsError) return new RequestRejectedError(ResponseStatus.INVALID, err.message);
  return err;
}

function outcomeOf(err: unknown): string {
  if (err instanceof WalrusTsError) return err.code;
  return 'INTERNAL';
}

/** Wraps an operation's handler with error mapping and metrics. */
export function serviceHandler(
  operation: NodeOperation,
  metrics: NodeMetrics | undefined,
  fn: (req: InboundRequest) => OutboundResponse | Promise<OutboundResponse>,
): RequestHandler {
  return async (req) => {
    const end = metrics?.requestDuration.startTimer({ operation, transport: 'libp2p' });
    try {
      const res = await fn(req);
      metrics?.requests.inc({ operation, transport: 'libp2p', outcome: 'ok' });
      return res;
    } catch (err) {
      metrics?.requests.inc({ operation, transport: 'libp2p', outcome: outcomeOf(err) });
      throw toWireError(err);
    } finally {
      end?.();
    }
  };
}

/** JSON body bytes. */
export function jsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}
