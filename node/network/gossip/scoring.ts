/**
 * Gossipsub peer scoring for the walrus-ts topics.
 *
 * Our topics are quiet (a few messages per blob or epoch), so mesh-delivery-rate penalties (P3, P3b) would
 * punish honest peers for silence: they are off. What counts is P4, invalid messages: every message our
 * validator REJECTs costs the forwarding peer `invalidMessageDeliveriesWeight * count^2 * topicWeight`, so
 * a peer that forwards three forged or malformed messages in a row falls below the graylist threshold
 * (-80) and is ignored until the penalty decays (x0.9 per second). P2 (first deliveries) gives honest
 * forwarders a small positive score.
 *
 * The parameters are registered on the running gossipsub instance (its scorer reads `params.topics` on
 * every event), so the network layer's construction needs no change.
 */
import type { GossipSub } from '@libp2p/gossipsub';
import { createTopicScoreParams, validateTopicScoreParams } from '@libp2p/gossipsub/score';
import type { PeerScoreParams, TopicScoreParams } from '@libp2p/gossipsub/score';

/** Score parameters of one walrus-ts gossip topic. */
export function walrusTopicScoreParams(): TopicScoreParams {
  const p = createTopicScoreParams({
    topicWeight: 1,
    timeInMeshWeight: 0.01,
    timeInMeshQuantum: 1000,
    timeInMeshCap: 100,
    firstMessageDeliveriesWeight: 1,
    firstMessageDeliveriesDecay: 0.9,
    firstMessageDeliveriesCap: 20,
    meshMessageDeliveriesWeight: 0,
    meshFailurePenaltyWeight: 0,
    invalidMessageDeliveriesWeight: -10,
    invalidMessageDeliveriesDecay: 0.9,
  });
  validateTopicScoreParams(p);
  return p;
}

/**
 * Registers {@link walrusTopicScoreParams} for each of `topics` on a running gossipsub.
 * @returns false when this gossipsub build exposes no scorer (scoring then stays at its defaults)
 */
export function applyTopicScoring(pubsub: GossipSub, topics: readonly string[]): boolean {
  const score = (pubsub as unknown as { score?: { params?: PeerScoreParams } }).score;
  const params = score?.params;
  if (!params || typeof params.topics !== 'object') return false;
  for (const t of topics) params.topics[t] = walrusTopicScoreParams();
  return true;
}

/** The current score of `peerId` on `pubsub`, or undefined when the build exposes none. */
export function peerScore(pubsub: GossipSub, peerId: string): number | undefined {
  const fn = (pubsub as unknown as { getScore?: (p: string) => number }).getScore;
  return typeof fn === 'function' ? fn.call(pubsub, peerId) : undefined;
}
