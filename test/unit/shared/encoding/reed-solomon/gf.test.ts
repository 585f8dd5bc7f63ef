import { describe, expect, it } from 'vitest';
import {
  GF_MODULUS,
  addMod,
  fwht,
  gfMul,
  gfMulLog,
  gfTables,
  logWalsh,
  subMod,
} from '../../../../../shared/encoding/reed-solomon/gf.ts';
import { pseudoRandomBytes } from './oracle.ts';

function samples(count: number, seed: number): number[] {
  const bytes = pseudoRandomBytes(2 * count, seed);
  return Array.from({ length: count }, (_, i) => bytes[2 * i] | (bytes[2 * i + 1] << 8));
}

describe('GF(2^16) tables', () => {
  const t = gfTables();

  it('has exp and log as inverse maps over the non-zero elements', () => {
    expect(t.log[0]).toBe(GF_MODULUS);
    expect(t.exp[GF_MODULUS]).toBe(t.exp[0]);
    const seen = new Uint8Array(65536);
    for (let x = 1; x < 65536; x++) {
      expect(t.exp[t.log[x]]).toBe(x);
      seen[t.log[x]]++;
    }
    // log is a bijection from the 65535 non-zero elements onto [0, 65535)
    expect(seen.subarray(0, GF_MODULUS).every((c) => c === 1)).toBe(true);
    expect(t.exp[0]).toBe(1); // log of the unit is 0 in the Cantor basis build
  });

  it('multiplies as a field: identity, zero, commutative, associative, distributive over xor', () => {
    const xs = samples(300, 1);
    const ys = samples(300, 2);
    const zs = samples(300, 3);
    for (let i = 0; i < xs.length; i++) {
      const [x, y, z] = [xs[i], ys[i], zs[i]];
      expect(gfMul(x, 1)).toBe(x);
      expect(gfMul(x, 0)).toBe(0);
      expect(gfMul(0, y)).toBe(0);
      expect(gfMul(x, y)).toBe(gfMul(y, x));
      expect(gfMul(gfMul(x, y), z)).toBe(gfMul(x, gfMul(y, z)));
      expect(gfMul(x, y ^ z)).toBe(gfMul(x, y) ^ gfMul(x, z));
      if (y !== 0) expect(gfMul(gfMul(x, y), t.exp[subMod(0, t.log[y])])).toBe(x);
    }
  });

  it('agrees between the crate-style multiply and the branch-free tables, including log 65535', () => {
    for (const x of [0, 1, 2, 0xffff, ...samples(200, 4)]) {
      for (const logM of [0, 1, 12345, 65534, GF_MODULUS]) {
        expect(t.mulExp[t.mulLog[x] + logM]).toBe(gfMulLog(x, logM));
      }
    }
  });

  it('implements the crate add_mod / sub_mod on log values', () => {
    expect(addMod(65534, 1)).toBe(65535);
    expect(addMod(65535, 1)).toBe(1);
    expect(addMod(65535, 65535)).toBe(65535);
    expect(addMod(40000, 30000)).toBe(70000 - 65535);
    expect(subMod(5, 7)).toBe(65533);
    expect(subMod(7, 5)).toBe(2);
    expect(subMod(0, 0)).toBe(0);
  });

  it('has a 65535-entry skew table in log form and a 65536-entry logWalsh table', () => {
    expect(t.skew.length).toBe(GF_MODULUS);
    // skew[(1 << m) - 1] is the zero element, whose log is 65535 ("skip the multiply")
    for (let m = 0; m < 15; m++) expect(t.skew[(1 << m) - 1]).toBe(GF_MODULUS);
    expect(logWalsh().length).toBe(65536);
    expect(logWalsh()).toBe(logWalsh()); // cached
  });

  it('computes a truncated FWHT equal to the full one when the tail is zero', () => {
    const data = new Uint16Array(65536);
    data.set(samples(1000, 5));
    const full = new Uint16Array(data);
    fwht(full, 65536);
    fwht(data, 1000);
    expect(data).toEqual(full);
  });
});
