import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  computeBlobIdParallel,
  computeBlobMetadataParallel,
  decodeBlobParallel,
  encodeBlobParallel,
  encodeBlobStreamingParallel,
  EncodingPool,
} from '../../../../node/encoding/index.ts';
import { blobIdToString } from '../../../../shared/encoding/blob-id.ts';
import { decodeBlob } from '../../../../shared/encoding/decoder.ts';
import { encodeBlob } from '../../../../shared/encoding/encoder.ts';
import { encodingParams } from '../../../../shared/encoding/params.ts';
import type { Sliver } from '../../../../shared/encoding/types.ts';
import { seededBytes } from '../../../fixtures/random.ts';
import { loadVector, vectorContent } from '../../../fixtures/vectors.ts';

let pool: EncodingPool;
// Every job goes to the workers, however small (the default runs small jobs on the calling thread).
const all = { inThreadBelowMs: 0 };

beforeAll(async () => {
  pool = new EncodingPool({ size: 2 });
  await pool.ready();
});

afterAll(async () => {
  await pool.close();
});

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(b);

describe('encodeBlobParallel / computeBlobMetadataParallel', () => {
  it.each([
    [4, 0],
    [10, 1793],
    [100, 145_793],
    [1000, 20_000],
  ])('gives the bytes of encodeBlob (n=%i, %i bytes)', async (n, length) => {
    const data = seededBytes(length, n * 3 + 1);
    const sync = encodeBlob(data, n);
    const par = await encodeBlobParallel(data, n, { pool, ...all });
    expect(par.blobId).toEqual(sync.blobId);
    expect(par.rootHash).toEqual(sync.rootHash);
    expect(par.metadata).toEqual(sync.metadata);
    const bad = [];
    for (let i = 0; i < n; i++) {
      if (!same(par.primarySlivers[i].data, sync.primarySlivers[i].data)) bad.push(`primary ${i}`);
      if (!same(par.secondarySlivers[i].data, sync.secondarySlivers[i].data)) bad.push(`secondary ${i}`);
    }
    expect(bad).toEqual([]);
    const summary = await computeBlobMetadataParallel(data, n, { pool, ...all });
    expect(summary.metadata).toEqual(sync.metadata);
    expect(await computeBlobIdParallel(data, n, { pool, ...all })).toEqual(sync.blobId);
  });

  it('leaves a Node Buffer input attached and unchanged (Buffer.slice is a view, never transferred)', async () => {
    const bytes = seededBytes(145_793, 11);
    // An HTTP body: a Buffer that spans its whole ArrayBuffer.
    const body = Buffer.concat([bytes.subarray(0, 70_000), bytes.subarray(70_000)]);
    const par = await encodeBlobParallel(body, 100, { pool, ...all });
    expect(body.buffer.byteLength).toBe(145_793);
    expect(same(body, bytes)).toBe(true);
    expect(par.blobId).toEqual(encodeBlob(bytes, 100).blobId);
    const back = await decodeBlobParallel(
      { blobId: par.blobId, metadata: par.metadata },
      par.primarySlivers.slice(50).map((s) => ({ ...s, data: Buffer.from(s.data) })),
      100,
      { pool, ...all },
    );
    expect(same(back, bytes)).toBe(true);
  });

  it('matches the official encoder vector for n=1000, 1 MiB', async () => {
    const v = loadVector('n1000-len1048576.json');
    const summary = await computeBlobMetadataParallel(vectorContent(v), v.n, { pool, ...all });
    expect(blobIdToString(summary.blobId)).toBe(v.blobId);
    expect(Buffer.from(summary.rootHash).toString('hex')).toBe(v.rootHash);
  });

  it.each([1, 2, 3])(
    'streams every sliver once to an async consumer, one batch at a time (%i repair passes, lent)',
    async (repairPasses) => {
      const n = 100;
      const data = seededBytes(50_000, 9);
      const sync = encodeBlob(data, n);
      const got = new Map<string, Uint8Array>();
      let active = 0;
      let overlapped = false;
      const summary = await encodeBlobStreamingParallel(data, n, {
        pool,
        ...all,
        repairPasses,
        lendSlivers: repairPasses !== 1,
        onSlivers: async (batch) => {
          overlapped ||= active > 0;
          active++;
          await new Promise((r) => setTimeout(r, 1));
          for (const s of [...batch.primary, ...batch.secondary]) {
            const key = `${s.axis}${s.index}`;
            if (got.has(key)) throw new Error(`${key} handed over twice`);
            got.set(key, s.data.slice());
          }
          active--;
        },
      });
      expect(overlapped).toBe(false);
      expect(summary.blobId).toEqual(sync.blobId);
      expect(got.size).toBe(2 * n);
      for (let i = 0; i < n; i++) {
        expect(same(got.get(`primary${i}`) as Uint8Array, sync.primarySlivers[i].data)).toBe(true);
        expect(same(got.get(`secondary${i}`) as Uint8Array, sync.secondarySlivers[i].data)).toBe(true);
      }
    },
  );
});

describe('decodeBlobParallel', () => {
  const n = 100;
  const data = seededBytes(145_793, 5);
  const e = encodeBlob(data, n);
  const md = { blobId: e.blobId, metadata: e.metadata };
  const { primarySymbols: R, secondarySymbols: C } = encodingParams(n);

  it('decodes from repair primary slivers and from secondary slivers, with every check', async () => {
    for (const consistencyCheck of ['default', 'strict', 'skip'] as const) {
      expect(
        same(
          await decodeBlobParallel(md, e.primarySlivers.slice(n - R), n, { pool, ...all, consistencyCheck }),
          data,
        ),
      ).toBe(true);
      expect(
        same(
          await decodeBlobParallel(md, e.secondarySlivers.slice(n - C), n, {
            pool,
            ...all,
            consistencyCheck,
          }),
          data,
        ),
      ).toBe(true);
    }
  });

  it('skips slivers that fail verification and throws NotEnoughSliversError like decodeBlob', async () => {
    const corrupted: Sliver = { ...e.primarySlivers[50], data: e.primarySlivers[50].data.slice() };
    corrupted.data[0] ^= 1;
    const slivers = [corrupted, ...e.primarySlivers.slice(51, 51 + R)];
    expect(same(await decodeBlobParallel(md, slivers, n, { pool, ...all }), data)).toBe(true);
    const tooFew = [corrupted, ...e.primarySlivers.slice(51, 50 + R)];
    await expect(decodeBlobParallel(md, tooFew, n, { pool, ...all })).rejects.toMatchObject({
      name: 'NotEnoughSliversError',
    });
    expect(() => decodeBlob(md, tooFew, n)).toThrow(
      expect.objectContaining({ name: 'NotEnoughSliversError' }),
    );
  });

  it('rejects an inconsistently encoded blob with InconsistentBlobError', async () => {
    // Metadata whose systematic primary hash 0 is wrong: decoding from repair slivers must notice it.
    const hashes = e.metadata.hashes.map((h, p) =>
      p === 0 ? { ...h, primaryHash: new Uint8Array(32).fill(7) } : h,
    );
    const bad = { blobId: e.blobId, metadata: { ...e.metadata, hashes } };
    await expect(
      decodeBlobParallel(bad, e.primarySlivers.slice(n - R), n, { pool, ...all, verified: true }),
    ).rejects.toMatchObject({ name: 'InconsistentBlobError' });
  });
});

describe('small jobs', () => {
  it('run on the calling thread by default, with the same result', async () => {
    const data = seededBytes(3000, 1);
    const closed = new EncodingPool({ size: 1 });
    await closed.close();
    // A closed pool would reject any task: the default threshold keeps this job in-thread.
    expect(await computeBlobIdParallel(data, 10, { pool: closed })).toEqual(encodeBlob(data, 10).blobId);
  });
});

describe('EncodingPool', () => {
  it('leaves a task input that was not transferred intact in the caller (the worker frees its own copy)', async () => {
    const n = 10;
    const slivers = seededBytes(2 * 7 * 16, 3);
    const copy = slivers.slice();
    const task = {
      axis: 'primary',
      nShards: n,
      symbolSize: 16,
      count: 2,
      slivers,
      repair: true,
      roots: true,
    } as const;
    const first = await pool.run('expand', task);
    const again = await pool.run('expand', task);
    expect(same(slivers, copy)).toBe(true);
    expect(first.roots).toEqual(again.roots);
    expect(first.repair).toEqual(again.repair);
  });

  it('rejects tasks after close() with EncodingPoolClosedError', async () => {
    const p = new EncodingPool({ size: 1 });
    expect(p.size).toBe(1);
    await p.close();
    await expect(computeBlobIdParallel(new Uint8Array(10), 10, { pool: p, ...all })).rejects.toMatchObject({
      name: 'EncodingPoolClosedError',
      code: 'ENCODING_POOL_CLOSED',
    });
  });
});
