/**
 * `walrus-ts store <files..> [--epochs N] [--permanent|--deletable] [--force] [--json]`: stores each file
 * as a blob (encode, register, upload to the committee, certify) with a progress bar, like `walrus store`.
 *
 * @example
 * ```sh
 * walrus-ts store ./photo.jpg --epochs 5
 * walrus-ts store a.bin b.bin --permanent --json
 * ```
 * Exit code: 0 when every file was stored (or already was), 1 when any failed, 2 for bad arguments.
 */
import { readFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { toBlobStoreResult } from '../../../client/results.ts';
import type { ClientProgressEvent, WriteBlobResult } from '../../../client/types.ts';
import { printJson, EXIT_FAILURE } from '../../output.ts';
import {
  addCommonOptions,
  CliInputError,
  formatBytes,
  formatWal,
  parsePositiveInt,
  withClient,
  type CommonOptions,
} from './common.ts';

interface StoreOptions extends CommonOptions {
  epochs: number;
  permanent?: boolean;
  deletable?: boolean;
  force?: boolean;
}

const PHASES: Record<string, string> = {
  'write:encoded': 'registering',
  'write:registered': 'uploading',
  'write:certified': 'certified',
};

function describe(path: string, r: WriteBlobResult): string {
  switch (r.kind) {
    case 'newlyCreated': {
      const b = r.blobObject;
      const failed = r.failedNodes.length
        ? `\n  nodes that did not store their slivers: ${r.failedNodes.map((f) => `${f.name} (${f.code})`).join(', ')}`
        : '';
      return (
        `Success: stored ${path}\n  blob ID: ${b.blobId}\n  Sui object ID: ${b.id}\n` +
        `  unencoded size: ${formatBytes(b.size)}, encoded size: ${formatBytes(b.storage.storageSize)}\n` +
        `  stored until epoch ${b.storage.endEpoch} (${b.deletable ? 'deletable' : 'permanent'}), cost ${formatWal(r.cost)}` +
        failed
      );
    }
    case 'alreadyCertified':
      return `Already certified: ${path}\n  blob ID: ${r.blobId}\n  object: ${r.objectId}, until epoch ${r.endEpoch}`;
    case 'markedInvalid':
      return `Marked invalid: ${path}\n  blob ID: ${r.blobId} (not stored)`;
  }
}

/** Registers `store`. */
export function register(program: Command): void {
  addCommonOptions(
    program
      .command('store')
      .alias('write')
      .description('store files as blobs on walrus-ts')
      .argument('<files...>', 'files to store')
      .option('--epochs <n>', 'epochs ahead to store for', parsePositiveInt, 1)
      .option('--permanent', 'store as a permanent blob (cannot be deleted)')
      .option('--deletable', 'store as a deletable blob (the default)')
      .option('--force', 'store even if the blob is already certified for long enough'),
  ).action(async (files: string[], opts: StoreOptions) => {
    if (opts.permanent && opts.deletable) {
      throw new CliInputError(
        '--permanent and --deletable cannot be used together',
        'CLI_CONFLICTING_OPTIONS',
      );
    }
    const inputs: { path: string; data: Uint8Array }[] = [];
    for (const path of files) {
      try {
        inputs.push({ path, data: new Uint8Array(await readFile(path)) });
      } catch (e) {
        throw new CliInputError(`cannot read ${path}: ${(e as Error).message}`, 'CLI_FILE_UNREADABLE');
      }
    }
    const showBar = !opts.json && process.stderr.isTTY === true;
    let failures = 0;
    const out: unknown[] = [];
    await withClient(opts, true, async ({ client }) => {
      for (const { path, data } of inputs) {
        const bar = showBar
          ? new SingleBar({
              format: `${path} [{bar}] {percentage}% | {phase}`,
              stream: process.stderr,
              hideCursor: true,
              clearOnComplete: true,
            })
          : undefined;
        bar?.start(data.length, 0, { phase: 'encoding' });
        const onProgress = (e: ClientProgressEvent): void => {
          if (!bar) return;
          if (e.type === 'write:upload') {
            bar.update(Math.round((e.sentBytes / Math.max(1, e.totalBytes)) * data.length), {
              phase: 'uploading',
            });
          } else if (PHASES[e.type]) bar.update({ phase: PHASES[e.type] });
        };
        try {
          const result = await client.writeBlob(data, {
            epochs: opts.epochs,
            deletable: !opts.permanent,
            force: opts.force ?? false,
            onProgress,
          });
          bar?.update(data.length, { phase: 'done' });
          bar?.stop();
          if (opts.json) {
            out.push({
              path,
              blobStoreResult: toBlobStoreResult(result),
              ...(result.kind === 'newlyCreated' ? { failedNodes: result.failedNodes } : {}),
            });
          } else process.stdout.write(describe(path, result) + '\n');
        } catch (e) {
          bar?.stop();
          failures++;
          const err = e as Error & { code?: string };
          if (opts.json)
            out.push({
              path,
              error: { name: err.name, code: err.code ?? 'UNEXPECTED', message: err.message },
            });
          else
            process.stderr.write(
              `Error: storing ${path} failed: ${err.message}${err.code ? ` (${err.code})` : ''}\n`,
            );
        }
      }
    });
    if (opts.json) printJson(out);
    if (failures > 0) process.exitCode = EXIT_FAILURE;
  });
}
