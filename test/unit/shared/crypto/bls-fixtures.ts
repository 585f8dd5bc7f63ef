/**
 * Test inputs shared by the BLS backend tests (mcl-wasm, native blst): encodings at the edges of what a
 * backend must accept or reject, built from a valid key and signature.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { expect } from 'vitest';
import { generateKeyPair, nobleBlsVerifier, sign } from '../../../../shared/crypto/bls.ts';
import type { BlsVerifier } from '../../../../shared/crypto/bls-backend.ts';

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

/**
 * Checks `v.verifyMany` against one-by-one noble checks on 12 certificates by 3 keys (`keyOf(i)` in 0..2
 * picks the key of certificate i): all valid; three bad ones (wrong message, another certificate's
 * signature, a zero key) found among the rest; two swapped signatures, which cancel in an unweighted sum,
 * both rejected; no items, no answers.
 */
export function expectBatchAgreesWithOneByOne(v: BlsVerifier, keyOf: (i: number) => number): void {
  const keys = Array.from({ length: 3 }, (_, i) => generateKeyPair(new Uint8Array(32).fill(40 + i)));
  const items = Array.from({ length: 12 }, (_, i) => {
    const message = new TextEncoder().encode(`certificate ${i}`);
    const k = keys[keyOf(i)];
    return { signature: sign(message, k.secretKey), message, publicKey: k.publicKey };
  });
  expect(v.verifyMany(items)).toEqual(items.map(() => true));
  const bad = items.slice();
  bad[2] = { ...bad[2], message: new Uint8Array([7]) };
  bad[5] = { ...bad[5], signature: items[6].signature };
  bad[7] = { ...bad[7], publicKey: new Uint8Array(48) };
  const expected = bad.map((it) => nobleBlsVerifier.verify(it.signature, it.message, it.publicKey));
  expect(expected.filter((x) => !x)).toHaveLength(3);
  expect(v.verifyMany(bad)).toEqual(expected);
  const swapped = items.slice(0, 2).map((it, i) => ({ ...it, signature: items[1 - i].signature }));
  expect(v.verifyMany(swapped)).toEqual([false, false]);
  expect(v.verifyMany([])).toEqual([]);
}
