/**
 * `walrus-ts list-blobs [--include-expired] [--owner ADDRESS] [--json]`: the Blob objects the wallet (or
 * `--owner`) owns.
 */
import type { Command } from 'commander';
import { blobObjectToJson } from '../../../client/results.ts';
import { printJson } from '../../output.ts';
import { addCommonOptions, formatBytes, withClient, type CommonOptions } from '../store/common.ts';

/** Registers `list-blobs`. */
export function register(program: Command): void {
  addCommonOptions(
    program
      .command('list-blobs')
      .description('list the blob objects owned by the wallet')
      .option('--include-expired', 'also list expired blobs')
      .option('--owner <address>', 'list the blobs of this address instead of the wallet'),
  ).action(async (opts: CommonOptions & { includeExpired?: boolean; owner?: string }) => {
    await withClient(opts, opts.owner === undefined, async ({ client }) => {
      const epoch = (await client.chain.systemState()).epoch;
      const { blobs } = await client.listBlobs(opts.owner);
      const shown = blobs.filter((b) => opts.includeExpired || b.storage.endEpoch > epoch);
      if (opts.json)
        return printJson(
          shown.map((b) => ({ ...blobObjectToJson(b), expired: b.storage.endEpoch <= epoch })),
        );
      if (shown.length === 0) return process.stdout.write('no blobs\n');
      for (const b of shown) {
        const state = b.certifiedEpoch === null ? 'registered' : 'certified';
        const exp = b.storage.endEpoch <= epoch ? 'expired' : `until epoch ${b.storage.endEpoch}`;
        process.stdout.write(
          `${b.blobId}  ${b.id}  ${formatBytes(b.size).padStart(11)}  ${state}  ${b.deletable ? 'deletable' : 'permanent'}  ${exp}\n`,
        );
      }
    });
  });
}
