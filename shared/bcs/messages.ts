/**
 * Signed protocol messages (BCS), byte-compatible with walrus-core `messages*.rs` and Move
 * `messages.move` / `docs/msg_formats.txt`.
 *
 * Every message is `intent (type u8, version u8 = 0, app id u8 = 3) || epoch u32 LE || body`, the body not
 * length-prefixed. Layouts:
 * - storage confirmation (intent 1): body = `blob_id[32] || 0x00` (permanent, 40 bytes in all) or
 *   `blob_id[32] || 0x01 || object_id[32]` (deletable, 72 bytes);
 * - InvalidBlobIdMsg (intent 2): body = `blob_id[32]` (39 bytes);
 * - SyncShard request (intent 3): body = `0x00 (V1) || shard u16 || sliver type u8 (0 primary, 1 secondary)
 *   || starting_blob_id[32] || sliver_count u64 || epoch u32` (55 bytes in all);
 * - proof of possession (intent 0): body = `sui_address[32] || bls_public_key[48]` (87 bytes);
 * - SignedMessage = `uleb(len) || serialized_message || uleb(96) || signature[96]`;
 * - certificate = `signers: vector<u16> || serialized_message: vector<u8> || signature: vector<u8>`;
 *   on chain the signers are a bitmap (bit i, LSB-first in byte i/8, = member i signed).
 *
 * @see spec §4 "Signed messages", §3.3, §3.4, §6.3
 * @packageDocumentation
 */
import { bcs } from '@mysten/bcs';
import { WalrusTsError } from '../errors.ts';

/** Intent types of protocol messages. @see spec §4 */
export const IntentType = {
  PROOF_OF_POSSESSION: 0,
  BLOB_CERT: 1,
  INVALID_BLOB_ID: 2,
  SYNC_SHARD: 3,
  DENY_LIST_UPDATE: 4,
  DENY_LIST_BLOB_DELETED: 5,
  PROTOCOL_VERSION: 6,
} as const;
/** One of {@link IntentType}'s values. */
export type IntentTypeValue = (typeof IntentType)[keyof typeof IntentType];

/** Intent version of every message. */
export const INTENT_VERSION = 0;
/** App ID of the storage protocol. */
export const STORAGE_APP_ID = 3;
/** Length of the intent + epoch header. */
export const PROTOCOL_MESSAGE_HEADER_LENGTH = 7;

/** A message or bitmap does not parse or does not have the expected intent or shape. */
export class InvalidProtocolMessageError extends WalrusTsError {
  static readonly name = 'InvalidProtocolMessageError';
  constructor(message = 'invalid protocol message') {
    super(message, 'BCS_INVALID_PROTOCOL_MESSAGE');
  }
}

/** A signers bitmap is too long or has bits set at or past the member count. @see spec §6.3 */
export class InvalidSignersBitmapFormatError extends WalrusTsError {
  static readonly name = 'InvalidSignersBitmapFormatError';
  constructor(message = 'invalid signers bitmap') {
    super(message, 'BCS_INVALID_SIGNERS_BITMAP');
  }
}

/** The 7-byte header and the body of a protocol message. */
export interface ProtocolMessage {
  readonly intentType: number;
  readonly intentVersion: number;
  readonly appId: number;
  readonly epoch: number;
  readonly body: Uint8Array;
}

function assertU32(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new InvalidProtocolMessageError(`${what} must be a u32, got ${value}`);
  }
}

function assertLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new InvalidProtocolMessageError(`${what} must be ${length} bytes, got ${bytes?.length}`);
  }
}

/**
 * Serializes `intent(type, 0, 3) || epoch u32 LE || body`.
 * @throws InvalidProtocolMessageError for an epoch outside u32 or an intent type outside u8
 */
export function encodeProtocolMessage(intentType: number, epoch: number, body: Uint8Array): Uint8Array {
  if (!Number.isInteger(intentType) || intentType < 0 || intentType > 255) {
    throw new InvalidProtocolMessageError(`intent type must be a u8, got ${intentType}`);
  }
  assertU32(epoch, 'epoch');
  const out = new Uint8Array(PROTOCOL_MESSAGE_HEADER_LENGTH + body.length);
  out[0] = intentType;
  out[1] = INTENT_VERSION;
  out[2] = STORAGE_APP_ID;
  new DataView(out.buffer).setUint32(3, epoch, true);
  out.set(body, PROTOCOL_MESSAGE_HEADER_LENGTH);
  return out;
}

/**
 * Splits a serialized message into header fields and body. Checks only the length; callers check the
 * intent (or use the typed parsers below, which check intent type, version 0 and app id 3).
 * @throws InvalidProtocolMessageError when shorter than 7 bytes
 */
export function decodeProtocolMessage(bytes: Uint8Array): ProtocolMessage {
  if (!(bytes instanceof Uint8Array) || bytes.length < PROTOCOL_MESSAGE_HEADER_LENGTH) {
    throw new InvalidProtocolMessageError('a protocol message has at least 7 bytes');
  }
  return {
    intentType: bytes[0],
    intentVersion: bytes[1],
    appId: bytes[2],
    epoch: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(3, true),
    body: bytes.subarray(PROTOCOL_MESSAGE_HEADER_LENGTH),
  };
}

function decodeWithIntent(bytes: Uint8Array, intentType: number): ProtocolMessage {
  const msg = decodeProtocolMessage(bytes);
  if (msg.intentType !== intentType) {
    throw new InvalidProtocolMessageError(`expected intent type ${intentType}, got ${msg.intentType}`);
  }
  if (msg.intentVersion !== INTENT_VERSION) {
    throw new InvalidProtocolMessageError(`unsupported intent version ${msg.intentVersion}`);
  }
  if (msg.appId !== STORAGE_APP_ID) throw new InvalidProtocolMessageError(`wrong app id ${msg.appId}`);
  return msg;
}

/** Blob persistence: permanent, or deletable with its Blob object ID (32 bytes). */
export type BlobPersistence =
  { readonly kind: 'permanent' } | { readonly kind: 'deletable'; readonly objectId: Uint8Array };

/** A storage confirmation: the signer stores all its shards' slivers of `blobId` in `epoch`. */
export interface StorageConfirmation {
  readonly epoch: number;
  readonly blobId: Uint8Array;
  readonly persistence: BlobPersistence;
}

/**
 * Serializes a storage confirmation (intent 1): 40 bytes (permanent) or 72 bytes (deletable).
 * @param blobId 32 bytes
 * @throws InvalidProtocolMessageError
 * @see spec §4 "Storage confirmation bytes"
 */
export function encodeStorageConfirmation(c: StorageConfirmation): Uint8Array {
  assertLength(c.blobId, 32, 'blob ID');
  let body: Uint8Array;
  if (c.persistence.kind === 'permanent') {
    body = new Uint8Array(33);
    body.set(c.blobId);
  } else {
    assertLength(c.persistence.objectId, 32, 'object ID');
    body = new Uint8Array(65);
    body.set(c.blobId);
    body[32] = 1;
    body.set(c.persistence.objectId, 33);
  }
  return encodeProtocolMessage(IntentType.BLOB_CERT, c.epoch, body);
}

/**
 * Parses a storage confirmation. Like Move `certify_blob_message`, trailing bytes after the persistence
 * type are ignored.
 * @throws InvalidProtocolMessageError for a wrong intent, a short body or a persistence tag other than 0/1
 */
export function decodeStorageConfirmation(bytes: Uint8Array): StorageConfirmation {
  const msg = decodeWithIntent(bytes, IntentType.BLOB_CERT);
  const b = msg.body;
  if (b.length < 33) throw new InvalidProtocolMessageError('storage confirmation body too short');
  const blobId = b.slice(0, 32);
  if (b[32] === 0) return { epoch: msg.epoch, blobId, persistence: { kind: 'permanent' } };
  if (b[32] === 1 && b.length >= 65) {
    return { epoch: msg.epoch, blobId, persistence: { kind: 'deletable', objectId: b.slice(33, 65) } };
  }
  throw new InvalidProtocolMessageError(`invalid blob persistence type ${b[32]}`);
}

/**
 * Serializes InvalidBlobIdMsg (intent 2): 39 bytes.
 * @see spec §3.3
 */
export function encodeInvalidBlobIdMessage(epoch: number, blobId: Uint8Array): Uint8Array {
  assertLength(blobId, 32, 'blob ID');
  return encodeProtocolMessage(IntentType.INVALID_BLOB_ID, epoch, blobId);
}

/**
 * Parses InvalidBlobIdMsg (trailing bytes ignored, as in Move).
 * @throws InvalidProtocolMessageError
 */
export function decodeInvalidBlobIdMessage(bytes: Uint8Array): { epoch: number; blobId: Uint8Array } {
  const msg = decodeWithIntent(bytes, IntentType.INVALID_BLOB_ID);
  if (msg.body.length < 32) throw new InvalidProtocolMessageError('invalid blob ID body too short');
  return { epoch: msg.epoch, blobId: msg.body.slice(0, 32) };
}

/** Sliver type of a sync-shard request: 0 primary, 1 secondary (BCS enum index). */
export type SliverTypeIndex = 0 | 1;

/** `SyncShardRequest::V1`. @see spec §3.4 */
export interface SyncShardRequest {
  readonly shardIndex: number;
  readonly sliverType: SliverTypeIndex;
  readonly startingBlobId: Uint8Array;
  readonly sliverCount: bigint;
  readonly epoch: number;
}

const SyncShardRequestBcs = bcs.enum('SyncShardRequest', {
  V1: bcs.struct('SyncShardRequestV1', {
    shardIndex: bcs.u16(),
    sliverType: bcs.u8(),
    startingBlobId: bcs.fixedArray(32, bcs.u8()),
    sliverCount: bcs.u64(),
    epoch: bcs.u32(),
  }),
});

/**
 * Serializes a SyncShard request message (intent 3) for `messageEpoch` (the requester's epoch).
 * @throws InvalidProtocolMessageError
 */
export function encodeSyncShardMessage(messageEpoch: number, req: SyncShardRequest): Uint8Array {
  assertLength(req.startingBlobId, 32, 'starting blob ID');
  assertU32(req.epoch, 'request epoch');
  if (req.sliverType !== 0 && req.sliverType !== 1) {
    throw new InvalidProtocolMessageError(`sliver type must be 0 or 1, got ${String(req.sliverType)}`);
  }
  let body: Uint8Array;
  try {
    body = SyncShardRequestBcs.serialize({
      V1: {
        shardIndex: req.shardIndex,
        sliverType: req.sliverType,
        startingBlobId: [...req.startingBlobId],
        sliverCount: req.sliverCount,
        epoch: req.epoch,
      },
    }).toBytes();
  } catch (e) {
    throw new InvalidProtocolMessageError(`invalid sync shard request: ${(e as Error).message}`);
  }
  return encodeProtocolMessage(IntentType.SYNC_SHARD, messageEpoch, body);
}

/**
 * Parses a SyncShard request message; the body must be exactly one V1 request.
 * @throws InvalidProtocolMessageError
 */
export function decodeSyncShardMessage(bytes: Uint8Array): { epoch: number; request: SyncShardRequest } {
  const msg = decodeWithIntent(bytes, IntentType.SYNC_SHARD);
  if (msg.body.length !== 48) throw new InvalidProtocolMessageError('sync shard request must be 48 bytes');
  const parsed = SyncShardRequestBcs.parse(msg.body);
  const v1 = parsed.V1;
  if (!v1) throw new InvalidProtocolMessageError('unknown sync shard request version');
  if (v1.sliverType !== 0 && v1.sliverType !== 1) {
    throw new InvalidProtocolMessageError(`invalid sliver type ${v1.sliverType}`);
  }
  return {
    epoch: msg.epoch,
    request: {
      shardIndex: v1.shardIndex,
      sliverType: v1.sliverType,
      startingBlobId: Uint8Array.from(v1.startingBlobId),
      sliverCount: BigInt(v1.sliverCount),
      epoch: v1.epoch,
    },
  };
}

/** Sui address as 32 bytes from `0x` + hex (short forms are left-padded with zeros). */
export function suiAddressToBytes(address: string): Uint8Array {
  const hex = address.startsWith('0x') || address.startsWith('0X') ? address.slice(2) : address;
  if (hex.length === 0 || hex.length > 64 || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new InvalidProtocolMessageError(`invalid Sui address "${address.slice(0, 80)}"`);
  }
  const padded = hex.padStart(64, '0');
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(padded.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Serializes the proof-of-possession message (intent 0): `intent || epoch || sui_address[32] ||
 * bls_public_key[48]` (87 bytes), which the BLS key signs at registration.
 * @param suiAddress `0x` hex or 32 bytes
 * @param publicKey 48 bytes
 * @see spec §4 (Move `messages.move::to_bcs`)
 */
export function encodeProofOfPossessionMessage(
  epoch: number,
  suiAddress: string | Uint8Array,
  publicKey: Uint8Array,
): Uint8Array {
  const addr = typeof suiAddress === 'string' ? suiAddressToBytes(suiAddress) : suiAddress;
  assertLength(addr, 32, 'Sui address');
  assertLength(publicKey, 48, 'BLS public key');
  const body = new Uint8Array(80);
  body.set(addr);
  body.set(publicKey, 32);
  return encodeProtocolMessage(IntentType.PROOF_OF_POSSESSION, epoch, body);
}

/** A message with one node's BLS signature over it. @see spec §4 */
export interface SignedMessage {
  readonly serializedMessage: Uint8Array;
  /** 96-byte BLS signature. */
  readonly signature: Uint8Array;
}

/** BCS of SignedMessage: `{ serialized_message: vector<u8>, signature: vector<u8> }`. */
export const SignedMessageBcs = bcs
  .struct('SignedMessage', { serializedMessage: bcs.byteVector(), signature: bcs.byteVector() })
  .transform({
    input: (m: SignedMessage) => m,
    output: (m): SignedMessage => ({
      serializedMessage: Uint8Array.from(m.serializedMessage),
      signature: Uint8Array.from(m.signature),
    }),
  });

/** A certificate: member indices that signed, the message, and the aggregate signature. @see spec §4 */
export interface MessageCertificate {
  readonly signers: readonly number[];
  readonly serializedMessage: Uint8Array;
  readonly signature: Uint8Array;
}

/** BCS of ProtocolMessageCertificate: `{ signers: vector<u16>, serialized_message, signature }`. */
export const MessageCertificateBcs = bcs
  .struct('ProtocolMessageCertificate', {
    signers: bcs.vector(bcs.u16()),
    serializedMessage: bcs.byteVector(),
    signature: bcs.byteVector(),
  })
  .transform({
    input: (c: MessageCertificate) => ({ ...c, signers: [...c.signers] }),
    output: (c): MessageCertificate => ({
      signers: c.signers,
      serializedMessage: Uint8Array.from(c.serializedMessage),
      signature: Uint8Array.from(c.signature),
    }),
  });

/**
 * The signers bitmap of member indices: ceil(memberCount / 8) bytes, bit i (LSB-first in byte i/8) set
 * when member i signed.
 * @throws InvalidSignersBitmapFormatError for an index outside [0, memberCount) or a duplicate
 * @see spec §6.3
 */
export function encodeSignersBitmap(signers: readonly number[], memberCount: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(memberCount / 8));
  for (const i of signers) {
    if (!Number.isInteger(i) || i < 0 || i >= memberCount) {
      throw new InvalidSignersBitmapFormatError(`signer index ${i} outside [0, ${memberCount})`);
    }
    const mask = 1 << (i & 7);
    if (out[i >> 3] & mask) throw new InvalidSignersBitmapFormatError(`duplicate signer index ${i}`);
    out[i >> 3] |= mask;
  }
  return out;
}

/**
 * Member indices (ascending) of a signers bitmap, checked as Move does: at most ceil(memberCount/8)
 * bytes (shorter is fine: missing bytes are zero) and no bit set at or past `memberCount`.
 * @throws InvalidSignersBitmapFormatError
 */
export function decodeSignersBitmap(bitmap: Uint8Array, memberCount: number): number[] {
  if (bitmap.length > Math.ceil(memberCount / 8)) {
    throw new InvalidSignersBitmapFormatError(
      `signers bitmap of ${bitmap.length} bytes is longer than ${memberCount} members need`,
    );
  }
  const out: number[] = [];
  for (let byte = 0; byte < bitmap.length; byte++) {
    const v = bitmap[byte];
    if (v === 0) continue;
    for (let bit = 0; bit < 8; bit++) {
      if (v & (1 << bit)) {
        const i = byte * 8 + bit;
        if (i >= memberCount) {
          throw new InvalidSignersBitmapFormatError(
            `signers bitmap has bit ${i} set past ${memberCount} members`,
          );
        }
        out.push(i);
      }
    }
  }
  return out;
}
