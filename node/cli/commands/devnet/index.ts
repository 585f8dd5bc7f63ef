/**
 * `walrus-ts devnet` (what `npm start` runs): a local walrus-ts network on loopback — the embedded chain,
 * storage nodes as separate processes, the publisher/aggregator daemon and the explorer — until Ctrl-C.
 * `walrus-ts devnet status` reports its nodes, shards and health.
 *
 * See node/devnet/README.md for a walk-through.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatReadyBlock } from '../../../devnet/banner.ts';
import { Devnet } from '../../../devnet/devnet.ts';
import {
  DEFAULT_DEVNET_BASE_PORT,
  DEFAULT_DEVNET_DATA_DIR,
  type DevnetInit,
} from '../../../devnet/options.ts';
import { devnetStatus, formatStatus } from '../../../devnet/status.ts';
import { printJson, reportCliError } from '../../output.ts';

function int(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(n))
      throw new Error(`${name} must be a non-negative integer`);
    return n;
  };
}

interface StartOpts {
  dataDir: string;
  nodes?: number;
  shards?: number;
  epochDuration?: number;
  basePort?: number;
  fresh?: boolean;
  explorer: boolean;
  maxBodySize?: number;
  readyTimeout?: number;
  json?: boolean;
}

function stamp(): string {
  return new Date().toISOString().slice(11, 19);
}

async function runDevnet(opts: StartOpts): Promise<void> {
  const json = opts.json ?? false;
  const say = (line: string) =>
    (json ? process.stderr : process.stdout).write(`[devnet ${stamp()}] ${line}\n`);
  const init: DevnetInit = {
    dataDir: opts.dataDir,
    nodes: opts.nodes,
    shards: opts.shards,
    epochDurationSec: opts.epochDuration,
    basePort: opts.basePort,
    fresh: opts.fresh ?? false,
    explorer: opts.explorer,
    maxBodyBytes: opts.maxBodySize,
    readyTimeoutMs: opts.readyTimeout === undefined ? undefined : opts.readyTimeout * 1000,
  };
  const devnet = new Devnet(init, { log: say });
  const ac = new AbortController();
  let signals = 0;
  let failure = false;
  let stopping: Promise<void> | undefined;
  let onStopped: () => void = () => {};
  const stopped = new Promise<void>((r) => (onStopped = r));
  let firstSignalAt = 0;
  const shutdown = (why: string) => {
    // `npm start` forwards the terminal's Ctrl-C to us, which the terminal also sends us directly: a
    // repeat within a second is the same Ctrl-C, not a second one.
    if (signals > 0 && Date.now() - firstSignalAt < 1000) return;
    signals++;
    if (signals === 1) firstSignalAt = Date.now();
    if (signals > 1) {
      say('second signal: killing every process now');
      devnet.killAll();
      return;
    }
    say(`${why}: stopping the devnet (again to kill at once)`);
    ac.abort(new Error(`interrupted by ${why}`));
    stopping = devnet.stop().then(onStopped);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));

  devnet.onUnexpectedExit((p) => {
    say(`${p.name} exited (${p.exitDescription}); its log: ${p.logFile}`);
    if (p.name === 'chain' && devnet.status === 'started') {
      failure = true;
      shutdown('the chain exited');
    }
  });

  let ready;
  try {
    ready = await devnet.start(ac.signal);
  } catch (e) {
    if (ac.signal.aborted) {
      await stopping;
      say('stopped');
      process.exitCode = 130;
      return;
    }
    throw e;
  }
  if (json) printJson(ready);
  else process.stdout.write(formatReadyBlock(ready) + '\n');

  await stopped;
  say('all processes stopped');
  process.exitCode = failure ? 1 : 0;
}

/** Registers `devnet` and `devnet status`. */
export function register(program: Command): void {
  const devnet = program
    .command('devnet')
    .description('run a local walrus-ts network (chain, storage nodes, daemon, explorer) until Ctrl-C');

  devnet
    .command('start', { isDefault: true })
    .description('create or resume the devnet and run it until Ctrl-C (the default)')
    .option('--data-dir <dir>', 'directory of all state and logs', DEFAULT_DEVNET_DATA_DIR)
    .option('--nodes <n>', 'storage nodes, each a separate process (new devnets; default 7)', int('--nodes'))
    .option('--shards <n>', 'number of shards (new devnets; default 100)', int('--shards'))
    .option('--epoch-duration <seconds>', 'epoch length (new devnets; default 3600)', int('--epoch-duration'))
    .option(
      '--base-port <port>',
      `first port: chain; daemon +1; explorer +2; node APIs +10…; libp2p +100… (new devnets; default ${DEFAULT_DEVNET_BASE_PORT})`,
      int('--base-port'),
    )
    .option('--fresh', "delete this data directory's devnet and start a new one")
    .option('--no-explorer', 'do not build or serve the explorer')
    .option(
      '--max-body-size <bytes>',
      'largest upload the daemon accepts (default 64 MiB)',
      int('--max-body-size'),
    )
    .option(
      '--ready-timeout <seconds>',
      'deadline for every node to become healthy (default 300)',
      int('--ready-timeout'),
    )
    .option('--json', 'print the ready information as one JSON line (progress goes to stderr)')
    .action(async (opts: StartOpts) => {
      await runDevnet(opts);
    });

  devnet
    .command('status')
    .description("show the devnet's nodes, their shards and health (from the chain and /v1/health)")
    .option('--data-dir <dir>', 'directory of the devnet', DEFAULT_DEVNET_DATA_DIR)
    .option('--json', 'JSON output')
    .action(async (opts: { dataDir: string; json?: boolean }) => {
      try {
        const report = await devnetStatus(resolve(opts.dataDir));
        if (opts.json) printJson(report);
        else process.stdout.write(formatStatus(report) + '\n');
        if (!report.nodes.every((n) => n.healthy)) process.exitCode = 1;
      } catch (e) {
        process.exitCode = reportCliError(e, opts.json);
      }
    });
}
