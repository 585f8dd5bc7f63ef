/**
 * `walrus-ts node register --config node.yaml [--stake <WAL>]`: registers the node as a storage-node
 * candidate on the chain (BLS proof of possession for the current epoch), funding the account from the
 * devnet faucet when its balance is too low, then stakes `--stake` WAL with it. Re-running it with an
 * already registered key only stakes.
 * @see spec §6.4
 */
import { bytesEqual } from '../../../../shared/encoding/blob-id.ts';
import { httpMultiaddr } from '../../../client/transport/endpoints.ts';
import { HttpChainClient } from '../../../chain/embedded/http-client.ts';
import type { ChainClient } from '../../../chain/types.ts';
import { loadNodeConfig } from '../../../config/config.ts';
import type { NodeConfig } from '../../../config/config.ts';
import { readKeystore, type Keystore } from '../../../identity/keystore.ts';
import { signProofOfPossession } from '../../../identity/proof-of-possession.ts';
import { printJson } from '../../output.ts';
import { configFlags } from './options.ts';

const FROST_PER_WAL = 1_000_000_000n;

/** Options of register. */
export interface RegisterOptions extends Record<string, unknown> {
  config?: string;
  name?: string;
  stake?: string;
  storagePrice?: string;
  writePrice?: string;
  capacity?: string;
  faucet?: boolean;
  json?: boolean;
}

/** Parses a WAL amount with up to 9 decimals into FROST. @throws Error for malformed input */
export function parseWal(text: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!m) throw Object.assign(new Error(`invalid WAL amount ${JSON.stringify(text)}`), { exitCode: 2 });
  return BigInt(m[1]) * FROST_PER_WAL + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** Multiaddrs to register: announce addresses, else listen ones (0.0.0.0 -> 127.0.0.1), with `/p2p/<peer>`. */
export function registrationMultiaddrs(config: NodeConfig, ks: Keystore): string[] {
  const base = config.network.announce.length > 0 ? config.network.announce : config.network.listen;
  const peer = ks.peerId.toString();
  const libp2p = base.map((a) => {
    const addr = a.replace('/ip4/0.0.0.0/', '/ip4/127.0.0.1/');
    return addr.includes('/p2p/') ? addr : `${addr}/p2p/${peer}`;
  });
  // The HTTP API is announced too (`/ip4/<host>/tcp/<port>/http`), so clients can fall back to it and the
  // explorer can probe the node. A wildcard bind is announced on loopback, like the libp2p addresses.
  const apiHost =
    config.api.host === '0.0.0.0' ? '127.0.0.1' : config.api.host === '::' ? '::1' : config.api.host;
  return [...libp2p, httpMultiaddr(apiHost, config.api.port)];
}

/** Registers (if needed) and stakes; returns what it did. */
export async function registerNode(
  chain: ChainClient,
  config: NodeConfig,
  ks: Keystore,
  opts: RegisterOptions,
): Promise<{ nodeId: string; registered: boolean; staked: bigint; funded: bigint; digests: string[] }> {
  const stake = opts.stake !== undefined ? parseWal(opts.stake) : 0n;
  const digests: string[] = [];
  let funded = 0n;
  const needed = stake + FROST_PER_WAL; // the stake plus gas-like headroom
  if (opts.faucet !== false && (await chain.balance(ks.suiAddress)) < needed) {
    const r = await chain.faucet({ amount: needed });
    digests.push(r.digest);
    funded = needed;
  }
  const existing = (await chain.storageNodes()).find((n) => bytesEqual(n.publicKey, ks.blsPublicKey));
  let nodeId = existing?.nodeId;
  if (!nodeId) {
    const state = await chain.systemState();
    const r = await chain.registerCandidate({
      name: opts.name ?? `walrus-ts-${ks.peerId.toString().slice(-8)}`,
      peerId: ks.peerId.toString(),
      multiaddrs: registrationMultiaddrs(config, ks),
      publicKey: ks.blsPublicKey,
      proofOfPossession: signProofOfPossession(ks.blsSecretKey, state.epoch, ks.suiAddress),
      storagePrice: BigInt(opts.storagePrice ?? '1000'),
      writePrice: BigInt(opts.writePrice ?? '2000'),
      nodeCapacity: Number(opts.capacity ?? 1024 ** 4),
    });
    digests.push(r.digest);
    nodeId = r.nodeId;
  }
  if (stake > 0n) digests.push((await chain.stake({ nodeId, amount: stake })).digest);
  return { nodeId, registered: !existing, staked: stake, funded, digests };
}

/** The `register` command. */
export async function register(opts: RegisterOptions): Promise<void> {
  const config = await loadNodeConfig(opts.config, { flags: configFlags(opts) });
  const ks = await readKeystore(config.keystorePath);
  const chain = new HttpChainClient({ url: config.chain.endpoint, signer: ks.suiKeypair });
  try {
    const r = await registerNode(chain, config, ks, opts);
    if (opts.json) printJson(r);
    else {
      process.stdout.write(
        `${r.registered ? 'registered' : 'already registered:'} node ${r.nodeId}` +
          (r.staked > 0n ? `, staked ${r.staked} FROST` : '') +
          (r.funded > 0n ? ` (faucet: ${r.funded} FROST)` : '') +
          '\n',
      );
    }
  } finally {
    await chain.close();
  }
}
