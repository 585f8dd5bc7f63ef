/**
 * The client codec on all cores (Node only): encoding and decoding through node/encoding's worker pool
 * (`encodeBlobParallel`, `decodeBlobParallel`), and sliver verification as expansion tasks split across the
 * workers, so a read verifies one node's slivers while the next node's are still arriving.
 * @see node/client/codec.ts, node/encoding
 * @packageDocumentation
 */
import { assertSliverShape } from '../../shared/encoding/sliver.ts';
import { SymbolSizeMismatchError } from '../../shared/encoding/errors.ts';
import { DIGEST_LENGTH } from '../../shared/encoding/params.ts';
import type { Sliver } from '../../shared/encoding/types.ts';
import { decodeBlobParallel, encodeBlobParallel, sharedEncodingPool } from '../encoding/index.ts';
import type { EncodingPool } from '../encoding/index.ts';
import { inlineCodec } from './codec.ts';
import type { ClientCodec } from './codec.ts';

/** True for a view of a SharedArrayBuffer (worker threads read it without a copy). */
function isSharedView(v: Uint8Array): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && v.buffer instanceof SharedArrayBuffer;
}

/** Options of {@link nodeCodec}. */
export interface NodeCodecInit {
  /** The worker pool. @default node/encoding's shared pool (one worker per core) */
  pool?: EncodingPool;
  /**
   * Sliver verification below this many bytes runs on the calling thread (a worker round trip costs more).
   * @default 262_144
   */
  minPooledVerifyBytes?: number;
}

/** A {@link ClientCodec} on node/encoding's worker pool. */
export function nodeCodec(init: NodeCodecInit = {}): ClientCodec {
  const poolOf = (): EncodingPool => init.pool ?? sharedEncodingPool();
  const minPooled = init.minPooledVerifyBytes ?? 256 * 1024;
  return {
    encode: (blob, nShards) => encodeBlobParallel(blob, nShards, { pool: poolOf() }),
    decode: (metadata, slivers, nShards, options) =>
      decodeBlobParallel(metadata, slivers, nShards, { ...options, pool: poolOf() }),
    async sliverRoots(slivers: readonly Sliver[], nShards: number): Promise<Uint8Array[]> {
      if (slivers.length === 0) return [];
      const { axis, symbolSize } = slivers[0];
      for (const s of slivers) {
        assertSliverShape(s, nShards);
        if (s.axis !== axis || s.symbolSize !== symbolSize) {
          throw new SymbolSizeMismatchError(`${s.axis} sliver ${s.index}`, symbolSize, s.symbolSize);
        }
      }
      const len = slivers[0].data.length;
      if (len * slivers.length < minPooled) return inlineCodec.sliverRoots(slivers, nShards);
      const pool = poolOf();
      if (slivers.every((s) => isSharedView(s.data))) {
        // Views of shared memory (the libp2p transport's sliver responses): one task per sliver reading
        // the view in place, neither copied nor transferred.
        return Promise.all(
          slivers.map(async (s) => {
            const r = await pool.run('expand', {
              axis,
              nShards,
              symbolSize,
              count: 1,
              slivers: s.data,
              repair: false,
              roots: true,
            });
            return (r.roots as Uint8Array).slice(0, DIGEST_LENGTH);
          }),
        );
      }
      // One task per worker (at least), each with its own copy of its slivers (transferred, not cloned).
      const parts = Math.min(slivers.length, 2 * pool.size);
      const step = Math.ceil(slivers.length / parts);
      const out: Uint8Array[] = new Array<Uint8Array>(slivers.length);
      const tasks: Promise<void>[] = [];
      for (let first = 0; first < slivers.length; first += step) {
        const group = slivers.slice(first, first + step);
        const data = new Uint8Array(group.length * len);
        group.forEach((s, i) => data.set(s.data, i * len));
        tasks.push(
          pool
            .run(
              'expand',
              { axis, nShards, symbolSize, count: group.length, slivers: data, repair: false, roots: true },
              [data.buffer],
            )
            .then((r) => {
              const roots = r.roots as Uint8Array;
              group.forEach((_, i) => {
                out[first + i] = roots.slice(i * DIGEST_LENGTH, (i + 1) * DIGEST_LENGTH);
              });
            }),
        );
      }
      await Promise.all(tasks);
      return out;
    },
  };
}
