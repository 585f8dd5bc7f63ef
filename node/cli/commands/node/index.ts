/**
 * `walrus-ts node`: run a storage node; `node keygen`: create its keystore; `node register`: register it
 * on the chain and stake.
 *
 * @example
 * ```sh
 * walrus-ts node keygen --out data/keystore.json
 * walrus-ts node register --config node.yaml --stake 100
 * walrus-ts node --config node.yaml --api.port 9185 --log-file node.log
 * ```
 */
import type { Command } from 'commander';

// `node` has options of its own (`--config`, `--json`, config flags) that commander would take from the
// subcommands' argv too; the subcommands read them merged with `optsWithGlobals()`.
import { keygen, type KeygenOptions } from './keygen.ts';
import { addConfigOptions } from './options.ts';
import { register as registerCandidate, type RegisterOptions } from './register.ts';
import { runNode, type RunOptions } from './run.ts';

/** Registers `node`, `node keygen` and `node register`. */
export function register(program: Command): void {
  const node = addConfigOptions(
    program
      .command('node')
      .description('run a storage node (stops cleanly on SIGINT/SIGTERM)')
      .option('--log-file <path>', 'append log lines to this file too')
      .option('--json', 'print start/stop records as JSON lines'),
  ).action(async (opts: RunOptions) => runNode(opts));

  node
    .command('keygen')
    .description('create a keystore (libp2p, BLS and Sui keys), mode 0600')
    .requiredOption('--out <file>', 'keystore file to write')
    .option('--force', 'overwrite an existing file')
    .option('--json', 'print the public parts as JSON')
    .action(async (_opts: KeygenOptions, cmd: Command) => keygen(cmd.optsWithGlobals<KeygenOptions>()));

  addConfigOptions(
    node
      .command('register')
      .description('register the node as a storage-node candidate (with proof of possession) and stake')
      .option('--stake <WAL>', 'WAL to stake with the node after registering')
      .option('--name <name>', 'node name')
      .option('--storage-price <FROST>', 'storage price vote per unit and epoch')
      .option('--write-price <FROST>', 'write price vote per unit')
      .option('--capacity <bytes>', 'capacity vote in bytes')
      .option('--no-faucet', 'do not use the devnet faucet when the balance is too low')
      .option('--json', 'print the result as JSON'),
  ).action(async (_opts: RegisterOptions, cmd: Command) =>
    registerCandidate(cmd.optsWithGlobals<RegisterOptions>()),
  );
}
