/**
 * The storage-challenge service of a storage node: it is at once
 * - the **challenged node**: serves {@link CHALLENGE_PROTOCOL} from its store (./prover.ts) and starts the
 *   recovery of every sliver it is asked for and finds missing;
 * - a **verifier**: once per epoch (after the epoch's EpochChangeDone event, `startDelayMs` later) and on
 *   demand, it challenges every other committee member on samples drawn from the epoch seed
 *   (./sampling.ts), checks the answer against its own metadata (./verifier.ts), signs the verdict (a BLS
 *   attestation when the node failed) and publishes it on the `challenge` gossip topic;
 * - an **aggregator**: it records its own and received verdicts per node per epoch (./verdict-book.ts);
 *   when verifiers holding a quorum of shards attested a node's failure, it aggregates their signatures
 *   and reports the node on chain (`report_challenge_failure`). Verdicts about itself that list failed
 *   samples make it recover those blobs and rescan for anything else missing.
 *
 * Gossip verdicts are authenticated by gossipsub's StrictSign (the author's libp2p key), and the validator
 * requires the author to be the committee member named as verifier; BLS attestations are checked only
 * when they are about to go into a certificate (a pairing costs ~30 ms; most verdicts are passes).
 *
 * @example
 * ```ts
 * const challenges = challengeService({ deadlineMs: 30_000 })({ store, committee, network, signer, logger })
 * await challenges.start()
 * follower.onEvent((e) => challenges.onChainEvent(e))
 * const verdict = await challenges.challengeNode(nodeId) // on demand
 * ```
 * @see ./README.md; spec §2.2, §6.3
 */
import { randomBytes } from 'node:crypto';
import type { ComponentLogger, Logger, PeerId, Startable } from '@libp2p/interface';
import { TopicValidatorResult } from '@libp2p/gossipsub';
import type { GossipsubMessage, Message } from '@libp2p/gossipsub';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import type { SignedMessage } from '../../shared/bcs/messages.ts';
import { aggregateSignatures, verify as blsVerify } from '../../shared/crypto/bls.ts';
import { blobIdToString, bytesEqual } from '../../shared/encoding/blob-id.ts';
import { merklePathLength } from '../../shared/encoding/merkle.ts';
import { RS2_MAX_SYMBOL_SIZE, symbolSize } from '../../shared/encoding/params.ts';
import { WalrusTsError } from '../../shared/errors.ts';
import {
  CHALLENGE_PROTOCOL,
  challengeIdOf,
  challengeTopic,
  decodeChallengeAnswer,
  decodeChallengeRequest,
  decodeChallengeVerdict,
  encodeChallengeFailureMessage,
  encodeChallengeRequest,
  encodeChallengeVerdict,
  MAX_CHALLENGE_SAMPLES,
  MAX_VERDICT_BYTES,
  nodeIdFromBytes,
  nodeIdToBytes,
  type ChallengeOutcome,
  type ChallengeRequest,
  type ChallengeSample,
  type ChallengeTrigger,
  type ChallengeVerdict,
  type ChallengeVerdictJson,
} from '../../shared/protocol/challenge.ts';
import type { ChainEvent, ChainReader, ChainWriter, Committee, CommitteeMember } from '../chain/types.ts';
import { GossipAction, GossipActionError, GossipErrorCode } from '../network/gossip/errors.ts';
import { toTopicValidatorResult } from '../network/gossip/validator.ts';
import type { Network } from '../network/network.ts';
import { RequestRejectedError } from '../network/errors.ts';
import { allowAnyPeer } from '../network/reqresp/auth.ts';
import { ResponseStatus } from '../network/reqresp/status.ts';
import type { CommitteeView } from '../service/committee/tracker.ts';
import type { NodeStore } from '../storage/store.ts';
import {
  ChallengeBusyError,
  ChallengeServiceStoppedError,
  NotACommitteeMemberError,
  NothingToChallengeError,
  UnknownChallengeTargetError,
} from './errors.ts';
import type { ChallengeMetrics } from './metrics.ts';
import { ChallengeProver } from './prover.ts';
import {
  DEFAULT_CHALLENGE_SAMPLES,
  deriveEpochSeed,
  deriveSamples,
  fallbackEpochSeed,
  onDemandSeed,
  samplesPerVerifier,
  verifierSeed,
} from './sampling.ts';
import {
  VerdictBook,
  isQuorum,
  type RecordedVerdict,
  type Scorecard,
  type VerdictBookInit,
} from './verdict-book.ts';
import { checkAnswer, outcomeOf, sliverRootsFromBcs, type SliverRoots } from './verifier.ts';

const SECOND_MS = 1000;

/** Default time a challenged node has to deliver its whole answer. */
export const DEFAULT_CHALLENGE_DEADLINE_MS = 30 * SECOND_MS;
/** Default wait after the epoch's EpochChangeDone before the epoch's challenges start. */
export const DEFAULT_CHALLENGE_START_DELAY_MS = 60 * SECOND_MS;
/** Default random spread added to the start delay (so verifiers do not all dial at once). */
export const DEFAULT_CHALLENGE_JITTER_MS = 30 * SECOND_MS;

/** How the node heals what a challenge found missing (the sync service; see {@link healingFromSync}). */
export interface ChallengeHealing {
  /** Queues recovery of `blobId` when the node misses slivers of it; true when queued. */
  recover(blobId: Uint8Array): boolean;
  /** Queues every certified, live blob with a missing sliver; returns how many were queued. */
  scan(): number;
}

/** The sync service parts {@link healingFromSync} uses. */
export interface SyncForHealing {
  blobSync: {
    missingSlivers(blobId: Uint8Array): readonly unknown[];
    enqueue(blobId: Uint8Array, reason: 'recovery'): boolean;
  };
  recovery: { scan(): number; notifyQueued(): void };
}

/** Adapts the self-healing service (node/sync) to {@link ChallengeHealing}. */
export function healingFromSync(sync: SyncForHealing): ChallengeHealing {
  return {
    recover(blobId) {
      if (sync.blobSync.missingSlivers(blobId).length === 0) return false;
      const queued = sync.blobSync.enqueue(blobId, 'recovery');
      if (queued) sync.recovery.notifyQueued();
      return queued;
    },
    scan() {
      const n = sync.recovery.scan();
      if (n > 0) sync.recovery.notifyQueued();
      return n;
    },
  };
}

/** What the service needs. */
export interface ChallengeServiceComponents {
  store: Pick<NodeStore, 'blobInfo' | 'metadata' | 'slivers'>;
  committee: { readonly view: CommitteeView };
  network: Pick<Network, 'reqResp' | 'libp2p' | 'resolvePeer' | 'networkName'>;
  /** Signs failure attestations with the node's BLS key. */
  signer: { signMessage(serializedMessage: Uint8Array): SignedMessage };
  /** For the fallback epoch seed (epoch start time) when the EpochChangeDone event was not seen. */
  chain?: Pick<ChainReader, 'systemState'>;
  /** Reports failing nodes on chain; without it the node only aggregates. */
  chainWriter?: Pick<ChainWriter, 'reportChallengeFailure'>;
  /** Recovery of missing slivers (self-healing). */
  healing?: ChallengeHealing;
  logger: ComponentLogger;
  metrics?: ChallengeMetrics;
}

/** Options of the service. */
export interface ChallengeServiceInit {
  /** Samples per challenged node per challenge. @default 459 (catches a 1% drop with 99% probability) */
  samples?: number;
  /** Time the challenged node has for its whole answer, ms. @default 30_000 */
  deadlineMs?: number;
  /** How long past the deadline an answer is still awaited (to tell `late` from `unreachable`), ms. @default deadlineMs */
  lateGraceMs?: number;
  /** Run the epoch's challenges automatically. @default true */
  schedule?: boolean;
  /** Wait after EpochChangeDone before the epoch's challenges, ms. @default 60_000 */
  startDelayMs?: number;
  /** Random extra wait in [0, jitterMs), ms. @default 30_000 */
  jitterMs?: number;
  /** Members challenged at once. @default 4 */
  concurrency?: number;
  /**
   * Only blobs certified at least this many epochs ago are sampled (a blob certified in the current epoch
   * may still be syncing on a new shard owner). @default 1
   */
  minCertifiedEpochs?: number;
  /**
   * Split the epoch's samples among the verifiers: each draws `ceil(1.5 * samples / verifiers)` from its
   * own share of the epoch seed, so any two thirds of them cover `samples` while each node answers ~1.5x
   * `samples` in total instead of `samples` per verifier; a failing verdict makes every other verifier
   * confirm the failed samples, so a quorum can still attest. `false`: every verifier asks all `samples`
   * (the same ones, answered once and cached). @default true
   */
  splitSamples?: boolean;
  /** Samples of a confirmation when the failing verdict lists none (late or unreachable). @default 8 */
  confirmSamples?: number;
  /** Report a quorum-attested failure on chain. @default true */
  report?: boolean;
  /** Least time between two on-demand challenges, ms. @default 1_000 */
  onDemandIntervalMs?: number;
  /** Bytes of answers the prover caches. @default 64 MiB */
  proverCacheBytes?: number;
  /** Scorecard history. */
  history?: VerdictBookInit;
  /** Clock. @default Date.now */
  now?: () => number;
}

/** A verdict in JSON (see {@link ChallengeVerdictJson}). */
export type VerdictJson = ChallengeVerdictJson;

/** The JSON form of a recorded verdict. */
export function verdictToJson(v: RecordedVerdict): VerdictJson {
  return {
    epoch: v.epoch,
    challengeId: Buffer.from(v.challengeId).toString('hex'),
    target: nodeIdFromBytes(v.target),
    verifier: nodeIdFromBytes(v.verifier),
    trigger: v.trigger,
    outcome: v.outcome,
    samples: v.samples,
    passed: v.passed,
    failed: v.failed,
    latencyMs: v.latencyMs,
    timestampMs: v.timestampMs,
    failedSamples: v.failedSamples.map((s) => ({
      blobId: blobIdToString(s.blobId),
      axis: s.axis,
      sliverIndex: s.sliverIndex,
      position: s.position,
    })),
    attested: v.attestation !== null,
    source: v.source,
  };
}

/** Options of one challenge. */
export interface ChallengeOptions {
  /** Seed to sample from. @default fresh randomness mixed with the epoch seed (on demand) */
  seed?: Uint8Array;
  /** Samples to draw. @default the service's `samples` */
  count?: number;
  /** Eligible blobs to draw from (sorted). @default {@link ChallengeService.eligibleBlobs} of the epoch */
  blobs?: readonly Uint8Array[];
  /** Ask exactly these samples instead of drawing them (confirmations). */
  samples?: readonly ChallengeSample[];
  trigger?: ChallengeTrigger;
  signal?: AbortSignal;
}

const REQUEST_BODY_LIMIT = 64 + MAX_CHALLENGE_SAMPLES * 37 + 8;

type GossipCode = (typeof GossipErrorCode)[keyof typeof GossipErrorCode];

function reject(code: GossipCode, message: string): never {
  throw new GossipActionError(GossipAction.REJECT, code, message);
}

function ignore(code: GossipCode, message: string): never {
  throw new GossipActionError(GossipAction.IGNORE, code, message);
}

function memberIndex(committee: Committee, nodeId: string): number {
  return committee.members.findIndex((m) => m.nodeId === nodeId);
}

/** Challenges, answers, verdicts and failure reports. */
export class ChallengeService implements Startable {
  readonly prover: ChallengeProver;
  readonly book: VerdictBook;
  readonly #c: ChallengeServiceComponents;
  readonly #log: Logger;
  readonly #samples: number;
  readonly #deadlineMs: number;
  readonly #graceMs: number;
  readonly #schedule: boolean;
  readonly #startDelayMs: number;
  readonly #jitterMs: number;
  readonly #concurrency: number;
  readonly #minCertifiedEpochs: number;
  readonly #report: boolean;
  readonly #split: boolean;
  readonly #confirmSamples: number;
  readonly #confirmed = new Set<string>();
  readonly #onDemandIntervalMs: number;
  readonly #now: () => number;
  readonly #seeds = new Map<number, Uint8Array>();
  readonly #ran = new Set<number>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #validated = new WeakMap<Message, { verdict: ChallengeVerdict; committee: Committee }>();
  readonly #reporting = new Set<string>();
  readonly #scanned = new Set<number>();
  #abort = new AbortController();
  #started = false;
  #onDemandBusy = false;
  #lastOnDemand = 0;

  constructor(components: ChallengeServiceComponents, init: ChallengeServiceInit = {}) {
    this.#c = components;
    this.#log = components.logger.forComponent('walrus-ts:challenge');
    this.#samples = Math.min(init.samples ?? DEFAULT_CHALLENGE_SAMPLES, MAX_CHALLENGE_SAMPLES);
    this.#deadlineMs = init.deadlineMs ?? DEFAULT_CHALLENGE_DEADLINE_MS;
    this.#graceMs = init.lateGraceMs ?? this.#deadlineMs;
    this.#schedule = init.schedule ?? true;
    this.#startDelayMs = init.startDelayMs ?? DEFAULT_CHALLENGE_START_DELAY_MS;
    this.#jitterMs = init.jitterMs ?? DEFAULT_CHALLENGE_JITTER_MS;
    this.#concurrency = Math.max(1, init.concurrency ?? 4);
    this.#minCertifiedEpochs = init.minCertifiedEpochs ?? 1;
    this.#report = init.report ?? true;
    this.#split = init.splitSamples ?? true;
    this.#confirmSamples = init.confirmSamples ?? 8;
    this.#onDemandIntervalMs = init.onDemandIntervalMs ?? 1_000;
    this.#now = init.now ?? Date.now;
    this.book = new VerdictBook(init.history);
    this.prover = new ChallengeProver(
      { store: components.store, committee: components.committee },
      {
        cacheBytes: init.proverCacheBytes,
        onMissing: (blobId) => {
          this.#c.metrics?.samplesMissing.inc();
          this.#heal(blobId);
        },
      },
    );
  }

  readonly [Symbol.toStringTag] = 'walrus-ts/challenge';

  get #pubsub() {
    return this.#c.network.libp2p.services.pubsub;
  }

  /** The current epoch as the committee tracker knows it. */
  get currentEpoch(): number {
    return this.#c.committee.view.epoch;
  }

  /** Samples per challenge. */
  get samplesPerChallenge(): number {
    return this.#samples;
  }

  /** Answer deadline, ms. */
  get deadlineMs(): number {
    return this.#deadlineMs;
  }

  /** The verdict gossip topic of this node's network. */
  get topic(): string {
    return challengeTopic(this.#c.network.networkName);
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#abort = new AbortController();
    await this.#c.network.reqResp.handle(CHALLENGE_PROTOCOL, ({ body, peer }) => this.#serve(body, peer), {
      authorize: allowAnyPeer,
      maxRequestHeaderBytes: 0,
      maxRequestBodyBytes: REQUEST_BODY_LIMIT,
      maxConcurrentStreamsPerPeer: 2,
    });
    this.#pubsub.topicValidators.set(this.topic, async (_from, msg) => {
      try {
        this.#validated.set(msg, await this.#validateGossip(msg));
        this.#c.metrics?.gossip.inc({ result: 'accept', code: 'OK' });
        return TopicValidatorResult.Accept;
      } catch (err) {
        const result = toTopicValidatorResult(err);
        const code = err instanceof GossipActionError ? err.code : GossipErrorCode.INTERNAL;
        this.#c.metrics?.gossip.inc({ result: String(result), code });
        if (!(err instanceof GossipActionError)) this.#log.error('validating a verdict failed - %e', err);
        return result;
      }
    });
    this.#pubsub.addEventListener('gossipsub:message', this.#onGossip);
    this.#pubsub.subscribe(this.topic);
    this.#started = true;
    if (this.#schedule) void this.#scheduleCurrentEpoch();
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.#abort.abort(new ChallengeServiceStoppedError());
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#pubsub.removeEventListener('gossipsub:message', this.#onGossip);
    this.#pubsub.topicValidators.delete(this.topic);
    this.#pubsub.unsubscribe(this.topic);
    await this.#c.network.reqResp.unhandle(CHALLENGE_PROTOCOL);
  }

  /** Applies one chain event (call after the event follower applied it). */
  onChainEvent(event: ChainEvent): void {
    try {
      if (event.type === 'EpochChangeDone') {
        this.#seeds.set(event.epoch, deriveEpochSeed(event.epoch, event.id));
        this.prover.clearCache();
        if (this.#started && this.#schedule) this.#scheduleEpoch(event.epoch);
      } else if (event.type === 'NodeChallengeFailed') {
        this.book.markReported(event.epoch, event.nodeId, event.id.txDigest);
      }
    } catch (err) {
      this.#log.error('challenge handling of %s failed - %e', event.type, err);
    }
  }

  /** The seed of `epoch`: from its EpochChangeDone event, else from the epoch's start time. */
  async epochSeed(epoch: number): Promise<Uint8Array> {
    const known = this.#seeds.get(epoch);
    if (known) return known;
    const state = await this.#c.chain?.systemState({ signal: this.#abort.signal });
    const seed = fallbackEpochSeed(epoch, state && state.epoch === epoch ? state.epochStartMs : 0);
    this.#seeds.set(epoch, seed);
    return seed;
  }

  async #scheduleCurrentEpoch(): Promise<void> {
    const v = this.#c.committee.view;
    if (v.epoch > 0 && v.epochState.kind !== 'EpochChangeSync') this.#scheduleEpoch(v.epoch);
  }

  #scheduleEpoch(epoch: number): void {
    if (this.#ran.has(epoch)) return;
    this.#ran.add(epoch);
    const delay = this.#startDelayMs + Math.floor(Math.random() * this.#jitterMs);
    const t = setTimeout(() => {
      this.#timers.delete(t);
      this.runEpoch(epoch).catch((err) => this.#log.error('challenges of epoch %d failed - %e', epoch, err));
    }, delay);
    t.unref?.();
    this.#timers.add(t);
  }

  /**
   * Challenges every other member of the current committee with the epoch's seed (what the schedule runs).
   * @returns this node's verdicts; empty when `epoch` is not the current epoch or this node is no member
   */
  async runEpoch(epoch: number): Promise<RecordedVerdict[]> {
    const view = this.#c.committee.view;
    if (!this.#started || view.epoch !== epoch || !view.self) return [];
    const epochSeed = await this.epochSeed(epoch);
    const seed = this.#split ? verifierSeed(epochSeed, nodeIdToBytes(view.self.nodeId)) : epochSeed;
    const targets = view.current.members.filter((m) => m.nodeId !== view.self!.nodeId && m.weight > 0);
    const count = this.#split ? samplesPerVerifier(this.#samples, targets.length) : this.#samples;
    const blobs = this.eligibleBlobs(epoch);
    const out: RecordedVerdict[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < targets.length && this.#started) {
        const m = targets[next++];
        try {
          out.push(
            await this.challengeMember(m, {
              seed,
              count,
              blobs,
              trigger: 'epoch',
              signal: this.#abort.signal,
            }),
          );
        } catch (err) {
          if (err instanceof NothingToChallengeError) return;
          if (!this.#started) return;
          this.#log.error('challenging %s failed - %e', m.name, err);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, targets.length) }, worker));
    this.#log('epoch %d: challenged %d members: %s', epoch, out.length, out.map((v) => v.outcome).join(','));
    return out;
  }

  /**
   * Challenges the member `nodeId` (node ID, peer ID or name) now, with fresh randomness: the on-demand
   * path of the CLI and the HTTP API.
   * @throws UnknownChallengeTargetError, NotACommitteeMemberError, NothingToChallengeError, ChallengeBusyError
   */
  async challengeNode(nodeId: string, opts: ChallengeOptions = {}): Promise<RecordedVerdict> {
    const view = this.#c.committee.view;
    const m = view.current.members.find(
      (x) => x.nodeId === nodeId || x.peerId === nodeId || x.name === nodeId,
    );
    if (!m || m.weight === 0 || m.nodeId === view.self?.nodeId) throw new UnknownChallengeTargetError(nodeId);
    if (this.#onDemandBusy || this.#now() - this.#lastOnDemand < this.#onDemandIntervalMs) {
      throw new ChallengeBusyError();
    }
    this.#onDemandBusy = true;
    try {
      return await this.challengeMember(m, { trigger: 'onDemand', ...opts });
    } finally {
      this.#onDemandBusy = false;
      this.#lastOnDemand = this.#now();
    }
  }

  /** Certified, unexpired, valid blobs of the current epoch's sample space, in blob ID order. */
  eligibleBlobs(epoch: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    let after: Uint8Array | undefined;
    for (;;) {
      const page = this.#c.store.blobInfo.listBlobInfo({ after, limit: 1000 });
      if (page.length === 0) break;
      for (const b of page) {
        if (b.certifiedEpoch === null || b.invalid || b.state === 'deleted') continue;
        if (b.certifiedEpoch > epoch - this.#minCertifiedEpochs || b.endEpoch <= epoch) continue;
        out.push(b.blobId);
      }
      after = page[page.length - 1].blobId;
    }
    return out;
  }

  #metadata(blobId: Uint8Array): SliverRoots | undefined {
    const bytes = this.#c.store.metadata.getMetadata(blobId);
    return bytes ? sliverRootsFromBcs(bytes, this.#c.committee.view.nShards) : undefined;
  }

  /**
   * Challenges `member`: draws the samples, sends the request, checks the answer, records and publishes
   * the verdict (with a BLS failure attestation unless it passed), and reports on chain when a quorum
   * attested a failure.
   * @throws NotACommitteeMemberError (this node), NothingToChallengeError (no blob to sample)
   */
  async challengeMember(member: CommitteeMember, opts: ChallengeOptions = {}): Promise<RecordedVerdict> {
    if (!this.#started) throw new ChallengeServiceStoppedError();
    const view = this.#c.committee.view;
    const self = view.self;
    if (!self) throw new NotACommitteeMemberError();
    const epoch = view.epoch;
    const trigger = opts.trigger ?? 'onDemand';
    const seed = opts.seed ?? onDemandSeed(await this.epochSeed(epoch), randomBytes(32));
    const target = nodeIdToBytes(member.nodeId);
    const samples =
      opts.samples?.slice(0, MAX_CHALLENGE_SAMPLES) ??
      deriveSamples({
        seed,
        target,
        nShards: view.nShards,
        shards: member.shards,
        blobs: opts.blobs ?? this.eligibleBlobs(epoch),
        count: opts.count ?? this.#samples,
      });
    if (samples.length === 0) throw new NothingToChallengeError();
    const request: ChallengeRequest = { epoch, seed, target, samples };
    const requestBytes = encodeChallengeRequest(request);
    const challengeId = challengeIdOf(requestBytes);
    const metadata = new Map<string, SliverRoots | undefined>();
    const metadataOf = (id: Uint8Array): SliverRoots | undefined => {
      const k = Buffer.from(id).toString('hex');
      if (!metadata.has(k)) metadata.set(k, this.#metadata(id));
      return metadata.get(k);
    };
    let maxSymbol = 0;
    for (const s of samples) {
      const md = metadataOf(s.blobId);
      maxSymbol = Math.max(
        maxSymbol,
        md ? symbolSize(md.unencodedLength, view.nShards) : RS2_MAX_SYMBOL_SIZE,
      );
    }
    const perSample = 8 + maxSymbol + 8 + merklePathLength(view.nShards) * 33;
    this.#c.metrics?.sent.inc({ trigger });
    const t0 = performance.now();
    let outcome: ChallengeOutcome;
    let passed = 0;
    let failed: number;
    let failedSamples: RecordedVerdict['failedSamples'] = [];
    let latencyMs: number;
    try {
      const bytes = await this.#request(member, requestBytes, samples.length * perSample + 64, opts.signal);
      latencyMs = performance.now() - t0;
      const check = checkAnswer(request, challengeId, decodeChallengeAnswer(bytes), metadataOf, view.nShards);
      outcome = outcomeOf(check, latencyMs, this.#deadlineMs);
      if (outcome === 'late') failed = check.samples;
      else {
        passed = check.passed;
        failed = check.failed;
        failedSamples = check.failedSamples;
      }
      this.#c.metrics?.latency.observe(latencyMs / 1000);
    } catch (err) {
      if (opts.signal?.aborted || !this.#started) throw err;
      latencyMs = performance.now() - t0;
      this.#log('challenge of %s got no usable answer - %e', member.name, err);
      outcome = 'unreachable';
      failed = samples.length;
    }
    const attestation =
      outcome === 'passed'
        ? null
        : this.#c.signer.signMessage(encodeChallengeFailureMessage(epoch, target)).signature;
    if (outcome !== 'passed') this.#c.metrics?.failed.inc({ outcome });
    const verdict: RecordedVerdict = {
      epoch,
      challengeId,
      target,
      verifier: nodeIdToBytes(self.nodeId),
      trigger,
      outcome,
      samples: passed + failed,
      passed,
      failed,
      latencyMs: Math.round(latencyMs),
      timestampMs: this.#now(),
      failedSamples,
      attestation,
      verifierWeight: self.weight,
      verifierIndex: memberIndex(view.current, self.nodeId),
      source: 'local',
      attestationVerified: attestation !== null ? true : undefined,
    };
    this.#record(verdict);
    await this.#publish(verdict);
    return verdict;
  }

  async #request(
    member: CommitteeMember,
    body: Uint8Array,
    maxResponseBodyBytes: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const timeoutMs = this.#deadlineMs + this.#graceMs;
    const signals = [AbortSignal.timeout(timeoutMs), this.#abort.signal];
    if (signal) signals.push(signal);
    const s = AbortSignal.any(signals);
    const target = await this.#addresses(member, s);
    const res = await this.#c.network.reqResp.request(target, CHALLENGE_PROTOCOL, new Uint8Array(), body, {
      maxResponseBodyBytes,
      timeoutMs,
      idleTimeoutMs: timeoutMs,
      signal: s,
    });
    return res.body;
  }

  async #addresses(member: CommitteeMember, signal: AbortSignal): Promise<Multiaddr[] | PeerId> {
    const fallback: Multiaddr[] = [];
    for (const a of member.multiaddrs) {
      try {
        const ma = multiaddr(a);
        const parts = ma.getComponents();
        if (parts.some((c) => c.name === 'http' || c.name === 'https')) continue;
        fallback.push(parts.some((c) => c.name === 'p2p') ? ma : ma.encapsulate(`/p2p/${member.peerId}`));
      } catch {
        // skip unparsable addresses registered on chain
      }
    }
    try {
      return await this.#c.network.resolvePeer(peerIdFromString(member.peerId), { signal, timeoutMs: 2_000 });
    } catch (err) {
      if (fallback.length === 0) throw err;
      return fallback;
    }
  }

  async #serve(body: Uint8Array, peer: PeerId): Promise<{ body: Uint8Array }> {
    let request: ChallengeRequest;
    try {
      request = decodeChallengeRequest(body);
    } catch (err) {
      throw new RequestRejectedError(
        ResponseStatus.MALFORMED,
        err instanceof Error ? err.message.slice(0, 200) : 'bad request',
      );
    }
    const self = this.#c.committee.view.self;
    if (!self || !bytesEqual(request.target, nodeIdToBytes(self.nodeId))) {
      throw new RequestRejectedError(ResponseStatus.INVALID, 'the challenge names another node');
    }
    const t0 = performance.now();
    const { bytes, stats } = this.prover.answer(request, body);
    this.#c.metrics?.proveSeconds.observe((performance.now() - t0) / 1000);
    this.#c.metrics?.answered.inc({ cached: String(stats.cached) });
    this.#log.trace(
      'answered a challenge of %d samples from %p: %d proved, %d missing, %d expansions',
      request.samples.length,
      peer,
      stats.proved,
      stats.missing,
      stats.expansions,
    );
    return { body: bytes };
  }

  async #publish(v: RecordedVerdict): Promise<void> {
    if (!this.#started) return;
    try {
      await this.#pubsub.publish(this.topic, encodeChallengeVerdict(v));
    } catch (err) {
      this.#log('publishing a verdict failed - %e', err);
    }
  }

  #committeeOf(epoch: number): Committee | undefined {
    const v = this.#c.committee.view;
    if (epoch === v.epoch) return v.current;
    if (v.previous?.epoch === epoch) return v.previous;
    return undefined;
  }

  async #validateGossip(msg: Message): Promise<{ verdict: ChallengeVerdict; committee: Committee }> {
    if (msg.data.length > MAX_VERDICT_BYTES) reject(GossipErrorCode.TOO_LARGE, `${msg.data.length} bytes`);
    if (msg.type !== 'signed') reject(GossipErrorCode.UNSIGNED, 'verdict without author signature');
    let verdict: ChallengeVerdict;
    try {
      verdict = decodeChallengeVerdict(msg.data);
    } catch (err) {
      if (err instanceof WalrusTsError) reject(GossipErrorCode.MALFORMED, err.message);
      throw err;
    }
    const current = this.#c.committee.view.epoch;
    if (verdict.epoch > current) ignore(GossipErrorCode.FUTURE_EPOCH, `epoch ${verdict.epoch} > ${current}`);
    if (verdict.epoch + 1 < current) ignore(GossipErrorCode.OLD_EPOCH, `epoch ${verdict.epoch}`);
    const committee = this.#committeeOf(verdict.epoch);
    if (!committee) ignore(GossipErrorCode.UNKNOWN_COMMITTEE, `no committee for epoch ${verdict.epoch}`);
    const author = (msg as Extract<Message, { type: 'signed' }>).from.toString();
    const verifier = committee.members.find((m) => bytesEqual(nodeIdToBytes(m.nodeId), verdict.verifier));
    if (!verifier || verifier.peerId !== author) {
      reject(GossipErrorCode.NOT_A_MEMBER, `${author} is not the verifier named in the verdict`);
    }
    if (!committee.members.some((m) => bytesEqual(nodeIdToBytes(m.nodeId), verdict.target))) {
      reject(GossipErrorCode.NOT_A_MEMBER, 'the verdict names a target outside the committee');
    }
    return { verdict, committee };
  }

  readonly #onGossip = (evt: CustomEvent<GossipsubMessage>): void => {
    const { msg } = evt.detail;
    if (msg.topic !== this.topic) return;
    const v = this.#validated.get(msg);
    if (!v) return;
    this.#validated.delete(msg);
    const verifierId = nodeIdFromBytes(v.verdict.verifier);
    const index = memberIndex(v.committee, verifierId);
    this.#record({
      ...v.verdict,
      verifierIndex: index,
      verifierWeight: v.committee.members[index].weight,
      source: 'gossip',
    });
  };

  #record(v: RecordedVerdict): void {
    if (!this.book.add(v)) return;
    this.#c.metrics?.verdicts.inc({ outcome: v.outcome, source: v.source });
    const self = this.#c.committee.view.self;
    if (self && v.outcome !== 'passed' && nodeIdFromBytes(v.target) === self.nodeId) {
      this.#healAfterVerdict(v);
    } else if (self && v.outcome !== 'passed' && v.source === 'gossip') {
      void this.#confirm(v);
    }
    void this.#maybeReport(v.epoch, nodeIdFromBytes(v.target));
  }

  /**
   * Another verifier judged a node not passed: challenge it on the same failed samples (or a few fresh ones
   * when it listed none), once per node and epoch, so that this node can attest too.
   */
  async #confirm(v: RecordedVerdict): Promise<void> {
    const view = this.#c.committee.view;
    const targetId = nodeIdFromBytes(v.target);
    const key = `${v.epoch}:${targetId}`;
    if (!this.#started || v.epoch !== view.epoch || this.#confirmed.has(key)) return;
    const member = view.current.members.find((m) => m.nodeId === targetId);
    if (!member || member.weight === 0) return;
    this.#confirmed.add(key);
    const own = this.book
      .verdicts(v.epoch, targetId)
      .some((x) => x.source === 'local' && x.outcome !== 'passed');
    if (own) return;
    try {
      const opts: ChallengeOptions =
        v.failedSamples.length > 0
          ? { trigger: 'confirm', samples: v.failedSamples, seed: v.challengeId }
          : { trigger: 'confirm', count: this.#confirmSamples };
      const mine = await this.challengeMember(member, { ...opts, signal: this.#abort.signal });
      this.#log('confirmed %s in epoch %d: %s', member.name, v.epoch, mine.outcome);
    } catch (err) {
      if (this.#started) this.#log('confirming %s failed - %e', member.name, err);
    }
  }

  #heal(blobId: Uint8Array): void {
    try {
      this.#c.healing?.recover(blobId);
    } catch (err) {
      this.#log.error('starting recovery of %s failed - %e', blobIdToString(blobId), err);
    }
  }

  /** A verdict says this node failed: recover the failed samples' blobs, and rescan once per epoch. */
  #healAfterVerdict(v: RecordedVerdict): void {
    for (const s of v.failedSamples) this.#heal(s.blobId);
    if (this.#scanned.has(v.epoch) || !this.#c.healing) return;
    this.#scanned.add(v.epoch);
    try {
      const n = this.#c.healing.scan();
      this.#log('failed a challenge in epoch %d: recovery queued for %d blobs', v.epoch, n);
    } catch (err) {
      this.#log.error('recovery scan failed - %e', err);
    }
  }

  async #maybeReport(epoch: number, nodeId: string): Promise<void> {
    const key = `${epoch}:${nodeId}`;
    const writer = this.#c.chainWriter;
    if (!this.#report || !writer || this.#reporting.has(key) || this.book.reportTx(epoch, nodeId)) return;
    const committee = this.#committeeOf(epoch);
    if (!committee || epoch !== this.#c.committee.view.epoch) return;
    const weightOf = (vs: RecordedVerdict[]): number => vs.reduce((a, v) => a + v.verifierWeight, 0);
    if (!isQuorum(weightOf(this.book.failureAttestations(epoch, nodeId)), committee.nShards)) return;
    this.#reporting.add(key);
    try {
      const message = encodeChallengeFailureMessage(epoch, nodeIdToBytes(nodeId));
      for (const v of this.book.failureAttestations(epoch, nodeId)) {
        if (v.attestationVerified !== undefined) continue;
        const key48 = committee.members[v.verifierIndex]?.publicKey;
        v.attestationVerified = key48 !== undefined && blsVerify(v.attestation!, message, key48);
      }
      const signers = this.book.failureAttestations(epoch, nodeId);
      if (!isQuorum(weightOf(signers), committee.nShards)) return;
      const receipt = await writer.reportChallengeFailure({
        certificate: {
          signers: signers.map((v) => v.verifierIndex),
          serializedMessage: message,
          signature: aggregateSignatures(signers.map((v) => v.attestation!)),
        },
        signal: this.#abort.signal,
      });
      this.book.markReported(epoch, nodeId, receipt.digest);
      this.#c.metrics?.reports.inc({ result: 'ok' });
      this.#log('reported %s failing the challenges of epoch %d: %s', nodeId, epoch, receipt.digest);
    } catch (err) {
      const duplicate = err instanceof WalrusTsError && err.code === 'CHAIN_CHALLENGE_ALREADY_REPORTED';
      this.#c.metrics?.reports.inc({ result: duplicate ? 'duplicate' : 'error' });
      if (!duplicate) this.#log.error('reporting %s failed - %e', nodeId, err);
    } finally {
      this.#reporting.delete(key);
    }
  }

  /** Scorecards of every member of `epoch`'s committee (default: the current epoch). */
  scorecards(epoch = this.#c.committee.view.epoch): Scorecard[] {
    const committee = this.#committeeOf(epoch);
    const ids = new Set([...(committee?.members.map((m) => m.nodeId) ?? []), ...this.book.nodes(epoch)]);
    const n = committee?.nShards ?? this.#c.committee.view.nShards;
    return [...ids].sort().map((id) => this.book.scorecard(epoch, id, n));
  }

  /** One node's scorecards over the kept epochs, newest first, and its latest verdicts (newest first). */
  history(nodeId: string, maxVerdicts = 100): { scorecards: Scorecard[]; verdicts: VerdictJson[] } {
    const n = this.#c.committee.view.nShards;
    const epochs = this.book.epochs();
    const verdicts: VerdictJson[] = [];
    for (const e of epochs) {
      for (const v of this.book.verdicts(e, nodeId).reverse()) {
        if (verdicts.length < maxVerdicts) verdicts.push(verdictToJson(v));
      }
    }
    return { scorecards: epochs.map((e) => this.book.scorecard(e, nodeId, n)), verdicts };
  }
}

/** Factory: `challengeService(init)(components)`. */
export function challengeService(
  init: ChallengeServiceInit = {},
): (components: ChallengeServiceComponents) => ChallengeService {
  return (components) => new ChallengeService(components, init);
}
