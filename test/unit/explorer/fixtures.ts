/**
 * A small embedded chain for the explorer's tests: a ledger behind its real HTTP server, storage nodes
 * registered with real BLS keys (proofs of possession), and blobs registered and certified with real
 * aggregate signatures made by the test acting as the nodes. Every transaction goes over HTTP, so the
 * chain server records it for `GET /v1/transactions/:digest`.
 */
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { encodeProofOfPossessionMessage, encodeStorageConfirmation } from '../../../shared/bcs/messages.ts';
import {
  aggregateSignatures,
  generateKeyPair,
  hashMessage,
  sign,
  type BlsKeyPair,
} from '../../../shared/crypto/bls.ts';
import { blobIdToString } from '../../../shared/encoding/blob-id.ts';
import { computeBlobMetadata } from '../../../shared/encoding/encoder.ts';
import { encodedBlobLength } from '../../../shared/encoding/params.ts';
import { HttpChainClient } from '../../../node/chain/embedded/http-client.ts';
import { Ledger } from '../../../node/chain/embedded/ledger.ts';
import { startChainServer, type ChainServer } from '../../../node/chain/embedded/server.ts';
import type { Committee, ProtocolCertificate } from '../../../node/chain/types.ts';

export const WAL = 1_000_000_000n;

/** A storage node as the tests drive it. */
export interface DevNode {
  name: string;
  nodeId: string;
  keypair: Ed25519Keypair;
  bls: BlsKeyPair;
  client: HttpChainClient;
}

/** A running chain with a committee. */
export interface DevChain {
  ledger: Ledger;
  server: ChainServer;
  url: string;
  nodes: DevNode[];
  user: HttpChainClient;
  nShards: number;
  close(): Promise<void>;
}

/** Options of {@link startDevChain}. */
export interface DevChainInit {
  /** @default 4 */
  nodes?: number;
  /** @default 10 */
  nShards?: number;
  /** Multiaddrs node i registers. @default a libp2p TCP address only */
  multiaddrs?: (i: number) => string[];
  /** Node names. @default `node-<i>` */
  name?: (i: number) => string;
}

/** Starts a ledger and its HTTP server on 127.0.0.1:0, registers and stakes the nodes, starts epoch 1. */
export async function startDevChain(init: DevChainInit = {}): Promise<DevChain> {
  const nShards = init.nShards ?? 10;
  const ledger = new Ledger({ nShards, epochDurationMs: 3_600_000 });
  const server = await startChainServer({ ledger, host: '127.0.0.1', port: 0 });
  const nodes: DevNode[] = [];
  const count = init.nodes ?? 4;
  for (let i = 0; i < count; i++) {
    const keypair = Ed25519Keypair.generate();
    const client = new HttpChainClient({ url: server.url, signer: keypair });
    const bls = generateKeyPair(new Uint8Array(32).fill(40 + i));
    const name = init.name?.(i) ?? `node-${i}`;
    await client.faucet({ amount: 1000n * WAL });
    const pop = sign(encodeProofOfPossessionMessage(0, keypair.toSuiAddress(), bls.publicKey), bls.secretKey);
    const { nodeId } = await client.registerCandidate({
      name,
      peerId: `12D3KooWExplorerTest${i}`,
      multiaddrs: init.multiaddrs?.(i) ?? [`/ip4/127.0.0.1/tcp/${47000 + i}`],
      publicKey: bls.publicKey,
      proofOfPossession: pop,
      storagePrice: 1000n,
      writePrice: 2000n,
      nodeCapacity: 1024 ** 4,
    });
    await client.stake({ nodeId, amount: 100n * WAL });
    nodes.push({ name, nodeId, keypair, bls, client });
  }
  await nodes[0].client.startFirstEpoch();
  const user = new HttpChainClient({ url: server.url, signer: Ed25519Keypair.generate() });
  await user.faucet({ amount: 1000n * WAL });
  return {
    ledger,
    server,
    url: server.url,
    nodes,
    user,
    nShards,
    async close() {
      await server.close();
      ledger.close();
    },
  };
}

/** A certificate over `message` by the nodes at `signerIdx` (indices into `nodes`). */
export function certificateBy(
  committee: Committee,
  nodes: readonly DevNode[],
  signerIdx: readonly number[],
  message: Uint8Array,
): ProtocolCertificate {
  const h = hashMessage(message);
  const order = signerIdx
    .map((i) => ({
      node: nodes[i],
      member: committee.members.findIndex((m) => m.nodeId === nodes[i].nodeId),
    }))
    .sort((a, b) => a.member - b.member);
  return {
    signers: order.map((o) => o.member),
    serializedMessage: message,
    signature: aggregateSignatures(order.map((o) => sign(h, o.node.bls.secretKey))),
  };
}

/** A stored (registered and, unless `certify: false`, certified) blob. */
export interface StoredBlob {
  data: Uint8Array;
  blobId: string;
  objectId: string;
  certifyDigest: string | null;
}

/**
 * Registers `data` as a blob (real blob ID from the encoder) and certifies it with the signatures of
 * `signers` (default: all nodes).
 */
export async function storeBlob(
  chain: DevChain,
  data: Uint8Array,
  opts: {
    deletable?: boolean;
    epochs?: number;
    certify?: boolean;
    signers?: number[];
    attributes?: Record<string, string>;
  } = {},
): Promise<StoredBlob> {
  const meta = computeBlobMetadata(data, chain.nShards);
  const blobId = blobIdToString(meta.blobId);
  const { storage } = await chain.user.reserveSpace({
    size: encodedBlobLength(data.length, chain.nShards),
    epochs: opts.epochs ?? 3,
  });
  const { blob } = await chain.user.registerBlob({
    storageId: storage.id,
    blobId,
    rootHash: meta.rootHash,
    size: data.length,
    encodingType: 1,
    deletable: opts.deletable ?? false,
  });
  if (opts.attributes)
    await chain.user.setBlobAttributes({ blobObjectId: blob.id, attributes: opts.attributes });
  if (opts.certify === false) return { data, blobId, objectId: blob.id, certifyDigest: null };
  const state = await chain.user.systemState();
  const message = encodeStorageConfirmation({
    epoch: state.epoch,
    blobId: meta.blobId,
    persistence: opts.deletable
      ? { kind: 'deletable', objectId: new Uint8Array(Buffer.from(blob.id.slice(2), 'hex')) }
      : { kind: 'permanent' },
  });
  const cert = certificateBy(
    state.committee,
    chain.nodes,
    opts.signers ?? chain.nodes.map((_, i) => i),
    message,
  );
  const r = await chain.user.certifyBlob({ blobObjectId: blob.id, certificate: cert });
  return { data, blobId, objectId: blob.id, certifyDigest: r.digest };
}

/** A tiny valid PNG (1x1, red). */
export const PNG_1X1 = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  ),
);
