/**
 * The client codec on all cores (Node only): encoding and decoding through node/encoding's worker pool
 * (`encodeBlobParallel`, `decodeBlobParallel`), and sliver verification as expansion tasks split across the
 * workers, so a read verifies one node's slivers while the next node's are still arriving.
 * @see node/client/codec.ts, node/encoding
 * @packageDocumentation
 */
import { assertUniformSlivers } from '../../shared/encoding/sliver.ts';
import type { Sliver } from '../../shared/encoding/types.ts';
import {
  decodeBlobParallel,
  encodeBlobParallel,
  sharedEncodingPool,
  sliverRootsParallel,
} from '../encoding/index.ts';
import type { EncodingPool } from '../encoding/index.ts';
import { inlineCodec } from './codec.ts';
import type { ClientCodec } from './codec.ts';

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
      assertUniformSlivers(slivers, nShards);
      const bytes = slivers.length === 0 ? 0 : slivers[0].data.length * slivers.length;
      if (bytes < minPooled) return inlineCodec.sliverRoots(slivers, nShards);
      const pool = poolOf();
      // shared-memory views (the libp2p transport's sliver responses) are read in place, one task each;
      // otherwise one task per worker (at least), each with its own transferred copy
      return sliverRootsParallel((t, tr) => pool.run('expand', t, tr), slivers, nShards, {
        parts: 2 * pool.size,
      });
    },
  };
}
