/**
 * Pure translation from Walrus-on-Sui data (BCS object contents, event contents) to the chain interface
 * types of node/chain/types.ts. No I/O: the client fetches, these functions decode and map, and the tests
 * run them on recorded fixtures.
 *
 * Mapping decisions (Sui has no libp2p):
 * - `peerId` is '' unless the node's on-chain NodeMetadata carries `extra_fields[libp2p_peer_id]`
 *   (which {@link SuiChainClient.registerCandidate} writes);
 * - `multiaddrs` is the Walrus REST endpoint `network_address` ("host:port") as
 *   `/dns|ip4|ip6/<host>/tcp/<port>/https`, plus `extra_fields[libp2p_multiaddrs]` (space separated) if read;
 * - `publicKey` is the 48-byte compressed form of the on-chain UncompressedG1 (96 bytes);
 * - `suiAddress` is the pool's governance-authorized address (the registering account, unless changed).
 *
 * @see spec §6
 * @packageDocumentation
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { normalizeSuiAddress, parseStructTag } from '@mysten/sui/utils';
import type { SuiClientTypes } from '@mysten/sui/client';
import { blobIdFromU256, blobIdToString } from '../../../shared/encoding/blob-id.ts';
import type {
  BlobObject,
  ChainEventData,
  Committee,
  CommitteeMember,
  EpochState,
  StorageNodeInfo,
  StorageResource,
  SystemState,
} from '../types.ts';
import {
  Blob,
  BlobAttributes,
  Events,
  NodeMetadata,
  StakingInnerV1,
  StakingPool,
  Storage,
  SystemStateInnerV1,
  type WalrusEventName,
} from './contracts.ts';
import { UnexpectedSuiDataError } from './errors.ts';

/** Parsed `SystemStateInnerV1`. */
export type SystemStateInner = typeof SystemStateInnerV1.$inferType;
/** Parsed `StakingInnerV1`. */
export type StakingInner = typeof StakingInnerV1.$inferType;
/** Parsed `StakingPool`. */
export type StakingPoolData = typeof StakingPool.$inferType;

/** NodeMetadata extra-field key holding a walrus-ts node's libp2p peer ID. */
export const PEER_ID_METADATA_KEY = 'libp2p_peer_id';
/** NodeMetadata extra-field key holding a walrus-ts node's libp2p multiaddrs, space separated. */
export const MULTIADDRS_METADATA_KEY = 'libp2p_multiaddrs';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A u64 decimal string as a safe integer number. @throws UnexpectedSuiDataError past 2^53 - 1 */
export function u64ToNumber(value: string | bigint, what: string): number {
  const v = BigInt(value);
  if (v < 0n || v > MAX_SAFE) throw new UnexpectedSuiDataError(`${what} ${v} is not a safe integer`);
  return Number(v);
}

/** Blob ID text form of an on-chain u256 (decimal string, as BCS parses it). @see spec §2.4 */
export function blobIdTextFromU256(value: string | bigint): string {
  return blobIdToString(blobIdFromU256(BigInt(value)));
}

/**
 * The address an object belongs to: the owner address, the parent object ID for a child object, or the
 * zero address for shared and immutable objects.
 */
export function ownerOf(owner: SuiClientTypes.ObjectOwner): string {
  switch (owner.$kind) {
    case 'AddressOwner':
      return normalizeSuiAddress(owner.AddressOwner);
    case 'ObjectOwner':
      return normalizeSuiAddress(owner.ObjectOwner);
    case 'ConsensusAddressOwner':
      return normalizeSuiAddress(owner.ConsensusAddressOwner.owner);
    default:
      return normalizeSuiAddress('0x0');
  }
}

/** 48-byte compressed G1 of an on-chain `Element<UncompressedG1>` (96 bytes) or `Element<G1>` (48). */
export function compressG1(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 48) return Uint8Array.from(bytes);
  if (bytes.length !== 96)
    throw new UnexpectedSuiDataError(`a G1 element is 48 or 96 bytes, got ${bytes.length}`);
  try {
    return bls12_381.G1.Point.fromBytes(bytes).toBytes(true);
  } catch (e) {
    throw new UnexpectedSuiDataError(`invalid G1 element on chain: ${(e as Error).message}`);
  }
}

/** A Storage's interface form. */
export function toStorageResource(s: typeof Storage.$inferType, owner: string): StorageResource {
  return {
    id: normalizeSuiAddress(s.id),
    owner,
    startEpoch: s.start_epoch,
    endEpoch: s.end_epoch,
    storageSize: u64ToNumber(s.storage_size, 'storage size'),
  };
}

/** Decodes a Storage object's content (BCS). */
export function decodeStorage(content: Uint8Array, owner: string): StorageResource {
  return toStorageResource(Storage.parse(content), owner);
}

/** Decodes a blob's attributes dynamic-field value (BCS `Metadata`). */
export function decodeBlobAttributes(value: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, value: v } of BlobAttributes.parse(value).metadata.contents) out[key] = v;
  return out;
}

/** Decodes a Blob object's content (BCS) with its attributes (empty when it has none). */
export function decodeBlob(
  content: Uint8Array,
  owner: string,
  attributes: Readonly<Record<string, string>> = {},
): BlobObject {
  const b = Blob.parse(content);
  return {
    id: normalizeSuiAddress(b.id),
    owner,
    registeredEpoch: b.registered_epoch,
    blobId: blobIdTextFromU256(b.blob_id),
    size: u64ToNumber(b.size, 'blob size'),
    encodingType: b.encoding_type,
    certifiedEpoch: b.certified_epoch ?? null,
    storage: toStorageResource(b.storage, owner),
    deletable: b.deletable,
    attributes: { ...attributes },
  };
}

/** Walrus's network address "host:port" as a multiaddr (`/dns|ip4|ip6/host/tcp/port/https`), or null. */
export function networkAddressToMultiaddr(address: string): string | null {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:/\s]+)):(\d{1,5})$/.exec(address.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  if (m[1] !== undefined) return `/ip6/${m[1]}/tcp/${port}/https`;
  const host = m[2];
  const proto = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ? 'ip4' : 'dns';
  return `/${proto}/${host}/tcp/${port}/https`;
}

/**
 * The "host:port" network address of the first multiaddr of the form `/ip4|ip6|dns|dns4|dns6/host/tcp/port/…`,
 * or null when none has that form.
 */
export function multiaddrsToNetworkAddress(multiaddrs: readonly string[]): string | null {
  for (const ma of multiaddrs) {
    const m = /^\/(ip4|ip6|dns|dns4|dns6)\/([^/]+)\/tcp\/(\d{1,5})(\/|$)/.exec(ma);
    if (m) return m[1] === 'ip6' ? `[${m[2]}]:${m[3]}` : `${m[2]}:${m[3]}`;
  }
  return null;
}

/** libp2p data a node published in its NodeMetadata extra fields (walrus-ts nodes only). */
export interface NodeLibp2pInfo {
  readonly peerId: string;
  readonly multiaddrs: readonly string[];
}

/** Reads the walrus-ts extra fields of a NodeMetadata value (BCS). */
export function decodeNodeLibp2pInfo(value: Uint8Array): NodeLibp2pInfo {
  const extra = new Map(NodeMetadata.parse(value).extra_fields.contents.map((e) => [e.key, e.value]));
  const multiaddrs = (extra.get(MULTIADDRS_METADATA_KEY) ?? '').split(/\s+/).filter((s) => s.length > 0);
  return { peerId: extra.get(PEER_ID_METADATA_KEY) ?? '', multiaddrs };
}

function poolAddress(pool: StakingPoolData): string {
  const auth = pool.governance_authorized;
  return normalizeSuiAddress(auth.Address ?? auth.ObjectID ?? '0x0');
}

function poolMultiaddrs(pool: StakingPoolData, libp2p?: NodeLibp2pInfo): string[] {
  const out = [...(libp2p?.multiaddrs ?? [])];
  const rest = networkAddressToMultiaddr(pool.node_info.network_address);
  if (rest !== null && !out.includes(rest)) out.push(rest);
  return out;
}

/** Sum of a PendingValues map. */
function pendingSum(p: StakingPoolData['pending_stake']): bigint {
  return p.pos0.contents.reduce((acc, e) => acc + BigInt(e.value), 0n);
}

/**
 * A staking pool as {@link StorageNodeInfo}. `stake` = the pool's WAL balance plus its pending stake
 * (what the next committee selection sees, before pending withdrawals).
 */
export function toStorageNodeInfo(pool: StakingPoolData, libp2p?: NodeLibp2pInfo): StorageNodeInfo {
  return {
    nodeId: normalizeSuiAddress(pool.node_info.node_id),
    name: pool.node_info.name,
    peerId: libp2p?.peerId ?? '',
    multiaddrs: poolMultiaddrs(pool, libp2p),
    publicKey: compressG1(Uint8Array.from(pool.node_info.public_key.bytes)),
    suiAddress: poolAddress(pool),
    stake: BigInt(pool.wal_balance) + pendingSum(pool.pending_stake),
    storagePriceVote: BigInt(pool.voting_params.storage_price),
    writePriceVote: BigInt(pool.voting_params.write_price),
    nodeCapacityVote: u64ToNumber(pool.voting_params.node_capacity, 'node capacity'),
  };
}

/** Decodes a StakingPool object's content (BCS). */
export function decodeStakingPool(content: Uint8Array): StakingPoolData {
  return StakingPool.parse(content);
}

/** The interface's epoch state. `sinceMs` is 0 for EpochChangeSync (Sui records no time for it). */
export function toEpochState(state: StakingInner['epoch_state']): EpochState {
  if (state.EpochChangeSync !== undefined) {
    return { kind: 'EpochChangeSync', syncedWeight: state.EpochChangeSync, sinceMs: 0 };
  }
  if (state.EpochChangeDone !== undefined) {
    return { kind: 'EpochChangeDone', sinceMs: u64ToNumber(state.EpochChangeDone, 'timestamp') };
  }
  if (state.NextParamsSelected !== undefined) {
    return { kind: 'NextParamsSelected', sinceMs: u64ToNumber(state.NextParamsSelected, 'timestamp') };
  }
  throw new UnexpectedSuiDataError('unknown EpochState variant');
}

/** Node IDs of a staking `Committee` (VecMap order = sorted by node ID). */
export function committeeNodeIds(committee: StakingInner['committee']): string[] {
  return committee.pos0.contents.map((e) => normalizeSuiAddress(e.key));
}

/** Everything {@link toSystemState} needs besides the two inner states. */
export interface PoolDirectory {
  /** Staking pools by normalized node ID (members of all committees to show). */
  readonly pools: ReadonlyMap<string, StakingPoolData>;
  /** libp2p info by node ID, when node metadata was read. */
  readonly libp2p?: ReadonlyMap<string, NodeLibp2pInfo>;
}

function member(
  nodeId: string,
  shards: readonly number[],
  publicKey: Uint8Array | null,
  dir: PoolDirectory,
  useNextKey: boolean,
): CommitteeMember {
  const pool = dir.pools.get(nodeId);
  const libp2p = dir.libp2p?.get(nodeId);
  let key = publicKey;
  if (key === null && pool !== undefined) {
    const next = useNextKey ? pool.node_info.next_epoch_public_key : null;
    key = compressG1(Uint8Array.from((next ?? pool.node_info.public_key).bytes));
  }
  return {
    nodeId,
    name: pool?.node_info.name ?? '',
    peerId: libp2p?.peerId ?? '',
    multiaddrs: pool ? poolMultiaddrs(pool, libp2p) : [],
    publicKey: key ?? new Uint8Array(48),
    suiAddress: pool ? poolAddress(pool) : normalizeSuiAddress('0x0'),
    shards: [...shards].sort((a, b) => a - b),
    weight: shards.length,
  };
}

function stakingCommittee(
  epoch: number,
  nShards: number,
  committee: StakingInner['committee'],
  dir: PoolDirectory,
  useNextKey: boolean,
): Committee {
  return {
    epoch,
    nShards,
    members: committee.pos0.contents.map((e) =>
      member(normalizeSuiAddress(e.key), e.value, null, dir, useNextKey),
    ),
  };
}

/**
 * The interface's system state from the two inner objects and the pools of the committee members.
 * - current committee: the System's BlsCommittee (its member order is the signers-bitmap order; keys from
 *   it), with shard indices from the Staking committee;
 * - previous committee (EpochChangeSync only) and next committee (NextParamsSelected only): from the
 *   Staking object, keys from the pools (next committee: `next_epoch_public_key` when set);
 * - `epochStartMs`: the timestamp of EpochChangeDone/NextParamsSelected, 0 during EpochChangeSync;
 * - `maxEpochsAhead`: the length of the future-accounting ring buffer.
 * @throws UnexpectedSuiDataError when numbers do not fit or keys do not parse
 * @see spec §6.2-§6.5
 */
export function toSystemState(
  system: SystemStateInner,
  staking: StakingInner,
  dir: PoolDirectory,
): SystemState {
  const bls = system.committee;
  const shardsByNode = new Map(
    staking.committee.pos0.contents.map((e) => [normalizeSuiAddress(e.key), e.value]),
  );
  const committee: Committee = {
    epoch: bls.epoch,
    nShards: bls.n_shards,
    members: bls.members.map((m) => {
      const id = normalizeSuiAddress(m.node_id);
      const shards = shardsByNode.get(id) ?? [];
      const cm = member(id, shards, compressG1(Uint8Array.from(m.public_key.bytes)), dir, false);
      // The BLS committee's weight is authoritative for certificates.
      return { ...cm, weight: m.weight };
    }),
  };
  const epochState = toEpochState(staking.epoch_state);
  const nShards = staking.n_shards;
  const previousCommittee =
    epochState.kind === 'EpochChangeSync' && staking.epoch > 0
      ? stakingCommittee(staking.epoch - 1, nShards, staking.previous_committee, dir, false)
      : undefined;
  const nextCommittee =
    epochState.kind === 'NextParamsSelected' && staking.next_committee
      ? stakingCommittee(staking.epoch + 1, nShards, staking.next_committee, dir, true)
      : undefined;
  return {
    epoch: staking.epoch,
    epochState,
    nShards,
    epochDurationMs: u64ToNumber(staking.epoch_duration, 'epoch duration'),
    epochStartMs:
      epochState.kind === 'EpochChangeDone' || epochState.kind === 'NextParamsSelected'
        ? epochState.sinceMs
        : 0,
    maxEpochsAhead: system.future_accounting.length,
    committee,
    ...(previousCommittee ? { previousCommittee } : {}),
    ...(nextCommittee ? { nextCommittee } : {}),
    storagePricePerUnit: BigInt(system.storage_price_per_unit_size),
    writePricePerUnit: BigInt(system.write_price_per_unit_size),
    totalCapacity: u64ToNumber(system.total_capacity_size, 'total capacity'),
    usedCapacity: u64ToNumber(system.used_capacity_size, 'used capacity'),
  };
}

/** Node IDs whose pools {@link toSystemState} needs (current, previous and next committee members). */
export function nodeIdsToLoad(system: SystemStateInner, staking: StakingInner): string[] {
  const ids = new Set(system.committee.members.map((m) => normalizeSuiAddress(m.node_id)));
  for (const id of committeeNodeIds(staking.committee)) ids.add(id);
  const state = toEpochState(staking.epoch_state);
  if (state.kind === 'EpochChangeSync')
    for (const id of committeeNodeIds(staking.previous_committee)) ids.add(id);
  if (state.kind === 'NextParamsSelected' && staking.next_committee) {
    for (const id of committeeNodeIds(staking.next_committee)) ids.add(id);
  }
  return [...ids].sort();
}

/**
 * The Walrus event name of a Sui event type, when it is `<originalPackageId>::events::<Name>` with a name
 * the adapter translates; null for anything else (other packages, other Walrus events).
 */
export function walrusEventName(eventType: string, originalPackageId: string): WalrusEventName | null {
  let tag;
  try {
    tag = parseStructTag(eventType);
  } catch {
    return null;
  }
  if (
    tag.module !== 'events' ||
    normalizeSuiAddress(tag.address) !== normalizeSuiAddress(originalPackageId)
  ) {
    return null;
  }
  return Object.hasOwn(Events, tag.name) ? (tag.name as WalrusEventName) : null;
}

/**
 * Translates one Walrus event (BCS contents) to the interface's event data.
 * @throws UnexpectedSuiDataError when the contents do not parse as the named event
 * @see spec §6.6
 */
export function toChainEventData(name: WalrusEventName, contents: Uint8Array): ChainEventData {
  try {
    switch (name) {
      case 'BlobRegistered': {
        const e = Events.BlobRegistered.parse(contents);
        return {
          type: name,
          epoch: e.epoch,
          blobId: blobIdTextFromU256(e.blob_id),
          size: u64ToNumber(e.size, 'blob size'),
          encodingType: e.encoding_type,
          endEpoch: e.end_epoch,
          deletable: e.deletable,
          objectId: normalizeSuiAddress(e.object_id),
        };
      }
      case 'BlobCertified': {
        const e = Events.BlobCertified.parse(contents);
        return {
          type: name,
          epoch: e.epoch,
          blobId: blobIdTextFromU256(e.blob_id),
          endEpoch: e.end_epoch,
          deletable: e.deletable,
          objectId: normalizeSuiAddress(e.object_id),
          isExtension: e.is_extension,
        };
      }
      case 'BlobDeleted': {
        const e = Events.BlobDeleted.parse(contents);
        return {
          type: name,
          epoch: e.epoch,
          blobId: blobIdTextFromU256(e.blob_id),
          endEpoch: e.end_epoch,
          objectId: normalizeSuiAddress(e.object_id),
          wasCertified: e.was_certified,
        };
      }
      case 'InvalidBlobID': {
        const e = Events.InvalidBlobID.parse(contents);
        return { type: name, epoch: e.epoch, blobId: blobIdTextFromU256(e.blob_id) };
      }
      case 'EpochParametersSelected':
        return { type: name, nextEpoch: Events.EpochParametersSelected.parse(contents).next_epoch };
      case 'EpochChangeStart':
        return { type: name, epoch: Events.EpochChangeStart.parse(contents).epoch };
      case 'EpochChangeDone':
        return { type: name, epoch: Events.EpochChangeDone.parse(contents).epoch };
      case 'ShardsReceived': {
        const e = Events.ShardsReceived.parse(contents);
        return { type: name, epoch: e.epoch, shards: e.shards };
      }
      case 'PricesUpdated': {
        const e = Events.PricesUpdated.parse(contents);
        return {
          type: name,
          epoch: e.epoch,
          storagePrice: BigInt(e.storage_price),
          writePrice: BigInt(e.write_price),
        };
      }
    }
  } catch (e) {
    if (e instanceof UnexpectedSuiDataError) throw e;
    throw new UnexpectedSuiDataError(`event ${name} does not parse: ${(e as Error).message}`);
  }
}
