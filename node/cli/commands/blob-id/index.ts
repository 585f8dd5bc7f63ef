/**
 * `walrus-ts blob-id <file> [--n-shards N] [--json]`: prints the Walrus blob ID of a file, the same as
 * `walrus blob-id <file> --n-shards N`.
 *
 * @example
 * ```sh
 * walrus-ts blob-id ./photo.jpg               # n = 1000, as on Mainnet and Testnet
 * walrus-ts blob-id ./photo.jpg --n-shards 10 --json
 * ```
 */
import { InvalidArgumentError as CommanderInvalidArgumentError, type Command } from 'commander';
import { blobIdHandler } from './handler.ts';

/** Default number of shards: Mainnet and Testnet have 1000. */
export const DEFAULT_N_SHARDS = 1000;

function parseShards(value: string): number {
  if (!/^\d+$/.test(value)) throw new CommanderInvalidArgumentError('expected a whole number of shards');
  return Number(value);
}

/** Registers the `blob-id` command. */
export function register(program: Command): void {
  program
    .command('blob-id')
    .description('compute the Walrus blob ID of a file locally (same result as `walrus blob-id`)')
    .argument('<file>', 'the file holding the blob')
    .option('--n-shards <n>', 'number of shards to compute the blob ID for', parseShards, DEFAULT_N_SHARDS)
    .option('--json', 'print JSON', false)
    .action(async (file: string, opts: { nShards: number; json: boolean }) => {
      await blobIdHandler(file, { nShards: opts.nShards, json: opts.json });
    });
}
