/**
 * Gossip topics as data: `{ network, type, version }` <-> `/walrus-ts/<network>/<type>/<version>`.
 *
 * Topics: `blobs` (certified-blob announcements), `epoch` (epoch-change progress), `recovery` (recovery
 * progress). A gossip message never overrides the chain; it only makes a node look sooner (architecture.md).
 */
import { InvalidGossipTopicError } from '../errors.ts';
import { PROTOCOL_PREFIX } from '../constants.ts';

/** The kinds of gossip topic. */
export const GossipType = {
  blobs: 'blobs',
  epoch: 'epoch',
  recovery: 'recovery',
} as const;

/** One of the {@link GossipType} values. */
export type GossipTypeName = (typeof GossipType)[keyof typeof GossipType];

/** Current version of each topic's message format. */
export const GOSSIP_TOPIC_VERSION: Record<GossipTypeName, number> = { blobs: 1, epoch: 1, recovery: 1 };

/** A parsed gossip topic. `network` is the network name (lower-case letters, digits, '-'). */
export interface GossipTopic {
  network: string;
  type: GossipTypeName;
  version: number;
}

const NETWORK_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TYPES = new Set<string>(Object.values(GossipType));

/** True when `name` is a valid network name for topics (`[a-z0-9][a-z0-9-]{0,62}`). */
export function isValidNetworkName(name: string): boolean {
  return NETWORK_NAME.test(name);
}

/**
 * Builds the topic string, e.g. `stringifyGossipTopic({ network: 'devnet', type: 'blobs' })` ->
 * `'/walrus-ts/devnet/blobs/1'`. `version` defaults to {@link GOSSIP_TOPIC_VERSION}.
 * @throws InvalidGossipTopicError for a bad network name, unknown type or non-positive version.
 */
export function stringifyGossipTopic(topic: Omit<GossipTopic, 'version'> & { version?: number }): string {
  const version = topic.version ?? GOSSIP_TOPIC_VERSION[topic.type];
  const shown = `${PROTOCOL_PREFIX}/${topic.network}/${topic.type}/${version}`;
  if (!isValidNetworkName(topic.network)) throw new InvalidGossipTopicError(shown, 'bad network name');
  if (!TYPES.has(topic.type)) throw new InvalidGossipTopicError(shown, 'unknown topic type');
  if (!Number.isSafeInteger(version) || version < 1) throw new InvalidGossipTopicError(shown, 'bad version');
  return shown;
}

/**
 * Parses a topic string produced by {@link stringifyGossipTopic}.
 * @throws InvalidGossipTopicError when the string does not have that shape or names an unknown type.
 */
export function parseGossipTopic(topic: string): GossipTopic {
  const parts = topic.split('/');
  // ['', 'walrus-ts', network, type, version]
  if (parts.length !== 5 || parts[0] !== '' || `/${parts[1]}` !== PROTOCOL_PREFIX) {
    throw new InvalidGossipTopicError(topic, `expected ${PROTOCOL_PREFIX}/<network>/<type>/<version>`);
  }
  const [, , network, type, versionText] = parts;
  if (!isValidNetworkName(network)) throw new InvalidGossipTopicError(topic, 'bad network name');
  if (!TYPES.has(type))
    throw new InvalidGossipTopicError(topic, `unknown topic type ${JSON.stringify(type)}`);
  if (!/^[1-9]\d{0,8}$/.test(versionText)) throw new InvalidGossipTopicError(topic, 'bad version');
  return { network, type: type as GossipTypeName, version: Number(versionText) };
}

/** The topic strings a node of `network` subscribes to, one per {@link GossipType}. */
export function allGossipTopics(network: string): string[] {
  return Object.values(GossipType).map((type) => stringifyGossipTopic({ network, type }));
}
