/**
 * The gossip service: validates, delivers and publishes walrus-ts gossip messages on the node's network.
 *
 * - `start()` installs one validator per topic (`blobs`, `epoch`, `recovery`) through the single adapter
 *   {@link gossipValidatorFn}, and registers the topics' peer-score parameters (./scoring.ts).
 * - Accepted messages are handed to listeners registered with {@link GossipService.on}, with their author's
 *   committee entry (the chain-registered member whose peer ID signed it).
 * - {@link GossipService.publish} stamps the current epoch and time and publishes on the body's topic.
 *
 * Handlers act on what the chain already says; a message only makes a node look sooner.
 *
 * @example
 * ```ts
 * const gossip = gossipService()({ network, committee: { currentEpoch, committeeOf }, logger })
 * await gossip.start()
 * gossip.on('blobCertified', ({ message }) => blobSync.hint(message.body))
 * await gossip.publish({ kind: 'epochSyncDone' })
 * ```
 * @see ./validator.ts (rules and who signs), shared/protocol/gossip.ts (messages)
 */
import type { ComponentLogger, Logger, PeerId, Startable } from '@libp2p/interface';
import type { GossipsubMessage, Message } from '@libp2p/gossipsub';
import {
  encodeGossipMessage,
  gossipTopicKindOf,
  MAX_GOSSIP_MESSAGE_BYTES,
  type GossipBody,
  type GossipBodyKind,
} from '../../../shared/protocol/gossip.ts';
import { InvalidArgumentError } from '../../../shared/errors.ts';
import type { Network } from '../network.ts';
import { applyTopicScoring } from './scoring.ts';
import { GossipType, parseGossipTopic, type GossipTypeName } from './topics.ts';
import {
  GossipMessageValidator,
  gossipValidatorFn,
  type GossipMetrics,
  type GossipValidatorComponents,
  type GossipValidatorInit,
  type ValidatedGossipMessage,
} from './validator.ts';

/** What the service needs. */
export interface GossipServiceComponents {
  network: Pick<Network, 'libp2p' | 'gossipTopic' | 'publish'>;
  committee: GossipValidatorComponents;
  logger: ComponentLogger;
  metrics?: GossipMetrics;
}

/** Options of the service. */
export interface GossipServiceInit extends GossipValidatorInit {
  /** Register walrus-ts topic score parameters on gossipsub. @default true */
  scoring?: boolean;
}

/** A delivered message of one body kind. */
export type GossipDelivery<K extends GossipBodyKind = GossipBodyKind> = ValidatedGossipMessage & {
  message: { body: Extract<GossipBody, { kind: K }> };
  /** The peer that forwarded it to us. */
  propagationSource: PeerId;
};

type AnyListener = (delivery: GossipDelivery) => void;

/** Validates and dispatches gossip; publishes this node's announcements. */
export class GossipService implements Startable {
  readonly #c: GossipServiceComponents;
  readonly #log: Logger;
  readonly #validator: GossipMessageValidator;
  readonly #scoring: boolean;
  readonly #now: () => number;
  readonly #validated = new WeakMap<Message, ValidatedGossipMessage>();
  readonly #listeners = new Map<GossipBodyKind | '*', Set<AnyListener>>();
  #started = false;

  constructor(components: GossipServiceComponents, init: GossipServiceInit = {}) {
    this.#c = components;
    this.#log = components.logger.forComponent('walrus-ts:network:gossip');
    this.#validator = new GossipMessageValidator(components.committee, init);
    this.#scoring = init.scoring ?? true;
    this.#now = init.now ?? Date.now;
  }

  readonly [Symbol.toStringTag] = 'walrus-ts/gossip';

  get #pubsub() {
    return this.#c.network.libp2p.services.pubsub;
  }

  readonly #onMessage = (evt: CustomEvent<GossipsubMessage>): void => {
    const { msg, propagationSource } = evt.detail;
    const v = this.#validated.get(msg);
    if (!v) return;
    this.#validated.delete(msg);
    const delivery = { ...v, propagationSource } as GossipDelivery;
    for (const key of [v.message.body.kind, '*'] as const) {
      for (const l of this.#listeners.get(key) ?? []) {
        try {
          l(delivery);
        } catch (err) {
          this.#log.error('gossip listener for %s failed - %e', key, err);
        }
      }
    }
  };

  async start(): Promise<void> {
    if (this.#started) return;
    const topics: string[] = [];
    for (const type of Object.values(GossipType)) {
      const topic = this.#c.network.gossipTopic(type);
      topics.push(topic);
      this.#pubsub.topicValidators.set(
        topic,
        gossipValidatorFn(
          type,
          async (msg) => {
            const v = await this.#validator.validate(type, msg);
            this.#validated.set(msg, v);
          },
          { metrics: this.#c.metrics, log: this.#log },
        ),
      );
    }
    if (this.#scoring && !applyTopicScoring(this.#pubsub, topics)) {
      this.#log('gossipsub exposes no scorer; topic scoring left at defaults');
    }
    this.#pubsub.addEventListener('gossipsub:message', this.#onMessage);
    this.#started = true;
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.#pubsub.removeEventListener('gossipsub:message', this.#onMessage);
    for (const type of Object.values(GossipType)) {
      this.#pubsub.topicValidators.delete(this.#c.network.gossipTopic(type));
    }
  }

  /** Validates `data` as if it arrived on topic `topic` from `author` (for tools and tests). */
  validate(topic: string, msg: Message): Promise<ValidatedGossipMessage> {
    const parsed = parseGossipTopic(topic);
    return this.#validator.validate(parsed.type, msg);
  }

  /**
   * Calls `listener` for every accepted message of body kind `kind` (or every message for `'*'`).
   * @returns a function that removes the listener
   */
  on<K extends GossipBodyKind>(kind: K | '*', listener: (delivery: GossipDelivery<K>) => void): () => void {
    let set = this.#listeners.get(kind);
    if (!set) this.#listeners.set(kind, (set = new Set()));
    const l = listener as AnyListener;
    set.add(l);
    return () => set.delete(l);
  }

  /**
   * Publishes `body` on its topic, stamped with the current epoch and time. Never throws for lack of peers.
   * @returns the number of peers it was sent to
   * @throws InvalidArgumentError when the encoded message exceeds {@link MAX_GOSSIP_MESSAGE_BYTES}
   */
  async publish(body: GossipBody): Promise<number> {
    const data = encodeGossipMessage({
      epoch: this.#c.committee.currentEpoch(),
      timestampMs: this.#now(),
      body,
    });
    if (data.length > MAX_GOSSIP_MESSAGE_BYTES) {
      throw new InvalidArgumentError(
        `gossip message of ${data.length} bytes is too large`,
        'GOSSIP_TOO_LARGE',
      );
    }
    const topic: GossipTypeName = gossipTopicKindOf(body);
    try {
      const { recipients } = await this.#c.network.publish(topic, data);
      this.#c.metrics?.published.inc({ topic, kind: body.kind });
      return recipients;
    } catch (err) {
      this.#log('publishing %s failed - %e', body.kind, err);
      return 0;
    }
  }
}

/** Factory: `gossipService(init)(components)`. */
export function gossipService(
  init: GossipServiceInit = {},
): (components: GossipServiceComponents) => GossipService {
  return (components) => new GossipService(components, init);
}
