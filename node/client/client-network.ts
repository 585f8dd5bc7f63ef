/**
 * The client's own libp2p node: only what a client needs to send requests to storage nodes (TCP, Noise,
 * Yamux and the request/response layer of node/network). No DHT, gossipsub, identify or listeners: a client
 * dials the addresses nodes announce on chain, so it starts in milliseconds, loads far less code than a
 * storage node's network and is not asked to serve DHT or gossip streams.
 * @see node/network/reqresp/reqresp.ts
 * @packageDocumentation
 */
import type { ComponentLogger, Libp2p, PeerId } from '@libp2p/interface';
import { noise } from '@libp2p/noise';
import { tcp } from '@libp2p/tcp';
import { yamux } from '@libp2p/yamux';
import { createLibp2p } from 'libp2p';
import { reqResp } from '../network/reqresp/reqresp.ts';
import type { ReqResp } from '../network/reqresp/reqresp.ts';
import { fastNoiseCrypto } from '../network/noise-crypto.ts';
import { sendYamuxWindowUpdatesOnHalf } from '../network/yamux-window.ts';
import { CONNECTION_MONITOR } from '../network/connection-monitor.ts';

/** Options of {@link createClientNetwork}. */
export interface ClientNetworkInit {
  /** Listen addresses (none needed to dial out). @default [] */
  listen?: string[];
  /** libp2p logger. @default libp2p's default (`DEBUG=...`) */
  logger?: ComponentLogger;
}

/** A started client network. */
export interface ClientNetwork {
  readonly libp2p: Libp2p;
  readonly peerId: PeerId;
  readonly reqResp: ReqResp;
  stop(): Promise<void>;
}

/** Builds and starts the client's libp2p node and its request/response layer. */
export async function createClientNetwork(init: ClientNetworkInit = {}): Promise<ClientNetwork> {
  sendYamuxWindowUpdatesOnHalf(); // see node/network/yamux-window.ts
  const libp2p = await createLibp2p({
    start: false,
    logger: init.logger,
    addresses: { listen: init.listen ?? [] },
    transports: [tcp()],
    // Slivers are megabytes of Noise messages: see node/network/noise-crypto.ts.
    connectionEncrypters: [noise({ crypto: fastNoiseCrypto })],
    streamMuxers: [yamux()],
    connectionMonitor: CONNECTION_MONITOR,
  });
  const rr = reqResp()({ libp2p, logger: libp2p.logger });
  await libp2p.start();
  await rr.start();
  return {
    libp2p,
    peerId: libp2p.peerId,
    reqResp: rr,
    async stop() {
      await rr.stop();
      await libp2p.stop();
    },
  };
}
