/**
 * Errors of gossip validation. Handlers throw {@link GossipActionError}; the one adapter in ./validator.ts
 * maps it to gossipsub's `TopicValidatorResult` (IGNORE: drop without penalty, REJECT: drop and penalise
 * the forwarding peer's score) and counts it by `code`.
 *
 * @see /work/shared/style.md item 9 (Lodestar's GossipActionError)
 */
import { WalrusTsError } from '../../../shared/errors.ts';

/** What to do with a message that is not accepted. */
export const GossipAction = {
  /** Drop it, do not forward, no penalty (stale, duplicate, not decidable now). */
  IGNORE: 'IGNORE',
  /** Drop it and penalise the peer that sent it (malformed, forged, wrong topic). */
  REJECT: 'REJECT',
} as const;

/** One of {@link GossipAction}. */
export type GossipActionName = (typeof GossipAction)[keyof typeof GossipAction];

/** Bounded reason codes (metric labels). */
export const GossipErrorCode = {
  MALFORMED: 'GOSSIP_MALFORMED',
  TOO_LARGE: 'GOSSIP_TOO_LARGE',
  UNSIGNED: 'GOSSIP_UNSIGNED',
  WRONG_TOPIC: 'GOSSIP_WRONG_TOPIC',
  NOT_A_MEMBER: 'GOSSIP_NOT_A_MEMBER',
  FUTURE_EPOCH: 'GOSSIP_FUTURE_EPOCH',
  OLD_EPOCH: 'GOSSIP_OLD_EPOCH',
  UNKNOWN_COMMITTEE: 'GOSSIP_UNKNOWN_COMMITTEE',
  STALE: 'GOSSIP_STALE',
  FROM_FUTURE: 'GOSSIP_FROM_FUTURE',
  SHARD_NOT_OWNED: 'GOSSIP_SHARD_NOT_OWNED',
  INTERNAL: 'GOSSIP_INTERNAL',
} as const;

/** One of {@link GossipErrorCode}. */
export type GossipErrorCodeName = (typeof GossipErrorCode)[keyof typeof GossipErrorCode];

/** Thrown by gossip handlers to ignore or reject a message. */
export class GossipActionError extends WalrusTsError {
  static readonly name = 'GossipActionError';
  readonly action: GossipActionName;
  declare readonly code: GossipErrorCodeName;

  constructor(action: GossipActionName, code: GossipErrorCodeName, message: string, options?: ErrorOptions) {
    super(message, code, options);
    this.action = action;
  }
}
