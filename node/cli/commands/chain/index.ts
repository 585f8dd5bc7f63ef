/**
 * `walrus-ts chain`: runs the embedded chain (ledger + HTTP API) until SIGINT/SIGTERM.
 *
 * Genesis: the chain starts at epoch 0 (NotStarted); storage nodes register and stake, then someone
 * (the operator or the devnet script) sends `start_first_epoch` (`walrus-ts chain start-epoch`), which
 * selects the first committee and starts epoch 1.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { HttpChainClient } from '../../../chain/embedded/http-client.ts';
import { Ledger } from '../../../chain/embedded/ledger.ts';
import { startChainServer } from '../../../chain/embedded/server.ts';
import { DEFAULT_CHAIN_PORT, loadWallet, resolveChainUrl, resolveWalletPath } from '../../../chain/wallet.ts';
import { printJson } from '../../output.ts';

function int(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
    return n;
  };
}

/** Registers `chain` and `chain start-epoch`. */
export function register(program: Command): void {
  const chain = program
    .command('chain')
    .description('run the embedded chain (ledger + HTTP API)')
    .option('--data-dir <dir>', 'directory of the ledger database', './.walrus-ts/chain')
    .option('--host <host>', 'listen address', '127.0.0.1')
    .option('--port <port>', 'HTTP port', int('--port'), DEFAULT_CHAIN_PORT)
    .option(
      '--epoch-duration <seconds>',
      'epoch length in seconds (new chains only)',
      int('--epoch-duration'),
      60,
    )
    .option('--n-shards <n>', 'number of shards (new chains only)', int('--n-shards'), 10)
    .option(
      '--max-epochs-ahead <n>',
      'max epochs of storage (new chains only)',
      int('--max-epochs-ahead'),
      53,
    )
    .option('--admin <address>', 'only this address may start the first epoch')
    .option('--auto-sync-done', 'mark committee members synced at once at each epoch change')
    .option('--json', 'print {url, chainId} as JSON once listening')
    .action(
      async (opts: {
        dataDir: string;
        host: string;
        port: number;
        epochDuration: number;
        nShards: number;
        maxEpochsAhead: number;
        admin?: string;
        autoSyncDone?: boolean;
        json?: boolean;
      }) => {
        mkdirSync(opts.dataDir, { recursive: true });
        const ledger = new Ledger({
          path: join(opts.dataDir, 'chain.sqlite'),
          nShards: opts.nShards,
          epochDurationMs: opts.epochDuration * 1000,
          maxEpochsAhead: opts.maxEpochsAhead,
          adminAddress: opts.admin,
          autoEpochSyncDone: opts.autoSyncDone ?? false,
        });
        const server = await startChainServer({ ledger, host: opts.host, port: opts.port });
        const state = ledger.systemState();
        if (opts.json) printJson({ url: server.url, chainId: ledger.chainId, epoch: state.epoch });
        else {
          process.stdout.write(
            `walrus-ts chain listening on ${server.url} (chain ${ledger.chainId}, ${state.nShards} shards, epoch ${state.epoch}, ${state.epochState.kind})\n`,
          );
        }
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
        ledger.close();
      },
    );

  chain
    .command('start-epoch')
    .description('genesis: select the first committee from the registered, staked nodes and start epoch 1')
    .option('--chain-url <url>', 'chain URL (default $WALRUS_TS_CHAIN_URL or http://127.0.0.1:9400)')
    .option('--wallet <path>', 'wallet file (default $WALRUS_TS_WALLET or ~/.walrus-ts/wallet.json)')
    .option('--json', 'JSON output')
    .action(async (opts: { chainUrl?: string; wallet?: string; json?: boolean }) => {
      const client = new HttpChainClient({
        url: resolveChainUrl(opts.chainUrl),
        signer: loadWallet(resolveWalletPath(opts.wallet)),
      });
      const r = await client.startFirstEpoch();
      const s = await client.systemState();
      if (opts.json) printJson({ digest: r.digest, epoch: s.epoch, members: s.committee.members.length });
      else
        process.stdout.write(
          `epoch ${s.epoch} started with ${s.committee.members.length} committee members\n`,
        );
    });
}
