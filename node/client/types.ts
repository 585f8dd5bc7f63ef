/**
 * Public types of the client: components, options, progress events, write steps and results, read results.
 * Step objects are plain JSON (strings and numbers) so a caller can persist one and resume the flow.
 * @see spec §5.1, §5.2
 * @packageDocumentation
 */
import type { ConsistencyCheck } from '../../shared/encoding/decoder.ts';
import type { BlobObject, ChainReader, ChainWriter, EventId, StorageResource } from '../chain/types.ts';
import type { ClientCodec } from './codec.ts';
import type { NodeFailure } from './errors.ts';
import type { StorageNodeTransport } from './transport/types.ts';
import type { BufferPool } from '../memory/buffer-pool.ts';

/** Minimal logger (`debug`-style: printf format). */
export interface ClientLogger {
  (formatter: string, ...args: unknown[]): void;
  error(formatter: string, ...args: unknown[]): void;
}

/** What the client is built from. Reads need only `chain` as a {@link ChainReader}. */
export interface ClientComponents {
  chain: ChainReader & Partial<ChainWriter>;
  transport: StorageNodeTransport;
  logger?: ClientLogger;
  /** Uniform [0, 1) source for node order (tests pass a seeded one). @default Math.random */
  random?: () => number;
  /**
   * Encoding, sliver verification and decoding. @default inlineCodec (the calling thread); the Node client
   * (`createNodeClient`) uses the worker pool (`nodeCodec`)
   */
  codec?: ClientCodec;
}

/** Tuning of the flows; every field has a default. */
export interface ClientInit {
  /**
   * Sliver bytes per `putSlivers` request; a node's slivers are split into batches of at most this size
   * (a batch the node refuses as too large is halved and retried).
   * @default 32 MiB
   */
  maxBatchBytes?: number;
  /** `putSlivers` batches in flight per node. @default 1 */
  batchesInFlight?: number;
  /**
   * Nodes uploaded to at once (largest first; the next starts when one ends); 0: all of them. A small
   * window makes a quorum confirm sooner on a CPU-bound client, but the nodes served last see the blob
   * certified before their slivers arrive and recover it from other nodes (far more CPU in total);
   * `quorumMemberCount` gives the smallest useful window.
   * @default 0
   */
  uploadConcurrency?: number;
  /** Attempts per node request on retryable failures. @default 3 */
  nodeAttempts?: number;
  /** Delay before the second attempt, ms (doubles). @default 200 */
  retryBaseDelayMs?: number;
  /** How long a node may wait for the blob's registration before confirming, ms. @default 10_000 */
  confirmationWaitMs?: number;
  /**
   * After certification, how long uploads to the nodes that had not confirmed yet continue before the
   * flow gives up on them, ms ("tail uploads").
   * @default 10_000
   */
  tailTimeoutMs?: number;
  /**
   * `wait`: the certified step waits for tail uploads (up to `tailTimeoutMs`) so the result lists every
   * failed node; `detached`: tail uploads continue in the background and the result lists the failures
   * known at certification.
   * @default 'wait'
   */
  tailHandling?: 'wait' | 'detached';
  /** Deadline of one status or metadata request, ms. @default 10_000 */
  shortRequestTimeoutMs?: number;
  /** Times a read retries after an epoch change or nodes lagging behind the chain. @default 3 */
  readRetries?: number;
  /** Extra slivers requested beyond R, to finish even if a node is slow. @default 0 */
  extraSlivers?: number;
  /**
   * Sliver bytes per `getSlivers` request of a read: a node's slivers are asked for in requests of about
   * this size, at most {@link ClientInit.sliverRequestsPerNode} at once, so the slivers that arrived are
   * verified while the next ones are still on the way (a node's whole answer would be verified only after
   * its last byte). At least one sliver per request.
   * @default 8 MiB
   */
  maxSliverRequestBytes?: number;
  /** `getSlivers` requests in flight per node during a read. @default 2 */
  sliverRequestsPerNode?: number;
}

/** Progress events of the flows (namespaced; each has a `type`). */
export type ClientProgressEvent =
  | { type: 'write:encoded'; blobId: string; unencodedLength: number; encodedLength: number }
  | { type: 'write:registered'; blobId: string; blobObjectId: string }
  | { type: 'write:upload'; sentBytes: number; totalBytes: number; node: string }
  | { type: 'write:confirmation'; node: string; confirmedWeight: number; requiredWeight: number }
  | { type: 'write:node-failed'; node: string; code: string; failedWeight: number }
  | { type: 'write:certified'; blobId: string; blobObjectId: string }
  | { type: 'read:status'; blobId: string; status: string }
  | { type: 'read:metadata'; blobId: string; node: string }
  | { type: 'read:sliver'; received: number; required: number; node: string }
  | { type: 'read:decoded'; blobId: string; size: number };

/** `{ signal, onProgress }` taken by every long call. */
export interface ProgressOptions {
  signal?: AbortSignal;
  onProgress?: (event: ClientProgressEvent) => void;
}

/** How the storage for a new blob was obtained (Walrus `RegisterBlobOp`). */
export type ResourceOperation =
  | { registerFromScratch: { encodedLength: number; epochsAhead: number } }
  | { reuseStorage: { encodedLength: number } }
  | { reuseRegistration: { encodedLength: number } };

/** Time spent in each phase of a write, ms. */
export interface WriteTimings {
  encodeMs: number;
  /** Reserve + register transactions. */
  registerMs: number;
  /** Metadata and slivers until a quorum confirmed. */
  uploadMs: number;
  /** The certify transaction. */
  certifyMs: number;
  /** Waiting for tail uploads after certification. */
  tailMs: number;
}

/** A certificate in JSON form (bytes base64). */
export interface CertificateJson {
  signers: number[];
  serializedMessage: string;
  signature: string;
}

/** Step 1: encoded. */
export interface WriteStepEncoded {
  step: 'encoded';
  blobId: string;
  /** Root hash, base64. */
  rootHash: string;
  unencodedLength: number;
  encodedLength: number;
  nShards: number;
}

/** Step 2: registered on chain. */
export interface WriteStepRegistered extends Omit<WriteStepEncoded, 'step'> {
  step: 'registered';
  blobObjectId: string;
  deletable: boolean;
  resourceOperation: ResourceOperation;
  /** FROST paid, decimal string. */
  cost: string;
}

/** Step 3: a quorum of nodes confirmed. */
export interface WriteStepUploaded extends Omit<WriteStepRegistered, 'step'> {
  step: 'uploaded';
  /** Epoch of the confirmations (must equal the chain epoch at certification). */
  epoch: number;
  certificate: CertificateJson;
  /** Node IDs that confirmed. */
  confirmed: string[];
}

/** Step 4: done (certified now, or found already certified / invalid). */
export interface WriteStepCertified {
  step: 'certified';
  blobId: string;
  result: WriteBlobResult;
}

/** Any write step. */
export type WriteBlobStep = WriteStepEncoded | WriteStepRegistered | WriteStepUploaded | WriteStepCertified;

/** Outcome of a write. */
export type WriteBlobResult =
  | {
      kind: 'newlyCreated';
      blobObject: BlobObject;
      resourceOperation: ResourceOperation;
      /** FROST. */
      cost: bigint;
      /** Nodes that did not store their slivers (by the end of the tail uploads in `wait` mode). */
      failedNodes: NodeFailure[];
      timings: WriteTimings;
    }
  | {
      kind: 'alreadyCertified';
      blobId: string;
      endEpoch: number;
      /** A certified Blob object with this blob ID. */
      objectId: string;
    }
  | { kind: 'markedInvalid'; blobId: string; event: EventId };

/** Options of a write. */
export interface WriteBlobOptions extends ProgressOptions {
  /** Epochs ahead to store for (from the current epoch). @default 1 */
  epochs?: number;
  /** Deletable (true) or permanent (false). @default true (Walrus's default since v1.33) */
  deletable?: boolean;
  /** Store even if the blob is already certified for long enough. @default false */
  force?: boolean;
  /** Attributes set on the new Blob object. */
  attributes?: Readonly<Record<string, string>>;
  /** Continue from a step a previous flow yielded (same blob bytes). */
  resume?: WriteBlobStep;
  /**
   * Overrides the client's `tailHandling` for this write. With `detached`, tail uploads continue after the
   * call returns even when `signal` aborts later.
   */
  tailHandling?: 'wait' | 'detached';
}

/** Options of a read. */
export interface ReadBlobOptions extends ProgressOptions {
  /** @default 'default' */
  consistencyCheck?: ConsistencyCheck;
  /**
   * Memory for the blob's bytes (an aggregator's pool of ArrayBuffers): the result's `data` is then a view
   * of a buffer taken from this pool, which the caller gives back (`memory.give(result.data)`) once nothing
   * uses the bytes any more. Reused memory spares a read the page faults of fresh memory (a quarter of
   * the client's main thread in a 64 MiB read on the benchmark VM). Without it, every read returns new
   * memory.
   */
  memory?: BufferPool;
}

/** What a read returns besides the bytes. */
export interface ReadBlobResult {
  data: Uint8Array;
  blobId: string;
  /** Epoch of the committee the slivers came from. */
  epoch: number;
  /**
   * Time spent, ms. Outside an epoch change the status runs concurrently with metadata, fetch and decode
   * (each measured from its own start), so the phases can add up to more than the read.
   */
  timings: { statusMs: number; metadataMs: number; fetchMs: number; decodeMs: number };
}

/** The blob's status as the client established it (nodes, f+1 weight; cross-checked with the chain). */
export type VerifiedBlobStatus =
  | { kind: 'nonexistent' }
  | { kind: 'invalid'; event: EventId }
  | { kind: 'registered'; endEpoch: number; deletable: boolean }
  | { kind: 'certified'; endEpoch: number | null; certifiedEpoch: number | null; deletable: boolean };

export type { BlobObject, StorageResource, NodeFailure };
