import { describe, it, expect } from 'vitest';
import {
  aggregatePublicKeys,
  aggregateSignatures,
  BlsAggregateKey,
  generateKeyPair,
  hashMessage,
  parsePublicKey,
  publicKeyOf,
  sign,
  verify,
  verifyAggregate,
} from '../../../../shared/crypto/bls.ts';
import { InvalidBlsPublicKeyError, InvalidBlsSecretKeyError } from '../../../../shared/crypto/errors.ts';

const keys = Array.from({ length: 4 }, (_, i) => generateKeyPair(new Uint8Array(32).fill(i + 1)));
const msg = new TextEncoder().encode('walrus-ts bls test');

describe('BLS min-pk', () => {
  it('derives keys deterministically from a seed; 48-byte keys, 96-byte signatures', () => {
    const again = generateKeyPair(new Uint8Array(32).fill(1));
    expect(again.secretKey).toEqual(keys[0].secretKey);
    expect(keys[0].publicKey.length).toBe(48);
    expect(publicKeyOf(keys[0].secretKey)).toEqual(keys[0].publicKey);
    expect(sign(msg, keys[0].secretKey).length).toBe(96);
    expect(() => generateKeyPair(new Uint8Array(16))).toThrow(InvalidBlsSecretKeyError);
  });

  it('signs and verifies, raw or pre-hashed, and rejects a wrong key, message or signature', () => {
    const h = hashMessage(msg);
    const sig = sign(h, keys[0].secretKey);
    expect(sign(msg, keys[0].secretKey)).toEqual(sig);
    expect(verify(sig, msg, keys[0].publicKey)).toBe(true);
    expect(verify(sig, h, parsePublicKey(keys[0].publicKey))).toBe(true);
    expect(verify(sig, msg, keys[1].publicKey)).toBe(false);
    expect(verify(sig, new Uint8Array([1]), keys[0].publicKey)).toBe(false);
    expect(verify(new Uint8Array(96), msg, keys[0].publicKey)).toBe(false);
    expect(verify(sig, msg, new Uint8Array(48))).toBe(false);
  });

  it('aggregates and verifies; the committee key subtracts non-signers', () => {
    const h = hashMessage(msg);
    const sigs = keys.map((k) => sign(h, k.secretKey));
    const agg3 = aggregateSignatures(sigs.slice(0, 3));
    expect(
      verifyAggregate(
        agg3,
        h,
        keys.slice(0, 3).map((k) => k.publicKey),
      ),
    ).toBe(true);
    expect(
      verifyAggregate(
        agg3,
        h,
        keys.map((k) => k.publicKey),
      ),
    ).toBe(false);
    const committee = new BlsAggregateKey(keys.map((k) => k.publicKey));
    expect(committee.verify(agg3, h, [true, true, true, false])).toBe(true);
    expect(committee.verify(agg3, h, [true, true, false, true])).toBe(false);
    expect(committee.keyFor([true, true, true, false]).point.toBytes(true)).toEqual(
      aggregatePublicKeys(keys.slice(0, 3).map((k) => k.publicKey)),
    );
    expect(committee.verify(agg3, h, [false, false, false, false])).toBe(false);
  });

  it('rejects malformed public keys with a typed error', () => {
    expect(() => parsePublicKey(new Uint8Array(47))).toThrow(InvalidBlsPublicKeyError);
    expect(() => parsePublicKey(new Uint8Array(48).fill(0xff))).toThrow(InvalidBlsPublicKeyError);
  });
});

describe('BLS interop with the official Walrus code (@mysten/walrus-wasm, fastcrypto min-pk)', () => {
  it('our signatures and aggregates verify there, and aggregation gives the same bytes', async () => {
    const wasm = await import('@mysten/walrus-wasm');
    const message = new Uint8Array([1, 0, 3, 5, 0, 0, 0, ...new Uint8Array(32).fill(7), 0]);
    const h = hashMessage(message);
    const sigs = keys.map((k) => sign(h, k.secretKey));
    expect(wasm.bls12381_min_pk_verify(sigs[0], keys[0].publicKey, message)).toBe(true);
    expect(wasm.bls12381_min_pk_verify(sigs[0], keys[1].publicKey, message)).toBe(false);
    const agg = aggregateSignatures(sigs);
    expect(wasm.bls12381_min_pk_aggregate(sigs)).toEqual(agg);
    expect(
      wasm.bls12381_min_pk_verify_aggregate(
        keys.map((k) => k.publicKey),
        message,
        agg,
      ),
    ).toBe(true);
    expect(wasm.bls12381_min_pk_verify(agg, aggregatePublicKeys(keys.map((k) => k.publicKey)), message)).toBe(
      true,
    );
  });
});
