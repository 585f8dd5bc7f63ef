/**
 * The BLS12-381 min-pk verification backend interface: what a certificate or storage-confirmation checker
 * needs, implemented by `@noble/curves` (pure JS, the portable default, see bls.ts) and by `mcl-wasm`
 * (WebAssembly, ~4x faster, see bls-mcl.ts). Every backend gives the same answer for the same input:
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
  readonly name: 'noble' | 'mcl';
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
