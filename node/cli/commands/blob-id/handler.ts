/**
 * `walrus-ts blob-id <file>`: the blob ID Walrus gives a file (same output as `walrus blob-id`), computed
 * locally with the RS2 encoder; no network.
 */
import { readFileSync, statSync } from 'node:fs';
import { blobIdToString, blobIdToU256 } from '../../../../shared/encoding/blob-id.ts';
import { computeBlobMetadata } from '../../../../shared/encoding/encoder.ts';
import { DataTooLargeError } from '../../../../shared/encoding/errors.ts';
import { initHashing } from '../../../../shared/encoding/hashing.ts';
import { maxBlobSize } from '../../../../shared/encoding/params.ts';
import { InvalidArgumentError } from '../../../../shared/errors.ts';
import { EXIT_BAD_INPUT, printJson } from '../../output.ts';
import { BlobFileNotFoundError } from './errors.ts';

/** Options of the command. */
export interface BlobIdOptions {
  /** Number of shards the blob ID is computed for. @default 1000 (Mainnet and Testnet) */
  nShards: number;
  /** Print one JSON object instead of text. @default false */
  json: boolean;
}

/** What the command reports (the JSON output; field names follow `walrus blob-id --json`). */
export interface BlobIdResult {
  blobId: string;
  file: string;
  unencodedLength: number;
  encodingType: 'RS2';
  nShards: number;
  /** Hex, the `root_hash` passed to `register_blob`. */
  rootHash: string;
  /** The blob ID as the on-chain u256 (decimal). */
  blobIdU256: string;
}

/**
 * Computes the blob ID of a file.
 * @throws BlobFileNotFoundError, DataTooLargeError, InvalidShardCountError (all with exit code 2)
 */
export async function computeFileBlobId(file: string, nShards: number): Promise<BlobIdResult> {
  try {
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new BlobFileNotFoundError(file, 'not a regular file');
      size = st.size;
    } catch (err) {
      if (err instanceof BlobFileNotFoundError) throw err;
      throw new BlobFileNotFoundError(
        file,
        (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(err),
      );
    }
    const max = maxBlobSize(nShards);
    if (size > max) throw new DataTooLargeError(size, max);
    await initHashing();
    const data = new Uint8Array(readFileSync(file));
    const summary = computeBlobMetadata(data, nShards);
    return {
      blobId: blobIdToString(summary.blobId),
      file,
      unencodedLength: data.length,
      encodingType: 'RS2',
      nShards,
      rootHash: Buffer.from(summary.rootHash).toString('hex'),
      blobIdU256: blobIdToU256(summary.blobId).toString(),
    };
  } catch (err) {
    // Everything thrown here comes from what the user passed: mark it as bad input (exit code 2).
    if (err instanceof InvalidArgumentError) Object.assign(err, { exitCode: EXIT_BAD_INPUT });
    throw err;
  }
}

/** Runs the command and prints the result. */
export async function blobIdHandler(file: string, options: BlobIdOptions): Promise<void> {
  const r = await computeFileBlobId(file, options.nShards);
  if (options.json) {
    printJson(r);
    return;
  }
  process.stdout.write(
    `Success: Blob from file '${r.file}' encoded successfully.\n` +
      `Unencoded size: ${r.unencodedLength}\n` +
      `Blob ID: ${r.blobId}\n` +
      `Encoding type: ${r.encodingType}\n`,
  );
}
