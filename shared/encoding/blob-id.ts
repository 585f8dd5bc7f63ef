/**
 * Blob IDs: 32 bytes, written as URL-safe base64 without padding (43 characters), and read on chain as a
 * little-endian u256.
 * @see spec §2.4, §1.6 (the rotation reads the same bytes big-endian)
 */
import { DIGEST_LENGTH } from './params.ts';
import { InvalidBlobIdError } from './errors.ts';

/** Text length of a blob ID: 43 characters of base64url without padding. */
export const BLOB_ID_TEXT_LENGTH = 43;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** URL-safe base64 without padding of any bytes. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63] + ALPHABET[v & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const v = bytes[i] << 16;
    out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63];
  } else if (rest === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[v >> 18] + ALPHABET[(v >> 12) & 63] + ALPHABET[(v >> 6) & 63];
  }
  return out;
}

/**
 * Decodes URL-safe base64 without padding. Returns `undefined` for any character outside the alphabet,
 * an impossible length (4k+1) or non-zero trailing bits (non-canonical text).
 */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? DECODE[c] : -1;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  if (acc !== 0) return undefined;
  return out;
}

/**
 * Text form of a blob ID.
 * @param blobId 32 bytes
 * @throws InvalidBlobIdError when `blobId` is not 32 bytes
 */
export function blobIdToString(blobId: Uint8Array): string {
  if (blobId.length !== DIGEST_LENGTH)
    throw new InvalidBlobIdError(`a blob ID is 32 bytes, got ${blobId.length}`);
  return toBase64Url(blobId);
}

/**
 * Parses the text form of a blob ID.
 * @returns 32 bytes
 * @throws InvalidBlobIdError unless `text` is 43 characters of canonical URL-safe base64 without padding
 */
export function blobIdFromString(text: string): Uint8Array {
  const bytes = text.length === BLOB_ID_TEXT_LENGTH ? fromBase64Url(text) : undefined;
  if (bytes === undefined || bytes.length !== DIGEST_LENGTH) {
    throw new InvalidBlobIdError(
      `invalid blob ID "${text.slice(0, 64)}": expected 43 characters of base64url`,
    );
  }
  return bytes;
}

/** True when `text` is a valid blob ID text form. */
export function isBlobIdString(text: string): boolean {
  return text.length === BLOB_ID_TEXT_LENGTH && fromBase64Url(text)?.length === DIGEST_LENGTH;
}

/** The on-chain u256 of a blob ID (bytes read little-endian, as BCS does). @see spec §1.6, §2.4 */
export function blobIdToU256(blobId: Uint8Array): bigint {
  if (blobId.length !== DIGEST_LENGTH)
    throw new InvalidBlobIdError(`a blob ID is 32 bytes, got ${blobId.length}`);
  let v = 0n;
  for (let i = DIGEST_LENGTH - 1; i >= 0; i--) v = (v << 8n) | BigInt(blobId[i]);
  return v;
}

/**
 * Blob ID bytes of an on-chain u256 (written little-endian).
 * @throws InvalidBlobIdError when `value` is negative or not below 2^256
 */
export function blobIdFromU256(value: bigint): Uint8Array {
  if (value < 0n || value >> 256n !== 0n) throw new InvalidBlobIdError(`u256 out of range: ${value}`);
  const out = new Uint8Array(DIGEST_LENGTH);
  let v = value;
  for (let i = 0; i < DIGEST_LENGTH; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Constant-length equality of two byte strings. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
