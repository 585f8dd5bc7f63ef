/**
 * Wire layout of the walrus-ts request/response envelope.
 *
 * Two envelope versions share one layout and differ only in how the stream is used:
 * - version 1 (one-shot): one request and one response per libp2p stream; the client half-closes its write
 *   side after the request, the server closes the stream after the response.
 * - version 2 (keep-alive): after an OK response the stream stays open and the client may send the next
 *   request on it (sequentially, never two at once); either side ends the exchange by closing. The response
 *   to a version-2 request carries version 2. An error response still ends the stream. This saves the
 *   per-stream cost (yamux SYN/FIN, multistream-select negotiation, libp2p's per-stream bookkeeping) on
 *   every request after the first.
 * A server answers each request in the version it was sent in, so version-1 clients keep working.
 *
 * Every multi-byte integer is little-endian. The header is opaque to this layer (each protocol puts BCS
 * there); the body is raw bytes streamed after it, so a 16 MiB sliver is never wrapped in a second buffer.
 *
 * Request, written by the client (which then half-closes its write side in version 1):
 * ```
 * offset size field
 *      0    1 version       = 1 or 2
 *      1    1 flags         = 0 (reserved; non-zero is MALFORMED)
 *      2    4 headerLength  u32
 *      6    8 bodyLength    u64 (must be <= 2^53 - 1)
 *     14    . header        headerLength bytes
 *      .    . body          bodyLength bytes
 * ```
 * Response, written by the server (which then closes the stream, unless version 2 and status OK):
 * ```
 * offset size field
 *      0    1 version       = the request's
 *      1    1 flags         = 0
 *      2    2 status        u16 (ResponseStatus; 0 = OK)
 *      4    2 reasonLength  u16 (<= MAX_REASON_BYTES; UTF-8; empty when OK)
 *      6    4 headerLength  u32
 *     10    8 bodyLength    u64
 *     18    . reason, header, body
 * ```
 * Both sides check the announced lengths against their limits **before** reading the bytes, so an oversize
 * message is refused without being buffered.
 */
import { MalformedMessageError } from '../errors.ts';

/** One-shot envelope version (one request per stream). */
export const WIRE_VERSION = 1;
/** Keep-alive envelope version (sequential requests on one stream). */
export const WIRE_VERSION_KEEP_ALIVE = 2;
/** Bytes of the fixed request prefix. */
export const REQUEST_PREFIX_BYTES = 14;
/** Bytes of the fixed response prefix. */
export const RESPONSE_PREFIX_BYTES = 18;
/** Longest error reason sent or accepted, in bytes (longer reasons are truncated when sent). */
export const MAX_REASON_BYTES = 1024;

/** The decoded fixed request prefix. Lengths in bytes. */
export interface RequestPrefix {
  /** Envelope version, {@link WIRE_VERSION} or {@link WIRE_VERSION_KEEP_ALIVE}. @default 1 when encoding */
  version?: number;
  headerLength: number;
  bodyLength: number;
}

/** The decoded fixed response prefix. Lengths in bytes. */
export interface ResponsePrefix {
  /** Envelope version (the request's). @default 1 when encoding */
  version?: number;
  status: number;
  reasonLength: number;
  headerLength: number;
  bodyLength: number;
}

function writeU64(view: DataView, offset: number, value: number): void {
  view.setBigUint64(offset, BigInt(value), true);
}

function readU64(view: DataView, offset: number, what: string, remote: boolean): number {
  const v = view.getBigUint64(offset, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MalformedMessageError(`${what} ${v} is larger than 2^53 - 1`, remote);
  }
  return Number(v);
}

function isKnownVersion(v: number): boolean {
  return v === WIRE_VERSION || v === WIRE_VERSION_KEEP_ALIVE;
}

function versionToWrite(v: number | undefined): number {
  const version = v ?? WIRE_VERSION;
  if (!isKnownVersion(version)) throw new RangeError(`envelope version must be 1 or 2, got ${version}`);
  return version;
}

function checkLength(name: string, value: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer in 0..${max}, got ${value}`);
  }
}

/** Encodes the 14-byte request prefix. Throws RangeError for an unknown version or bad lengths. */
export function encodeRequestPrefix(p: RequestPrefix): Uint8Array {
  const version = versionToWrite(p.version);
  checkLength('headerLength', p.headerLength, 0xffffffff);
  checkLength('bodyLength', p.bodyLength, Number.MAX_SAFE_INTEGER);
  const out = new Uint8Array(REQUEST_PREFIX_BYTES);
  const view = new DataView(out.buffer);
  out[0] = version;
  out[1] = 0;
  view.setUint32(2, p.headerLength, true);
  writeU64(view, 6, p.bodyLength);
  return out;
}

/**
 * Decodes a 14-byte request prefix.
 * @throws MalformedMessageError (remote=false: this node detected it) on a wrong version, flags or length.
 */
export function decodeRequestPrefix(bytes: Uint8Array): RequestPrefix {
  if (bytes.byteLength !== REQUEST_PREFIX_BYTES) {
    throw new MalformedMessageError(`request prefix must be ${REQUEST_PREFIX_BYTES} bytes`);
  }
  if (!isKnownVersion(bytes[0])) throw new MalformedMessageError(`unsupported envelope version ${bytes[0]}`);
  if (bytes[1] !== 0) throw new MalformedMessageError(`unknown envelope flags ${bytes[1]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    version: bytes[0],
    headerLength: view.getUint32(2, true),
    bodyLength: readU64(view, 6, 'bodyLength', false),
  };
}

/** Encodes the 18-byte response prefix. Throws RangeError for out-of-range fields. */
export function encodeResponsePrefix(p: ResponsePrefix): Uint8Array {
  const version = versionToWrite(p.version);
  checkLength('status', p.status, 0xffff);
  checkLength('reasonLength', p.reasonLength, MAX_REASON_BYTES);
  checkLength('headerLength', p.headerLength, 0xffffffff);
  checkLength('bodyLength', p.bodyLength, Number.MAX_SAFE_INTEGER);
  const out = new Uint8Array(RESPONSE_PREFIX_BYTES);
  const view = new DataView(out.buffer);
  out[0] = version;
  out[1] = 0;
  view.setUint16(2, p.status, true);
  view.setUint16(4, p.reasonLength, true);
  view.setUint32(6, p.headerLength, true);
  writeU64(view, 10, p.bodyLength);
  return out;
}

/**
 * Decodes an 18-byte response prefix.
 * @throws MalformedMessageError on a wrong version, flags, reason length or body length.
 */
export function decodeResponsePrefix(bytes: Uint8Array): ResponsePrefix {
  if (bytes.byteLength !== RESPONSE_PREFIX_BYTES) {
    throw new MalformedMessageError(`response prefix must be ${RESPONSE_PREFIX_BYTES} bytes`);
  }
  if (!isKnownVersion(bytes[0])) throw new MalformedMessageError(`unsupported envelope version ${bytes[0]}`);
  if (bytes[1] !== 0) throw new MalformedMessageError(`unknown envelope flags ${bytes[1]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reasonLength = view.getUint16(4, true);
  if (reasonLength > MAX_REASON_BYTES) {
    throw new MalformedMessageError(`reason of ${reasonLength} bytes exceeds ${MAX_REASON_BYTES}`);
  }
  return {
    version: bytes[0],
    status: view.getUint16(2, true),
    reasonLength,
    headerLength: view.getUint32(6, true),
    bodyLength: readU64(view, 10, 'bodyLength', false),
  };
}

/** UTF-8 encodes a reason, truncated to {@link MAX_REASON_BYTES} on a character boundary. */
export function encodeReason(reason: string): Uint8Array {
  const bytes = new TextEncoder().encode(reason);
  if (bytes.byteLength <= MAX_REASON_BYTES) return bytes;
  let end = MAX_REASON_BYTES;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}
