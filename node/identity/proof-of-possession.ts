/**
 * BLS proof of possession (PoP) for registering a storage node (spec §4, §6.4; Move `messages.move`
 * `ProofOfPossessionMessage::to_bcs`).
 *
 * Message (87 bytes): `intent(type 0, version 0, app 3) || epoch u32 LE || sui_address[32] || bls_pk[48]`,
 * signed with the node's BLS12-381 min-pk key over the raw bytes (DST `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_`).
 * It proves the node holds the secret key of the public key it registers, which is what makes plain
 * signature aggregation safe against rogue keys.
 *
 * NOTE: the message builder lives here until shared/bcs owns it (shared/bcs/messages.ts has a twin,
 * `encodeProofOfPossessionMessage`; a test pins both to the same bytes).
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { InvalidProofOfPossessionInputError } from './errors.ts';

/** Intent type of the PoP message. */
export const PROOF_OF_POSSESSION_INTENT_TYPE = 0;
/** Intent version (always 0). */
export const INTENT_VERSION = 0;
/** Walrus app id in every intent. */
export const WALRUS_APP_ID = 3;
/** Byte length of the PoP message. */
export const PROOF_OF_POSSESSION_MESSAGE_BYTES = 3 + 4 + 32 + 48;

const BLS = bls12_381.longSignatures;

function suiAddressBytes(address: string | Uint8Array): Uint8Array {
  if (address instanceof Uint8Array) {
    if (address.byteLength !== 32) {
      throw new InvalidProofOfPossessionInputError(`Sui address must be 32 bytes, got ${address.byteLength}`);
    }
    return address;
  }
  const hex = address.replace(/^0[xX]/, '');
  if (!/^[0-9a-fA-F]{1,64}$/.test(hex)) {
    throw new InvalidProofOfPossessionInputError(`invalid Sui address ${JSON.stringify(address)}`);
  }
  return Uint8Array.from(Buffer.from(hex.padStart(64, '0'), 'hex'));
}

/**
 * Builds the 87-byte proof-of-possession message.
 * @param epoch the Walrus epoch the registration is for (u32)
 * @param suiAddress the node's Sui address (`0x` + hex, or 32 bytes)
 * @param blsPublicKey the 48-byte compressed G1 public key
 * @throws InvalidProofOfPossessionInputError for an epoch outside u32 or wrong lengths
 */
export function proofOfPossessionMessage(
  epoch: number,
  suiAddress: string | Uint8Array,
  blsPublicKey: Uint8Array,
): Uint8Array {
  if (!Number.isInteger(epoch) || epoch < 0 || epoch > 0xffffffff) {
    throw new InvalidProofOfPossessionInputError(`epoch must be a u32, got ${epoch}`);
  }
  if (blsPublicKey.byteLength !== 48) {
    throw new InvalidProofOfPossessionInputError(
      `BLS public key must be 48 bytes, got ${blsPublicKey.byteLength}`,
    );
  }
  const out = new Uint8Array(PROOF_OF_POSSESSION_MESSAGE_BYTES);
  out[0] = PROOF_OF_POSSESSION_INTENT_TYPE;
  out[1] = INTENT_VERSION;
  out[2] = WALRUS_APP_ID;
  new DataView(out.buffer).setUint32(3, epoch, true);
  out.set(suiAddressBytes(suiAddress), 7);
  out.set(blsPublicKey, 39);
  return out;
}

/**
 * Signs the PoP message with the BLS secret key. Returns the 96-byte compressed G2 signature.
 * @throws InvalidProofOfPossessionInputError as {@link proofOfPossessionMessage}
 */
export function signProofOfPossession(
  blsSecretKey: Uint8Array,
  epoch: number,
  suiAddress: string | Uint8Array,
): Uint8Array {
  const publicKey = BLS.getPublicKey(blsSecretKey).toBytes(true);
  const msg = proofOfPossessionMessage(epoch, suiAddress, publicKey);
  return BLS.Signature.toBytes(BLS.sign(BLS.hash(msg), blsSecretKey));
}

/**
 * Checks a PoP signature. Returns false for a wrong signature and for undecodable signature or key bytes.
 */
export function verifyProofOfPossession(
  signature: Uint8Array,
  blsPublicKey: Uint8Array,
  epoch: number,
  suiAddress: string | Uint8Array,
): boolean {
  const msg = proofOfPossessionMessage(epoch, suiAddress, blsPublicKey);
  try {
    return BLS.verify(signature, BLS.hash(msg), blsPublicKey);
  } catch {
    return false;
  }
}
