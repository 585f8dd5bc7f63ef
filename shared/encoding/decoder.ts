/**
 * The RS2 blob decoder: the blob from any R primary slivers (rows) or any C secondary slivers (columns),
 * followed by a consistency check.
 *
 * @see spec §1.8
 * @packageDocumentation
 */
import { bytesEqual } from './blob-id.ts';
import { codecKernels } from './backend.ts';
import { DecodePlan, type DecodeBlobOptions } from './decode-plan.ts';
import { computeBlobId } from './encoder.ts';
import { InconsistentBlobError } from './errors.ts';
import { releaseBuffer, runDecodeTask, runExpandTask } from './tasks.ts';
import type { BlobMetadataWithId, Sliver } from './types.ts';

export type { ConsistencyCheck, DecodeBlobOptions } from './decode-plan.ts';

/**
 * Decodes a blob from slivers of one axis: any R = n-2f distinct primary slivers, or any C = n-f distinct
 * secondary slivers. Extra slivers beyond the needed count are ignored; duplicates (same index) and
 * slivers of the wrong axis, size or symbol size are skipped, as are slivers failing verification.
 * Runs a {@link DecodePlan} on this thread (WASM kernels when available); `node/encoding` runs the
 * same plan on a worker pool.
 *
 * @param metadataWithId metadata verified against its blob ID (`verifyMetadata`)
 * @param slivers slivers of a single axis
 * @param nShards n
 * @returns the blob, exactly `unencodedLength` bytes
 * @throws NotEnoughSliversError when fewer than R (C) usable slivers remain
 * @throws InconsistentBlobError when the consistency check fails: the blob was encoded inconsistently
 *   and must be treated as invalid
 * @throws InvalidMetadataError, InvalidShardCountError
 * @see spec §1.8
 */
export function decodeBlob(
  metadataWithId: BlobMetadataWithId,
  slivers: Iterable<Sliver>,
  nShards: number,
  options: DecodeBlobOptions = {},
): Uint8Array {
  const kernels = codecKernels();
  const plan = new DecodePlan(metadataWithId, slivers, nShards, options);
  for (let v = plan.nextVerification(); v !== undefined; v = plan.nextVerification()) {
    plan.acceptVerification(v.slivers, runExpandTask(v.task, kernels).roots as Uint8Array);
  }
  for (const t of plan.decodeTasks()) {
    const task = plan.decodeTask(t);
    const out = runDecodeTask(task, kernels);
    releaseBuffer(task.band.buffer);
    plan.acceptDecoded(t, out);
    releaseBuffer(out.buffer);
  }
  for (const t of plan.checkTasks()) plan.acceptCheck(t, runExpandTask(t.task, kernels).roots as Uint8Array);
  const blob = plan.blob();
  if (plan.check === 'strict' && !bytesEqual(computeBlobId(blob, nShards), metadataWithId.blobId)) {
    throw new InconsistentBlobError('the decoded blob re-encodes to a different blob ID');
  }
  return blob;
}
