import { describe, it, expect } from 'vitest';
import { BlsVerifierPool } from '../../../../../node/chain/embedded/bls-pool.ts';
import { generateKeyPair, nobleBlsVerifier, sign } from '../../../../../shared/crypto/bls.ts';

const keys = Array.from({ length: 2 }, (_, i) => generateKeyPair(new Uint8Array(32).fill(60 + i)));
const jobs = Array.from({ length: 24 }, (_, i) => {
  const message = new TextEncoder().encode(`certified blob ${i}`);
  const k = keys[i % 2];
  const signature = sign(message, k.secretKey);
  // Every fifth job is bad: a signature over another message, or a malformed key.
  if (i % 5 === 4) return { signature, message: new Uint8Array([i]), publicKey: k.publicKey };
  if (i % 5 === 3 && i > 10) return { signature, message, publicKey: new Uint8Array(48) };
  return { signature, message, publicKey: k.publicKey };
});
const expected = jobs.map((j) => nobleBlsVerifier.verify(j.signature, j.message, j.publicKey));

describe('BlsVerifierPool', () => {
  it('batches concurrent jobs on the mcl backend and answers each as noble does', async () => {
    const pool = new BlsVerifierPool({ size: 1, maxBatch: 8 });
    try {
      const got = await Promise.all(jobs.map((j) => pool.verify(j.signature, j.message, j.publicKey)));
      expect(got).toEqual(expected);
      expect(expected.filter((x) => !x).length).toBeGreaterThan(3);
      const stats = pool.stats();
      expect(stats.jobs).toBe(jobs.length);
      expect(stats.batches).toBeLessThan(jobs.length);
      expect(stats.maxBatch).toBe(8);
      // A lone job after the burst still resolves.
      expect(await pool.verify(jobs[0].signature, jobs[0].message, jobs[0].publicKey)).toBe(true);
    } finally {
      await pool.close();
    }
    await expect(pool.verify(jobs[0].signature, jobs[0].message, jobs[0].publicKey)).rejects.toThrow(
      /closed/,
    );
  });

  it('gives the same answers on the noble backend, over two workers', async () => {
    const pool = new BlsVerifierPool({ size: 2, backend: 'noble' });
    try {
      const some = jobs.slice(0, 6);
      const got = await Promise.all(some.map((j) => pool.verify(j.signature, j.message, j.publicKey)));
      expect(got).toEqual(expected.slice(0, 6));
    } finally {
      await pool.close();
    }
  });
});
