/**
 * Gossip validation: the rules every walrus-ts gossip message must pass, and the ONE adapter that turns a
 * rule's verdict into gossipsub's `TopicValidatorResult` (Lodestar style: handlers throw
 * {@link GossipActionError}; {@link gossipValidatorFn} maps it and records metrics).
 *
 * Who signs: messages are published with gossipsub `StrictSign`, i.e. signed by the node's **libp2p
 * Ed25519 key**, and gossipsub checks that signature and the author's peer ID before the validator runs.
 * We chose it over the BLS key because an Ed25519 check costs microseconds while a BLS verification costs
 * ~30 ms of CPU, which any peer could make us spend per message; the chain binds each committee member to
 * its libp2p peer ID, so "author is the member of epoch e with peer ID p" is as strong as a BLS signature
 * for this purpose. BLS stays for what the chain verifies (confirmations, invalid-blob and sync-shard
 * messages).
 *
 * Rules (in order; the first that fails decides):
 * | condition | action | code |
 * |---|---|---|
 * | larger than {@link MAX_GOSSIP_MESSAGE_BYTES} | REJECT | GOSSIP_TOO_LARGE |
 * | not signed (no author) | REJECT | GOSSIP_UNSIGNED |
 * | BCS does not parse (unknown version/variant, trailing bytes) | REJECT | GOSSIP_MALFORMED |
 * | body kind does not belong on this topic | REJECT | GOSSIP_WRONG_TOPIC |
 * | epoch > current epoch | IGNORE | GOSSIP_FUTURE_EPOCH |
 * | epoch < current epoch - 1 | IGNORE | GOSSIP_OLD_EPOCH |
 * | committee of that epoch unknown | IGNORE | GOSSIP_UNKNOWN_COMMITTEE |
 * | author is not a member of that epoch's committee | REJECT | GOSSIP_NOT_A_MEMBER |
 * | timestamp older than `maxAgeMs` | IGNORE | GOSSIP_STALE |
 * | timestamp more than `maxClockSkewMs` ahead | IGNORE | GOSSIP_FROM_FUTURE |
 * | shard progress names a shard outside [0, n) or not owned by the author in that epoch | REJECT | GOSSIP_SHARD_NOT_OWNED |
 *
 * Duplicates are dropped by gossipsub itself (message ID = author + sequence number) before validation.
 *
 * @see /work/shared/style.md item 9; architecture.md "What the nodes agree through"
 */
import type { Logger, PeerId } from '@libp2p/interface';
import { TopicValidatorResult } from '@libp2p/gossipsub';
import type { Message, TopicValidatorFn } from '@libp2p/gossipsub';
import { Counter } from 'prom-client';
import type { Registry } from 'prom-client';
import {
  decodeGossipMessage,
  gossipTopicKindOf,
  MAX_GOSSIP_MESSAGE_BYTES,
  type GossipMessage,
} from '../../../shared/protocol/gossip.ts';
import { WalrusTsError } from '../../../shared/errors.ts';
import type { Committee, CommitteeMember } from '../../chain/types.ts';
import { GossipAction, GossipActionError, GossipErrorCode } from './errors.ts';
import type { GossipTypeName } from './topics.ts';

const SECOND_MS = 1000;

/** Default oldest accepted message timestamp, relative to now. */
export const DEFAULT_GOSSIP_MAX_AGE_MS = 5 * 60 * SECOND_MS;
/** Default tolerance for a sender's clock being ahead of ours. */
export const DEFAULT_GOSSIP_MAX_CLOCK_SKEW_MS = 30 * SECOND_MS;

/** What the validator needs to know about committees. */
export interface GossipValidatorComponents {
  /** The current epoch as this node knows it (0 before the first committee). */
  currentEpoch(): number;
  /** The committee of `epoch`, or undefined when unknown here. */
  committeeOf(epoch: number): Committee | undefined | Promise<Committee | undefined>;
}

/** Options of the validator. */
export interface GossipValidatorInit {
  /** @default 300_000 (5 minutes) */
  maxAgeMs?: number;
  /** @default 30_000 */
  maxClockSkewMs?: number;
  /** Clock. @default Date.now */
  now?: () => number;
}

/** A message that passed validation, with the committee member that authored it. */
export interface ValidatedGossipMessage {
  topic: GossipTypeName;
  message: GossipMessage;
  /** The author (libp2p peer ID checked by gossipsub's signature verification). */
  author: PeerId;
  member: CommitteeMember;
}

function ignore(code: (typeof GossipErrorCode)[keyof typeof GossipErrorCode], message: string): never {
  throw new GossipActionError(GossipAction.IGNORE, code, message);
}

function reject(code: (typeof GossipErrorCode)[keyof typeof GossipErrorCode], message: string): never {
  throw new GossipActionError(GossipAction.REJECT, code, message);
}

/** The validation rules (see the module table). Stateless apart from its components. */
export class GossipMessageValidator {
  readonly #c: GossipValidatorComponents;
  readonly #maxAgeMs: number;
  readonly #maxSkewMs: number;
  readonly #now: () => number;

  constructor(components: GossipValidatorComponents, init: GossipValidatorInit = {}) {
    this.#c = components;
    this.#maxAgeMs = init.maxAgeMs ?? DEFAULT_GOSSIP_MAX_AGE_MS;
    this.#maxSkewMs = init.maxClockSkewMs ?? DEFAULT_GOSSIP_MAX_CLOCK_SKEW_MS;
    this.#now = init.now ?? Date.now;
  }

  /**
   * Validates one message received on the `topic` topic.
   * @throws GossipActionError (IGNORE or REJECT, with a {@link GossipErrorCode})
   */
  async validate(topic: GossipTypeName, msg: Message): Promise<ValidatedGossipMessage> {
    if (msg.data.length > MAX_GOSSIP_MESSAGE_BYTES) {
      reject(GossipErrorCode.TOO_LARGE, `message of ${msg.data.length} bytes`);
    }
    if (msg.type !== 'signed') reject(GossipErrorCode.UNSIGNED, 'message has no author signature');
    let message: GossipMessage;
    try {
      message = decodeGossipMessage(msg.data);
    } catch (err) {
      if (err instanceof WalrusTsError) reject(GossipErrorCode.MALFORMED, err.message);
      throw err;
    }
    const expected = gossipTopicKindOf(message.body);
    if (expected !== topic) {
      reject(GossipErrorCode.WRONG_TOPIC, `${message.body.kind} belongs on ${expected}, not ${topic}`);
    }
    const current = this.#c.currentEpoch();
    if (message.epoch > current) ignore(GossipErrorCode.FUTURE_EPOCH, `epoch ${message.epoch} > ${current}`);
    if (message.epoch + 1 < current)
      ignore(GossipErrorCode.OLD_EPOCH, `epoch ${message.epoch} < ${current - 1}`);
    const committee = await this.#c.committeeOf(message.epoch);
    if (!committee)
      ignore(GossipErrorCode.UNKNOWN_COMMITTEE, `no committee known for epoch ${message.epoch}`);
    const author = msg.from.toString();
    const member = committee.members.find((m) => m.peerId === author);
    if (!member)
      reject(GossipErrorCode.NOT_A_MEMBER, `${author} is not in the committee of ${message.epoch}`);
    const now = this.#now();
    if (message.timestampMs < now - this.#maxAgeMs) {
      ignore(GossipErrorCode.STALE, `published ${now - message.timestampMs} ms ago`);
    }
    if (message.timestampMs > now + this.#maxSkewMs) {
      ignore(GossipErrorCode.FROM_FUTURE, `published ${message.timestampMs - now} ms in the future`);
    }
    const body = message.body;
    if ('shards' in body) {
      const owned = new Set(member.shards);
      const listed =
        body.kind === 'shardTransferFinished' ? [...body.shards, ...body.recovered] : body.shards;
      for (const s of listed) {
        if (s >= committee.nShards || !owned.has(s)) {
          reject(
            GossipErrorCode.SHARD_NOT_OWNED,
            `shard ${s} is not owned by the author in ${message.epoch}`,
          );
        }
      }
    }
    return { topic, message, author: msg.from, member };
  }
}

/** Optional metrics of gossip validation. */
export function createGossipMetrics(register: Registry) {
  return {
    validations: new Counter({
      name: 'walrus_ts_network_gossip_validations_total',
      help: 'Gossip messages validated, by topic, result (accept|ignore|reject) and code',
      labelNames: ['topic', 'result', 'code'] as const,
      registers: [register],
    }),
    published: new Counter({
      name: 'walrus_ts_network_gossip_published_total',
      help: 'Gossip messages published, by topic and body kind',
      labelNames: ['topic', 'kind'] as const,
      registers: [register],
    }),
  };
}

/** The gossip metrics; its type is whatever {@link createGossipMetrics} returns. */
export type GossipMetrics = ReturnType<typeof createGossipMetrics>;

/**
 * Maps a handler's outcome to gossipsub's verdict: a {@link GossipActionError} to IGNORE or REJECT, any
 * other error to IGNORE (a bug or a local failure must not penalise the peer).
 */
export function toTopicValidatorResult(err: unknown): TopicValidatorResult {
  if (err instanceof GossipActionError) {
    return err.action === GossipAction.REJECT ? TopicValidatorResult.Reject : TopicValidatorResult.Ignore;
  }
  return TopicValidatorResult.Ignore;
}

/**
 * THE adapter: wraps a topic handler (which returns normally to accept, or throws) into a gossipsub
 * `TopicValidatorFn`, recording `walrus_ts_network_gossip_validations_total` and logging non-accepts.
 */
export function gossipValidatorFn(
  topic: GossipTypeName,
  handler: (msg: Message, propagationSource: PeerId) => Promise<unknown> | unknown,
  opts: { metrics?: GossipMetrics; log?: Logger } = {},
): TopicValidatorFn {
  return async (propagationSource, msg) => {
    try {
      await handler(msg, propagationSource);
      opts.metrics?.validations.inc({ topic, result: 'accept', code: 'OK' });
      return TopicValidatorResult.Accept;
    } catch (err) {
      const result = toTopicValidatorResult(err);
      const code = err instanceof GossipActionError ? err.code : GossipErrorCode.INTERNAL;
      opts.metrics?.validations.inc({ topic, result, code });
      if (err instanceof GossipActionError) opts.log?.trace('%s message %s: %s', topic, result, err.message);
      else opts.log?.error('validating a %s message failed - %e', topic, err);
      return result;
    }
  };
}
