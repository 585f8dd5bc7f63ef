/**
 * `walrus-ts challenge <node> [--via <url>] [--chain-url <url>] [--json]`: runs one storage challenge of a
 * committee member by hand and prints the verdict. Exit code 1 unless the node passed.
 *
 * @example
 * ```sh
 * walrus-ts challenge node-2
 * walrus-ts challenge 0x5f…e1 --via http://127.0.0.1:9185 --json
 * ```
 */
import type { Command } from 'commander';
import { HttpChainClient } from '../../../chain/embedded/http-client.ts';
import { resolveChainUrl } from '../../../chain/wallet.ts';
import { EXIT_FAILURE, printJson } from '../../output.ts';
import { formatChallengeRun, runChallenge } from './handler.ts';

/** Registers `challenge`. */
export function register(program: Command): void {
  program
    .command('challenge')
    .description('challenge a storage node now on a random sample of its slivers and print the verdict')
    .argument('<node>', 'node ID, peer ID or name of a committee member')
    .option('--via <url>', "HTTP API of the verifying node (default: another member's announced API)")
    .option('--chain-url <url>', 'chain URL (default $WALRUS_TS_CHAIN_URL or http://127.0.0.1:9400)')
    .option('--json', 'print JSON', false)
    .action(async (node: string, opts: { via?: string; chainUrl?: string; json?: boolean }) => {
      const chain = new HttpChainClient({ url: resolveChainUrl(opts.chainUrl) });
      try {
        const run = await runChallenge({ chain, node, via: opts.via });
        if (opts.json) printJson({ node: run.target.name, via: run.via, verdict: run.verdict });
        else process.stdout.write(formatChallengeRun(run) + '\n');
        if (run.verdict.outcome !== 'passed') process.exitCode = EXIT_FAILURE;
      } finally {
        await chain.close();
      }
    });
}
