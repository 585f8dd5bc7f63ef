/**
 * Transactions of the embedded chain: the body format, signing and signature checking.
 *
 * A transaction is `{ body, signature }`:
 * - `body`: the UTF-8 bytes of a JSON object {@link TxBody} (`v: 1`, `chainId`, `sender`, `nonce`,
 *   `expiresAtMs`, `call`), base64 in transport. The ledger parses exactly the bytes that were signed, so
 *   the serialized body is canonical by construction (nobody re-serializes it).
 * - `signature`: a Sui serialized signature (base64 of `flag 0x00 || ed25519 sig[64] || pk[32]`) made with
 *   `signPersonalMessage(body)`: Ed25519 over `blake2b256(intent [3,0,0] || bcs vector<u8>(body))`, the
 *   Sui personal-message scheme, so any Sui wallet can sign. Only Ed25519 keys are accepted. The sender
 *   must equal the address of the signing key.
 * - Replays: the ledger records every applied digest until its `expiresAtMs` (at most
 *   {@link MAX_TX_LIFETIME_MS} ahead) and refuses a transaction twice (TransactionReplayedError) or after it
 *   expired (TransactionExpiredError); `nonce` (random) makes equal calls distinct. `chainId` binds a
 *   transaction to one chain.
 * - Digest: base58 of blake2b256(body bytes).
 *
 * JSON conventions (also of the HTTP API): bigints (FROST amounts, prices) are decimal strings, bytes are
 * standard base64 (with padding), blob IDs are their 43-character base64url text, object IDs and addresses
 * `0x` + 64 hex.
 * @see spec §6
 */
import {
  createPrivateKey,
  createPublicKey,
  sign as edSign,
  verify as edVerify,
  type KeyObject,
} from 'node:crypto';
import { toBase58 } from '@mysten/bcs';
import { bcs } from '@mysten/sui/bcs';
import { decodeSuiPrivateKey, messageWithIntent, type Signer } from '@mysten/sui/cryptography';
import { Ed25519PublicKey } from '@mysten/sui/keypairs/ed25519';
import { blake2b } from '@noble/hashes/blake2.js';
import { InvalidTransactionError, InvalidTransactionSignatureError } from '../errors.ts';

/** Longest a transaction may stay valid: 10 minutes. */
export const MAX_TX_LIFETIME_MS = 10 * 60 * 1000;
/** Default lifetime the clients give transactions: 2 minutes. */
export const DEFAULT_TX_LIFETIME_MS = 2 * 60 * 1000;

/** Decimal string of a u64/u128 amount. */
export type AmountString = string;
/** Standard base64. */
export type Base64 = string;

/** The operations a transaction can call (one per transaction). */
export type TxCall =
  | { kind: 'faucet'; amount: AmountString }
  | { kind: 'transfer'; to: string; amount: AmountString }
  | {
      kind: 'register_candidate';
      name: string;
      peerId: string;
      multiaddrs: string[];
      publicKey: Base64;
      proofOfPossession: Base64;
      storagePrice: AmountString;
      writePrice: AmountString;
      nodeCapacity: number;
    }
  | { kind: 'update_node_info'; nodeId: string; name?: string; peerId?: string; multiaddrs?: string[] }
  | { kind: 'stake'; nodeId: string; amount: AmountString }
  | {
      kind: 'set_votes';
      nodeId: string;
      storagePrice?: AmountString;
      writePrice?: AmountString;
      nodeCapacity?: number;
    }
  | { kind: 'start_first_epoch' }
  | { kind: 'reserve_space'; size: number; epochs: number }
  | { kind: 'split_storage_by_epoch'; storageId: string; epoch: number }
  | { kind: 'split_storage_by_size'; storageId: string; size: number }
  | { kind: 'fuse_storage'; storageId: string; other: string }
  | {
      kind: 'register_blob';
      storageId: string;
      blobId: string;
      rootHash: Base64;
      size: number;
      encodingType: number;
      deletable: boolean;
    }
  | { kind: 'certify_blob'; blobObjectId: string; signature: Base64; signersBitmap: Base64; message: Base64 }
  | { kind: 'delete_blob'; blobObjectId: string }
  | { kind: 'extend_blob'; blobObjectId: string; epochs: number }
  | { kind: 'burn_blob'; blobObjectId: string }
  | { kind: 'set_blob_attributes'; blobObjectId: string; attributes: Record<string, string> }
  | { kind: 'remove_blob_attributes'; blobObjectId: string; keys?: string[] }
  | { kind: 'invalidate_blob_id'; signature: Base64; signersBitmap: Base64; message: Base64 }
  | { kind: 'report_challenge_failure'; signature: Base64; signersBitmap: Base64; message: Base64 }
  | { kind: 'epoch_sync_done'; nodeId: string; epoch: number };

/** The `kind` strings of {@link TxCall}. */
export type TxKind = TxCall['kind'];

/** The signed JSON body of a transaction. */
export interface TxBody {
  v: 1;
  chainId: string;
  sender: string;
  /** Random u64 as 16 hex characters; makes equal calls distinct. */
  nonce: string;
  expiresAtMs: number;
  call: TxCall;
}

/** A signed transaction in transport form. */
export interface SignedTx {
  /** base64 of the UTF-8 JSON body bytes. */
  body: Base64;
  /** Sui serialized signature, base64. */
  signature: Base64;
}

/** A transaction whose signature checked out. */
export interface VerifiedTx {
  readonly body: TxBody;
  readonly bodyBytes: Uint8Array;
  /** base58 of blake2b256(body bytes). */
  readonly digest: string;
}

const ADDRESS_RE = /^0x[0-9a-f]{64}$/;

/** True for `0x` + 64 lowercase hex characters. */
export function isObjectId(s: unknown): s is string {
  return typeof s === 'string' && ADDRESS_RE.test(s);
}

/** base58 of blake2b256(bytes): a transaction digest. */
export function txDigest(bodyBytes: Uint8Array): string {
  return toBase58(blake2b(bodyBytes, { dkLen: 32 }));
}

function randomNonce(): string {
  const b = crypto.getRandomValues(new Uint8Array(8));
  return Buffer.from(b).toString('hex');
}

/**
 * Builds and signs a transaction.
 * @param signer an Ed25519 signer (e.g. `Ed25519Keypair`)
 * @param lifetimeMs validity from `nowMs` (default 2 minutes, at most 10)
 */
export async function signTx(
  signer: Signer,
  chainId: string,
  call: TxCall,
  nowMs = Date.now(),
  lifetimeMs = DEFAULT_TX_LIFETIME_MS,
): Promise<{ tx: SignedTx; digest: string }> {
  const body: TxBody = {
    v: 1,
    chainId,
    sender: signer.toSuiAddress(),
    nonce: randomNonce(),
    expiresAtMs: nowMs + Math.min(lifetimeMs, MAX_TX_LIFETIME_MS),
    call,
  };
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const fast = fastEd25519(signer);
  const signature = fast ? fast(bytes) : (await signer.signPersonalMessage(bytes)).signature;
  return { tx: { body: Buffer.from(bytes).toString('base64'), signature }, digest: txDigest(bytes) };
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const fastSigners = new WeakMap<Signer, ((bytes: Uint8Array) => string) | null>();

function personalMessageDigest(bytes: Uint8Array): Uint8Array {
  return blake2b(messageWithIntent('PersonalMessage', bcs.byteVector().serialize(bytes).toBytes()), {
    dkLen: 32,
  });
}

/**
 * For an Ed25519 keypair that exposes its secret key: a node:crypto signer producing the same Sui
 * personal-message signature as `signPersonalMessage` (Ed25519 is deterministic), ~20x faster than the
 * pure-JS path. Null for any other signer.
 */
function fastEd25519(signer: Signer): ((bytes: Uint8Array) => string) | null {
  let f = fastSigners.get(signer);
  if (f !== undefined) return f;
  f = null;
  const withKey = signer as Signer & { getSecretKey?: () => string };
  if (signer.getKeyScheme() === 'ED25519' && typeof withKey.getSecretKey === 'function') {
    try {
      const { secretKey } = decodeSuiPrivateKey(withKey.getSecretKey());
      const key = createPrivateKey({
        key: Buffer.concat([PKCS8_ED25519_PREFIX, secretKey]),
        format: 'der',
        type: 'pkcs8',
      });
      const pk = signer.getPublicKey().toRawBytes();
      f = (bytes) => {
        const sig = edSign(null, personalMessageDigest(bytes), key);
        return Buffer.concat([Buffer.from([0x00]), sig, pk]).toString('base64');
      };
    } catch {
      f = null;
    }
  }
  fastSigners.set(signer, f);
  return f;
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keyCache = new Map<string, { key: KeyObject; address: string }>();

function ed25519Key(pk: Uint8Array): { key: KeyObject; address: string } {
  const id = Buffer.from(pk).toString('hex');
  let k = keyCache.get(id);
  if (!k) {
    k = {
      key: createPublicKey({
        key: Buffer.concat([SPKI_ED25519_PREFIX, pk]),
        format: 'der',
        type: 'spki',
      }),
      address: new Ed25519PublicKey(pk).toSuiAddress(),
    };
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(id, k);
  }
  return k;
}

/**
 * Checks a transaction's signature and parses its body (shape only; the ledger checks the arguments).
 * Signature check: Ed25519 (node:crypto) over blake2b256(personal-message intent || bcs(body)).
 * @throws InvalidTransactionSignatureError for a malformed envelope, a non-Ed25519 signature, a signature
 *   that does not verify, or a sender that is not the signing key's address
 * @throws InvalidTransactionError for a body that is not a v1 JSON body
 */
export function verifySignedTx(tx: SignedTx): VerifiedTx {
  if (typeof tx?.body !== 'string' || typeof tx?.signature !== 'string') {
    throw new InvalidTransactionSignatureError('transaction needs base64 "body" and "signature"');
  }
  const bodyBytes = new Uint8Array(Buffer.from(tx.body, 'base64'));
  const sig = Buffer.from(tx.signature, 'base64');
  if (sig.length !== 97 || sig[0] !== 0x00) {
    throw new InvalidTransactionSignatureError('only Ed25519 Sui signatures (97 bytes, flag 0) are accepted');
  }
  const pk = sig.subarray(65, 97);
  const { key, address } = ed25519Key(pk);
  const digest = blake2b(
    messageWithIntent('PersonalMessage', bcs.byteVector().serialize(bodyBytes).toBytes()),
    {
      dkLen: 32,
    },
  );
  if (!edVerify(null, digest, key, sig.subarray(1, 65))) {
    throw new InvalidTransactionSignatureError();
  }
  let body: TxBody;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bodyBytes)) as TxBody;
  } catch {
    throw new InvalidTransactionError('transaction body is not UTF-8 JSON');
  }
  if (
    body === null ||
    typeof body !== 'object' ||
    body.v !== 1 ||
    typeof body.chainId !== 'string' ||
    typeof body.nonce !== 'string' ||
    !Number.isSafeInteger(body.expiresAtMs) ||
    typeof body.call !== 'object' ||
    body.call === null ||
    typeof body.call.kind !== 'string'
  ) {
    throw new InvalidTransactionError('transaction body is not a v1 body');
  }
  if (body.sender !== address) {
    throw new InvalidTransactionSignatureError('transaction sender is not the signing key');
  }
  return { body, bodyBytes, digest: txDigest(bodyBytes) };
}
