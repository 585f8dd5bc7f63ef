/**
 * `walrus-ts read <blob-id> [--out FILE] [--strict-consistency-check|--skip-consistency-check] [--json]`:
 * reads a blob and writes it to a file or stdout, like `walrus read`.
 *
 * Exit codes: 0 read; 1 failed (not found, expired, invalid, unavailable); 2 bad arguments.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { blobIdFromString } from '../../../../shared/encoding/blob-id.ts';
import { printJson } from '../../output.ts';
import {
  addCommonOptions,
  CliInputError,
  formatBytes,
  withClient,
  type CommonOptions,
} from '../store/common.ts';

interface ReadOptions extends CommonOptions {
  out?: string;
  strictConsistencyCheck?: boolean;
  skipConsistencyCheck?: boolean;
}

/** Registers `read`. */
export function register(program: Command): void {
  addCommonOptions(
    program
      .command('read')
      .description('read a blob by its blob ID')
      .argument('<blob-id>', 'the blob ID (43 characters of URL-safe base64)')
      .option('--out <file>', 'write the blob to this file instead of stdout')
      .option('--strict-consistency-check', 're-encode the blob and compare blob IDs')
      .option('--skip-consistency-check', 'skip the consistency check (slivers are still verified)'),
    false,
  ).action(async (blobId: string, opts: ReadOptions) => {
    blobIdFromString(blobId); // InvalidBlobIdError (exit 2) before any network work
    if (opts.strictConsistencyCheck && opts.skipConsistencyCheck) {
      throw new CliInputError('choose one of --strict-consistency-check and --skip-consistency-check');
    }
    const consistencyCheck = opts.strictConsistencyCheck
      ? 'strict'
      : opts.skipConsistencyCheck
        ? 'skip'
        : 'default';
    const read = await withClient(opts, false, ({ client }) => client.readBlob(blobId, { consistencyCheck }));
    if (opts.out) {
      await writeFile(opts.out, read.data);
      if (opts.json) printJson({ blobId, size: read.data.length, out: opts.out });
      else
        process.stderr.write(
          `Success: blob ${blobId} (${formatBytes(read.data.length)}) written to ${opts.out}\n`,
        );
    } else if (opts.json) {
      printJson({ blobId, size: read.data.length, blob: read.data });
    } else {
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(read.data, (err) => (err ? reject(err) : resolve())),
      );
    }
  });
}
