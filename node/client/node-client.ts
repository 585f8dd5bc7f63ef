/**
 * Node.js entry of the client: runs the client's own libp2p node (node/client/client-network.ts) and builds
 * a {@link WalrusClient} whose slivers travel over libp2p streams, with the nodes' HTTP APIs as fallback,
 * and whose codec runs on the worker pool of node/encoding. Used by the CLI, the daemon, tests and
 * benchmarks. Not isomorphic (browsers use `httpTransport` and the inline codec).
 *
 * @example
 * ```ts
 * const { client, stop } = await createNodeClient({ chain: new HttpChainClient({ url, signer }) })
 * try { await client.writeBlob(bytes) } finally { await stop() }
 * ```
 * @packageDocumentation
 */
import { setFlagsFromString } from 'node:v8';
import { tuneGcForBulkTransfers } from '../network/gc-tuning.ts';
import type { ComponentLogger } from '@libp2p/interface';
import { enableNodeBls } from '../crypto/blst/index.ts';
import { initHashing } from '../../shared/encoding/hashing.ts';
import type { ChainReader, ChainWriter } from '../chain/types.ts';
import { WalrusClient } from './client.ts';
import type { ClientNetwork } from './client-network.ts';
import { nodeCodec } from './node-codec.ts';
import { fallbackTransport } from './transport/fallback.ts';
import { httpTransport } from './transport/http.ts';
import type { HttpTransportInit } from './transport/http.ts';
import type { StorageNodeTransport } from './transport/types.ts';
import type { ClientInit, ClientLogger } from './types.ts';

/** Options of {@link createNodeClient}. */
export interface NodeClientInit extends ClientInit {
  /** The chain; give it a signer for writes. Not closed by `stop()`. */
  chain: ChainReader & Partial<ChainWriter>;
  /**
   * `libp2p`: libp2p streams with HTTP fallback; `http`: HTTP only (no libp2p node is started).
   * @default 'libp2p'
   */
  transport?: 'libp2p' | 'http';
  /** Listen addresses of the client's libp2p node (none needed to dial out). @default [] */
  listen?: string[];
  /** HTTP transport options. */
  http?: HttpTransportInit;
  /** libp2p logger. @default libp2p's default (`DEBUG=walrus-ts:*`) */
  logger?: ComponentLogger;
  /**
   * Load the fast BLS verifier (native blst, else mcl-wasm; node/crypto/blst) at start, so the first
   * write's confirmations are not checked with the slow pure-JS one. Read-only users can skip it.
   * `WALRUS_TS_BLS=mcl` or `noble` picks a slower backend.
   * @default true
   */
  fastBls?: boolean;
  /**
   * Keep V8's concurrent marking on in this process. By default the client turns it off, process-wide and
   * for good (`--no-concurrent-marking`, see {@link disableConcurrentMarking}): a read or write streams
   * megabytes of socket, Noise and body buffers through a small heap, their external memory starts a
   * marking cycle every few dozen MiB, and V8's helper threads spent more CPU on those cycles than the
   * rest of the client's read. Measured on a 64 MiB read (n = 100, 7 nodes, load 9-12, per-thread CPU from
   * /proc): helper threads 550-620 -> 60-100 ms, main thread ~520-550 -> 510-580 ms, client total
   * 1324-1429 -> 820-916 ms. Storage nodes keep it: their larger heap gains from it (same measurement: the
   * nodes' total rose from 520-800 to 880-1040 ms without it).
   * @default false
   */
  concurrentMarking?: boolean;
  /**
   * Count socket, Noise and body buffers towards V8's global heap limit rather than its fixed 64 MiB
   * external-memory limit ({@link tuneGcForBulkTransfers}, process-wide, as storage nodes do). 64 MiB
   * store + read, n = 100, 7 nodes, load 5-9, A/B: client CPU store 2115 -> 1806 ms, read 674 -> 576 ms.
   * @default true
   */
  tuneGc?: boolean;
}

let concurrentMarkingOff = false;

/**
 * Turns off V8's concurrent marking for the rest of this process (idempotent; the marking then runs
 * incrementally on the thread that allocates). Called by {@link createNodeClient} unless its
 * `concurrentMarking` is true.
 */
export function disableConcurrentMarking(): void {
  if (concurrentMarkingOff) return;
  setFlagsFromString('--no-concurrent-marking');
  concurrentMarkingOff = true;
}

/** A running client and how to stop it. */
export interface NodeClient {
  client: WalrusClient;
  /** The client's libp2p node (undefined with `transport: 'http'`). */
  network?: ClientNetwork;
  stop(): Promise<void>;
}

/** Builds and starts a client with its own libp2p node. */
export async function createNodeClient(init: NodeClientInit): Promise<NodeClient> {
  if (!(init.concurrentMarking ?? false)) disableConcurrentMarking();
  if (init.tuneGc ?? true) tuneGcForBulkTransfers();
  if (init.fastBls ?? true) void enableNodeBls();
  const http = httpTransport(init.http);
  let network: ClientNetwork | undefined;
  let transport: StorageNodeTransport = http;
  if ((init.transport ?? 'libp2p') === 'libp2p') {
    // Loaded on use: an HTTP-only client never loads libp2p.
    const [{ createClientNetwork }, { libp2pTransport }] = await Promise.all([
      import('./client-network.ts'),
      import('./transport/libp2p.ts'),
      initHashing(),
    ]);
    network = await createClientNetwork({ listen: init.listen, logger: init.logger });
    transport = fallbackTransport(
      libp2pTransport({})({ reqResp: network.reqResp, libp2p: network.libp2p }),
      http,
    );
  } else {
    await initHashing();
  }
  const logger: ClientLogger | undefined = init.logger?.forComponent('walrus-ts:client');
  const client = new WalrusClient({ chain: init.chain, transport, logger, codec: nodeCodec() }, init);
  return {
    client,
    network,
    async stop() {
      await network?.stop();
    },
  };
}
