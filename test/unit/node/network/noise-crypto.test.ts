import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { pureJsCrypto } from '@libp2p/noise';
import type { ICryptoInterface } from '@libp2p/noise';
import { Uint8ArrayList } from 'uint8arraylist';
import { describe, expect, it } from 'vitest';
import { AEAD_BINDING_PATH, loadAead } from '../../../../node/crypto/aead/index.ts';
import {
  cipherNoiseCrypto,
  fastNoiseCrypto,
  nativeNoiseCrypto,
} from '../../../../node/network/noise-crypto.ts';

const flat = (b: Uint8Array | Uint8ArrayList): Uint8Array =>
  new Uint8Array(b instanceof Uint8Array ? b : b.subarray());

// The binding is built by `npm install` (scripts/build-native.ts); CI installs a C compiler, so a missing
// build fails here rather than silently testing only the fallback.
it('uses the native binding', () => {
  expect(loadAead()).not.toBeInstanceOf(Error);
  expect(fastNoiseCrypto).toBe(nativeNoiseCrypto);
});

const backends: Array<[string, ICryptoInterface]> = [
  ['native', nativeNoiseCrypto as ICryptoInterface],
  ['node:crypto Cipher', cipherNoiseCrypto],
];

describe.each(backends)('Noise crypto (%s)', (_name, noiseCrypto) => {
  const k = randomBytes(32);
  const nonce = randomBytes(12);
  const ad = randomBytes(32);

  it('encrypts to the same bytes as the reference implementation and decrypts them', () => {
    for (const len of [0, 1, 1199, 1200, 65_519]) {
      const text = randomBytes(len);
      const sealed = flat(noiseCrypto.chaCha20Poly1305Encrypt(text, nonce, ad, k));
      expect(sealed).toEqual(flat(pureJsCrypto.chaCha20Poly1305Encrypt(text, nonce, ad, k)));
      expect(flat(noiseCrypto.chaCha20Poly1305Decrypt(sealed, nonce, ad, k))).toEqual(new Uint8Array(text));
      // in pieces, and twice with the same key array (the cached key object)
      const pieces = new Uint8ArrayList(sealed.subarray(0, len >> 1), sealed.subarray(len >> 1));
      expect(flat(noiseCrypto.chaCha20Poly1305Decrypt(pieces, nonce, ad, k))).toEqual(new Uint8Array(text));
      // plaintext in pieces
      const textPieces = new Uint8ArrayList(text.subarray(0, len / 3), text.subarray(len / 3));
      expect(flat(noiseCrypto.chaCha20Poly1305Encrypt(textPieces, nonce, ad, k))).toEqual(sealed);
    }
  });

  it('decrypts into dst the way the Noise layer passes it: in place, or into a copy of the pieces', () => {
    const text = randomBytes(65_519);
    const sealed = flat(noiseCrypto.chaCha20Poly1305Encrypt(text, nonce, ad, k));
    // one received buffer: dst is the ciphertext's own memory
    const received = sealed.slice();
    const dst = received.subarray(0, text.length);
    const out = flat(noiseCrypto.chaCha20Poly1305Decrypt(received, nonce, ad, k, dst));
    expect(out).toEqual(new Uint8Array(text));
    if (noiseCrypto === nativeNoiseCrypto) expect(dst).toEqual(new Uint8Array(text)); // no new memory
    // a message split over two received buffers: dst is a copy (Uint8ArrayList#subarray concatenates)
    const list = new Uint8ArrayList(sealed.slice(0, 1000), sealed.slice(1000));
    const copy = list.subarray(0, text.length);
    expect(flat(noiseCrypto.chaCha20Poly1305Decrypt(list, nonce, ad, k, copy))).toEqual(new Uint8Array(text));
    // the ciphertext within one buffer of the list, its tag in the next: dst is a view of the first
    const first = sealed.slice(0, text.length);
    const split = new Uint8ArrayList(first, sealed.slice(text.length));
    expect(
      flat(noiseCrypto.chaCha20Poly1305Decrypt(split, nonce, ad, k, split.subarray(0, text.length))),
    ).toEqual(new Uint8Array(text));
  });

  it('ignores a dst that overlaps the ciphertext other than exactly in place', () => {
    const text = randomBytes(5000);
    const sealed = flat(noiseCrypto.chaCha20Poly1305Encrypt(text, nonce, ad, k));
    const buf = new Uint8Array(sealed.length + 10);
    buf.set(sealed, 10);
    const shifted = buf.subarray(0, text.length); // starts 10 bytes before the ciphertext
    expect(flat(noiseCrypto.chaCha20Poly1305Decrypt(buf.subarray(10), nonce, ad, k, shifted))).toEqual(
      new Uint8Array(text),
    );
  });

  it('rejects a tampered message, a tampered tag and a message shorter than a tag', () => {
    const sealed = flat(noiseCrypto.chaCha20Poly1305Encrypt(randomBytes(100), nonce, ad, k)).slice();
    const body = sealed.slice();
    body[3] ^= 1;
    expect(() => noiseCrypto.chaCha20Poly1305Decrypt(body, nonce, ad, k)).toThrow();
    const tag = sealed.slice();
    tag[tag.length - 1] ^= 1;
    expect(() => noiseCrypto.chaCha20Poly1305Decrypt(tag, nonce, ad, k)).toThrow();
    expect(() => noiseCrypto.chaCha20Poly1305Decrypt(sealed, nonce, randomBytes(32), k)).toThrow();
    expect(() => noiseCrypto.chaCha20Poly1305Decrypt(sealed.subarray(0, 15), nonce, ad, k)).toThrow();
  });

  it('agrees on X25519 shared keys with the reference implementation', () => {
    const a = noiseCrypto.generateX25519KeyPair();
    const b = pureJsCrypto.generateX25519KeyPair();
    expect(new Uint8Array(noiseCrypto.generateX25519SharedKey(a.privateKey, b.publicKey))).toEqual(
      new Uint8Array(pureJsCrypto.generateX25519SharedKey(b.privateKey, a.publicKey)),
    );
  });
});

describe('native ChaCha20-Poly1305 binding', () => {
  const aead = loadAead();
  if (aead instanceof Error) throw aead;
  const k = randomBytes(32);
  const nonce = randomBytes(12);
  const ad = new Uint8Array(0);

  it('throws typed errors for wrong arguments and leaves out zeroed after a failed check', () => {
    const text = randomBytes(64);
    expect(() => aead.seal(new Uint8Array(64), text, nonce, ad, k)).toThrow(RangeError);
    expect(() => aead.seal(new Uint8Array(80), text, nonce.subarray(1), ad, k)).toThrow(RangeError);
    expect(() => aead.seal(new Uint8Array(80), text, nonce, ad, k.subarray(1))).toThrow(RangeError);
    expect(() => aead.seal(new Uint8Array(80), 'text' as never, nonce, ad, k)).toThrow(TypeError);
    expect(() => aead.seal(new Uint8Array(80), [new Uint16Array(32)] as never, nonce, ad, k)).toThrow(
      TypeError,
    );
    expect(() => aead.seal(new Uint8Array(80), Array(65).fill(text.subarray(0, 1)), nonce, ad, k)).toThrow(
      RangeError,
    );
    const sealed = new Uint8Array(80);
    expect(aead.seal(sealed, text, nonce, ad, k)).toBe(true);
    const out = new Uint8Array(64);
    const badTag = sealed.slice(64);
    badTag[0] ^= 1;
    expect(aead.open(out, sealed.subarray(0, 64), badTag, nonce, ad, k)).toBe(false);
    expect(out).toEqual(new Uint8Array(64));
    expect(() => aead.open(out, sealed.subarray(0, 64), badTag.subarray(1), nonce, ad, k)).toThrow(
      RangeError,
    );
    // overlapping but not in place
    expect(() =>
      aead.open(sealed.subarray(1, 65), sealed.subarray(0, 64), sealed.subarray(64), nonce, ad, k),
    ).toThrow(RangeError);
    expect(aead.open(out, sealed.subarray(0, 64), sealed.subarray(64), nonce, ad, k)).toBe(true);
    expect(out).toEqual(new Uint8Array(text));
  });

  it('loads and works in a worker thread alongside the main thread (one context per thread)', async () => {
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const b = require(workerData.path);
       const out = new Uint8Array(workerData.text.length + 16);
       b.seal(out, workerData.text, workerData.nonce, new Uint8Array(0), workerData.k);
       parentPort.postMessage(out);`,
      { eval: true, workerData: { path: AEAD_BINDING_PATH, text: randomBytes(3000), nonce, k } },
    );
    const sealed = await new Promise<Uint8Array>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    const out = new Uint8Array(3000);
    expect(aead.open(out, sealed.subarray(0, 3000), sealed.subarray(3000), nonce, ad, k)).toBe(true);
  });
});
