/**
 * Test fixtures for the embedded chain: a ledger with a committee of storage nodes (real BLS keys),
 * blob registrations with consistent (root hash, blob ID), and certificates signed by chosen members.
 */
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { blake2b } from '@noble/hashes/blake2.js';
import {
  encodeInvalidBlobIdMessage,
  encodeProofOfPossessionMessage,
  encodeStorageConfirmation,
} from '../../../../../shared/bcs/messages.ts';
import {
  aggregateSignatures,
  generateKeyPair,
  hashMessage,
  sign,
  type BlsKeyPair,
} from '../../../../../shared/crypto/bls.ts';
import { blobIdToString } from '../../../../../shared/encoding/blob-id.ts';
import { InProcessChainClient } from '../../../../../node/chain/embedded/in-process-client.ts';
import { Ledger, type LedgerInit } from '../../../../../node/chain/embedded/ledger.ts';
import type { Committee, ProtocolCertificate } from '../../../../../node/chain/types.ts';

export const WAL = 1_000_000_000n;

export interface TestNode {
  keypair: Ed25519Keypair;
  bls: BlsKeyPair;
  client: InProcessChainClient;
  nodeId: string;
}

/** Deterministic BLS key for node i. */
export function blsKey(i: number): BlsKeyPair {
  return generateKeyPair(new Uint8Array(32).fill(i + 1));
}

/** Registers `stakes.length` nodes with those stakes (WAL) on `ledger`, without starting the epoch. */
export async function registerNodes(
  ledger: Ledger,
  stakes: readonly bigint[],
  firstKeyIndex = 0,
): Promise<TestNode[]> {
  const nodes: TestNode[] = [];
  for (let i = 0; i < stakes.length; i++) {
    const keypair = Ed25519Keypair.generate();
    const client = new InProcessChainClient(ledger, keypair);
    const bls = blsKey(firstKeyIndex + i);
    const epoch = (await client.systemState()).epoch;
    const pop = sign(
      encodeProofOfPossessionMessage(epoch, keypair.toSuiAddress(), bls.publicKey),
      bls.secretKey,
    );
    await client.faucet({ amount: 1000n * WAL });
    const { nodeId } = await client.registerCandidate({
      name: `node-${i}`,
      peerId: `12D3KooWtest${i}`,
      multiaddrs: [`/ip4/127.0.0.1/tcp/${4000 + i}`],
      publicKey: bls.publicKey,
      proofOfPossession: pop,
      storagePrice: 1000n,
      writePrice: 2000n,
      nodeCapacity: 1024 ** 4,
    });
    if (stakes[i] > 0n) await client.stake({ nodeId, amount: stakes[i] * WAL });
    nodes.push({ keypair, bls, client, nodeId });
  }
  return nodes;
}

/** A ledger with `n` equal-stake nodes, first epoch started. */
export async function createChain(
  init: LedgerInit = {},
  n = 4,
): Promise<{ ledger: Ledger; nodes: TestNode[]; user: InProcessChainClient; userKeypair: Ed25519Keypair }> {
  const ledger = new Ledger({ nShards: 10, epochDurationMs: 3_600_000, ...init });
  const nodes = await registerNodes(
    ledger,
    Array.from({ length: n }, () => 100n),
  );
  await nodes[0].client.startFirstEpoch();
  const userKeypair = Ed25519Keypair.generate();
  const user = new InProcessChainClient(ledger, userKeypair);
  await user.faucet({ amount: 1000n * WAL });
  return { ledger, nodes, user, userKeypair };
}

/** A random root hash and the blob ID derived from it for `size`. */
export function blobFor(size: number): { rootHash: Uint8Array; blobId: string; blobIdBytes: Uint8Array } {
  const rootHash = crypto.getRandomValues(new Uint8Array(32));
  const d = new Uint8Array(41);
  d[0] = 1;
  new DataView(d.buffer).setBigUint64(1, BigInt(size), true);
  d.set(rootHash, 9);
  const blobIdBytes = blake2b(d, { dkLen: 32 });
  return { rootHash, blobId: blobIdToString(blobIdBytes), blobIdBytes };
}

/** Index in `committee.members` of each test node (members are sorted by node ID). */
export function memberIndex(committee: Committee, nodes: readonly TestNode[]): number[] {
  return nodes.map((n) => committee.members.findIndex((m) => m.nodeId === n.nodeId));
}

/** A certificate over `message` signed by `signers` (test nodes). */
export function certify(
  committee: Committee,
  nodes: readonly TestNode[],
  signers: readonly TestNode[],
  message: Uint8Array,
): ProtocolCertificate {
  const h = hashMessage(message);
  const idx = memberIndex(committee, signers);
  const order = signers.map((s, i) => ({ s, i: idx[i] })).sort((a, b) => a.i - b.i);
  void nodes;
  return {
    signers: order.map((o) => o.i),
    serializedMessage: message,
    signature: aggregateSignatures(order.map((o) => sign(h, o.s.bls.secretKey))),
  };
}

/** Storage confirmation bytes for a blob object. */
export function confirmation(epoch: number, blobIdBytes: Uint8Array, deletableObjectId?: string): Uint8Array {
  return encodeStorageConfirmation({
    epoch,
    blobId: blobIdBytes,
    persistence: deletableObjectId
      ? { kind: 'deletable', objectId: new Uint8Array(Buffer.from(deletableObjectId.slice(2), 'hex')) }
      : { kind: 'permanent' },
  });
}

export { encodeInvalidBlobIdMessage };

/** Every table of the ledger's database, for "the ledger is unchanged" assertions. */
export function snapshot(ledger: Ledger): string {
  const tables = [
    'kv',
    'accounts',
    'nodes',
    'committees',
    'storage',
    'blobs',
    'invalid_blob_ids',
    'future_used',
    'events',
    'txs',
  ];
  return JSON.stringify(tables.map((t) => ledger.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()));
}
