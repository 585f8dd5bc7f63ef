/**
 * Google AIP-193 error envelopes and Walrus's JSON success envelope, shared by every HTTP server and client
 * in walrus-ts (storage node, publisher/aggregator, chain API).
 *
 * Success: `{"success":{"code":<http>,"data":<T>}}`.
 * Error: `{"error":{"code":400,"status":"FAILED_PRECONDITION","message":"…","details":[{"@type":"ErrorInfo",
 * "reason":"SHARD_NOT_ASSIGNED","domain":"storage.walrus.space","metadata":{…}}]}}`.
 * @see spec §4 "JSON envelopes"; walrus-storage-node-client `api/errors.rs`
 */

/** Canonical status names and the HTTP code each maps to (the pairs Walrus accepts). */
export const STATUS_HTTP_CODES = {
  OK: 200,
  UNAVAILABLE_FOR_LEGAL_REASONS: 451,
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  FAILED_PRECONDITION: 400,
  PERMISSION_DENIED: 403,
  SIZE_EXCEEDED: 403,
  INTERNAL: 500,
  DEADLINE_EXCEEDED: 504,
  UNAUTHENTICATED: 401,
  RANGE_NOT_SATISFIABLE: 416,
  RESOURCE_EXHAUSTED: 429,
  UNAVAILABLE: 503,
} as const;

/** One of the canonical status names. */
export type StatusName = keyof typeof STATUS_HTTP_CODES;

/** Error domain of storage-node errors. */
export const STORAGE_NODE_ERROR_DOMAIN = 'storage.walrus.space';
/** Error domain of publisher/aggregator errors. */
export const DAEMON_ERROR_DOMAIN = 'daemon.walrus.space';
/** Error domain of errors not tied to one service. */
export const GLOBAL_ERROR_DOMAIN = 'global';

/** The `ErrorInfo` detail of an AIP-193 error. */
export interface ErrorInfo {
  '@type': 'ErrorInfo';
  reason: string;
  domain: string;
  metadata: Record<string, unknown>;
}

/** An AIP-193 error body. */
export interface ErrorEnvelope {
  error: {
    code: number;
    status: StatusName;
    message: string;
    details: ErrorInfo[];
  };
}

/** A Walrus success body. */
export interface SuccessEnvelope<T> {
  success: { code: number; data: T };
}

/**
 * Builds an AIP-193 error body.
 * @param status canonical status name; the HTTP `code` follows from it
 * @param reason upper-snake reason, e.g. `SHARD_NOT_ASSIGNED`
 */
export function errorEnvelope(
  status: StatusName,
  message: string,
  reason: string,
  domain: string = STORAGE_NODE_ERROR_DOMAIN,
  metadata: Record<string, unknown> = {},
): ErrorEnvelope {
  return {
    error: {
      code: STATUS_HTTP_CODES[status],
      status,
      message,
      details: [{ '@type': 'ErrorInfo', reason, domain, metadata }],
    },
  };
}

/** Builds a success body with HTTP `code` (default 200). */
export function successEnvelope<T>(data: T, code = 200): SuccessEnvelope<T> {
  return { success: { code, data } };
}

/** True when `body` has the shape of an AIP-193 error envelope. */
export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const e = (body as { error: unknown }).error;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { code?: unknown }).code === 'number' &&
    typeof (e as { status?: unknown }).status === 'string' &&
    typeof (e as { message?: unknown }).message === 'string'
  );
}

/** The `ErrorInfo.reason` of an error envelope, if any. */
export function errorReason(body: ErrorEnvelope): string | undefined {
  return body.error.details?.find((d) => d['@type'] === 'ErrorInfo')?.reason;
}
