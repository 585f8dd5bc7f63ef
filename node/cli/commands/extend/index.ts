/**
 * `walrus-ts extend --blob-obj-id ID --epochs-extended N [--json]`: extends a certified blob's lifetime,
 * paying storage for the extra epochs (as `walrus extend`).
 */
import type { Command } from 'commander';
import { blobObjectToJson } from '../../../client/results.ts';
import { printJson } from '../../output.ts';
import { addCommonOptions, parsePositiveInt, withClient, type CommonOptions } from '../store/common.ts';

/** Registers `extend`. */
export function register(program: Command): void {
  addCommonOptions(
    program
      .command('extend')
      .description('extend the lifetime of a certified blob object owned by the wallet')
      .requiredOption('--blob-obj-id <id>', 'the Blob object ID')
      .requiredOption('--epochs-extended <n>', 'number of epochs to add', parsePositiveInt),
  ).action(async (opts: CommonOptions & { blobObjId: string; epochsExtended: number }) => {
    await withClient(opts, true, async ({ client }) => {
      const blob = await client.extendBlob(opts.blobObjId, opts.epochsExtended);
      if (opts.json) printJson(blobObjectToJson(blob));
      else
        process.stdout.write(
          `extended ${blob.id} (blob ${blob.blobId}) until epoch ${blob.storage.endEpoch}\n`,
        );
    });
  });
}
