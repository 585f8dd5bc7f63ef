/**
 * `walrus-ts health [--json]`: the health of every storage node of the current committee.
 * Exit code 1 when any node did not answer.
 */
import type { Command } from 'commander';
import { printJson, EXIT_FAILURE } from '../../output.ts';
import { addCommonOptions, withClient, type CommonOptions } from '../store/common.ts';

/** Registers `health`. */
export function register(program: Command): void {
  addCommonOptions(
    program.command('health').description('health of the committee storage nodes'),
    false,
  ).action(async (opts: CommonOptions) => {
    const report = await withClient(opts, false, ({ client }) => client.health());
    if (opts.json) {
      printJson(
        report.map((r) =>
          r.ok
            ? { nodeId: r.node.nodeId, name: r.node.name, weight: r.node.weight, health: r.health }
            : {
                nodeId: r.node.nodeId,
                name: r.node.name,
                weight: r.node.weight,
                error: { code: r.code, message: r.message },
              },
        ),
      );
    } else {
      for (const r of report) {
        const head = `${r.node.name} (${r.node.weight} shards, ${r.node.nodeId.slice(0, 10)}…)`;
        process.stdout.write(
          r.ok
            ? `${head}: ${r.health.nodeStatus}, epoch ${r.health.epoch}, ${r.health.shardSummary.owned} shards owned\n`
            : `${head}: UNREACHABLE ${r.code}: ${r.message}\n`,
        );
      }
    }
    if (report.some((r) => !r.ok)) process.exitCode = EXIT_FAILURE;
  });
}
