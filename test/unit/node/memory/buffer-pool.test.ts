import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../../../node/memory/buffer-pool.ts';

describe('BufferPool', () => {
  it('hands out exact-length views and reuses given-back memory of the same size class', () => {
    for (const shared of [true, false]) {
      const pool = new BufferPool({ shared });
      const a = pool.take(100_000);
      expect(a.length).toBe(100_000);
      expect(a.buffer).toBeInstanceOf(shared ? SharedArrayBuffer : ArrayBuffer);
      expect(a.buffer.byteLength).toBe(128 * 1024);
      pool.give(a);
      pool.give(a); // twice is harmless
      expect(pool.idleBytes).toBe(128 * 1024);
      const b = pool.take(70_000);
      expect(b.buffer).toBe(a.buffer);
      expect(b.length).toBe(70_000);
      // nothing idle of that class now: a new buffer
      expect(pool.take(70_000).buffer).not.toBe(a.buffer);
      expect(pool.take(0).length).toBe(0);
      expect(() => pool.take(-1)).toThrow(RangeError);
    }
  });

  it('keeps at most maxIdleBytes, does not pool above maxPooledBytes, and ignores memory it did not make', () => {
    const pool = new BufferPool({ shared: true, maxIdleBytes: 256 * 1024, maxPooledBytes: 1024 * 1024 });
    const xs = [pool.take(200_000), pool.take(200_000), pool.take(200_000)];
    for (const x of xs) pool.give(x);
    expect(pool.idleBytes).toBe(256 * 1024);
    const big = pool.take(2 * 1024 * 1024 + 1);
    expect(big.buffer.byteLength).toBe(2 * 1024 * 1024 + 1);
    pool.give(big);
    expect(pool.idleBytes).toBe(256 * 1024);
    // another pool's or the caller's memory of a size class is not adopted
    pool.give(new Uint8Array(new SharedArrayBuffer(64 * 1024)));
    pool.give(new BufferPool({ shared: true }).take(64 * 1024));
    pool.give(new Uint8Array(64 * 1024));
    expect(pool.idleBytes).toBe(256 * 1024);
  });
});
