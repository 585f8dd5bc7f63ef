/**
 * `walrus-ts delete (--object-id ID... | --blob-id ID) [--json]`: deletes deletable Blob objects the wallet
 * owns (all of them with that blob ID for `--blob-id`); their storage returns to the wallet.
 */
import type { Command } from 'commander';
import { blobIdFromString } from '../../../../shared/encoding/blob-id.ts';
import { printJson } from '../../output.ts';
import { addCommonOptions, CliInputError, withClient, type CommonOptions } from '../store/common.ts';

/** Registers `delete`. */
export function register(program: Command): void {
  addCommonOptions(
    program
      .command('delete')
      .description('delete deletable blobs owned by the wallet')
      .option('--object-id <ids...>', 'Blob object IDs to delete')
      .option('--blob-id <id>', 'delete every owned deletable object of this blob ID'),
  ).action(async (opts: CommonOptions & { objectId?: string[]; blobId?: string }) => {
    if (!opts.objectId === !opts.blobId) throw new CliInputError('give either --object-id or --blob-id');
    if (opts.blobId) blobIdFromString(opts.blobId);
    await withClient(opts, true, async ({ client }) => {
      let ids = opts.objectId ?? [];
      if (opts.blobId) {
        const { blobs } = await client.listBlobs();
        ids = blobs.filter((b) => b.blobId === opts.blobId && b.deletable).map((b) => b.id);
        if (ids.length === 0)
          throw new CliInputError(`the wallet owns no deletable object of blob ${opts.blobId}`);
      }
      const deleted: { objectId: string; storageId: string }[] = [];
      for (const id of ids) {
        const storage = await client.deleteBlob(id);
        deleted.push({ objectId: id, storageId: storage.id });
      }
      if (opts.json) printJson({ deleted });
      else
        for (const d of deleted)
          process.stdout.write(`deleted ${d.objectId} (storage ${d.storageId} returned)\n`);
    });
  });
}
