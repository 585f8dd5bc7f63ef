/**
 * Shared pieces of the blob commands (store, read, blob-status, list-blobs, delete, extend, health and the
 * daemons): common options, building a client from them, and number formatting.
 *
 * Chain URL: `--chain-url`, else `$WALRUS_TS_CHAIN_URL`, else the local devnet chain. Wallet: `--wallet`,
 * else `$WALRUS_TS_WALLET`, else `~/.walrus-ts/wallet.json` (created by `walrus-ts wallet new`).
 */
import { InvalidArgumentError as CommanderInvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { InvalidArgumentError } from '../../../../shared/errors.ts';
import { HttpChainClient } from '../../../chain/embedded/http-client.ts';
import { loadWallet, resolveChainUrl, resolveWalletPath } from '../../../chain/wallet.ts';
import type { NodeClient } from '../../../client/node-client.ts';
import { EXIT_BAD_INPUT } from '../../output.ts';

/** Options every blob command takes. */
export interface CommonOptions {
  chainUrl?: string;
  wallet?: string;
  json?: boolean;
  transport?: 'libp2p' | 'http';
}

/** A bad argument or unreadable input file: exits with code 2. */
export class CliInputError extends InvalidArgumentError {
  static readonly name = 'CliInputError';
  readonly exitCode = EXIT_BAD_INPUT;
  constructor(message: string, code = 'CLI_BAD_INPUT') {
    super(message, code);
  }
}

/** Adds `--chain-url`, `--wallet`, `--transport` and `--json`. */
export function addCommonOptions(cmd: Command, wallet = true): Command {
  cmd
    .option('--chain-url <url>', 'chain URL (default $WALRUS_TS_CHAIN_URL or http://127.0.0.1:9400)')
    .option(
      '--transport <kind>',
      'how to reach storage nodes: libp2p (HTTP fallback) or http',
      parseTransport,
    )
    .option('--json', 'print JSON', false);
  if (wallet)
    cmd.option('--wallet <path>', 'wallet file (default $WALRUS_TS_WALLET or ~/.walrus-ts/wallet.json)');
  return cmd;
}

function parseTransport(v: string): 'libp2p' | 'http' {
  if (v !== 'libp2p' && v !== 'http') throw new CommanderInvalidArgumentError('expected libp2p or http');
  return v;
}

/** Commander parser of a positive integer option. */
export function parsePositiveInt(v: string): number {
  if (!/^\d{1,9}$/.test(v) || Number(v) === 0)
    throw new CommanderInvalidArgumentError('expected a positive integer');
  return Number(v);
}

/**
 * Builds a client (with its libp2p node) from the options, runs `fn`, and always stops it.
 * @param signer load the wallet (needed for transactions)
 */
export async function withClient<T>(
  opts: CommonOptions,
  signer: boolean,
  fn: (nc: NodeClient) => Promise<T>,
): Promise<T> {
  const chain = new HttpChainClient({
    url: resolveChainUrl(opts.chainUrl),
    signer: signer ? loadWallet(resolveWalletPath(opts.wallet)) : undefined,
  });
  // Loaded on use: libp2p is heavy, and `--help` should stay quick.
  const { createNodeClient } = await import('../../../client/node-client.ts');
  // Only writers check BLS confirmations: readers skip loading the fast verifier.
  const nc = await createNodeClient({ chain, transport: opts.transport ?? 'libp2p', fastBls: signer });
  try {
    return await fn(nc);
  } finally {
    await nc.stop();
    await chain.close();
  }
}

/** `1.5 MiB`-style size. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(2)} ${units[u]}`;
}

/** FROST as `x.y WAL`. */
export function formatWal(frost: bigint): string {
  const FROST = 1_000_000_000n;
  const frac = (frost % FROST).toString().padStart(9, '0').replace(/0+$/, '');
  return `${frost / FROST}${frac ? '.' + frac : ''} WAL`;
}
