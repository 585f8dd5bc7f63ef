/**
 * The read flow and the blob status the client trusts.
 *
 * - Status: every member of the committee is asked; once a quorum of shard weight answered (or every node
 *   ended), the latest status (Walrus's order) that nodes with at least f+1 shards vouch for (they report it
 *   or a later one) is taken. It is cross-checked with the chain, the source of truth, to tell a blob that
 *   never existed from one that expired, and to tolerate nodes that have not processed a certification yet.
 * - Read: metadata from any node, verified against the blob ID; primary slivers from nodes in random order
 *   weighted by shards until R = n-2f verified ones; decode; consistency check (default/strict/skip).
 *   While an epoch change is in progress, blobs certified before the current epoch are read from the
 *   previous committee; a read that fails because the committee moved is retried.
 *
 * @see spec §1.8, §5.2; architecture.md "Epochs"
 * @packageDocumentation
 */
import { compareBlobStatus } from '../../../shared/api/storage-node.ts';
import type { BlobStatus } from '../../../shared/api/storage-node.ts';
import { blobIdFromString, blobIdToString, bytesEqual } from '../../../shared/encoding/blob-id.ts';
import { InconsistentBlobError } from '../../../shared/encoding/errors.ts';
import { metadataSymbolSize, sliverHash, verifyMetadata } from '../../../shared/encoding/metadata.ts';
import { nodeBytes } from '../../../shared/encoding/merkle.ts';
import { encodingParams, primarySliverSize } from '../../../shared/encoding/params.ts';
import { sliverDataBcsLength } from '../../../shared/bcs/sliver.ts';
import type { BlobMetadataWithId, Sliver } from '../../../shared/encoding/types.ts';
import type { BlobIdInfo, ChainReader, Committee, CommitteeMember, SystemState } from '../../chain/types.ts';
import { inlineCodec } from '../codec.ts';
import type { ClientCodec } from '../codec.ts';
import {
  assignPairs,
  isQuorum,
  readCommittee,
  validityWeight,
  weightedShuffle,
  writeCommittee,
} from '../committee.ts';
import {
  BlobDeletedError,
  BlobExpiredError,
  BlobInconsistentError,
  BlobInvalidError,
  BlobNotCertifiedError,
  BlobNotFoundError,
  NoMetadataError,
  NotEnoughSliversError,
  NoVerifiedStatusError,
  RetryableClientError,
} from '../errors.ts';
import { sleep } from '../retry.ts';
import type { StorageNodeTransport } from '../transport/types.ts';
import type {
  ClientInit,
  ClientLogger,
  ProgressOptions,
  ReadBlobOptions,
  ReadBlobResult,
  VerifiedBlobStatus,
} from '../types.ts';
import { copyInto } from '../../../shared/bytes.ts';

/** What the read flow needs. */
export interface ReadFlowComponents {
  chain: ChainReader;
  transport: StorageNodeTransport;
  logger?: ClientLogger;
  random?: () => number;
  /** @default inlineCodec */
  codec?: ClientCodec;
}

/** Resolved tuning (see {@link ClientInit}). */
export type ReadFlowInit = Required<
  Pick<
    ClientInit,
    | 'shortRequestTimeoutMs'
    | 'readRetries'
    | 'extraSlivers'
    | 'maxSliverRequestBytes'
    | 'sliverRequestsPerNode'
  >
>;

/** Defaults of {@link ReadFlowInit}. */
export const DEFAULT_READ_FLOW_INIT: ReadFlowInit = {
  shortRequestTimeoutMs: 10_000,
  readRetries: 3,
  extraSlivers: 0,
  maxSliverRequestBytes: 8 * 1024 * 1024,
  sliverRequestsPerNode: 2,
};

function statusLabel(s: BlobStatus): string {
  return typeof s === 'string' ? s : Object.keys(s)[0];
}

/**
 * The latest status vouched for by at least f+1 shards: sort answers from latest to earliest and take the
 * first status at which the accumulated weight reaches f+1 (those nodes report it or something later).
 * Returns undefined when the answers weigh less than f+1.
 */
export function vouchedStatus(
  answers: readonly { status: BlobStatus; weight: number }[],
  nShards: number,
): BlobStatus | undefined {
  const sorted = [...answers].sort((a, b) => compareBlobStatus(b.status, a.status));
  let weight = 0;
  for (const a of sorted) {
    weight += a.weight;
    if (weight >= validityWeight(nShards)) return a.status;
  }
  return undefined;
}

/**
 * Asks the committee for the blob's status and returns the one f+1 shards vouch for.
 * @throws NoVerifiedStatusError when too few nodes answered
 */
export async function fetchVouchedStatus(
  c: ReadFlowComponents,
  committee: Committee,
  blobId: Uint8Array,
  init: ReadFlowInit,
  signal?: AbortSignal,
): Promise<BlobStatus> {
  const n = committee.nShards;
  const members = committee.members.filter((m) => m.weight > 0);
  const answers: { status: BlobStatus; weight: number }[] = [];
  let answered = 0;
  // Requests still running once the answer is decided are cancelled (a dead node would hold them).
  const controller = new AbortController();
  const requestSignal = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
  await new Promise<void>((resolve) => {
    let pending = members.length;
    if (pending === 0) resolve();
    for (const m of members) {
      c.transport
        .getBlobStatus(m, blobId, { signal: requestSignal, timeoutMs: init.shortRequestTimeoutMs })
        .then(
          (status) => {
            answers.push({ status, weight: m.weight });
            answered += m.weight;
          },
          (e: unknown) => {
            if (!controller.signal.aborted) c.logger?.('status: %s failed: %s', m.name, (e as Error).message);
          },
        )
        .finally(() => {
          pending--;
          if (pending === 0 || isQuorum(answered, n)) resolve();
        });
    }
  });
  controller.abort();
  if (signal?.aborted) throw signal.reason;
  const status = vouchedStatus(answers, n);
  if (status === undefined) {
    throw new NoVerifiedStatusError(blobIdToString(blobId), answered, validityWeight(n));
  }
  return status;
}

function certifiedEpochOf(s: BlobStatus): number | null {
  if (typeof s === 'string') return null;
  if ('permanent' in s) return s.permanent.isCertified ? s.permanent.initialCertifiedEpoch : null;
  if ('deletable' in s) return s.deletable.initialCertifiedEpoch;
  return null;
}

/**
 * Interprets a vouched status together with the chain's view of the blob ID.
 * @returns the status; never throws for a missing blob (see {@link assertReadable})
 */
export function interpretStatus(
  status: BlobStatus,
  info: BlobIdInfo,
  state: SystemState,
): VerifiedBlobStatus {
  if (info.invalidated) return { kind: 'invalid', event: info.invalidated };
  if (typeof status === 'object' && 'invalid' in status)
    return { kind: 'invalid', event: status.invalid.event };
  const live = info.objects.filter((o) => o.storage.endEpoch > state.epoch);
  const certified = live.filter((o) => o.certifiedEpoch !== null);
  if (certified.length > 0) {
    // The chain is the source of truth: nodes that have not processed the certification yet lag behind.
    const best = certified.sort((a, b) => b.storage.endEpoch - a.storage.endEpoch)[0];
    const nodeEpoch = certifiedEpochOf(status);
    return {
      kind: 'certified',
      endEpoch: best.storage.endEpoch,
      certifiedEpoch: nodeEpoch ?? Math.min(...certified.map((o) => o.certifiedEpoch as number)),
      deletable: certified.every((o) => o.deletable),
    };
  }
  if (live.length > 0) {
    return {
      kind: 'registered',
      endEpoch: Math.max(...live.map((o) => o.storage.endEpoch)),
      deletable: live[0].deletable,
    };
  }
  // Every object the chain knows has expired: whatever the nodes still hold is no longer available.
  if (info.objects.length > 0) return { kind: 'nonexistent' };
  if (
    typeof status === 'object' &&
    'permanent' in status &&
    status.permanent.isCertified &&
    status.permanent.endEpoch > state.epoch
  ) {
    // The nodes vouch for it but this chain client does not know the object (e.g. a lagging chain view).
    return {
      kind: 'certified',
      endEpoch: status.permanent.endEpoch,
      certifiedEpoch: status.permanent.initialCertifiedEpoch,
      deletable: false,
    };
  }
  return { kind: 'nonexistent' };
}

/**
 * Throws the typed answer for a blob that cannot be read: invalid, expired, deleted, not certified, or not
 * found. Returns the certified epoch when the blob is readable.
 */
export function assertReadable(
  blobId: string,
  verified: VerifiedBlobStatus,
  status: BlobStatus,
  info: BlobIdInfo,
  state: SystemState,
): number | null {
  switch (verified.kind) {
    case 'certified':
      return verified.certifiedEpoch;
    case 'invalid':
      throw new BlobInvalidError(blobId);
    case 'registered':
      throw new BlobNotCertifiedError(blobId);
    case 'nonexistent': {
      const expired = info.objects.filter((o) => o.storage.endEpoch <= state.epoch);
      if (expired.length > 0) {
        throw new BlobExpiredError(blobId, Math.max(...expired.map((o) => o.storage.endEpoch)), state.epoch);
      }
      if (
        typeof status === 'object' &&
        'deletable' in status &&
        status.deletable.deletableCounts.count_deletable_total === 0
      ) {
        throw new BlobDeletedError(blobId);
      }
      throw new BlobNotFoundError(blobId);
    }
  }
}

/**
 * The blob's status as the client establishes it (nodes' f+1 vouched status + chain).
 * @throws NoVerifiedStatusError, NoCommitteeError
 */
export async function getVerifiedBlobStatus(
  c: ReadFlowComponents,
  blobIdText: string,
  options: ProgressOptions = {},
  init: ReadFlowInit = DEFAULT_READ_FLOW_INIT,
): Promise<VerifiedBlobStatus> {
  const blobId = blobIdFromString(blobIdText);
  const state = await c.chain.systemState({ signal: options.signal });
  const [status, info] = await Promise.all([
    fetchVouchedStatus(c, writeCommittee(state), blobId, init, options.signal),
    c.chain.getBlobIdInfo(blobIdText, { signal: options.signal }),
  ]);
  return interpretStatus(status, info, state);
}

/** Fetches metadata from nodes in weighted random order until one verifies against the blob ID. */
async function fetchMetadata(
  c: ReadFlowComponents,
  committee: Committee,
  blobId: Uint8Array,
  init: ReadFlowInit,
  options: ProgressOptions,
): Promise<BlobMetadataWithId> {
  const members = weightedShuffle(
    committee.members.filter((m) => m.weight > 0),
    c.random,
  );
  const text = blobIdToString(blobId);
  for (const m of members) {
    try {
      const md = await c.transport.getMetadata(m, blobId, {
        signal: options.signal,
        timeoutMs: init.shortRequestTimeoutMs,
      });
      if (!bytesEqual(md.blobId, blobId)) throw new Error('metadata for another blob ID');
      verifyMetadata(md, committee.nShards);
      options.onProgress?.({ type: 'read:metadata', blobId: text, node: m.name });
      return md;
    } catch (e) {
      if (options.signal?.aborted) throw options.signal.reason;
      c.logger?.('read: metadata from %s failed: %s', m.name, (e as Error).message);
    }
  }
  throw new NoMetadataError(text);
}

/**
 * Keeps the slivers that verify against the metadata: primary, of the blob's symbol size and length, and
 * whose expansion's Merkle root (computed by the codec, possibly on other threads) is the metadata's hash.
 */
async function verifiedSlivers(
  codec: ClientCodec,
  slivers: readonly Sliver[],
  md: BlobMetadataWithId,
  nShards: number,
): Promise<Sliver[]> {
  const S = metadataSymbolSize(md.metadata, nShards);
  const length = encodingParams(nShards).secondarySymbols * S;
  const shaped = slivers.filter(
    (s) =>
      s.axis === 'primary' &&
      s.symbolSize === S &&
      s.data.length === length &&
      Number.isInteger(s.index) &&
      s.index >= 0 &&
      s.index < nShards,
  );
  if (shaped.length === 0) return [];
  const roots = await codec.sliverRoots(shaped, nShards);
  return shaped.filter((s, i) => {
    const expected = nodeBytes(sliverHash(md.metadata, 'primary', s.index));
    return bytesEqual(expected, roots[i]);
  });
}

/** One request of the read: some primary slivers of one member. */
interface SliverRequestUnit {
  member: CommitteeMember;
  pairs: number[];
}

/**
 * The order in which primary slivers are asked for: first every member's systematic slivers (index < R,
 * the blob's bytes themselves: decoding them is a copy and the consistency check has nothing left to
 * check), all at once; then, for what failed, the other slivers of members in weighted random order.
 */
export function sliverRequestOrder(
  committee: Committee,
  blobId: Uint8Array,
  random?: () => number,
): SliverRequestUnit[] {
  const { primarySymbols: R } = encodingParams(committee.nShards);
  const order = weightedShuffle(assignPairs(committee, blobId), random);
  const units: SliverRequestUnit[] = [];
  for (const a of order) units.push({ member: a.member, pairs: a.pairs.filter((p) => p < R) });
  for (const a of order) units.push({ member: a.member, pairs: a.pairs.filter((p) => p >= R) });
  return units.filter((u) => u.pairs.length > 0);
}

/** The primary slivers a read fetched, and the blob's rows as far as systematic slivers filled them. */
interface FetchedSlivers {
  /** Verified primary slivers by index; systematic ones (index < R) are views of `matrix`'s rows. */
  slivers: Sliver[];
  /**
   * The R x C symbol matrix of the blob (row i = systematic primary sliver i), R * C * S bytes, row-major:
   * the rows of the systematic slivers in `slivers` are filled in, the others are zero.
   */
  matrix: Uint8Array;
}

/**
 * Fetches verified primary slivers until R (+ `extraSlivers`) are in hand, in {@link sliverRequestOrder}
 * with enough slivers requested to cover what is still missing; a failed or short answer makes room for
 * the next request (a member that failed is not asked again). A member's slivers are asked for in requests
 * of about `maxSliverRequestBytes`, at most `sliverRequestsPerNode` of them in flight per member, and each
 * answer is verified (on the codec's threads) while the next ones are still arriving. A verified systematic
 * sliver is copied into its row of the blob's matrix as it arrives, so that the answer's memory goes back
 * to the transport (`reuseMemory`) and reading only systematic slivers leaves nothing to decode.
 */
async function fetchPrimarySlivers(
  c: ReadFlowComponents,
  committee: Committee,
  md: BlobMetadataWithId,
  init: ReadFlowInit,
  options: ReadBlobOptions,
): Promise<FetchedSlivers> {
  const n = committee.nShards;
  const { primarySymbols: R, secondarySymbols: C } = encodingParams(n);
  const rowBytes = C * metadataSymbolSize(md.metadata, n);
  const matrix = options.memory?.take(R * rowBytes) ?? new Uint8Array(R * rowBytes);
  const needed = R;
  const target = Math.min(n, R + init.extraSlivers);
  const codec = c.codec ?? inlineCodec;
  const sliverBytes = sliverDataBcsLength(primarySliverSize(md.metadata.unencodedLength, n));
  const perRequest = Math.max(1, Math.floor(init.maxSliverRequestBytes / sliverBytes));
  const perMember = Math.max(1, init.sliverRequestsPerNode);
  // The requests still to send, in order; each unit split into requests of `perRequest` slivers.
  const queue: SliverRequestUnit[] = [];
  for (const u of sliverRequestOrder(committee, md.blobId, c.random)) {
    for (let i = 0; i < u.pairs.length; i += perRequest) {
      queue.push({ member: u.member, pairs: u.pairs.slice(i, i + perRequest) });
    }
  }
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const got = new Map<number, Sliver>();
  const failedMembers = new Set<string>();
  const running = new Map<string, number>(); // requests in flight per member
  let inFlight = 0; // slivers requested and not yet answered

  return new Promise<FetchedSlivers>((resolve, reject) => {
    let done = false;
    const finish = (err?: Error): void => {
      if (done) return;
      done = true;
      controller.abort();
      if (err) {
        // no answer is copied after `done`: the matrix is unused
        options.memory?.give(matrix);
        reject(err);
      } else resolve({ slivers: [...got.values()].sort((a, b) => a.index - b.index), matrix });
    };
    const launch = (): void => {
      if (done) return;
      if (got.size >= target) return finish();
      // Slivers of requests that wait for their (busy) member count as coming: they are not replaced by
      // requests further down the order (non-systematic slivers, which would need decoding).
      let waiting = 0;
      for (let i = 0; i < queue.length && got.size + inFlight + waiting < target;) {
        const u = queue[i];
        const id = u.member.nodeId;
        if (failedMembers.has(id)) {
          queue.splice(i, 1);
          continue;
        }
        if ((running.get(id) ?? 0) >= perMember) {
          waiting += u.pairs.filter((p) => !got.has(p)).length;
          i++;
          continue;
        }
        queue.splice(i, 1);
        const wanted = u.pairs.filter((p) => !got.has(p));
        if (wanted.length === 0) continue;
        inFlight += wanted.length;
        running.set(id, (running.get(id) ?? 0) + 1);
        // The member's slot frees when its answer has arrived (the next request goes out while this one is
        // verified); the slivers count as in flight until verified.
        let released = false;
        const release = (): void => {
          if (released) return;
          released = true;
          running.set(id, (running.get(id) ?? 1) - 1);
          launch();
        };
        void fetchFrom(u.member, wanted, release).finally(() => {
          inFlight -= wanted.length;
          release();
          launch();
        });
      }
      if (inFlight === 0) {
        if (got.size >= needed) return finish();
        if (options.signal?.aborted) return finish(options.signal.reason as Error);
        finish(new NotEnoughSliversError(got.size, needed));
      }
    };
    const fetchFrom = async (m: CommitteeMember, pairs: number[], arrived: () => void): Promise<void> => {
      try {
        const answered = await c.transport.getSlivers(
          m,
          md.blobId,
          pairs.map((p) => ({ pairIndex: p, sliverType: 'primary' as const })),
          { signal, maxResponseBytes: pairs.length * sliverBytes + 1024, reuseMemory: true },
        );
        arrived();
        // The answer's memory goes back to the transport unless a kept sliver still lives in it.
        let kept = false;
        try {
          const asked = new Set(pairs);
          const candidates = answered.filter((s): s is Sliver => !!s && asked.has(s.index));
          if (done || candidates.length === 0) return;
          const valid = await verifiedSlivers(codec, candidates, md, n);
          if (valid.length < candidates.length) {
            c.logger?.('read: %d invalid slivers from %s', candidates.length - valid.length, m.name);
          }
          for (const s of valid) {
            if (done || got.size >= target) break;
            if (got.has(s.index)) continue;
            if (s.index < R) {
              const row = matrix.subarray(s.index * rowBytes, (s.index + 1) * rowBytes);
              copyInto(row, s.data);
              got.set(s.index, { ...s, data: row });
            } else {
              got.set(s.index, s);
              kept = true;
            }
            options.onProgress?.({ type: 'read:sliver', received: got.size, required: needed, node: m.name });
          }
        } finally {
          if (!kept) c.transport.releaseSlivers?.(answered);
        }
      } catch (e) {
        if (done) return;
        failedMembers.add(m.nodeId);
        c.logger?.('read: slivers from %s failed: %s', m.name, (e as Error).message);
      }
    };
    launch();
  });
}

/**
 * Reads a blob: status, metadata, slivers, decode, consistency check; retried after epoch changes.
 * @throws BlobNotFoundError, BlobExpiredError, BlobDeletedError, BlobInvalidError, BlobNotCertifiedError,
 *   BlobInconsistentError, NotEnoughSliversError, NoMetadataError, NoVerifiedStatusError, InvalidBlobIdError
 * @see spec §5.2
 */
export async function readBlob(
  c: ReadFlowComponents,
  blobIdText: string,
  options: ReadBlobOptions = {},
  init: ReadFlowInit = DEFAULT_READ_FLOW_INIT,
): Promise<ReadBlobResult> {
  const blobId = blobIdFromString(blobIdText);
  const signal = options.signal;
  for (let attempt = 0; ; attempt++) {
    const state = await c.chain.systemState({ signal });
    try {
      return await readOnce(c, blobId, blobIdText, state, options, init);
    } catch (e) {
      if (signal?.aborted || !(e instanceof RetryableClientError) || attempt >= init.readRetries) throw e;
      // Retry when the epoch moved (committee changed) or when nodes may still be catching up.
      const after = await c.chain.systemState({ signal });
      c.logger?.(
        'read: attempt %d failed (%s); epoch %d -> %d',
        attempt + 1,
        e.message,
        state.epoch,
        after.epoch,
      );
      if (after.epoch === state.epoch) await sleep(250 * 2 ** attempt, signal);
    }
  }
}

async function readOnce(
  c: ReadFlowComponents,
  blobId: Uint8Array,
  blobIdText: string,
  state: SystemState,
  options: ReadBlobOptions,
  init: ReadFlowInit,
): Promise<ReadBlobResult> {
  const signal = options.signal;
  const t0 = performance.now();
  const current = writeCommittee(state);
  const changing =
    state.epochState.kind === 'EpochChangeSync' && (state.previousCommittee?.members.length ?? 0) > 0;
  const statusCommittee = changing ? (state.previousCommittee as Committee) : current;
  let statusMs = 0;
  const decided = (async (): Promise<number | null> => {
    const [status, info] = await Promise.all([
      fetchVouchedStatus(c, statusCommittee, blobId, init, signal).catch((e: unknown) => {
        if (statusCommittee === current) throw e;
        return fetchVouchedStatus(c, current, blobId, init, signal);
      }),
      c.chain.getBlobIdInfo(blobIdText, { signal }),
    ]);
    const verified = interpretStatus(status, info, state);
    options.onProgress?.({
      type: 'read:status',
      blobId: blobIdText,
      status: `${verified.kind} (${statusLabel(status)})`,
    });
    statusMs = performance.now() - t0;
    return assertReadable(blobIdText, verified, status, info, state);
  })();

  if (changing) {
    // The committee to read from depends on the certified epoch: the status comes first.
    const certifiedEpoch = await decided;
    return readData(c, readCommittee(state, certifiedEpoch), blobId, blobIdText, options, init, statusMs);
  }
  // The status races the data (spec §5.2): with no epoch change in progress every certified blob is read
  // from the current committee, so metadata and slivers are fetched (and decoded) while the nodes answer
  // the status; the data is returned only once the status says the blob is readable.
  const controller = new AbortController();
  const dataSignal = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
  const data = readData(c, current, blobId, blobIdText, { ...options, signal: dataSignal }, init, 0);
  data.catch(() => undefined); // a failure before the status is decided is handled below, not unhandled
  try {
    await decided;
  } catch (e) {
    controller.abort();
    await data.then(
      (r) => options.memory?.give(r.data),
      () => undefined,
    );
    throw e;
  }
  const result = await data;
  return { ...result, timings: { ...result.timings, statusMs } };
}

/** Metadata, primary slivers and decoding from `committee`; `statusMs` is reported as given. */
async function readData(
  c: ReadFlowComponents,
  committee: Committee,
  blobId: Uint8Array,
  blobIdText: string,
  options: ReadBlobOptions,
  init: ReadFlowInit,
  statusMs: number,
): Promise<ReadBlobResult> {
  const t1 = performance.now();
  const md = await fetchMetadata(c, committee, blobId, init, options);
  const t2 = performance.now();
  const { slivers, matrix } = await fetchPrimarySlivers(c, committee, md, init, options);
  const t3 = performance.now();
  const { primarySymbols: R } = encodingParams(committee.nShards);
  const check = options.consistencyCheck ?? 'default';
  let data: Uint8Array;
  try {
    if (check !== 'strict' && slivers.length >= R && slivers[R - 1].index === R - 1) {
      // Slivers 0..R-1 (sorted, distinct) are the blob's rows, already verified and in place in the matrix:
      // nothing to decode, and the default check has no row left that was not verified.
      data = matrix.subarray(0, md.metadata.unencodedLength);
    } else {
      try {
        data = await (c.codec ?? inlineCodec).decode(md, slivers, committee.nShards, {
          consistencyCheck: check,
          verified: true,
        });
      } finally {
        // the decoder's output is new memory: the matrix (and the rows in it) are no longer used
        options.memory?.give(matrix);
      }
    }
  } catch (e) {
    if (e instanceof InconsistentBlobError) throw new BlobInconsistentError(blobIdText, { cause: e });
    throw e;
  }
  const t4 = performance.now();
  options.onProgress?.({ type: 'read:decoded', blobId: blobIdText, size: data.length });
  return {
    data,
    blobId: blobIdText,
    epoch: committee.epoch,
    timings: { statusMs, metadataMs: t2 - t1, fetchMs: t3 - t2, decodeMs: t4 - t3 },
  };
}
