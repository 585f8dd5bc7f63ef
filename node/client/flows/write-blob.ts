/**
 * The write flow as resumable steps: `encoded -> registered -> uploaded -> certified`.
 *
 * 1. encode: RS2-encode the blob (slivers, metadata, root hash, blob ID);
 * 2. register: reuse an owned registration or storage resource that fits, else reserve space; register the
 *    blob on chain (or stop early: already certified for long enough, or marked invalid);
 * 3. upload: per committee member, concurrently: metadata, then its sliver pairs (pair p -> shard
 *    (p + offset) mod n -> owner) in batched `putSlivers` requests, then a storage confirmation whose
 *    message and BLS signature are checked against the member's on-chain key; stop at a quorum of shard
 *    weight (3w >= 2n+1) and aggregate the certificate; fail once more than n - quorum shards failed;
 * 4. certify: submit the certificate (point of availability), then let the uploads to the remaining nodes
 *    run for a while (tail uploads) and report which nodes failed.
 *
 * Every step returns a plain-JSON step object; a new flow given one as `resume` continues from there.
 * @see spec §5.1; architecture.md "A blob's life"
 * @packageDocumentation
 */
import { encodeStorageConfirmation } from '../../../shared/bcs/messages.ts';
import type { BlobPersistence, SignedMessage } from '../../../shared/bcs/messages.ts';
import { aggregateSignatures, hashMessage, verify, verifyAggregate } from '../../../shared/crypto/bls.ts';
import { blobIdToString, bytesEqual } from '../../../shared/encoding/blob-id.ts';
import type { EncodedBlob } from '../../../shared/encoding/encoder.ts';
import { encodedBlobLength, secondarySliverIndex, storageUnits } from '../../../shared/encoding/params.ts';
import { BlobAlreadyCertifiedError, WrongEpochError } from '../../chain/errors.ts';
import type { BlobObject, ChainReader, ChainWriter, Committee } from '../../chain/types.ts';
import { inlineCodec } from '../codec.ts';
import type { ClientCodec } from '../codec.ts';
import { assignPairs, isQuorum, quorumImpossible, quorumWeight, writeCommittee } from '../committee.ts';
import type { MemberAssignment } from '../committee.ts';
import {
  ClientConfigError,
  EpochChangedError,
  FlowStateError,
  NodeInvalidResponseError,
  NotEnoughConfirmationsError,
  StorageNodeError,
} from '../errors.ts';
import type { NodeFailure } from '../errors.ts';
import { sleep, withRetries } from '../retry.ts';
import type { SliverUpload, StorageNodeTransport } from '../transport/types.ts';
import type {
  CertificateJson,
  ClientInit,
  ClientLogger,
  ClientProgressEvent,
  ResourceOperation,
  WriteBlobOptions,
  WriteBlobResult,
  WriteBlobStep,
  WriteStepCertified,
  WriteStepEncoded,
  WriteStepRegistered,
  WriteStepUploaded,
  WriteTimings,
} from '../types.ts';

const MiB = 1024 * 1024;

/** What the write flow needs. */
export interface WriteFlowComponents {
  chain: ChainReader & Partial<ChainWriter>;
  transport: StorageNodeTransport;
  logger?: ClientLogger;
  /** @default inlineCodec */
  codec?: ClientCodec;
}

/** Resolved tuning (see {@link ClientInit}). */
export type WriteFlowInit = Required<
  Pick<
    ClientInit,
    | 'maxBatchBytes'
    | 'batchesInFlight'
    | 'uploadConcurrency'
    | 'nodeAttempts'
    | 'retryBaseDelayMs'
    | 'confirmationWaitMs'
    | 'tailTimeoutMs'
    | 'tailHandling'
  >
>;

/** Defaults of {@link WriteFlowInit}. */
export const DEFAULT_WRITE_FLOW_INIT: WriteFlowInit = {
  maxBatchBytes: 32 * MiB,
  batchesInFlight: 1,
  uploadConcurrency: 0,
  nodeAttempts: 3,
  retryBaseDelayMs: 200,
  confirmationWaitMs: 10_000,
  tailTimeoutMs: 10_000,
  tailHandling: 'wait',
};

/**
 * The fewest members whose weights make a quorum (largest first); all of them when none does.
 * @param weights shard counts of the members
 */
export function quorumMemberCount(weights: readonly number[], nShards: number): number {
  const sorted = [...weights].sort((a, b) => b - a);
  let w = 0;
  for (let i = 0; i < sorted.length; i++) {
    w += sorted[i];
    if (isQuorum(w, nShards)) return i + 1;
  }
  return Math.max(1, sorted.length);
}

/** A counting semaphore: `acquire()` resolves once one of `size` slots is free. */
function semaphore(size: number): { acquire(): Promise<void>; release(): void } {
  let free = size;
  const waiting: (() => void)[] = [];
  return {
    acquire() {
      if (free > 0) {
        free--;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

/**
 * Runs `fn` over `items` with at most `limit` calls running; after a failure no new call starts and the
 * first error is thrown once the running ones ended.
 */
async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (e) {
        failure ??= { error: e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure) throw failure.error;
}

/** Attempts of a whole upload + certify round when the epoch changes under it. */
const EPOCH_CHANGE_ROUNDS = 3;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function objectIdBytes(id: string): Uint8Array {
  const hex = id.slice(2);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function errorCode(e: unknown): string {
  return e instanceof StorageNodeError ? e.code : ((e as { code?: string })?.code ?? 'CLIENT_NODE_ERROR');
}

function failureOf(a: MemberAssignment, e: unknown): NodeFailure {
  return {
    nodeId: a.member.nodeId,
    name: a.member.name,
    shards: a.member.shards,
    code: errorCode(e),
    message: e instanceof Error ? e.message : String(e),
  };
}

/** A confirmation whose message matched; its signature may not be checked yet. */
interface Confirmation {
  assignment: MemberAssignment;
  signature: Uint8Array;
}

/** A running upload round against one committee. */
interface UploadRound {
  committee: Committee;
  /** Settles once every node task ended (or was aborted). */
  all: Promise<void>;
  /** Stops the node tasks still running; their failures are reported as tail timeouts. */
  abortTail: () => void;
  /** Checks the signatures of confirmations that arrived after the quorum (failures join `failures`). */
  verifyLeftovers: () => void;
  /** Failures recorded so far (grows while tail uploads run). */
  failures: NodeFailure[];
}

/**
 * One write of one blob, step by step. Create it with {@link createWriteBlobFlow}; call `encode()`,
 * `register()`, `upload()`, `certify()` in order (each returns its step object), or iterate `run()`.
 */
export class WriteBlobFlow {
  readonly #c: WriteFlowComponents;
  readonly #init: WriteFlowInit;
  readonly #blob: Uint8Array;
  readonly #opts: WriteBlobOptions;
  readonly #signal?: AbortSignal;
  #encoded?: EncodedBlob;
  #encodedStep?: WriteStepEncoded;
  #registered?: WriteStepRegistered;
  #uploaded?: WriteStepUploaded;
  #certified?: WriteStepCertified;
  #round?: UploadRound;
  #tailDetached = false;
  readonly #timings: WriteTimings = { encodeMs: 0, registerMs: 0, uploadMs: 0, certifyMs: 0, tailMs: 0 };

  constructor(
    components: WriteFlowComponents,
    init: WriteFlowInit,
    blob: Uint8Array,
    options: WriteBlobOptions,
  ) {
    this.#c = components;
    this.#init = init;
    this.#blob = blob;
    this.#opts = options;
    this.#signal = options.signal;
    const epochs = options.epochs ?? 1;
    if (!Number.isSafeInteger(epochs) || epochs < 1) {
      throw new ClientConfigError(`epochs must be a positive integer, got ${String(options.epochs)}`);
    }
    const r = options.resume;
    if (r?.step === 'registered') this.#registered = r;
    if (r?.step === 'uploaded') {
      this.#registered = { ...r, step: 'registered' };
      this.#uploaded = r;
    }
    if (r?.step === 'certified') this.#certified = r;
  }

  #progress(e: ClientProgressEvent): void {
    try {
      this.#opts.onProgress?.(e);
    } catch {
      // a throwing progress listener must not break the write
    }
  }

  #writer(): ChainWriter {
    const chain = this.#c.chain;
    if (!chain.registerBlob || !chain.reserveSpace || !chain.certifyBlob || !chain.address) {
      throw new ClientConfigError('writing needs a chain client with a signer (a wallet)');
    }
    return chain as ChainWriter;
  }

  /** Step 1: encodes the blob for the current committee's shard count. */
  async encode(): Promise<WriteStepEncoded> {
    if (this.#encodedStep) return this.#encodedStep;
    const state = await this.#c.chain.systemState({ signal: this.#signal });
    writeCommittee(state);
    const n = state.nShards;
    const t0 = performance.now();
    const encoded = await (this.#c.codec ?? inlineCodec).encode(this.#blob, n);
    this.#timings.encodeMs = performance.now() - t0;
    const step: WriteStepEncoded = {
      step: 'encoded',
      blobId: blobIdToString(encoded.blobId),
      rootHash: toBase64(encoded.rootHash),
      unencodedLength: this.#blob.length,
      encodedLength: encodedBlobLength(this.#blob.length, n),
      nShards: n,
    };
    const resumeId = this.#opts.resume?.blobId;
    if (resumeId !== undefined && resumeId !== step.blobId) {
      throw new FlowStateError(`resume is for blob ${resumeId} but these bytes encode to ${step.blobId}`);
    }
    this.#encoded = encoded;
    this.#encodedStep = step;
    this.#progress({
      type: 'write:encoded',
      blobId: step.blobId,
      unencodedLength: step.unencodedLength,
      encodedLength: step.encodedLength,
    });
    return step;
  }

  /**
   * Step 2: registers the blob (or finds it already certified / invalid, which ends the flow with a
   * `certified` step carrying that result).
   */
  async register(): Promise<WriteStepRegistered | WriteStepCertified> {
    if (this.#certified) return this.#certified;
    if (this.#registered) return this.#registered;
    const enc = this.#encodedStep;
    if (!enc || !this.#encoded) throw new FlowStateError('encode() must run before register()');
    const t0 = performance.now();
    const chain = this.#c.chain;
    const signal = this.#signal;
    const epochs = this.#opts.epochs ?? 1;
    const deletable = this.#opts.deletable ?? true;
    const state = await chain.systemState({ signal });
    const wantedEnd = state.epoch + epochs;
    if (epochs > state.maxEpochsAhead) {
      throw new ClientConfigError(`epochs ${epochs} exceeds the maximum of ${state.maxEpochsAhead}`);
    }

    const info = await chain.getBlobIdInfo(enc.blobId, { signal });
    if (info.invalidated) {
      return this.#finish({ kind: 'markedInvalid', blobId: enc.blobId, event: info.invalidated });
    }
    if (!this.#opts.force) {
      const writer = chain.address;
      const good = info.objects
        .filter(
          (o) =>
            o.certifiedEpoch !== null &&
            o.storage.endEpoch >= wantedEnd &&
            // A deletable blob only counts when we own it (someone else may delete theirs).
            (!o.deletable || o.owner === writer),
        )
        .sort((a, b) => b.storage.endEpoch - a.storage.endEpoch)[0];
      if (good) {
        return this.#finish({
          kind: 'alreadyCertified',
          blobId: enc.blobId,
          endEpoch: good.storage.endEpoch,
          objectId: good.id,
        });
      }
    }

    const w = this.#writer();
    const units = BigInt(storageUnits(enc.encodedLength));
    const owned = await chain.ownedObjects(w.address, { signal });
    let blob: BlobObject | undefined;
    let op: ResourceOperation;
    let cost: bigint;

    const reusable = owned.blobs.find(
      (b) =>
        b.blobId === enc.blobId &&
        b.certifiedEpoch === null &&
        b.deletable === deletable &&
        b.storage.startEpoch <= state.epoch &&
        b.storage.endEpoch >= wantedEnd,
    );
    if (reusable) {
      blob = reusable;
      op = { reuseRegistration: { encodedLength: enc.encodedLength } };
      cost = 0n;
    } else {
      const fitting = owned.storage
        .filter(
          (s) => s.startEpoch <= state.epoch && s.endEpoch >= wantedEnd && s.storageSize >= enc.encodedLength,
        )
        .sort((a, b) => a.storageSize - b.storageSize || a.endEpoch - b.endEpoch)[0];
      let storageId: string;
      if (fitting) {
        storageId = fitting.id;
        if (fitting.storageSize > enc.encodedLength) {
          // Keep the rest of the resource for later blobs.
          const r = await w.splitStorageBySize({
            storageId: fitting.id,
            size: fitting.storageSize - enc.encodedLength,
            signal,
          });
          storageId = r.storage.storageSize >= enc.encodedLength ? r.storage.id : r.split.id;
        }
        op = { reuseStorage: { encodedLength: enc.encodedLength } };
        cost = state.writePricePerUnit * units;
      } else {
        const r = await w.reserveSpace({ size: enc.encodedLength, epochs, signal });
        storageId = r.storage.id;
        op = { registerFromScratch: { encodedLength: enc.encodedLength, epochsAhead: epochs } };
        cost = state.storagePricePerUnit * units * BigInt(epochs) + state.writePricePerUnit * units;
      }
      const reg = await w.registerBlob({
        storageId,
        blobId: enc.blobId,
        rootHash: this.#encoded.rootHash,
        size: enc.unencodedLength,
        encodingType: 1,
        deletable,
        signal,
      });
      blob = reg.blob;
    }
    if (this.#opts.attributes && Object.keys(this.#opts.attributes).length > 0 && w.setBlobAttributes) {
      await w.setBlobAttributes({ blobObjectId: blob.id, attributes: this.#opts.attributes, signal });
    }
    this.#timings.registerMs = performance.now() - t0;
    this.#registered = {
      ...enc,
      step: 'registered',
      blobObjectId: blob.id,
      deletable: blob.deletable,
      resourceOperation: op,
      cost: cost.toString(),
    };
    this.#progress({ type: 'write:registered', blobId: enc.blobId, blobObjectId: blob.id });
    return this.#registered;
  }

  #finish(result: WriteBlobResult): WriteStepCertified {
    const blobId = result.kind === 'newlyCreated' ? result.blobObject.blobId : result.blobId;
    this.#certified = { step: 'certified', blobId, result };
    return this.#certified;
  }

  /**
   * Step 3: stores metadata and slivers on the committee and gathers confirmations until a quorum.
   * Uploads to the other nodes keep running (tail uploads) until `certify()` finishes with them.
   * @throws NotEnoughConfirmationsError when more than n - quorum shards' worth of nodes failed
   */
  async upload(): Promise<WriteStepUploaded> {
    if (this.#uploaded) return this.#uploaded;
    const reg = this.#registered;
    if (!reg || !this.#encoded) throw new FlowStateError('register() must run before upload()');
    const t0 = performance.now();
    const state = await this.#c.chain.systemState({ signal: this.#signal });
    const committee = writeCommittee(state);
    if (committee.nShards !== reg.nShards) throw new EpochChangedError('the number of shards changed');
    const persistence: BlobPersistence = reg.deletable
      ? { kind: 'deletable', objectId: objectIdBytes(reg.blobObjectId) }
      : { kind: 'permanent' };
    const message = encodeStorageConfirmation({
      epoch: committee.epoch,
      blobId: this.#encoded.blobId,
      persistence,
    });
    const { certificate, confirmed, round } = await this.#uploadRound(committee, persistence, message);
    this.#round = round;
    this.#timings.uploadMs = performance.now() - t0;
    this.#uploaded = {
      ...reg,
      step: 'uploaded',
      epoch: committee.epoch,
      certificate,
      confirmed,
    };
    return this.#uploaded;
  }

  /**
   * Uploads to every member concurrently and decides as soon as a quorum is verified. Signatures are
   * checked optimistically: once the unchecked confirmations would make a quorum, their aggregate is
   * verified in one pairing check; only if that fails is each checked alone (and the bad ones dropped as
   * failed nodes). Confirmations after the quorum are checked when the tail ends.
   */
  async #uploadRound(
    committee: Committee,
    persistence: BlobPersistence,
    message: Uint8Array,
  ): Promise<{ certificate: CertificateJson; confirmed: string[]; round: UploadRound }> {
    const encoded = this.#encoded as EncodedBlob;
    const n = committee.nShards;
    const assignments = assignPairs(committee, encoded.blobId);
    const hashed = hashMessage(message);
    // The caller's signal stops the uploads until certification; detached tail uploads outlive it (a daemon's
    // request ends, its signal aborts, the remaining nodes should still get their slivers).
    const controller = new AbortController();
    const caller = this.#signal;
    if (caller?.aborted) controller.abort(caller.reason);
    caller?.addEventListener(
      'abort',
      () => {
        if (!this.#tailDetached) controller.abort(caller.reason);
      },
      { once: true },
    );
    const signal = controller.signal;
    const totalBytes = assignments.reduce((sum, a) => sum + this.#bytesFor(a), 0);
    let sentBytes = 0;
    const failures: NodeFailure[] = [];
    const verified: Confirmation[] = [];
    let unverified: Confirmation[] = [];
    let verifiedWeight = 0;
    let candidateWeight = 0;
    let failedWeight = 0;
    let tailAborted = false;
    const required = quorumWeight(n);

    let settle!: { resolve: () => void; reject: (e: Error) => void };
    const quorum = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    let decided = false;

    const fail = (a: MemberAssignment, failure: NodeFailure): void => {
      failures.push(failure);
      failedWeight += a.member.weight;
      this.#c.logger?.('write: node %s failed: %s', a.member.name, failure.message);
      this.#progress({ type: 'write:node-failed', node: a.member.name, code: failure.code, failedWeight });
      if (!decided && quorumImpossible(failedWeight, n)) {
        decided = true;
        settle.reject(new NotEnoughConfirmationsError(verifiedWeight, required, [...failures]));
      }
    };
    const accept = (batch: Confirmation[]): void => {
      for (const c of batch) {
        verified.push(c);
        verifiedWeight += c.assignment.member.weight;
      }
    };
    const verifyBatch = (): void => {
      const batch = unverified;
      unverified = [];
      if (batch.length === 0) return;
      const keys = batch.map((c) => c.assignment.member.publicKey);
      let ok: boolean;
      try {
        ok = verifyAggregate(aggregateSignatures(batch.map((c) => c.signature)), hashed, keys);
      } catch {
        ok = false; // a malformed signature: find it below
      }
      if (ok) return accept(batch);
      for (const c of batch) {
        if (verify(c.signature, hashed, c.assignment.member.publicKey)) {
          accept([c]);
        } else {
          candidateWeight -= c.assignment.member.weight;
          const node = c.assignment.member;
          fail(
            c.assignment,
            failureOf(
              c.assignment,
              new NodeInvalidResponseError(
                `${node.name}: the confirmation signature does not verify with the node's on-chain key`,
                'CLIENT_CONFIRMATION_BAD_SIGNATURE',
              ),
            ),
          );
        }
      }
    };

    // Every node at once by default. A window (largest nodes first, the next when one ends) lets a quorum
    // confirm sooner when the CPU is the bottleneck, but the nodes left for later see the blob certified
    // before their slivers arrive and start recovering it from the others: measured on the 7-process
    // devnet, the nodes' CPU per 64 MiB write went from 10 s to 20 s (n = 100) and 13 s to 92 s (n = 1000).
    const window =
      this.#init.uploadConcurrency > 0 ? this.#init.uploadConcurrency : Math.max(1, assignments.length);
    const gate = semaphore(window);
    const ordered = [...assignments].sort((x, y) => y.member.weight - x.member.weight);
    const tasks = ordered.map(async (a): Promise<void> => {
      await gate.acquire();
      try {
        if (signal.aborted) throw signal.reason;
        const signature = await this.#storeOnNode(a, persistence, message, signal, (bytes) => {
          sentBytes += bytes;
          this.#progress({ type: 'write:upload', sentBytes, totalBytes, node: a.member.name });
        });
        unverified.push({ assignment: a, signature });
        if (decided) return; // a tail confirmation: checked when the tail ends
        candidateWeight += a.member.weight;
        if (isQuorum(candidateWeight, n)) {
          verifyBatch();
          if (!decided && isQuorum(verifiedWeight, n)) {
            decided = true;
            settle.resolve();
          }
        }
        this.#progress({
          type: 'write:confirmation',
          node: a.member.name,
          confirmedWeight: decided ? verifiedWeight : candidateWeight,
          requiredWeight: required,
        });
      } catch (e) {
        const failure = failureOf(a, e);
        fail(
          a,
          tailAborted
            ? { ...failure, code: 'CLIENT_TAIL_TIMEOUT', message: 'still uploading when the tail ended' }
            : failure,
        );
      } finally {
        gate.release();
      }
    });
    const all = Promise.all(tasks).then(() => {
      // Every task ended without a decision (e.g. too few members): decide from the final counts.
      if (!decided) {
        verifyBatch();
        decided = true;
        if (isQuorum(verifiedWeight, n)) settle.resolve();
        else settle.reject(new NotEnoughConfirmationsError(verifiedWeight, required, [...failures]));
      }
    });
    const round: UploadRound = {
      committee,
      all,
      abortTail: () => {
        tailAborted = true;
        controller.abort();
      },
      verifyLeftovers: verifyBatch,
      failures,
    };
    try {
      await quorum;
    } catch (e) {
      controller.abort();
      await all;
      if (this.#signal?.aborted) throw this.#signal.reason;
      throw e;
    }
    const signers = [...verified].sort((x, y) => x.assignment.index - y.assignment.index);
    const certificate: CertificateJson = {
      signers: signers.map((s) => s.assignment.index),
      serializedMessage: toBase64(message),
      signature: toBase64(aggregateSignatures(signers.map((s) => s.signature))),
    };
    return { certificate, confirmed: signers.map((s) => s.assignment.member.nodeId), round };
  }

  #bytesFor(a: MemberAssignment): number {
    const enc = this.#encoded as EncodedBlob;
    const n = enc.nShards;
    let total = 0;
    for (const p of a.pairs) {
      total +=
        enc.primarySlivers[p].data.length + enc.secondarySlivers[secondarySliverIndex(p, n)].data.length;
    }
    return total;
  }

  /** Stores everything one member needs and returns its confirmation signature (message checked). */
  async #storeOnNode(
    a: MemberAssignment,
    persistence: BlobPersistence,
    message: Uint8Array,
    signal: AbortSignal,
    onSent: (bytes: number) => void,
  ): Promise<Uint8Array> {
    const enc = this.#encoded as EncodedBlob;
    const n = enc.nShards;
    const t = this.#c.transport;
    const node = a.member;
    const retry = {
      signal,
      attempts: this.#init.nodeAttempts,
      baseDelayMs: this.#init.retryBaseDelayMs,
    };
    await withRetries(() => t.putMetadata(node, enc.blobId, enc.metadata, { signal }), retry);

    const uploads: SliverUpload[] = [];
    for (const p of a.pairs) {
      uploads.push({ pairIndex: p, sliver: enc.primarySlivers[p] });
      uploads.push({ pairIndex: p, sliver: enc.secondarySlivers[secondarySliverIndex(p, n)] });
    }
    // Measured on the 7-process devnet: 2 batches of 8 MiB in flight uploaded slower than 1 of 32 MiB.
    await forEachLimited(this.#batches(uploads), this.#init.batchesInFlight, (batch) =>
      this.#putBatch(a, batch, signal, retry, onSent),
    );

    const signed: SignedMessage = await withRetries(
      () =>
        t.getConfirmation(node, enc.blobId, persistence, {
          signal,
          waitForRegistrationMs: this.#init.confirmationWaitMs,
          timeoutMs: this.#init.confirmationWaitMs + 30_000,
        }),
      { ...retry, attempts: retry.attempts + 2 },
    );
    if (!bytesEqual(signed.serializedMessage, message)) {
      throw new NodeInvalidResponseError(
        `${node.name}: the confirmation is for a different message (epoch or persistence mismatch)`,
        'CLIENT_CONFIRMATION_MISMATCH',
      );
    }
    // The signature is checked by the round (aggregated with the others when possible).
    return signed.signature;
  }

  #batches(uploads: SliverUpload[]): SliverUpload[][] {
    const out: SliverUpload[][] = [];
    let cur: SliverUpload[] = [];
    let size = 0;
    for (const u of uploads) {
      const len = u.sliver.data.length + 16;
      if (cur.length > 0 && size + len > this.#init.maxBatchBytes) {
        out.push(cur);
        cur = [];
        size = 0;
      }
      cur.push(u);
      size += len;
    }
    if (cur.length > 0) out.push(cur);
    return out;
  }

  async #putBatch(
    a: MemberAssignment,
    batch: SliverUpload[],
    signal: AbortSignal,
    retry: { signal: AbortSignal; attempts: number; baseDelayMs: number },
    onSent: (bytes: number) => void,
  ): Promise<void> {
    const enc = this.#encoded as EncodedBlob;
    try {
      await withRetries(() => this.#c.transport.putSlivers(a.member, enc.blobId, batch, { signal }), retry);
      onSent(batch.reduce((s, u) => s + u.sliver.data.length, 0));
    } catch (e) {
      // The node refused the batch as too large: halve it.
      if (batch.length > 1 && e instanceof StorageNodeError && e.code === 'CLIENT_NODE_TOO_LARGE') {
        const mid = Math.ceil(batch.length / 2);
        await this.#putBatch(a, batch.slice(0, mid), signal, retry, onSent);
        await this.#putBatch(a, batch.slice(mid), signal, retry, onSent);
        return;
      }
      throw e;
    }
  }

  /**
   * Step 4: certifies the blob on chain, then handles the tail uploads (see `tailHandling`).
   * @throws WrongEpochError (from the chain) when the epoch changed since the confirmations; `run()`
   *   handles that by uploading again
   */
  async certify(): Promise<WriteStepCertified> {
    if (this.#certified) return this.#certified;
    const up = this.#uploaded;
    if (!up) throw new FlowStateError('upload() must run before certify()');
    const w = this.#writer();
    const t0 = performance.now();
    let blob: BlobObject;
    try {
      const r = await w.certifyBlob({
        blobObjectId: up.blobObjectId,
        certificate: {
          signers: up.certificate.signers,
          serializedMessage: fromBase64(up.certificate.serializedMessage),
          signature: fromBase64(up.certificate.signature),
        },
        signal: this.#signal,
      });
      blob = r.blob;
    } catch (e) {
      if (!(e instanceof BlobAlreadyCertifiedError)) throw e;
      blob = await this.#c.chain.getBlob(up.blobObjectId, { signal: this.#signal });
    }
    this.#timings.certifyMs = performance.now() - t0;
    this.#progress({ type: 'write:certified', blobId: up.blobId, blobObjectId: up.blobObjectId });

    const failedNodes = await this.#tail();
    return this.#finish({
      kind: 'newlyCreated',
      blobObject: blob,
      resourceOperation: up.resourceOperation,
      cost: BigInt(up.cost),
      failedNodes,
      timings: { ...this.#timings },
    });
  }

  async #tail(): Promise<NodeFailure[]> {
    const round = this.#round;
    if (!round) return [];
    if ((this.#opts.tailHandling ?? this.#init.tailHandling) === 'detached') {
      this.#tailDetached = true;
      void round.all.catch(() => undefined);
      return [...round.failures];
    }
    const t0 = performance.now();
    // The timer is cancelled once the tail ends: a pending 10 s timer would keep a CLI process alive.
    const stopTimer = new AbortController();
    const timerSignal = this.#signal ? AbortSignal.any([this.#signal, stopTimer.signal]) : stopTimer.signal;
    const timer = sleep(this.#init.tailTimeoutMs, timerSignal).then(
      () => 'timeout' as const,
      () => 'aborted' as const,
    );
    const outcome = await Promise.race([round.all.then(() => 'done' as const), timer]);
    stopTimer.abort();
    if (outcome !== 'done') {
      // Tail uploads still running: stop them; they are reported as failed.
      round.abortTail();
      await round.all;
    }
    round.verifyLeftovers();
    this.#timings.tailMs = performance.now() - t0;
    return [...round.failures];
  }

  /**
   * Runs the remaining steps, yielding each step object. An epoch change between upload and certification
   * re-uploads to the new committee (up to 3 rounds).
   * @throws EpochChangedError after repeated epoch changes; NotEnoughConfirmationsError; chain errors
   */
  async *run(): AsyncGenerator<WriteBlobStep, WriteBlobResult> {
    if (this.#certified) {
      yield this.#certified;
      return this.#certified.result;
    }
    yield await this.encode();
    const reg = await this.register();
    yield reg;
    if (reg.step === 'certified') return reg.result;
    for (let round = 1; ; round++) {
      const up = await this.upload();
      yield up;
      try {
        const done = await this.certify();
        yield done;
        return done.result;
      } catch (e) {
        if (!(e instanceof WrongEpochError) || round >= EPOCH_CHANGE_ROUNDS) {
          if (e instanceof WrongEpochError) throw new EpochChangedError();
          throw e;
        }
        this.#c.logger?.('write: epoch changed before certification; uploading again');
        this.#round?.abortTail();
        this.#uploaded = undefined;
        this.#round = undefined;
      }
    }
  }
}

/**
 * Creates a write flow for `blob`.
 * @throws ClientConfigError for invalid options
 */
export function createWriteBlobFlow(
  components: WriteFlowComponents,
  blob: Uint8Array,
  options: WriteBlobOptions = {},
  init: Partial<WriteFlowInit> = {},
): WriteBlobFlow {
  return new WriteBlobFlow(components, { ...DEFAULT_WRITE_FLOW_INIT, ...init }, blob, options);
}

/** Runs a whole write. @see {@link WriteBlobFlow.run} */
export async function writeBlob(
  components: WriteFlowComponents,
  blob: Uint8Array,
  options: WriteBlobOptions = {},
  init: Partial<WriteFlowInit> = {},
): Promise<WriteBlobResult> {
  const flow = createWriteBlobFlow(components, blob, options, init);
  const it = flow.run();
  for (;;) {
    const r = await it.next();
    if (r.done) return r.value;
  }
}
