/**
 * The BLS12-381 min-pk verification backend interface: what a certificate or storage-confirmation checker
 * needs, implemented by `@noble/curves` (pure JS, the portable default, see bls.ts), by `mcl-wasm`
 * (WebAssembly, ~4x faster, see bls-mcl.ts) and, in Node only, by native blst (node/crypto/blst, another
 * ~5x). Every backend gives the same answer for the same input:
 * signatures are 96-byte compressed G2 points, public keys 48-byte compressed G1 points (ZCash/IETF
 * encoding), scheme `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_` over the raw message bytes; points not
 * on the curve or not in the prime-order subgroup are rejected, as is a public key at infinity.
 *
 * @see spec §4 "Signed messages", §6.3
 * @packageDocumentation
 */

/** The Walrus BLS ciphersuite's domain separation tag (hash-to-G2, RFC 9380). @see spec §4 */
export const BLS_DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_';

/** One signature check: `signature` (96 B) over `message` (raw bytes) by `publicKey` (48 B). */
export interface BlsVerifyItem {
  readonly signature: Uint8Array;
  readonly message: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** A BLS12-381 min-pk signature verifier. Methods never throw on bad input: they answer false. */
export interface BlsVerifier {
  /** Backend name, for logs and benchmarks. */
  readonly name: 'noble' | 'mcl' | 'blst';
  /**
   * Verifies a 96-byte `signature` over `message` for a 48-byte (possibly aggregate) `publicKey`.
   * False for a wrong length, a point off the curve or outside the subgroup, a key at infinity, or a
   * signature that does not verify.
   */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /**
   * Verifies an aggregate `signature` of `publicKeys` (all over the same `message`). False for an empty
   * key list, any malformed key or a key sum at infinity.
   */
  verifyAggregate(signature: Uint8Array, message: Uint8Array, publicKeys: readonly Uint8Array[]): boolean;
  /**
   * Verifies several independent signatures; `result[i]` is `verify(items[i]...)`. A backend may check
   * them together (random linear combination, one final exponentiation) and fall back to one-by-one
   * when the batch fails; the answers are the same as one-by-one.
   */
  verifyMany(items: readonly BlsVerifyItem[]): boolean[];
  /**
   * Signs `message` with a 32-byte big-endian secret key (96-byte compressed signature, byte-identical to
   * noble's); a backend without a faster signer leaves it out. Throws for a key that is zero or not below
   * the group order.
   */
  sign?(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
}

/**
 * Known answer every fast backend checks when it loads: noble's signature (hex, compressed) by the key of
 * seed 32 x 0x5a over `message`, that key, and noble's hash-to-G2 of `message` (compressed). A backend
 * must give `hash`, accept `signature` and reject it over any other message.
 */
export const BLS_SELF_TEST = {
  message: new TextEncoder().encode('walrus-ts mcl self-test'),
  publicKey:
    '8653246b46e6e31cf7254ebd87e9f21dfba474102af29d5dee1f3cfe3bcb5050d087cea870a7aa63b1b7242b53b5459e',
  signature:
    'ab39dbb8ce2897f1e1e646008828a2cde8cd643ed7e461ee4fc4019e321a2d6f3215302fd90aebd02363b8536be164b7' +
    '19d8d2edde7f7ee3a2c05fa1adb26b820a19c8c0d310d7c2beef99b70e8f9c5bd9a3102a4540a4801adb20401343595f',
  hash:
    '97797bbdda025716375a025fc6ba1f69c99ecf22733482ad284842b53a753395bbceaf52a9867ff4da673e9518d4c261' +
    '075627aae1d4e7bf50fdfc3f74faecc50c8e99d5b9714ba04c41fcf0d5eb5272de36d63ae86c7c57a6a6b1d0deaa1f94',
} as const;
