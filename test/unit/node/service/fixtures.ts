/**
 * Fixtures for storage-node tests: a real embedded chain (in-process ledger) with storage nodes
 * registered from real keystores, real storage nodes on 127.0.0.1:0, a libp2p client, blob encoding and
 * registration helpers, and small protocol-client helpers over the request/response layer.
 */
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import type { Multiaddr } from '@multiformats/multiaddr';
import { serializeBlobMetadata } from '../../../../shared/bcs/blob.ts';
import { SignedMessageBcs, type SignedMessage } from '../../../../shared/bcs/messages.ts';
import { serializeSliverData } from '../../../../shared/bcs/sliver.ts';
import { blobIdToString } from '../../../../shared/encoding/blob-id.ts';
import { encodeBlob, type EncodedBlob } from '../../../../shared/encoding/encoder.ts';
import { encodedBlobLength, shardOfPair } from '../../../../shared/encoding/params.ts';
import {
  BlobIdHeaderBcs,
  encodeHeader,
  GetConfirmationHeaderBcs,
  GetSliversHeaderBcs,
  GetSliversResponseHeaderBcs,
  decodeHeader,
  PutMetadataHeaderBcs,
  PutResponseHeaderBcs,
  PutSliversHeaderBcs,
} from '../../../../shared/protocol/headers.ts';
import { StorageProtocol } from '../../../../shared/protocol/ids.ts';
import { InProcessChainClient } from '../../../../node/chain/embedded/in-process-client.ts';
import { Ledger, type LedgerInit } from '../../../../node/chain/embedded/ledger.ts';
import type { BlobObject } from '../../../../node/chain/types.ts';
import { generateKeystore, type Keystore } from '../../../../node/identity/keystore.ts';
import { signProofOfPossession } from '../../../../node/identity/proof-of-possession.ts';
import { createNetwork, type Network } from '../../../../node/network/index.ts';
import { createStorageNode, type StorageNode, type StorageNodeInit } from '../../../../node/storage-node.ts';

export const WAL = 1_000_000_000n;

/** A ledger, the node keystores registered on it, and a funded user client. */
export interface TestChain {
  ledger: Ledger;
  keystores: Keystore[];
  nodeIds: string[];
  user: InProcessChainClient;
}

/** Registers one storage node candidate for `ks` on `ledger` and stakes `stake` WAL with it. */
export async function registerNode(
  ledger: Ledger,
  ks: Keystore,
  name: string,
  stake = 100n,
): Promise<string> {
  const client = new InProcessChainClient(ledger, ks.suiKeypair);
  const epoch = (await client.systemState()).epoch;
  await client.faucet({ amount: 1000n * WAL });
  const { nodeId } = await client.registerCandidate({
    name,
    peerId: ks.peerId.toString(),
    multiaddrs: ['/ip4/127.0.0.1/tcp/1'],
    publicKey: ks.blsPublicKey,
    proofOfPossession: signProofOfPossession(ks.blsSecretKey, epoch, ks.suiAddress),
    storagePrice: 1000n,
    writePrice: 2000n,
    nodeCapacity: 1024 ** 4,
  });
  if (stake > 0n) await client.stake({ nodeId, amount: stake * WAL });
  return nodeId;
}

/** A ledger with `nNodes` equal-stake nodes, first epoch started. */
export async function createTestChain(nNodes: number, init: LedgerInit = {}): Promise<TestChain> {
  const ledger = new Ledger({ nShards: 10, epochDurationMs: 3_600_000, ...init });
  const keystores: Keystore[] = [];
  const nodeIds: string[] = [];
  for (let i = 0; i < nNodes; i++) {
    const ks = await generateKeystore();
    keystores.push(ks);
    nodeIds.push(await registerNode(ledger, ks, `node-${i}`));
  }
  const admin = new InProcessChainClient(ledger, keystores[0].suiKeypair);
  await admin.startFirstEpoch();
  const user = new InProcessChainClient(ledger, Ed25519Keypair.generate());
  await user.faucet({ amount: 1000n * WAL });
  return { ledger, keystores, nodeIds, user };
}

/** Creates and starts a storage node for `ks` on the test chain (store in memory unless given). */
export async function startNode(
  chain: TestChain,
  ks: Keystore,
  init: Partial<StorageNodeInit> = {},
): Promise<StorageNode> {
  const node = await createStorageNode({
    keystore: ks,
    chain: new InProcessChainClient(chain.ledger),
    storePath: ':memory:',
    api: { host: '127.0.0.1', port: 0 },
    events: { retryDelayMs: 100 },
    ...init,
  });
  await node.start();
  return node;
}

/** A libp2p client (not a committee member) on 127.0.0.1. */
export async function startClient(): Promise<Network> {
  const net = await createNetwork({ listen: ['/ip4/127.0.0.1/tcp/0'], subscribeGossip: false });
  await net.start();
  return net;
}

/** Deterministic bytes. */
export function testBytes(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Encodes `size` deterministic bytes for `nShards`. */
export function encodeTestBlob(size: number, nShards = 10, seed = 1): EncodedBlob {
  return encodeBlob(testBytes(size, seed), nShards);
}

/** Reserves storage and registers the encoded blob on chain; returns the Blob object. */
export async function registerBlob(
  user: InProcessChainClient,
  encoded: EncodedBlob,
  opts: { deletable?: boolean; epochs?: number } = {},
): Promise<BlobObject> {
  const { storage } = await user.reserveSpace({
    size: encodedBlobLength(encoded.unencodedLength, encoded.nShards),
    epochs: opts.epochs ?? 2,
  });
  const { blob } = await user.registerBlob({
    storageId: storage.id,
    blobId: blobIdToString(encoded.blobId),
    rootHash: encoded.rootHash,
    size: encoded.unencodedLength,
    encodingType: 1,
    deletable: opts.deletable ?? false,
  });
  return blob;
}

/** Polls `check` every 25 ms until true, or throws after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Sliver pairs of `encoded` whose shards `node` owns. */
export function ownedPairs(node: StorageNode, encoded: EncodedBlob): number[] {
  const owned = node.components.committee.view.ownedShards;
  const pairs: number[] = [];
  for (let p = 0; p < encoded.nShards; p++) {
    if (owned.has(shardOfPair(p, encoded.blobId, encoded.nShards))) pairs.push(p);
  }
  return pairs;
}

/** Request helpers over the libp2p storage protocols (what a client does). */
export function protocolClient(net: Network, node: { getMultiaddrs(): Multiaddr[] }) {
  const target = node.getMultiaddrs();
  const req = (
    protocol: string,
    header: Uint8Array,
    body: Uint8Array | Uint8Array[] = new Uint8Array(0),
    max = 64 * 1024 * 1024,
  ) =>
    net.reqResp.request(target, protocol, header, body, {
      maxResponseBodyBytes: max,
      signal: AbortSignal.timeout(20_000),
    });
  return {
    target,
    async putMetadata(encoded: EncodedBlob, pending = false): Promise<number> {
      const res = await req(
        StorageProtocol.putMetadata,
        encodeHeader(PutMetadataHeaderBcs, { blobId: encoded.blobId, pending }),
        serializeBlobMetadata(encoded.metadata),
      );
      return decodeHeader(PutResponseHeaderBcs, res.header).outcomes[0];
    },
    async putSlivers(encoded: EncodedBlob, pairs: number[], pending = false): Promise<number[]> {
      const entries: { pairIndex: number; sliverType: 'primary' | 'secondary'; length: number }[] = [];
      const parts: Uint8Array[] = [];
      const n = encoded.nShards;
      for (const p of pairs) {
        for (const [type, sliver] of [
          ['primary', encoded.primarySlivers[p]],
          ['secondary', encoded.secondarySlivers[n - 1 - p]],
        ] as const) {
          const bytes = serializeSliverData(sliver);
          entries.push({ pairIndex: p, sliverType: type, length: bytes.length });
          parts.push(bytes);
        }
      }
      const res = await req(
        StorageProtocol.putSlivers,
        encodeHeader(PutSliversHeaderBcs, { blobId: encoded.blobId, pending, entries }),
        parts,
      );
      return decodeHeader(PutResponseHeaderBcs, res.header).outcomes;
    },
    async getSlivers(blobId: Uint8Array, refs: { pairIndex: number; sliverType: 'primary' | 'secondary' }[]) {
      const res = await req(
        StorageProtocol.getSlivers,
        encodeHeader(GetSliversHeaderBcs, { blobId, slivers: refs }),
      );
      const lengths = decodeHeader(GetSliversResponseHeaderBcs, res.header).lengths;
      const out: (Uint8Array | undefined)[] = [];
      let o = 0;
      for (const l of lengths) {
        out.push(l === 0 ? undefined : res.body.subarray(o, o + l));
        o += l;
      }
      return out;
    },
    async getConfirmation(blobId: Uint8Array, objectId?: Uint8Array, waitMs = 0): Promise<SignedMessage> {
      const res = await req(
        StorageProtocol.getConfirmation,
        encodeHeader(GetConfirmationHeaderBcs, {
          blobId,
          persistence: objectId ? { Deletable: objectId } : { Permanent: true },
          waitForRegistrationMs: waitMs,
        }),
      );
      return SignedMessageBcs.parse(res.body);
    },
    async blobStatus(blobId: Uint8Array): Promise<unknown> {
      const res = await req(StorageProtocol.getBlobStatus, encodeHeader(BlobIdHeaderBcs, { blobId }));
      return JSON.parse(new TextDecoder().decode(res.body));
    },
    request: req,
  };
}

/** The object ID of a Blob object as 32 bytes. */
export function objectIdBytes(id: string): Uint8Array {
  return Uint8Array.from(Buffer.from(id.slice(2), 'hex'));
}
