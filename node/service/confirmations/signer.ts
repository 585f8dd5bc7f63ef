/**
 * Signing of the node's protocol messages with its BLS12-381 min-pk key: storage confirmations (intent 1)
 * and invalid-blob attestations (intent 2). Signatures are deterministic, so the last few are cached
 * (one BLS signature costs about 10 ms of CPU).
 *
 * @see spec §4 "Signed messages" and "Storage confirmation bytes", §3.3
 */
import {
  encodeInvalidBlobIdMessage,
  encodeStorageConfirmation,
  type BlobPersistence,
  type SignedMessage,
} from '../../../shared/bcs/messages.ts';
import { sign } from '../../../shared/crypto/bls.ts';

/** Signatures kept in the cache. */
export const SIGNATURE_CACHE_ENTRIES = 1024;

/** Signs protocol messages with the node's BLS key. */
export class ConfirmationSigner {
  readonly #secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly #cache = new Map<string, Uint8Array>();

  /**
   * @param secretKey 32-byte BLS secret key
   * @param publicKey its 48-byte public key
   */
  constructor(secretKey: Uint8Array, publicKey: Uint8Array) {
    this.#secretKey = secretKey;
    this.publicKey = publicKey;
  }

  /** Signs arbitrary serialized protocol-message bytes. */
  signMessage(serializedMessage: Uint8Array): SignedMessage {
    const key = Buffer.from(serializedMessage).toString('hex');
    let signature = this.#cache.get(key);
    if (!signature) {
      signature = sign(serializedMessage, this.#secretKey);
      if (this.#cache.size >= SIGNATURE_CACHE_ENTRIES) {
        this.#cache.delete(this.#cache.keys().next().value as string);
      }
      this.#cache.set(key, signature);
    }
    return { serializedMessage, signature };
  }

  /**
   * A storage confirmation: `intent(1,0,3) || epoch || blob_id || persistence` (40 or 72 bytes), signed.
   * @param blobId 32 bytes
   */
  signStorageConfirmation(epoch: number, blobId: Uint8Array, persistence: BlobPersistence): SignedMessage {
    return this.signMessage(encodeStorageConfirmation({ epoch, blobId, persistence }));
  }

  /** An InvalidBlobIdMsg `intent(2,0,3) || epoch || blob_id` (39 bytes), signed. */
  signInvalidBlobId(epoch: number, blobId: Uint8Array): SignedMessage {
    return this.signMessage(encodeInvalidBlobIdMessage(epoch, blobId));
  }
}
