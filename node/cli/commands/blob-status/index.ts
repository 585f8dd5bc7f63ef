/**
 * `walrus-ts blob-status <blob-id> | --file FILE [--json]`: the blob's status as f+1 shards of storage
 * nodes vouch for it, cross-checked with the chain.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { blobIdFromString, blobIdToString } from '../../../../shared/encoding/blob-id.ts';
import { computeBlobId } from '../../../../shared/encoding/encoder.ts';
import { printJson } from '../../output.ts';
import { addCommonOptions, CliInputError, withClient, type CommonOptions } from '../store/common.ts';

/** Registers `blob-status`. */
export function register(program: Command): void {
  addCommonOptions(
    program
      .command('blob-status')
      .description('show whether a blob is stored, certified, until when, or invalid')
      .argument('[blob-id]', 'the blob ID')
      .option('--file <path>', 'compute the blob ID of this file instead'),
    false,
  ).action(async (arg: string | undefined, opts: CommonOptions & { file?: string }) => {
    if ((arg === undefined) === (opts.file === undefined)) {
      throw new CliInputError('give either a blob ID or --file');
    }
    await withClient(opts, false, async ({ client }) => {
      let blobId = arg;
      if (opts.file) {
        let data: Uint8Array;
        try {
          data = new Uint8Array(await readFile(opts.file));
        } catch (e) {
          throw new CliInputError(`cannot read ${opts.file}: ${(e as Error).message}`, 'CLI_FILE_UNREADABLE');
        }
        const n = (await client.chain.systemState()).nShards;
        blobId = blobIdToString(computeBlobId(data, n));
      }
      const id = blobId as string;
      blobIdFromString(id);
      const status = await client.getBlobStatus(id);
      if (opts.json) return printJson({ blobId: id, status });
      const line =
        status.kind === 'certified'
          ? `certified (since epoch ${status.certifiedEpoch ?? '?'}), ${status.deletable ? 'deletable' : 'permanent'}, expires at epoch ${status.endEpoch ?? '?'}`
          : status.kind === 'registered'
            ? `registered but not certified, expires at epoch ${status.endEpoch}`
            : status.kind === 'invalid'
              ? `invalid (event ${status.event.txDigest}:${status.event.eventSeq})`
              : 'does not exist (never stored, deleted or expired)';
      process.stdout.write(`Blob ID: ${id}\nStatus: ${line}\n`);
    });
  });
}
