/**
 * Test inputs shared by the BLS backend tests (mcl-wasm, native blst): encodings at the edges of what a
 * backend must accept or reject, built from a valid key and signature.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { generateKeyPair, sign } from '../../../../shared/crypto/bls.ts';

const P = bls12_381.fields.Fp.ORDER;

/** `b` with one bit flipped (bit `i % 8` of byte `i % length`). */
export function flip(b: Uint8Array, i: number): Uint8Array {
  const c = b.slice();
  c[i % c.length] ^= 1 << (i % 8);
  return c;
}

/** The same compressed key with x replaced by x + p, when that still fits in 381 bits. */
export function plusP(key: Uint8Array): Uint8Array | undefined {
  const flags = key[0] & 0xe0;
  const x = BigInt('0x' + Buffer.from(key).toString('hex')) & ((1n << 381n) - 1n);
  const y = x + P;
  if (y >= 1n << 381n) return undefined;
  const out = Buffer.from(y.toString(16).padStart(96, '0'), 'hex');
  out[0] |= flags;
  return new Uint8Array(out);
}

/**
 * Named (signature, public key) pairs over `message` with one malformed or edge-case part each: lengths,
 * points at infinity, flag bits, a non-canonical x. Every backend must answer as noble does.
 */
export function encodingEdgeCases(): {
  message: Uint8Array;
  publicKey: Uint8Array;
  signature: Uint8Array;
  infinitySignature: Uint8Array;
  cases: [name: string, signature: Uint8Array, publicKey: Uint8Array][];
} {
  // A key whose x + p still fits in 381 bits, for the non-canonical encoding case.
  let seed = 1;
  while (plusP(generateKeyPair(new Uint8Array(32).fill(seed)).publicKey) === undefined) seed++;
  const good = generateKeyPair(new Uint8Array(32).fill(seed));
  const message = new Uint8Array([1, 2, 3]);
  const sig = sign(message, good.secretKey);
  const infKey = new Uint8Array(48);
  infKey[0] = 0xc0;
  const infSig = new Uint8Array(96);
  infSig[0] = 0xc0;
  return {
    message,
    publicKey: good.publicKey,
    signature: sig,
    infinitySignature: infSig,
    cases: [
      ['short key', sig, good.publicKey.subarray(0, 47)],
      ['long key', sig, new Uint8Array([...good.publicKey, 0])],
      ['short sig', sig.subarray(0, 95), good.publicKey],
      ['key at infinity', sig, infKey],
      ['signature at infinity', infSig, good.publicKey],
      ['uncompressed flag cleared', sig, good.publicKey.map((b, i) => (i === 0 ? b & 0x7f : b))],
      ['sort bit flipped', sig, good.publicKey.map((b, i) => (i === 0 ? b ^ 0x20 : b))],
      ['infinity bit with x', sig, good.publicKey.map((b, i) => (i === 0 ? b | 0x40 : b))],
      ['key x + p (non-canonical)', sig, plusP(good.publicKey)!],
    ],
  };
}
