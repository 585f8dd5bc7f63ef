/**
 * `walrus-ts wallet [new|address|balance|faucet]`: the local Sui account used for chain transactions.
 */
import type { Command } from 'commander';
import { HttpChainClient } from '../../../chain/embedded/http-client.ts';
import { createWallet, loadWallet, resolveChainUrl, resolveWalletPath } from '../../../chain/wallet.ts';
import { printJson } from '../../output.ts';

const FROST = 1_000_000_000n;

function wal(frost: bigint): string {
  const frac = (frost % FROST).toString().padStart(9, '0').replace(/0+$/, '');
  return `${frost / FROST}${frac ? '.' + frac : ''} WAL`;
}

function parseWal(v: string): bigint {
  const m = /^([0-9]+)(?:\.([0-9]{1,9}))?$/.exec(v);
  if (!m) throw new Error(`invalid WAL amount "${v}"`);
  return BigInt(m[1]) * FROST + BigInt((m[2] ?? '').padEnd(9, '0'));
}

interface Opts {
  wallet?: string;
  chainUrl?: string;
  json?: boolean;
}

/** Registers `wallet`. */
export function register(program: Command): void {
  const w = program
    .command('wallet')
    .description('manage the local wallet (Sui Ed25519 key, mode 0600 file)');
  const common = (c: Command) =>
    c
      .option('--wallet <path>', 'wallet file (default $WALRUS_TS_WALLET or ~/.walrus-ts/wallet.json)')
      .option('--chain-url <url>', 'chain URL (default $WALRUS_TS_CHAIN_URL or http://127.0.0.1:9400)')
      .option('--json', 'JSON output');

  common(
    w
      .command('new')
      .description('create a new wallet file')
      .option('--force', 'overwrite an existing wallet'),
  ).action((opts: Opts & { force?: boolean }) => {
    const path = resolveWalletPath(opts.wallet);
    const kp = createWallet(path, opts.force ?? false);
    if (opts.json) printJson({ address: kp.toSuiAddress(), path });
    else process.stdout.write(`created wallet ${path}\naddress ${kp.toSuiAddress()}\n`);
  });

  common(w.command('address').description('print the wallet address')).action((opts: Opts) => {
    const kp = loadWallet(resolveWalletPath(opts.wallet));
    if (opts.json) printJson({ address: kp.toSuiAddress() });
    else process.stdout.write(kp.toSuiAddress() + '\n');
  });

  common(
    w.command('balance').description('WAL balance').option('--address <address>', 'another address'),
  ).action(async (opts: Opts & { address?: string }) => {
    const address = opts.address ?? loadWallet(resolveWalletPath(opts.wallet)).toSuiAddress();
    const balance = await new HttpChainClient({ url: resolveChainUrl(opts.chainUrl) }).balance(address);
    if (opts.json) printJson({ address, balance });
    else process.stdout.write(`${wal(balance)} (${balance} FROST)\n`);
  });

  common(
    w.command('faucet').description('get WAL from the devnet faucet').option('--amount <wal>', 'WAL', '100'),
  ).action(async (opts: Opts & { amount: string }) => {
    const kp = loadWallet(resolveWalletPath(opts.wallet));
    const client = new HttpChainClient({ url: resolveChainUrl(opts.chainUrl), signer: kp });
    const r = await client.faucet({ amount: parseWal(opts.amount) });
    if (opts.json) printJson({ address: kp.toSuiAddress(), digest: r.digest, balance: r.balance });
    else process.stdout.write(`balance now ${wal(r.balance)}\n`);
  });
}
