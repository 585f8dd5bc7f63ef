/**
 * The one place that maps errors to the daemon's HTTP answers: AIP-193 envelopes with Walrus's reasons and
 * status codes (walrus-service `daemon/routes.rs` `GetBlobError` / `StoreBlobError`).
 * @see spec §5.3, §5.4; shared/api/status.ts
 * @packageDocumentation
 */
import { DAEMON_ERROR_DOMAIN, errorEnvelope, STATUS_HTTP_CODES } from '../../shared/api/status.ts';
import type { ErrorEnvelope, StatusName } from '../../shared/api/status.ts';
import { WalrusTsError } from '../../shared/errors.ts';

/** A request the daemon refuses before doing any work (bad query, body, range, ID). */
export class DaemonRequestError extends WalrusTsError {
  static readonly name = 'DaemonRequestError';
  readonly status: StatusName;
  readonly reason: string;
  readonly httpCode: number;
  readonly metadata: Record<string, unknown>;
  constructor(
    status: StatusName,
    reason: string,
    message: string,
    httpCode: number = STATUS_HTTP_CODES[status],
    metadata: Record<string, unknown> = {},
  ) {
    super(message, `DAEMON_${reason}`);
    this.status = status;
    this.reason = reason;
    this.httpCode = httpCode;
    this.metadata = metadata;
  }
}

/** An HTTP answer: code and envelope. */
export interface HttpError {
  httpCode: number;
  body: ErrorEnvelope;
}

function answer(
  status: StatusName,
  reason: string,
  message: string,
  metadata: Record<string, unknown> = {},
  httpCode: number = STATUS_HTTP_CODES[status],
): HttpError {
  const body = errorEnvelope(status, message, reason, DAEMON_ERROR_DOMAIN, metadata);
  body.error.code = httpCode;
  return { httpCode, body };
}

/**
 * Maps anything a route threw to its HTTP answer.
 * - not found, deleted, expired, invalid -> 404 `BLOB_NOT_FOUND` (`metadata.detail` says which; Walrus
 *   reports every one of them as "does not exist");
 * - not certified yet, too few slivers/metadata/status answers -> 503 `BLOB_UNAVAILABLE` (retry);
 * - not enough confirmations -> 504 `INSUFFICIENT_CONFIRMATIONS`;
 * - bad blob ID / arguments -> 400; bad range -> 416 `INVALID_BYTE_RANGE`; blob too large -> 413;
 * - anything else -> 500 `INTERNAL_ERROR` (message kept, stack never sent).
 */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof DaemonRequestError) {
    return answer(err.status, err.reason, err.message, err.metadata, err.httpCode);
  }
  const e = err as { name?: string; code?: string; message?: string; statusCode?: number };
  const message = e.message ?? String(err);
  switch (e.name) {
    case 'BlobNotFoundError':
      return answer('NOT_FOUND', 'BLOB_NOT_FOUND', message, { detail: 'nonexistent' });
    case 'BlobDeletedError':
      return answer('NOT_FOUND', 'BLOB_NOT_FOUND', message, { detail: 'deleted' });
    case 'BlobExpiredError':
      return answer('NOT_FOUND', 'BLOB_NOT_FOUND', message, { detail: 'expired' });
    case 'BlobInvalidError':
    case 'BlobInconsistentError':
      return answer('NOT_FOUND', 'BLOB_NOT_FOUND', message, { detail: 'invalid' });
    case 'ObjectNotFoundError':
      return answer('NOT_FOUND', 'BLOB_NOT_FOUND', message, { detail: 'no such blob object' });
    case 'BlobNotCertifiedError':
    case 'NotEnoughSliversError':
    case 'NoMetadataError':
    case 'NoVerifiedStatusError':
    case 'EpochChangedError':
    case 'NoCommitteeError':
      return answer('UNAVAILABLE', 'BLOB_UNAVAILABLE', message, { code: e.code });
    case 'NotEnoughConfirmationsError':
      return answer('DEADLINE_EXCEEDED', 'INSUFFICIENT_CONFIRMATIONS', message);
    case 'RangeNotSatisfiableError':
      return answer('RANGE_NOT_SATISFIABLE', 'INVALID_BYTE_RANGE', message);
    case 'InvalidBlobIdError':
      return answer('INVALID_ARGUMENT', 'INVALID_BLOB_ID', message);
    case 'DataTooLargeError':
      return answer('SIZE_EXCEEDED', 'BLOB_TOO_LARGE', message, {}, 413);
    case 'ClientConfigError':
    case 'InvalidArgumentError':
      return answer('INVALID_ARGUMENT', 'MALFORMED_REQUEST', message);
  }
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return answer('SIZE_EXCEEDED', 'BODY_TOO_LARGE', message, {}, 413);
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return answer('INVALID_ARGUMENT', 'MALFORMED_REQUEST', message, {}, e.statusCode);
  }
  return answer('INTERNAL', 'INTERNAL_ERROR', message);
}
