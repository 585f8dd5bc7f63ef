import { randomBytes } from 'node:crypto';
import { pureJsCrypto } from '@libp2p/noise';
import { Uint8ArrayList } from 'uint8arraylist';
import { describe, expect, it } from 'vitest';
import { fastNoiseCrypto } from '../../../../node/network/noise-crypto.ts';

const flat = (b: Uint8Array | Uint8ArrayList): Uint8Array =>
  new Uint8Array(b instanceof Uint8Array ? b : b.subarray());

describe('fastNoiseCrypto', () => {
  const k = randomBytes(32);
  const nonce = randomBytes(12);
  const ad = randomBytes(32);

  it('encrypts to the same bytes as the reference implementation and decrypts them', () => {
    for (const len of [0, 1, 1199, 1200, 65_519]) {
      const text = randomBytes(len);
      const sealed = flat(fastNoiseCrypto.chaCha20Poly1305Encrypt(text, nonce, ad, k));
      expect(sealed).toEqual(flat(pureJsCrypto.chaCha20Poly1305Encrypt(text, nonce, ad, k)));
      expect(flat(fastNoiseCrypto.chaCha20Poly1305Decrypt(sealed, nonce, ad, k))).toEqual(
        new Uint8Array(text),
      );
      // in pieces, and twice with the same key array (the cached key object)
      const pieces = new Uint8ArrayList(sealed.subarray(0, len >> 1), sealed.subarray(len >> 1));
      expect(flat(fastNoiseCrypto.chaCha20Poly1305Decrypt(pieces, nonce, ad, k))).toEqual(
        new Uint8Array(text),
      );
    }
  });

  it('rejects a tampered message', () => {
    const sealed = flat(fastNoiseCrypto.chaCha20Poly1305Encrypt(randomBytes(100), nonce, ad, k)).slice();
    sealed[3] ^= 1;
    expect(() => fastNoiseCrypto.chaCha20Poly1305Decrypt(sealed, nonce, ad, k)).toThrow();
  });

  it('agrees on X25519 shared keys with the reference implementation', () => {
    const a = fastNoiseCrypto.generateX25519KeyPair();
    const b = pureJsCrypto.generateX25519KeyPair();
    expect(new Uint8Array(fastNoiseCrypto.generateX25519SharedKey(a.privateKey, b.publicKey))).toEqual(
      new Uint8Array(pureJsCrypto.generateX25519SharedKey(b.privateKey, a.publicKey)),
    );
  });
});
