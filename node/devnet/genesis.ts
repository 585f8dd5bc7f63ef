/**
 * Genesis of a devnet, done by the supervisor over the chain's HTTP API (idempotent, so a devnet that was
 * interrupted half-way resumes it):
 * 1. each node's keystore is created once (node/identity) and kept in `nodes/node-<k>/keystore.json`;
 * 2. each node's Sui account gets WAL from the faucet, registers the node (with its BLS proof of
 *    possession, its libp2p addresses and its HTTP API address) and stakes on it;
 * 3. the admin account starts the first epoch, which forms the committee.
 *
 * @see spec §6.4 (registration, staking), §6.5 (epochs)
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { stringify as toYaml } from 'yaml';
import { HttpChainClient } from '../chain/embedded/http-client.ts';
import type { ObjectId } from '../chain/types.ts';
import { createWallet, loadWallet } from '../chain/wallet.ts';
import { httpMultiaddr } from '../client/transport/endpoints.ts';
import { generateKeystore, readKeystore, writeKeystore, type Keystore } from '../identity/keystore.ts';
import { signProofOfPossession } from '../identity/proof-of-possession.ts';
import type { DevnetLayout, NodeLayout } from './layout.ts';

const FROST_PER_WAL = 1_000_000_000n;
/** WAL each node account gets from the faucet before registering. */
export const NODE_FAUCET_FROST = 200n * FROST_PER_WAL;
/** WAL each node stakes on itself (equal stakes give every node an equal share of shards). */
export const NODE_STAKE_FROST = 100n * FROST_PER_WAL;
/** Storage price each node votes for: FROST per MiB of encoded size per epoch. */
export const NODE_STORAGE_PRICE_FROST = 1_000n;
/** Write price each node votes for: FROST per MiB of encoded size. */
export const NODE_WRITE_PRICE_FROST = 2_000n;
/** Capacity each node offers, bytes. */
export const NODE_CAPACITY_BYTES = 64 * 1024 ** 3;
/** Balance below which the publisher and user wallets are topped up at start, FROST. */
export const WALLET_MIN_FROST = 500n * FROST_PER_WAL;
/** Largest faucet grant per transaction (the embedded chain's default cap), FROST. */
const FAUCET_MAX_FROST = 1000n * FROST_PER_WAL;

/** Loads the wallet at `path`, creating it first when missing. */
export function ensureWallet(path: string): Ed25519Keypair {
  if (existsSync(path)) return loadWallet(path);
  mkdirSync(dirname(path), { recursive: true });
  return createWallet(path);
}

/** Loads the keystore at `path`, generating and writing it (mode 0600) first when missing. */
export async function ensureKeystore(path: string): Promise<Keystore> {
  if (existsSync(path)) return readKeystore(path);
  mkdirSync(dirname(path), { recursive: true });
  const ks = await generateKeystore();
  await writeKeystore(path, ks);
  return ks;
}

/** The multiaddrs a devnet node registers: libp2p TCP and WebSockets, and its HTTP API. */
export function nodeMultiaddrs(layout: DevnetLayout, node: NodeLayout): string[] {
  return [
    `/ip4/${layout.host}/tcp/${node.p2pPort}`,
    `/ip4/${layout.host}/tcp/${node.wsPort}/ws`,
    httpMultiaddr(layout.host, node.apiPort),
  ];
}

/**
 * Makes sure one node is registered and staked; returns its node ID.
 * Looks the node up by BLS public key first, so a repeated call does not register it twice.
 */
export async function registerNode(
  chainUrl: string,
  layout: DevnetLayout,
  node: NodeLayout,
  ks: Keystore,
  signal?: AbortSignal,
): Promise<ObjectId> {
  const chain = new HttpChainClient({ url: chainUrl, signer: ks.suiKeypair });
  try {
    const pk = Buffer.from(ks.blsPublicKey).toString('hex');
    const known = (await chain.storageNodes({ signal })).find(
      (n) => Buffer.from(n.publicKey).toString('hex') === pk,
    );
    if (known && known.stake > 0n) return known.nodeId;
    if ((await chain.balance(ks.suiAddress, { signal })) < NODE_STAKE_FROST) {
      await chain.faucet({ amount: NODE_FAUCET_FROST, signal });
    }
    let nodeId = known?.nodeId;
    if (!nodeId) {
      const { epoch } = await chain.systemState({ signal });
      const r = await chain.registerCandidate({
        name: node.name,
        peerId: ks.peerId.toString(),
        multiaddrs: nodeMultiaddrs(layout, node),
        publicKey: ks.blsPublicKey,
        proofOfPossession: signProofOfPossession(ks.blsSecretKey, epoch, ks.suiAddress),
        storagePrice: NODE_STORAGE_PRICE_FROST,
        writePrice: NODE_WRITE_PRICE_FROST,
        nodeCapacity: NODE_CAPACITY_BYTES,
        signal,
      });
      nodeId = r.nodeId;
    }
    await chain.stake({ nodeId, amount: NODE_STAKE_FROST, signal });
    return nodeId;
  } finally {
    await chain.close();
  }
}

/** Tops up `wallet`'s balance from the faucet when it is below {@link WALLET_MIN_FROST}. */
export async function fundWallet(
  chainUrl: string,
  wallet: Ed25519Keypair,
  signal?: AbortSignal,
): Promise<bigint> {
  const chain = new HttpChainClient({ url: chainUrl, signer: wallet });
  try {
    let balance = await chain.balance(wallet.toSuiAddress(), { signal });
    if (balance < WALLET_MIN_FROST) {
      balance = (await chain.faucet({ amount: FAUCET_MAX_FROST, signal })).balance;
    }
    return balance;
  } finally {
    await chain.close();
  }
}

/**
 * The node's YAML configuration (node/config format): its database and keystore, loopback listen
 * addresses, HTTP API port, the chain, and every other node as a bootstrap peer.
 */
export function nodeConfigYaml(layout: DevnetLayout, node: NodeLayout, peerIds: readonly string[]): string {
  const bootstrap = layout.nodes
    .filter((n) => n.index !== node.index)
    .map((n) => `/ip4/${layout.host}/tcp/${n.p2pPort}/p2p/${peerIds[n.index]}`);
  const doc = {
    dataDir: node.dbDir,
    keystorePath: node.keystorePath,
    network: {
      name: 'devnet',
      listen: [`/ip4/${layout.host}/tcp/${node.p2pPort}`, `/ip4/${layout.host}/tcp/${node.wsPort}/ws`],
      bootstrap,
    },
    api: { host: layout.host, port: node.apiPort },
    chain: { endpoint: layout.chainUrl },
  };
  return `# Written by walrus-ts devnet at every start; edits are overwritten.\n${toYaml(doc)}`;
}
