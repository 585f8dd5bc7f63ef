import { afterAll, describe, expect, it } from 'vitest';
import { inlineCodec } from '../../../../node/client/codec.ts';
import { nodeCodec } from '../../../../node/client/node-codec.ts';
import { EncodingPool } from '../../../../node/encoding/index.ts';
import { testBytes } from '../service/fixtures.ts';

const pool = new EncodingPool({ size: 2 });
afterAll(() => pool.close());

describe('nodeCodec (worker pool)', () => {
  const codec = nodeCodec({ pool, minPooledVerifyBytes: 0 });

  it('encodes byte-identically to the inline codec, verifies slivers and decodes', async () => {
    const data = testBytes(300_000, 3);
    const [a, b] = await Promise.all([inlineCodec.encode(data, 10), codec.encode(data, 10)]);
    expect(Buffer.from(b.blobId).equals(Buffer.from(a.blobId))).toBe(true);
    const slivers = b.primarySlivers.slice(0, 7);
    const [inline, pooled] = await Promise.all([
      inlineCodec.sliverRoots(slivers, 10),
      codec.sliverRoots(slivers, 10),
    ]);
    expect(pooled.map((r) => Buffer.from(r).toString('hex'))).toEqual(
      inline.map((r) => Buffer.from(r).toString('hex')),
    );
    // A changed byte changes that sliver's root only.
    const bad = { ...slivers[2], data: slivers[2].data.slice() };
    bad.data[0] ^= 1;
    const roots = await codec.sliverRoots([slivers[1], bad], 10);
    expect(Buffer.from(roots[0]).equals(Buffer.from(inline[1]))).toBe(true);
    expect(Buffer.from(roots[1]).equals(Buffer.from(inline[2]))).toBe(false);
    const back = await codec.decode(
      { blobId: b.blobId, metadata: b.metadata },
      b.primarySlivers.slice(3, 7),
      10,
      { consistencyCheck: 'default' },
    );
    expect(Buffer.from(back).equals(Buffer.from(data))).toBe(true);
  });
  it('verifies and decodes slivers that are views of shared memory (as the libp2p transport returns them)', async () => {
    const data = testBytes(300_000, 4);
    const enc = await inlineCodec.encode(data, 10);
    // Laid out as in a getSlivers response: the slivers one after the other, with a gap between them.
    const chosen = enc.primarySlivers.slice(0, 4);
    const len = chosen[0].data.length;
    const shared = new Uint8Array(new SharedArrayBuffer(4 * (len + 7)));
    const views = chosen.map((s, i) => {
      shared.set(s.data, i * (len + 7) + 3);
      return { ...s, data: shared.subarray(i * (len + 7) + 3, i * (len + 7) + 3 + len) };
    });
    const [inline, pooled] = await Promise.all([
      inlineCodec.sliverRoots(chosen, 10),
      codec.sliverRoots(views, 10),
    ]);
    expect(pooled.map((r) => Buffer.from(r).toString('hex'))).toEqual(
      inline.map((r) => Buffer.from(r).toString('hex')),
    );
    const back = await codec.decode({ blobId: enc.blobId, metadata: enc.metadata }, views, 10, {
      consistencyCheck: 'default',
      verified: true,
    });
    expect(Buffer.from(back).equals(Buffer.from(data))).toBe(true);
    expect(back.buffer instanceof SharedArrayBuffer).toBe(false);
    // the shared body is still intact (nothing was transferred or released)
    expect(Buffer.from(views[1].data).equals(Buffer.from(chosen[1].data))).toBe(true);
  });
});
