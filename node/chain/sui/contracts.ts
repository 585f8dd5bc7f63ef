/**
 * BCS layouts of the Walrus Move structs and events the Sui adapter reads, field for field as in
 * `mainnet-contracts/walrus/sources/**` (deployed v3; testnet runs the same layouts).
 *
 * Why our own layouts and not @mysten/walrus's: the SDK (1.2.x) exports only its client; its generated
 * `contracts/walrus/*` modules are internal (no package export, no type declarations for most of them, and
 * the published build leaves out `events`). The fixtures under test/fixtures/sui are serialized with the
 * SDK's own BCS types (see test/fixtures/sui/generate.ts), so every layout here is checked against it.
 *
 * Field names stay in Move's snake_case so a layout reads like its Move struct.
 * Numbers: u64/u128/u256 parse as decimal strings (as @mysten/bcs does); u8/u16/u32 as numbers.
 *
 * @see spec §6.1-§6.6
 * @packageDocumentation
 */
import { bcs, type BcsType } from '@mysten/sui/bcs';

/** `0x2::vec_map::VecMap<K, V>`. */
export function VecMap<K, V, KI, VI>(key: BcsType<K, KI>, value: BcsType<V, VI>) {
  return bcs.struct(`VecMap<${key.name}, ${value.name}>`, {
    contents: bcs.vector(bcs.struct(`Entry<${key.name}, ${value.name}>`, { key, value })),
  });
}

/** `0x2::group_ops::Element<T>`: the point's bytes (G1 compressed 48, UncompressedG1 96). */
export const Element = bcs.struct('Element', { bytes: bcs.byteVector() });
/** `0x2::balance::Balance<T>`. */
export const Balance = bcs.struct('Balance', { value: bcs.u64() });
/** `0x2::table::Table`, `0x2::object_table::ObjectTable`. */
export const Table = bcs.struct('Table', { id: bcs.Address, size: bcs.u64() });
/** `0x2::bag::Bag`. */
export const Bag = bcs.struct('Bag', { id: bcs.Address, size: bcs.u64() });
/** `walrus::extended_field::ExtendedField<T>`: the value lives in a dynamic field of `id` named `Key()`. */
export const ExtendedField = bcs.struct('ExtendedField', { id: bcs.Address });
/**
 * `walrus::extended_field::Key()`: an empty Move struct, which Move stores with one `dummy_field: bool`
 * that is always false, so its BCS is the single byte 0.
 */
export const ExtendedFieldKey = bcs.struct('Key', { dummy_field: bcs.bool() });

/** `walrus::system::System` (shared; the inner state is the dynamic field keyed by `version: u64`). */
export const System = bcs.struct('System', {
  id: bcs.Address,
  version: bcs.u64(),
  package_id: bcs.Address,
  new_package_id: bcs.option(bcs.Address),
});
/** `walrus::staking::Staking` (shared; inner state keyed by `version: u64`). */
export const Staking = bcs.struct('Staking', {
  id: bcs.Address,
  version: bcs.u64(),
  package_id: bcs.Address,
  new_package_id: bcs.option(bcs.Address),
});

/** `walrus::bls_aggregate::BlsCommitteeMember`; `public_key` is an UncompressedG1 (96 bytes). */
export const BlsCommitteeMember = bcs.struct('BlsCommitteeMember', {
  public_key: Element,
  weight: bcs.u16(),
  node_id: bcs.Address,
});
/** `walrus::bls_aggregate::BlsCommittee`. @see spec §6.3 */
export const BlsCommittee = bcs.struct('BlsCommittee', {
  members: bcs.vector(BlsCommitteeMember),
  n_shards: bcs.u16(),
  epoch: bcs.u32(),
  total_aggregated_key: Element,
});

/** `walrus::storage_accounting::FutureAccounting`. */
export const FutureAccounting = bcs.struct('FutureAccounting', {
  epoch: bcs.u32(),
  used_capacity: bcs.u64(),
  rewards_to_distribute: Balance,
});
/** `walrus::storage_accounting::FutureAccountingRingBuffer` (`length` = max epochs ahead). */
export const FutureAccountingRingBuffer = bcs.struct('FutureAccountingRingBuffer', {
  current_index: bcs.u32(),
  length: bcs.u32(),
  ring_buffer: bcs.vector(FutureAccounting),
});
/** `walrus::event_blob::EventBlob`. */
export const EventBlob = bcs.struct('EventBlob', {
  blob_id: bcs.u256(),
  ending_checkpoint_sequence_number: bcs.u64(),
});
/** `walrus::event_blob::EventBlobCertificationState`. */
export const EventBlobCertificationState = bcs.struct('EventBlobCertificationState', {
  latest_certified_blob: bcs.option(EventBlob),
  aggregate_weight_per_blob: VecMap(EventBlob, bcs.u16()),
});

/** `walrus::system_state_inner::SystemStateInnerV1`. @see spec §6.2 */
export const SystemStateInnerV1 = bcs.struct('SystemStateInnerV1', {
  committee: BlsCommittee,
  total_capacity_size: bcs.u64(),
  used_capacity_size: bcs.u64(),
  storage_price_per_unit_size: bcs.u64(),
  write_price_per_unit_size: bcs.u64(),
  future_accounting: FutureAccountingRingBuffer,
  event_blob_certification_state: EventBlobCertificationState,
  deny_list_sizes: ExtendedField,
});

/** `walrus::committee::Committee`: node ID to its shard indices, sorted by node ID. */
export const Committee = bcs.struct('Committee', { pos0: VecMap(bcs.Address, bcs.vector(bcs.u16())) });
/** `walrus::epoch_parameters::EpochParams`. */
export const EpochParams = bcs.struct('EpochParams', {
  total_capacity_size: bcs.u64(),
  storage_price_per_unit_size: bcs.u64(),
  write_price_per_unit_size: bcs.u64(),
});
/** `walrus::staking_inner::EpochState`. @see spec §6.5 */
export const EpochStateEnum = bcs.enum('EpochState', {
  EpochChangeSync: bcs.u16(),
  EpochChangeDone: bcs.u64(),
  NextParamsSelected: bcs.u64(),
});
/** `walrus::staking_inner::StakingInnerV1`. @see spec §6.4, §6.5 */
export const StakingInnerV1 = bcs.struct('StakingInnerV1', {
  n_shards: bcs.u16(),
  epoch_duration: bcs.u64(),
  first_epoch_start: bcs.u64(),
  pools: Table,
  epoch: bcs.u32(),
  active_set: ExtendedField,
  next_committee: bcs.option(Committee),
  committee: Committee,
  previous_committee: Committee,
  next_epoch_params: bcs.option(EpochParams),
  epoch_state: EpochStateEnum,
  next_epoch_public_keys: ExtendedField,
});

/** `walrus::pending_values::PendingValues`: epoch to amount. */
export const PendingValues = bcs.struct('PendingValues', { pos0: VecMap(bcs.u32(), bcs.u64()) });
/** `walrus::auth::Authorized`. */
export const Authorized = bcs.enum('Authorized', { Address: bcs.Address, ObjectID: bcs.Address });
/** `walrus::storage_node::StorageNodeInfo`. */
export const StorageNodeInfo = bcs.struct('StorageNodeInfo', {
  name: bcs.string(),
  node_id: bcs.Address,
  network_address: bcs.string(),
  public_key: Element,
  next_epoch_public_key: bcs.option(Element),
  network_public_key: bcs.byteVector(),
  metadata: ExtendedField,
});
/** `walrus::staking_pool::StakingPool` (an object in the Staking pools ObjectTable; its ID = node ID). */
export const StakingPool = bcs.struct('StakingPool', {
  id: bcs.Address,
  state: bcs.enum('PoolState', { Active: null, Withdrawing: bcs.u32(), Withdrawn: null }),
  voting_params: bcs.struct('VotingParams', {
    storage_price: bcs.u64(),
    write_price: bcs.u64(),
    node_capacity: bcs.u64(),
  }),
  node_info: StorageNodeInfo,
  activation_epoch: bcs.u32(),
  latest_epoch: bcs.u32(),
  wal_balance: bcs.u64(),
  num_shares: bcs.u64(),
  pending_shares_withdraw: PendingValues,
  pre_active_withdrawals: PendingValues,
  pending_commission_rate: PendingValues,
  commission_rate: bcs.u16(),
  exchange_rates: Table,
  pending_stake: PendingValues,
  rewards_pool: Balance,
  commission: Balance,
  commission_receiver: Authorized,
  governance_authorized: Authorized,
  extra_fields: Bag,
});
/** `walrus::storage_node::StorageNodeCap` (owned by the operator; authorizes node updates). */
export const StorageNodeCap = bcs.struct('StorageNodeCap', {
  id: bcs.Address,
  node_id: bcs.Address,
  last_epoch_sync_done: bcs.u32(),
  last_event_blob_attestation: bcs.option(
    bcs.struct('EventBlobAttestation', { checkpoint_sequence_num: bcs.u64(), epoch: bcs.u32() }),
  ),
  deny_list_root: bcs.u256(),
  deny_list_sequence: bcs.u64(),
  deny_list_size: bcs.u64(),
});
/** `walrus::node_metadata::NodeMetadata` (the value of a StorageNodeInfo's `metadata` extended field). */
export const NodeMetadata = bcs.struct('NodeMetadata', {
  image_url: bcs.string(),
  project_url: bcs.string(),
  description: bcs.string(),
  extra_fields: VecMap(bcs.string(), bcs.string()),
});

/** `walrus::storage_resource::Storage`. @see spec §6.2 */
export const Storage = bcs.struct('Storage', {
  id: bcs.Address,
  start_epoch: bcs.u32(),
  end_epoch: bcs.u32(),
  storage_size: bcs.u64(),
});
/** `walrus::blob::Blob`. @see spec §6.2 */
export const Blob = bcs.struct('Blob', {
  id: bcs.Address,
  registered_epoch: bcs.u32(),
  blob_id: bcs.u256(),
  size: bcs.u64(),
  encoding_type: bcs.u8(),
  certified_epoch: bcs.option(bcs.u32()),
  storage: Storage,
  deletable: bcs.bool(),
});
/** `walrus::metadata::Metadata`: a Blob's attributes, dynamic field `"metadata"` (name type `vector<u8>`). */
export const BlobAttributes = bcs.struct('Metadata', { metadata: VecMap(bcs.string(), bcs.string()) });
/** Name of a Blob's attributes dynamic field: BCS of the string "metadata" as `vector<u8>`. */
export const BLOB_ATTRIBUTES_FIELD_NAME = {
  type: 'vector<u8>',
  bcs: bcs.string().serialize('metadata').toBytes(),
} as const;

/** Walrus events (`walrus::events::*`) the adapter translates. @see spec §6.6 */
export const Events = {
  BlobRegistered: bcs.struct('BlobRegistered', {
    epoch: bcs.u32(),
    blob_id: bcs.u256(),
    size: bcs.u64(),
    encoding_type: bcs.u8(),
    end_epoch: bcs.u32(),
    deletable: bcs.bool(),
    object_id: bcs.Address,
  }),
  BlobCertified: bcs.struct('BlobCertified', {
    epoch: bcs.u32(),
    blob_id: bcs.u256(),
    end_epoch: bcs.u32(),
    deletable: bcs.bool(),
    object_id: bcs.Address,
    is_extension: bcs.bool(),
  }),
  BlobDeleted: bcs.struct('BlobDeleted', {
    epoch: bcs.u32(),
    blob_id: bcs.u256(),
    end_epoch: bcs.u32(),
    object_id: bcs.Address,
    was_certified: bcs.bool(),
  }),
  InvalidBlobID: bcs.struct('InvalidBlobID', { epoch: bcs.u32(), blob_id: bcs.u256() }),
  EpochChangeStart: bcs.struct('EpochChangeStart', { epoch: bcs.u32() }),
  EpochChangeDone: bcs.struct('EpochChangeDone', { epoch: bcs.u32() }),
  ShardsReceived: bcs.struct('ShardsReceived', { epoch: bcs.u32(), shards: bcs.vector(bcs.u16()) }),
  EpochParametersSelected: bcs.struct('EpochParametersSelected', { next_epoch: bcs.u32() }),
  PricesUpdated: bcs.struct('PricesUpdated', {
    epoch: bcs.u32(),
    storage_price: bcs.u64(),
    write_price: bcs.u64(),
  }),
} as const;

/** Name of a Walrus event struct the adapter translates. */
export type WalrusEventName = keyof typeof Events;
