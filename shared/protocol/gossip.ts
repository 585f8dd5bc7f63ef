/**
 * BCS schemas of the walrus-ts gossip messages (topics `/walrus-ts/<network>/{blobs,epoch,recovery}/1`).
 *
 * A gossip message is `GossipMessage { version: u8 = 1, epoch: u32, timestamp_ms: u64, body: GossipBody }`.
 * `epoch` is the sender's committee epoch, `timestamp_ms` its wall clock when publishing (freshness check).
 * The body is one enum whose variant fixes the topic it may travel on (see {@link gossipTopicKindOf}):
 *
 * | topic | variants |
 * |---|---|
 * | blobs | `BlobCertified { blob_id[32], object_id[32], end_epoch: u32 }` |
 * | epoch | `ShardTransferStarted { shards }`, `ShardTransferFinished { shards, recovered }`, `EpochSyncDone` |
 * | recovery | `BlobRecoveryStarted { blob_id, slivers }`, `BlobRecoveryFinished { blob_id, outcome, slivers }`, `ShardRecoveryStarted { shards, blobs }`, `ShardRecoveryProgress { shards, blobs_done, blobs_total }`, `ShardRecoveryFinished { shards, blobs }` |
 *
 * Authentication is not in these bytes: every message is published with gossipsub's `StrictSign` policy,
 * so it carries the author's libp2p peer ID and an Ed25519 signature over topic, sequence number and data,
 * which gossipsub verifies before our validator runs. The validator then requires the author to be the
 * peer ID a committee member of `epoch` registered on chain (node/network/gossip/validator.ts).
 *
 * A gossip message never overrides the chain; it only makes a node look sooner (architecture.md).
 * @see spec §3.2, §3.4, §6.5
 */
import { bcs } from '@mysten/bcs';
import { BcsInvalidValueError } from '../bcs/errors.ts';
import { parseBcs, toBcs } from '../bcs/parse.ts';
import type { GossipTopicKindName } from './ids.ts';

/** Version byte of {@link GossipMessageBcs}. */
export const GOSSIP_MESSAGE_VERSION = 1;

/** Largest encoded gossip message accepted or published, in bytes. */
export const MAX_GOSSIP_MESSAGE_BYTES = 16 * 1024;

const Bytes32 = bcs.bytes(32);
const Shards = bcs.vector(bcs.u16());

/** Outcome of one blob's recovery on the sending node. */
export type BlobRecoveryOutcome = 'recovered' | 'inconsistent' | 'failed';
const OUTCOMES: readonly BlobRecoveryOutcome[] = ['recovered', 'inconsistent', 'failed'];

/** BCS of the message body: one variant per kind of announcement. */
export const GossipBodyBcs = bcs.enum('GossipBody', {
  BlobCertified: bcs.struct('BlobCertified', { blobId: Bytes32, objectId: Bytes32, endEpoch: bcs.u32() }),
  ShardTransferStarted: bcs.struct('ShardTransferStarted', { shards: Shards }),
  ShardTransferFinished: bcs.struct('ShardTransferFinished', { shards: Shards, recovered: Shards }),
  EpochSyncDone: null,
  BlobRecoveryStarted: bcs.struct('BlobRecoveryStarted', { blobId: Bytes32, slivers: bcs.u32() }),
  BlobRecoveryFinished: bcs.struct('BlobRecoveryFinished', {
    blobId: Bytes32,
    outcome: bcs.u8(),
    slivers: bcs.u32(),
  }),
  ShardRecoveryStarted: bcs.struct('ShardRecoveryStarted', { shards: Shards, blobs: bcs.u32() }),
  ShardRecoveryProgress: bcs.struct('ShardRecoveryProgress', {
    shards: Shards,
    blobsDone: bcs.u32(),
    blobsTotal: bcs.u32(),
  }),
  ShardRecoveryFinished: bcs.struct('ShardRecoveryFinished', { shards: Shards, blobs: bcs.u32() }),
});

/** BCS of a whole gossip message. */
export const GossipMessageBcs = bcs.struct('GossipMessage', {
  version: bcs.u8(),
  epoch: bcs.u32(),
  timestampMs: bcs.u64(),
  body: GossipBodyBcs,
});

/** The body of a gossip message (what happened). Blob and object IDs are 32 bytes; shards ascending. */
export type GossipBody =
  | { kind: 'blobCertified'; blobId: Uint8Array; objectId: Uint8Array; endEpoch: number }
  | { kind: 'shardTransferStarted'; shards: number[] }
  | { kind: 'shardTransferFinished'; shards: number[]; recovered: number[] }
  | { kind: 'epochSyncDone' }
  | { kind: 'blobRecoveryStarted'; blobId: Uint8Array; slivers: number }
  | { kind: 'blobRecoveryFinished'; blobId: Uint8Array; outcome: BlobRecoveryOutcome; slivers: number }
  | { kind: 'shardRecoveryStarted'; shards: number[]; blobs: number }
  | { kind: 'shardRecoveryProgress'; shards: number[]; blobsDone: number; blobsTotal: number }
  | { kind: 'shardRecoveryFinished'; shards: number[]; blobs: number };

/** One of the {@link GossipBody} kinds. */
export type GossipBodyKind = GossipBody['kind'];

/** A decoded gossip message. `timestampMs` is ms since the Unix epoch. */
export interface GossipMessage {
  epoch: number;
  timestampMs: number;
  body: GossipBody;
}

/** The topic kind a body travels on. */
export function gossipTopicKindOf(body: GossipBody | GossipBodyKind): GossipTopicKindName {
  const kind = typeof body === 'string' ? body : body.kind;
  switch (kind) {
    case 'blobCertified':
      return 'blobs';
    case 'shardTransferStarted':
    case 'shardTransferFinished':
    case 'epochSyncDone':
      return 'epoch';
    default:
      return 'recovery';
  }
}

type BodyInput = Parameters<typeof GossipBodyBcs.serialize>[0];

function bodyToBcs(b: GossipBody): BodyInput {
  switch (b.kind) {
    case 'blobCertified':
      return { BlobCertified: { blobId: b.blobId, objectId: b.objectId, endEpoch: b.endEpoch } };
    case 'shardTransferStarted':
      return { ShardTransferStarted: { shards: b.shards } };
    case 'shardTransferFinished':
      return { ShardTransferFinished: { shards: b.shards, recovered: b.recovered } };
    case 'epochSyncDone':
      return { EpochSyncDone: true };
    case 'blobRecoveryStarted':
      return { BlobRecoveryStarted: { blobId: b.blobId, slivers: b.slivers } };
    case 'blobRecoveryFinished':
      return {
        BlobRecoveryFinished: { blobId: b.blobId, outcome: OUTCOMES.indexOf(b.outcome), slivers: b.slivers },
      };
    case 'shardRecoveryStarted':
      return { ShardRecoveryStarted: { shards: b.shards, blobs: b.blobs } };
    case 'shardRecoveryProgress':
      return {
        ShardRecoveryProgress: { shards: b.shards, blobsDone: b.blobsDone, blobsTotal: b.blobsTotal },
      };
    case 'shardRecoveryFinished':
      return { ShardRecoveryFinished: { shards: b.shards, blobs: b.blobs } };
  }
}

function bodyFromBcs(v: ReturnType<typeof GossipBodyBcs.parse>): GossipBody {
  switch (v.$kind) {
    case 'BlobCertified':
      return { kind: 'blobCertified', ...v.BlobCertified };
    case 'ShardTransferStarted':
      return { kind: 'shardTransferStarted', shards: v.ShardTransferStarted.shards };
    case 'ShardTransferFinished':
      return { kind: 'shardTransferFinished', ...v.ShardTransferFinished };
    case 'EpochSyncDone':
      return { kind: 'epochSyncDone' };
    case 'BlobRecoveryStarted':
      return { kind: 'blobRecoveryStarted', ...v.BlobRecoveryStarted };
    case 'BlobRecoveryFinished': {
      const outcome = OUTCOMES[v.BlobRecoveryFinished.outcome];
      if (!outcome)
        throw new BcsInvalidValueError(`unknown recovery outcome ${v.BlobRecoveryFinished.outcome}`);
      return { kind: 'blobRecoveryFinished', ...v.BlobRecoveryFinished, outcome };
    }
    case 'ShardRecoveryStarted':
      return { kind: 'shardRecoveryStarted', ...v.ShardRecoveryStarted };
    case 'ShardRecoveryProgress':
      return { kind: 'shardRecoveryProgress', ...v.ShardRecoveryProgress };
    case 'ShardRecoveryFinished':
      return { kind: 'shardRecoveryFinished', ...v.ShardRecoveryFinished };
    default:
      throw new BcsInvalidValueError('unknown gossip body variant');
  }
}

/** BCS bytes of a gossip message (version {@link GOSSIP_MESSAGE_VERSION}). */
export function encodeGossipMessage(message: GossipMessage): Uint8Array {
  return toBcs(GossipMessageBcs, {
    version: GOSSIP_MESSAGE_VERSION,
    epoch: message.epoch,
    timestampMs: BigInt(message.timestampMs),
    body: bodyToBcs(message.body),
  });
}

/**
 * Parses a gossip message strictly (no trailing bytes, known version and variants).
 * @throws BcsTruncatedError, BcsTrailingBytesError, BcsInvalidValueError (also for an unknown version or a
 *   timestamp above 2^53)
 */
export function decodeGossipMessage(bytes: Uint8Array): GossipMessage {
  const v = parseBcs(GossipMessageBcs, bytes);
  if (v.version !== GOSSIP_MESSAGE_VERSION) {
    throw new BcsInvalidValueError(`unknown gossip message version ${v.version}`);
  }
  const ts = BigInt(v.timestampMs);
  if (ts > BigInt(Number.MAX_SAFE_INTEGER)) throw new BcsInvalidValueError('gossip timestamp out of range');
  return { epoch: v.epoch, timestampMs: Number(ts), body: bodyFromBcs(v.body) };
}
