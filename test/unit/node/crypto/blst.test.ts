import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import {
  aggregateSignatures,
  blsVerifier,
  BlsAggregateKey,
  generateKeyPair,
  hashMessage,
  nobleBlsVerifier,
  setBlsVerifier,
  sign,
  verify,
} from '../../../../shared/crypto/bls.ts';
import type { BlsVerifier } from '../../../../shared/crypto/bls-backend.ts';
import { loadMclBlsVerifier } from '../../../../shared/crypto/bls-mcl.ts';
import { blsBackendFromEnv, enableNodeBls, loadBlstVerifier } from '../../../../node/crypto/blst/index.ts';
import { encodingEdgeCases, expectBatchAgreesWithOneByOne, flip } from '../../shared/crypto/bls-fixtures.ts';

const S = bls12_381.longSignatures;
const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const msgArb = fc.uint8Array({ minLength: 0, maxLength: 300 });

// The binding is built by `npm install` (scripts/build-native.ts); CI installs a C compiler, so a missing
// build fails here rather than silently testing nothing.
let blst: ReturnType<typeof loadBlstVerifier>;
let mcl: BlsVerifier;
beforeAll(async () => {
  blst = loadBlstVerifier();
  mcl = await loadMclBlsVerifier();
});

describe('native blst BLS backend', () => {
  it('hashes to G2 and signs with the same bytes as noble', () => {
    fc.assert(
      fc.property(seedArb, msgArb, (seed, msg) => {
        expect(blst.hashToG2(msg)).toEqual(S.hash(msg).toBytes(true));
        const k = generateKeyPair(seed);
        expect(blst.sign(msg, k.secretKey)).toEqual(S.Signature.toBytes(S.sign(S.hash(msg), k.secretKey)));
      }),
      { numRuns: 12 },
    );
  });

  it('refuses to sign with a secret key of the wrong length, zero, or not below the group order', () => {
    const msg = new Uint8Array([1]);
    expect(() => blst.sign(msg, new Uint8Array(31).fill(1))).toThrow(TypeError);
    expect(() => blst.sign(msg, new Uint8Array(32))).toThrow(/\[1, r\)/);
    expect(() => blst.sign(msg, new Uint8Array(32).fill(0xff))).toThrow(/\[1, r\)/);
  });

  it('verifies signatures as noble and mcl do, and rejects a tampered message, signature or key', () => {
    fc.assert(
      fc.property(seedArb, seedArb, msgArb, fc.nat(), (seedA, seedB, msg, bit) => {
        const a = generateKeyPair(seedA);
        const b = generateKeyPair(seedB);
        const sig = sign(msg, a.secretKey);
        const other = new Uint8Array([...msg, 1]);
        const cases: [Uint8Array, Uint8Array, Uint8Array][] = [
          [sig, msg, a.publicKey],
          [sig, other, a.publicKey],
          [flip(sig, bit), msg, a.publicKey],
          [sig, msg, b.publicKey],
          [sig, msg, flip(a.publicKey, bit)],
        ];
        for (const [s, m, k] of cases) {
          const expected = nobleBlsVerifier.verify(s, m, k);
          expect(blst.verify(s, m, k)).toBe(expected);
          expect(mcl.verify(s, m, k)).toBe(expected);
        }
        expect(blst.verify(sig, msg, a.publicKey)).toBe(true);
      }),
      { numRuns: 6 },
    );
  });

  it('accepts exactly the encodings noble accepts (lengths, infinity, flag bits, non-canonical x)', () => {
    const { message, publicKey, infinitySignature, cases } = encodingEdgeCases();
    for (const [name, s, k] of cases) {
      expect([name, blst.verify(s, message, k)]).toEqual([name, nobleBlsVerifier.verify(s, message, k)]);
      expect([name, blst.verifyMany([{ signature: s, message, publicKey: k }])]).toEqual([
        name,
        [nobleBlsVerifier.verify(s, message, k)],
      ]);
    }
    expect(blst.verify(infinitySignature, message, publicKey)).toBe(false);
    const compressed = (n: number) =>
      fc.uint8Array({ minLength: n, maxLength: n }).map((b) => {
        b[0] = 0x80 | (b[0] & 0x3f);
        return b;
      });
    fc.assert(
      fc.property(compressed(48), compressed(96), (k, s) => {
        expect(blst.verifyMany([{ signature: s, message, publicKey: k }])).toEqual([false]);
        expect(blst.verify(s, message, k)).toBe(false);
      }),
      { numRuns: 100 },
    );
    // Not bytes at all: false, not a crash.
    const junk = { signature: 'x', message: 1, publicKey: null } as unknown as Parameters<typeof blst.verify>;
    expect(blst.verifyMany([{ signature: junk[0], message: junk[1], publicKey: junk[2] }])).toEqual([false]);
  });

  it('verifies an aggregate of 100 signers and rejects it with one signer missing or added', () => {
    const keys = Array.from({ length: 101 }, (_, i) => generateKeyPair(new Uint8Array(32).fill(i + 1)));
    const msg = new TextEncoder().encode('storage confirmation of 100 signers');
    const h = hashMessage(msg);
    const agg = aggregateSignatures(keys.slice(0, 100).map((k) => sign(h, k.secretKey)));
    const pks = keys.map((k) => k.publicKey);
    expect(blst.verifyAggregate(agg, msg, pks.slice(0, 100))).toBe(true);
    expect(blst.verifyAggregate(agg, msg, pks.slice(1, 100))).toBe(false);
    expect(blst.verifyAggregate(agg, msg, pks)).toBe(false);
    expect(blst.verifyAggregate(agg, msg, [])).toBe(false);
    expect(blst.verifyAggregate(agg, msg, [...pks.slice(0, 99), new Uint8Array(48)])).toBe(false);
  });

  it('checks a batch as one-by-one checks would (bad items found, cancelling swaps rejected)', () => {
    for (const v of [blst, mcl]) expectBatchAgreesWithOneByOne(v, (i) => i % 3);
  });

  it('becomes the process backend of bls.ts (verify, BlsAggregateKey, sign) through enableNodeBls', async () => {
    const before = blsVerifier();
    try {
      expect((await enableNodeBls('blst')).name).toBe('blst');
      expect(blsVerifier().name).toBe('blst');
      const keys = Array.from({ length: 4 }, (_, i) => generateKeyPair(new Uint8Array(32).fill(90 + i)));
      const msg = new TextEncoder().encode('backend switch');
      const sigs = keys.map((k) => sign(msg, k.secretKey));
      expect(sigs[0]).toEqual(S.Signature.toBytes(S.sign(S.hash(msg), keys[0].secretKey)));
      expect(verify(sigs[1], msg, keys[1].publicKey)).toBe(true);
      expect(verify(sigs[1], msg, keys[2].publicKey)).toBe(false);
      const committee = new BlsAggregateKey(keys.map((k) => k.publicKey));
      const agg = aggregateSignatures(sigs.slice(0, 3));
      expect(committee.verify(agg, msg, [true, true, true, false])).toBe(true);
      expect(committee.verify(agg, msg, [true, true, false, true])).toBe(false);
      expect((await enableNodeBls('noble')).name).toBe('noble');
    } finally {
      setBlsVerifier(before);
    }
  });

  it('reads the backend choice from WALRUS_TS_BLS and refuses an unknown one', () => {
    expect(blsBackendFromEnv({})).toBe('blst');
    expect(blsBackendFromEnv({ WALRUS_TS_BLS: 'mcl' })).toBe('mcl');
    expect(blsBackendFromEnv({ WALRUS_TS_BLS: 'noble' })).toBe('noble');
    expect(() => blsBackendFromEnv({ WALRUS_TS_BLS: 'fast' })).toThrow(/blst, mcl or noble/);
  });
});
