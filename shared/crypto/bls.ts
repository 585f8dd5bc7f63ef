/**
 * BLS12-381 min-pk signatures as Walrus uses them: public keys are 48-byte compressed G1 points,
 * signatures 96-byte compressed G2 points, scheme `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_` over the
 * raw serialized message; aggregation is point addition (all signers sign the same message).
 *
 * Keys, signing and aggregation use `@noble/curves` (`bls12_381.longSignatures`, pure JS). Verification
 * goes through the active {@link BlsVerifier} backend: noble (a check costs ~25-35 ms) until the mcl-wasm
 * backend (bls-mcl.ts, ~6 ms) is installed, either explicitly with {@link enableFastBls} or, in Node,
 * automatically in the background on the first verification (set the environment variable
 * `WALRUS_TS_BLS=noble` to stay on noble). Browsers stay on noble unless the page calls
 * {@link enableFastBls}. Both backends give identical answers. The fast paths here avoid the rest of the
 * cost:
 * - {@link hashMessage} hashes a message to G2 once; pass the result to {@link sign} / {@link verify} for
 *   every signer or checker of the same message;
 * - {@link parsePublicKey} decodes a key once (point decompression and subgroup check are not free) and
 *   {@link BlsAggregateKey} keeps a committee's summed key so a certificate only subtracts its non-signers,
 *   as the Move contract does (spec §6.3).
 *
 * @see spec §4 "Signed messages", §6.3
 * @packageDocumentation
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { BlsVerifier, BlsVerifyItem } from './bls-backend.ts';
import { loadMclBlsVerifier } from './bls-mcl.ts';
import { InvalidBlsPublicKeyError, InvalidBlsSecretKeyError, InvalidBlsSignatureError } from './errors.ts';

export type { BlsVerifier, BlsVerifyItem } from './bls-backend.ts';

const S = bls12_381.longSignatures;

/** Length of a compressed min-pk public key (G1). */
export const BLS_PUBLIC_KEY_LENGTH = 48;
/** Length of a compressed min-pk signature (G2). */
export const BLS_SIGNATURE_LENGTH = 96;
/** Length of a secret key (big-endian scalar). */
export const BLS_SECRET_KEY_LENGTH = 32;

type G1Point = ReturnType<typeof S.getPublicKey>;
type G2Point = ReturnType<typeof S.hash>;

/**
 * A message hashed to G2 (opaque). Reuse it for every signature over the same message. The noble point
 * is computed on first use (the mcl backend hashes `message` itself and caches recent hashes).
 */
export interface HashedMessage {
  readonly point: G2Point;
  /** The raw message, when known. */
  readonly message?: Uint8Array;
}

/** A decoded, subgroup-checked public key (opaque). */
export interface PublicKeyPoint {
  readonly point: G1Point;
}

/** A BLS key pair: 32-byte secret key, 48-byte compressed public key. */
export interface BlsKeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/**
 * Generates a key pair, deterministically from `seed` when given: a 48-byte seed is reduced to a scalar
 * as is (noble's keygen); any other length (>= 32) is first expanded to 48 bytes with
 * HKDF-SHA256(seed, salt = '', info = 'walrus-ts:bls-keygen').
 * @param seed at least 32 bytes of secret entropy; random when omitted
 * @throws InvalidBlsSecretKeyError when `seed` is shorter than 32 bytes
 */
export function generateKeyPair(seed?: Uint8Array): BlsKeyPair {
  if (seed !== undefined && seed.length < 32) {
    throw new InvalidBlsSecretKeyError(`a BLS key seed needs at least 32 bytes, got ${seed.length}`);
  }
  const material =
    seed === undefined || seed.length === 48
      ? seed
      : hkdf(sha256, seed, undefined, new TextEncoder().encode('walrus-ts:bls-keygen'), 48);
  const { secretKey, publicKey } = S.keygen(material);
  return { secretKey, publicKey: publicKey.toBytes(true) };
}

/**
 * The 48-byte public key of a 32-byte secret key.
 * @throws InvalidBlsSecretKeyError
 */
export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  try {
    return S.getPublicKey(secretKey).toBytes(true);
  } catch (e) {
    throw new InvalidBlsSecretKeyError(`invalid BLS secret key: ${(e as Error).message}`);
  }
}

/**
 * Hashes `message` to G2 with the Walrus DST. Cost: one hash-to-curve, paid on first use of `point`
 * (signing with noble); verification on the mcl backend uses `message` instead.
 */
export function hashMessage(message: Uint8Array): HashedMessage {
  const bytes = message.slice();
  let point: G2Point | undefined;
  return {
    message: bytes,
    get point(): G2Point {
      point ??= S.hash(bytes);
      return point;
    },
  };
}

function toHashed(message: Uint8Array | HashedMessage): G2Point {
  return message instanceof Uint8Array ? S.hash(message) : message.point;
}

/**
 * Signs `message` (raw bytes or already hashed) with a 32-byte secret key.
 * @returns 96-byte compressed signature
 * @throws InvalidBlsSecretKeyError
 */
export function sign(message: Uint8Array | HashedMessage, secretKey: Uint8Array): Uint8Array {
  // The mcl backend, once loaded, signs ~10x faster than noble (same bytes); storage nodes sign a
  // confirmation per blob. Without it (or for a key it refuses) noble signs and reports the error.
  const fast = active.sign;
  const raw = message instanceof Uint8Array ? message : message.message;
  if (fast && raw) {
    try {
      return fast.call(active, raw, secretKey);
    } catch {
      // fall through to noble
    }
  }
  let sig: G2Point;
  try {
    sig = S.sign(toHashed(message), secretKey);
  } catch (e) {
    throw new InvalidBlsSecretKeyError(`invalid BLS secret key: ${(e as Error).message}`);
  }
  return S.Signature.toBytes(sig);
}

/**
 * Decodes and checks a 48-byte public key once, for repeated use.
 * @throws InvalidBlsPublicKeyError for a wrong length, a point not on the curve or in the subgroup, or
 *   the point at infinity
 */
export function parsePublicKey(publicKey: Uint8Array): PublicKeyPoint {
  if (publicKey.length !== BLS_PUBLIC_KEY_LENGTH) {
    throw new InvalidBlsPublicKeyError(`a BLS public key is 48 bytes, got ${publicKey.length}`);
  }
  try {
    const point = bls12_381.G1.Point.fromBytes(publicKey);
    point.assertValidity();
    if (point.is0()) throw new Error('point at infinity');
    return { point };
  } catch (e) {
    throw new InvalidBlsPublicKeyError(`invalid BLS public key: ${(e as Error).message}`);
  }
}

/**
 * Decodes a 96-byte signature.
 * @throws InvalidBlsSignatureError
 */
export function parseSignature(signature: Uint8Array): G2Point {
  if (signature.length !== BLS_SIGNATURE_LENGTH) {
    throw new InvalidBlsSignatureError(`a BLS signature is 96 bytes, got ${signature.length}`);
  }
  try {
    const point = S.Signature.fromBytes(signature);
    point.assertValidity();
    return point;
  } catch (e) {
    throw new InvalidBlsSignatureError(`invalid BLS signature: ${(e as Error).message}`);
  }
}

function toKeyPoint(publicKey: Uint8Array | PublicKeyPoint): G1Point {
  return publicKey instanceof Uint8Array ? parsePublicKey(publicKey).point : publicKey.point;
}

/**
 * Verifies `signature` over `message` for `publicKey`. Never throws: malformed keys or signatures,
 * or a public key at infinity, give `false`.
 */
export function verify(
  signature: Uint8Array,
  message: Uint8Array | HashedMessage,
  publicKey: Uint8Array | PublicKeyPoint,
): boolean {
  const backend = activeVerifier();
  if (backend !== nobleBlsVerifier) {
    const bytes = message instanceof Uint8Array ? message : message.message;
    if (bytes !== undefined) {
      let keyBytes: Uint8Array;
      try {
        keyBytes = publicKey instanceof Uint8Array ? publicKey : publicKey.point.toBytes(true);
      } catch {
        return false;
      }
      return backend.verify(signature, bytes, keyBytes);
    }
  }
  return nobleVerify(signature, message, publicKey);
}

function nobleVerify(
  signature: Uint8Array,
  message: Uint8Array | HashedMessage,
  publicKey: Uint8Array | PublicKeyPoint,
): boolean {
  try {
    const key = toKeyPoint(publicKey);
    if (key.is0()) return false;
    return S.verify(parseSignature(signature), toHashed(message), key);
  } catch {
    return false;
  }
}

/**
 * Sums signatures over the same message into one 96-byte aggregate signature.
 * @throws InvalidBlsSignatureError for a malformed signature or an empty list
 */
export function aggregateSignatures(signatures: readonly Uint8Array[]): Uint8Array {
  if (signatures.length === 0) throw new InvalidBlsSignatureError('no signatures to aggregate');
  return S.Signature.toBytes(S.aggregateSignatures(signatures.map(parseSignature)));
}

/**
 * Sums public keys into one 48-byte aggregate key.
 * @throws InvalidBlsPublicKeyError for a malformed key or an empty list
 */
export function aggregatePublicKeys(publicKeys: readonly (Uint8Array | PublicKeyPoint)[]): Uint8Array {
  if (publicKeys.length === 0) throw new InvalidBlsPublicKeyError('no public keys to aggregate');
  return S.aggregatePublicKeys(publicKeys.map(toKeyPoint)).toBytes(true);
}

/**
 * Verifies an aggregate signature of `publicKeys` over one message. Never throws (false on bad input or
 * an empty key list).
 */
export function verifyAggregate(
  signature: Uint8Array,
  message: Uint8Array | HashedMessage,
  publicKeys: readonly (Uint8Array | PublicKeyPoint)[],
): boolean {
  try {
    if (publicKeys.length === 0) return false;
    const backend = activeVerifier();
    const bytes = message instanceof Uint8Array ? message : message.message;
    if (
      backend !== nobleBlsVerifier &&
      bytes !== undefined &&
      publicKeys.every((k): k is Uint8Array => k instanceof Uint8Array)
    ) {
      return backend.verifyAggregate(signature, bytes, publicKeys);
    }
    const key = publicKeys.map(toKeyPoint).reduce((a, b) => a.add(b));
    if (key.is0()) return false;
    return verify(signature, message, { point: key });
  } catch {
    return false;
  }
}

/**
 * A committee's public keys, decoded once, with their sum cached. A certificate's key is the sum minus
 * the non-signers' keys, which costs one point addition per non-signer instead of one per signer
 * (Move `bls_aggregate.move` does the same). @see spec §6.3
 */
export class BlsAggregateKey {
  /** Decoded member keys, in committee order. */
  readonly members: readonly PublicKeyPoint[];
  readonly #total: G1Point;
  /** Encoded aggregate keys by signer set (LRU): encoding a point checks its subgroup, ~1-2 ms in JS. */
  readonly #encoded = new Map<string, Uint8Array>();

  /**
   * @param publicKeys 48-byte keys in committee order (at least one)
   * @throws InvalidBlsPublicKeyError
   */
  constructor(publicKeys: readonly (Uint8Array | PublicKeyPoint)[]) {
    if (publicKeys.length === 0) throw new InvalidBlsPublicKeyError('a committee needs at least one key');
    this.members = publicKeys.map((k) => (k instanceof Uint8Array ? parsePublicKey(k) : k));
    this.#total = this.members.map((m) => m.point).reduce((a, b) => a.add(b));
  }

  /** The aggregate key of the members whose `signed[i]` is true (total minus non-signers). */
  keyFor(signed: readonly boolean[]): PublicKeyPoint {
    let key = this.#total;
    for (let i = 0; i < this.members.length; i++) {
      if (!signed[i]) key = key.subtract(this.members[i].point);
    }
    return { point: key };
  }

  /**
   * {@link keyFor} as 48 compressed bytes, cached for the last 256 signer sets (certificates of one
   * committee mostly repeat a few). @throws when nobody signed (the key is the point at infinity)
   */
  keyBytesFor(signed: readonly boolean[]): Uint8Array {
    let id = '';
    for (let i = 0; i < this.members.length; i++) id += signed[i] ? '1' : '0';
    const hit = this.#encoded.get(id);
    if (hit) {
      this.#encoded.delete(id);
      this.#encoded.set(id, hit);
      return hit;
    }
    const bytes = this.keyFor(signed).point.toBytes(true);
    this.#encoded.set(id, bytes);
    if (this.#encoded.size > 256) this.#encoded.delete(this.#encoded.keys().next().value as string);
    return bytes;
  }

  /**
   * Verifies an aggregate `signature` over `message` by the members with `signed[i]` true.
   * False when nobody signed or on malformed input.
   */
  verify(signature: Uint8Array, message: Uint8Array | HashedMessage, signed: readonly boolean[]): boolean {
    if (activeVerifier() !== nobleBlsVerifier && message instanceof Uint8Array) {
      let key: Uint8Array;
      try {
        key = this.keyBytesFor(signed);
      } catch {
        return false;
      }
      return verify(signature, message, key);
    }
    return verify(signature, message, this.keyFor(signed));
  }
}

/**
 * The noble (`@noble/curves`, pure JS) verification backend: portable, the default, and what browsers
 * use. `verifyMany` checks items one by one.
 */
export const nobleBlsVerifier: BlsVerifier = {
  name: 'noble',
  verify: (signature, message, publicKey) => nobleVerify(signature, message, publicKey),
  verifyAggregate(signature, message, publicKeys) {
    try {
      if (publicKeys.length === 0) return false;
      const key = publicKeys.map((k) => parsePublicKey(k).point).reduce((a, b) => a.add(b));
      if (key.is0()) return false;
      return nobleVerify(signature, message, { point: key });
    } catch {
      return false;
    }
  },
  verifyMany: (items: readonly BlsVerifyItem[]) =>
    items.map((it) => nobleVerify(it.signature, it.message, it.publicKey)),
};

let active: BlsVerifier = nobleBlsVerifier;
let fastLoad: Promise<BlsVerifier> | undefined;
/** True once setBlsVerifier chose a backend: a pending fast load then leaves it alone. */
let pinned = false;

function autoFastBls(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string }; env?: Record<string, string> } })
    .process;
  return proc?.versions?.node !== undefined && proc.env?.WALRUS_TS_BLS !== 'noble';
}

function activeVerifier(): BlsVerifier {
  if (fastLoad === undefined && active === nobleBlsVerifier && autoFastBls()) {
    void enableFastBls();
  }
  return active;
}

/** The verification backend {@link verify} and {@link BlsAggregateKey.verify} use now. */
export function blsVerifier(): BlsVerifier {
  return active;
}

/**
 * Makes `verifier` the backend of {@link verify} / {@link verifyAggregate} / {@link BlsAggregateKey}
 * (e.g. {@link nobleBlsVerifier} to go back to pure JS); automatic loading of mcl then stops, and a load
 * already under way does not replace it (a later {@link enableFastBls} call does).
 */
export function setBlsVerifier(verifier: BlsVerifier): void {
  fastLoad ??= Promise.resolve(verifier);
  pinned = true;
  active = verifier;
}

/**
 * Loads the mcl-wasm backend (bls-mcl.ts) and makes it the active one. Resolves to the active verifier:
 * mcl, or noble when mcl-wasm cannot be loaded (e.g. a browser build without it); never rejects.
 * Concurrent and later calls share the first load.
 */
export function enableFastBls(): Promise<BlsVerifier> {
  pinned = false;
  const load = loadMclBlsVerifier().then(
    (v) => {
      if (!pinned) active = v;
      return active;
    },
    () => active,
  );
  fastLoad ??= load;
  return load;
}
