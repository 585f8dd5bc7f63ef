import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import {
  aggregateSignatures,
  generateKeyPair,
  hashMessage,
  nobleBlsVerifier,
  parsePublicKey,
  parseSignature,
  sign,
} from '../../../../shared/crypto/bls.ts';
import type { BlsVerifier } from '../../../../shared/crypto/bls-backend.ts';
import { loadMclBlsVerifier, mclHashToG2Bytes } from '../../../../shared/crypto/bls-mcl.ts';
import { encodingEdgeCases, expectBatchAgreesWithOneByOne, flip } from './bls-fixtures.ts';

const S = bls12_381.longSignatures;

let raw: BlsVerifier;
let portable: BlsVerifier;
beforeAll(async () => {
  raw = await loadMclBlsVerifier();
  portable = await loadMclBlsVerifier({ raw: false });
});

/** Does noble accept these bytes as a public key / signature? */
function nobleAcceptsKey(b: Uint8Array): boolean {
  try {
    parsePublicKey(b);
    return true;
  } catch {
    return false;
  }
}
function nobleAcceptsSig(b: Uint8Array): boolean {
  try {
    parseSignature(b);
    return true;
  } catch {
    return false;
  }
}

const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const msgArb = fc.uint8Array({ minLength: 0, maxLength: 300 });

describe('mcl-wasm BLS backend', () => {
  it('hashes to G2 exactly as noble longSignatures.hash does (raw WASM and JS hash_to_field paths)', async () => {
    await fc.assert(
      fc.asyncProperty(msgArb, async (msg) => {
        const expected = S.hash(msg).toBytes(true);
        expect(await mclHashToG2Bytes(msg)).toEqual(expected);
        expect(await mclHashToG2Bytes(msg, { raw: false })).toEqual(expected);
      }),
      { numRuns: 8 },
    );
    const empty = S.hash(new Uint8Array(0)).toBytes(true);
    expect(await mclHashToG2Bytes(new Uint8Array(0))).toEqual(empty);
  });

  it('verifies noble signatures and rejects a tampered message, signature or key', () => {
    fc.assert(
      fc.property(seedArb, seedArb, msgArb, fc.nat(), (seedA, seedB, msg, bit) => {
        const a = generateKeyPair(seedA);
        const b = generateKeyPair(seedB);
        const sig = sign(msg, a.secretKey);
        const other = new Uint8Array([...msg, 1]);
        for (const v of [raw, portable]) {
          expect(v.verify(sig, msg, a.publicKey)).toBe(true);
          expect(v.verify(sig, other, a.publicKey)).toBe(false);
          expect(v.verify(sign(other, a.secretKey), msg, a.publicKey)).toBe(false);
          expect(v.verify(flip(sig, bit), msg, a.publicKey)).toBe(false);
          expect(v.verify(sig, msg, b.publicKey)).toBe(seedA.every((x, i) => x === seedB[i]));
          expect(v.verify(sig, msg, flip(a.publicKey, bit))).toBe(false);
        }
      }),
      { numRuns: 4 },
    );
  });

  it('verifies an aggregate of 100 signers and rejects it with one signer missing or added', () => {
    const keys = Array.from({ length: 101 }, (_, i) => generateKeyPair(new Uint8Array(32).fill(i + 1)));
    const msg = new TextEncoder().encode('storage confirmation of 100 signers');
    const h = hashMessage(msg);
    const sigs = keys.slice(0, 100).map((k) => sign(h, k.secretKey));
    const agg = aggregateSignatures(sigs);
    const pks = keys.map((k) => k.publicKey);
    for (const v of [raw, portable, nobleBlsVerifier]) {
      expect(v.verifyAggregate(agg, msg, pks.slice(0, 100))).toBe(true);
      expect(v.verifyAggregate(agg, msg, pks.slice(1, 100))).toBe(false);
      expect(v.verifyAggregate(agg, msg, pks)).toBe(false);
      expect(v.verifyAggregate(agg, msg, [])).toBe(false);
    }
    expect(raw.verifyAggregate(aggregateSignatures(sigs.slice(1)), msg, pks.slice(1, 100))).toBe(true);
  });

  it('accepts exactly the key and signature encodings noble accepts (curve, subgroup, length, infinity)', () => {
    const compressed = (n: number) =>
      fc.uint8Array({ minLength: n, maxLength: n }).map((b) => {
        b[0] = 0x80 | (b[0] & 0x3f); // compressed; sometimes the infinity or sort bit too
        return b;
      });
    fc.assert(
      fc.property(compressed(48), compressed(96), (k, s) => {
        // Random x: about half are on the curve, and then almost never in the subgroup.
        for (const v of [raw, portable]) {
          expect(v.verifyMany([{ signature: s, message: new Uint8Array(), publicKey: k }])).toEqual([false]);
        }
        expect(mclAcceptsKey(k)).toBe(nobleAcceptsKey(k));
        expect(mclAcceptsSig(s)).toBe(nobleAcceptsSig(s));
      }),
      { numRuns: 200 },
    );
    const { message: msg, publicKey, infinitySignature: infSig, cases } = encodingEdgeCases();
    for (const [name, s, k] of cases) {
      const expected = nobleBlsVerifier.verify(s, msg, k);
      expect([name, raw.verify(s, msg, k)]).toEqual([name, expected]);
      expect([name, portable.verify(s, msg, k)]).toEqual([name, expected]);
      expect([name, mclAcceptsKey(k)]).toEqual([name, nobleAcceptsKey(k)]);
      expect([name, mclAcceptsSig(s)]).toEqual([name, nobleAcceptsSig(s)]);
    }
    expect(nobleAcceptsSig(infSig)).toBe(true); // noble parses it; it verifies nothing
    expect(raw.verify(infSig, msg, publicKey)).toBe(false);
  });

  it('batch verification agrees with one-by-one checks (shared and distinct keys, bad items)', () => {
    for (const v of [raw, portable]) expectBatchAgreesWithOneByOne(v, (i) => (i % 4 === 3 ? 2 : i % 2));
  });
});

/** mcl's own decoding (with the subgroup and infinity checks), reached through the class's methods. */
function mclAcceptsKey(k: Uint8Array): boolean {
  return (raw as unknown as { publicKey(b: Uint8Array): unknown }).publicKey(k) !== undefined;
}
function mclAcceptsSig(s: Uint8Array): boolean {
  return (raw as unknown as { signature(b: Uint8Array): unknown }).signature(s) !== undefined;
}

describe('bls.ts on the mcl backend', () => {
  it('enableFastBls switches verify, verifyAggregate and BlsAggregateKey to mcl with the same answers', async () => {
    const { enableFastBls, blsVerifier, setBlsVerifier, verify, verifyAggregate, BlsAggregateKey } =
      await import('../../../../shared/crypto/bls.ts');
    const keys = Array.from({ length: 4 }, (_, i) => generateKeyPair(new Uint8Array(32).fill(80 + i)));
    const msg = new TextEncoder().encode('backend switch');
    const h = hashMessage(msg);
    const agg3 = aggregateSignatures(keys.slice(0, 3).map((k) => sign(h, k.secretKey)));
    const committee = new BlsAggregateKey(keys.map((k) => k.publicKey));
    const answers = () => [
      verify(sign(msg, keys[0].secretKey), h, keys[0].publicKey),
      verify(sign(msg, keys[0].secretKey), msg, keys[1].publicKey),
      verifyAggregate(
        agg3,
        h,
        keys.slice(0, 3).map((k) => k.publicKey),
      ),
      verifyAggregate(
        agg3,
        msg,
        keys.map((k) => k.publicKey),
      ),
      committee.verify(agg3, msg, [true, true, true, false]),
      committee.verify(agg3, h, [true, true, false, true]),
      committee.verify(agg3, msg, [false, false, false, false]),
    ];
    setBlsVerifier(nobleBlsVerifier);
    const before = answers();
    expect(before).toEqual([true, false, true, false, true, false, false]);
    expect((await enableFastBls()).name).toBe('mcl');
    expect(blsVerifier().name).toBe('mcl');
    expect(answers()).toEqual(before);
  });
});

describe('mcl signing', () => {
  it("gives noble's signature bytes for random keys and messages", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 200 }),
        (seed, msg) => {
          const { secretKey } = generateKeyPair(seed);
          const noble = S.Signature.toBytes(S.sign(S.hash(msg), secretKey));
          expect(raw.sign?.(msg, secretKey)).toEqual(noble);
          expect(portable.sign?.(msg, secretKey)).toEqual(noble);
        },
      ),
      { numRuns: 20 },
    );
  });
  it('refuses keys noble refuses (zero, not below the group order, wrong length)', () => {
    const order = bls12_381.fields.Fr.ORDER;
    const big = Uint8Array.from(Buffer.from(order.toString(16).padStart(64, '0'), 'hex'));
    for (const k of [new Uint8Array(32), big, new Uint8Array(31).fill(1)]) {
      expect(() => raw.sign?.(new Uint8Array([1]), k)).toThrow();
    }
  });
  it('is what sign() uses once mcl is the active backend, with the same bytes', async () => {
    const { secretKey } = generateKeyPair(new Uint8Array(32).fill(7));
    const msg = new TextEncoder().encode('storage confirmation');
    const { setBlsVerifier } = await import('../../../../shared/crypto/bls.ts');
    setBlsVerifier(nobleBlsVerifier);
    const bySlow = sign(msg, secretKey);
    setBlsVerifier(raw);
    try {
      expect(sign(msg, secretKey)).toEqual(bySlow);
      expect(sign(hashMessage(msg), secretKey)).toEqual(bySlow);
    } finally {
      setBlsVerifier(nobleBlsVerifier);
    }
  });
});
