/**
 * Move calls of the Walrus package, as thunks over a Sui `Transaction`: each function adds its commands
 * and returns the result (a Storage, Blob, capability…). No I/O, so transactions build offline when the
 * caller gives every object as a reference (see the unit tests) and online through the Sui client.
 *
 * Argument order follows `mainnet-contracts/walrus/sources/{system,staking}.move`,
 * `system/blob.move`, `system/storage_resource.move`, `staking/node_metadata.move`.
 * @see spec §6.2-§6.5
 * @packageDocumentation
 */
import { Inputs, type Transaction, type TransactionObjectArgument } from '@mysten/sui/transactions';
import { SUI_CLOCK_OBJECT_ID } from '@mysten/sui/utils';

/** A shared object as a transaction input: its ID and the version it was first shared at. */
export interface SharedObject {
  readonly objectId: string;
  readonly initialSharedVersion: string | number;
}

/** What every Walrus call needs: the package to call and the two shared objects. */
export interface WalrusTargets {
  /** Package whose functions are called (the latest upgrade). */
  readonly packageId: string;
  readonly system: SharedObject;
  readonly staking: SharedObject;
}

/** The result of a Move call or an owned/shared object input. */
export type ObjectArg = TransactionObjectArgument;

function shared(tx: Transaction, obj: SharedObject, mutable: boolean): ObjectArg {
  return tx.object(
    Inputs.SharedObjectRef({
      objectId: obj.objectId,
      initialSharedVersion: obj.initialSharedVersion,
      mutable,
    }),
  );
}

function clock(tx: Transaction): ObjectArg {
  return tx.object(
    Inputs.SharedObjectRef({ objectId: SUI_CLOCK_OBJECT_ID, initialSharedVersion: 1, mutable: false }),
  );
}

/** 32 bytes read little-endian as a u256 (how Move receives blob IDs and root hashes). @see spec §2.4 */
export function u256FromLeBytes(bytes: Uint8Array): bigint {
  if (bytes.length !== 32) throw new RangeError(`a u256 is 32 bytes, got ${bytes.length}`);
  let v = 0n;
  for (let i = 31; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

/** Merges WAL coins into the first and returns it (the `&mut Coin<WAL>` payment argument). */
export function mergeCoins(tx: Transaction, coins: readonly ObjectArg[]): ObjectArg {
  if (coins.length === 0) throw new RangeError('at least one coin is needed');
  const [first, ...rest] = coins;
  if (rest.length > 0) tx.mergeCoins(first, [...rest]);
  return first;
}

/** `system::reserve_space(system, storage_amount u64, epochs_ahead u32, payment)` → Storage. */
export function reserveSpace(
  tx: Transaction,
  t: WalrusTargets,
  a: { size: number | bigint; epochs: number; payment: ObjectArg },
): ObjectArg {
  return tx.moveCall({
    target: `${t.packageId}::system::reserve_space`,
    arguments: [shared(tx, t.system, true), tx.pure.u64(a.size), tx.pure.u32(a.epochs), a.payment],
  });
}

/**
 * `system::register_blob(system, storage, blob_id u256, root_hash u256, size u64, encoding_type u8,
 * deletable bool, write_payment)` → Blob.
 */
export function registerBlob(
  tx: Transaction,
  t: WalrusTargets,
  a: {
    storage: ObjectArg;
    blobId: bigint;
    rootHash: bigint;
    size: number | bigint;
    encodingType: number;
    deletable: boolean;
    payment: ObjectArg;
  },
): ObjectArg {
  return tx.moveCall({
    target: `${t.packageId}::system::register_blob`,
    arguments: [
      shared(tx, t.system, true),
      a.storage,
      tx.pure.u256(a.blobId),
      tx.pure.u256(a.rootHash),
      tx.pure.u64(a.size),
      tx.pure.u8(a.encodingType),
      tx.pure.bool(a.deletable),
      a.payment,
    ],
  });
}

/** `system::certify_blob(system, blob, signature, signers_bitmap, message)`. @see spec §6.3 */
export function certifyBlob(
  tx: Transaction,
  t: WalrusTargets,
  a: { blob: ObjectArg; signature: Uint8Array; signersBitmap: Uint8Array; message: Uint8Array },
): void {
  tx.moveCall({
    target: `${t.packageId}::system::certify_blob`,
    arguments: [
      shared(tx, t.system, false),
      a.blob,
      tx.pure.vector('u8', a.signature),
      tx.pure.vector('u8', a.signersBitmap),
      tx.pure.vector('u8', a.message),
    ],
  });
}

/** `system::invalidate_blob_id(system, signature, members_bitmap, message)` → u256 (dropped). */
export function invalidateBlobId(
  tx: Transaction,
  t: WalrusTargets,
  a: { signature: Uint8Array; signersBitmap: Uint8Array; message: Uint8Array },
): void {
  tx.moveCall({
    target: `${t.packageId}::system::invalidate_blob_id`,
    arguments: [
      shared(tx, t.system, false),
      tx.pure.vector('u8', a.signature),
      tx.pure.vector('u8', a.signersBitmap),
      tx.pure.vector('u8', a.message),
    ],
  });
}

/** `system::delete_blob(system, blob)` → Storage. */
export function deleteBlob(tx: Transaction, t: WalrusTargets, a: { blob: ObjectArg }): ObjectArg {
  return tx.moveCall({
    target: `${t.packageId}::system::delete_blob`,
    arguments: [shared(tx, t.system, false), a.blob],
  });
}

/** `system::extend_blob(system, blob, extended_epochs u32, payment)`. */
export function extendBlob(
  tx: Transaction,
  t: WalrusTargets,
  a: { blob: ObjectArg; epochs: number; payment: ObjectArg },
): void {
  tx.moveCall({
    target: `${t.packageId}::system::extend_blob`,
    arguments: [shared(tx, t.system, true), a.blob, tx.pure.u32(a.epochs), a.payment],
  });
}

/** `blob::burn(blob)`. */
export function burnBlob(tx: Transaction, t: WalrusTargets, a: { blob: ObjectArg }): void {
  tx.moveCall({ target: `${t.packageId}::blob::burn`, arguments: [a.blob] });
}

/** `blob::insert_or_update_metadata_pair(blob, key, value)` for each attribute, in key order. */
export function setBlobAttributes(
  tx: Transaction,
  t: WalrusTargets,
  a: { blob: ObjectArg; attributes: Readonly<Record<string, string>> },
): void {
  for (const key of Object.keys(a.attributes).sort()) {
    tx.moveCall({
      target: `${t.packageId}::blob::insert_or_update_metadata_pair`,
      arguments: [a.blob, tx.pure.string(key), tx.pure.string(a.attributes[key])],
    });
  }
}

/** `blob::remove_metadata_pair_if_exists(blob, key)` for each key. */
export function removeBlobAttributes(
  tx: Transaction,
  t: WalrusTargets,
  a: { blob: ObjectArg; keys: readonly string[] },
): void {
  for (const key of a.keys) {
    tx.moveCall({
      target: `${t.packageId}::blob::remove_metadata_pair_if_exists`,
      arguments: [a.blob, tx.pure.string(key)],
    });
  }
}

/** `storage_resource::split_by_epoch(storage, split_epoch u32)` → the new Storage [epoch, end). */
export function splitStorageByEpoch(
  tx: Transaction,
  t: WalrusTargets,
  a: { storage: ObjectArg; epoch: number },
): ObjectArg {
  return tx.moveCall({
    target: `${t.packageId}::storage_resource::split_by_epoch`,
    arguments: [a.storage, tx.pure.u32(a.epoch)],
  });
}

/** `storage_resource::split_by_size(storage, split_size u64)` → the new Storage of `size` bytes. */
export function splitStorageBySize(
  tx: Transaction,
  t: WalrusTargets,
  a: { storage: ObjectArg; size: number | bigint },
): ObjectArg {
  return tx.moveCall({
    target: `${t.packageId}::storage_resource::split_by_size`,
    arguments: [a.storage, tx.pure.u64(a.size)],
  });
}

/** `storage_resource::fuse(first, second)`: `second` is consumed. */
export function fuseStorage(
  tx: Transaction,
  t: WalrusTargets,
  a: { first: ObjectArg; second: ObjectArg },
): void {
  tx.moveCall({ target: `${t.packageId}::storage_resource::fuse`, arguments: [a.first, a.second] });
}

/**
 * `node_metadata::new(image_url, project_url, description)` then, when `extraFields` is not empty,
 * `node_metadata::set_extra_fields(metadata, vec_map::from_keys_values(keys, values))` → NodeMetadata.
 */
export function nodeMetadata(
  tx: Transaction,
  t: WalrusTargets,
  a: {
    imageUrl?: string;
    projectUrl?: string;
    description?: string;
    extraFields?: Readonly<Record<string, string>>;
  },
): ObjectArg {
  const metadata = tx.moveCall({
    target: `${t.packageId}::node_metadata::new`,
    arguments: [
      tx.pure.string(a.imageUrl ?? ''),
      tx.pure.string(a.projectUrl ?? ''),
      tx.pure.string(a.description ?? ''),
    ],
  });
  const keys = Object.keys(a.extraFields ?? {}).sort();
  if (keys.length > 0) {
    const map = tx.moveCall({
      target: '0x2::vec_map::from_keys_values',
      typeArguments: ['0x1::string::String', '0x1::string::String'],
      arguments: [
        tx.pure.vector('string', keys),
        tx.pure.vector(
          'string',
          keys.map((k) => a.extraFields![k]),
        ),
      ],
    });
    tx.moveCall({ target: `${t.packageId}::node_metadata::set_extra_fields`, arguments: [metadata, map] });
  }
  return metadata;
}

/**
 * `staking::register_candidate(staking, name, network_address, metadata, public_key, network_public_key,
 * proof_of_possession, commission_rate u16, storage_price u64, write_price u64, node_capacity u64)`
 * → StorageNodeCap. @see spec §6.4
 */
export function registerCandidate(
  tx: Transaction,
  t: WalrusTargets,
  a: {
    name: string;
    networkAddress: string;
    metadata: ObjectArg;
    publicKey: Uint8Array;
    networkPublicKey: Uint8Array;
    proofOfPossession: Uint8Array;
    commissionRate: number;
    storagePrice: bigint;
    writePrice: bigint;
    nodeCapacity: number | bigint;
  },
): ObjectArg {
  return tx.moveCall({
    target: `${t.packageId}::staking::register_candidate`,
    arguments: [
      shared(tx, t.staking, true),
      tx.pure.string(a.name),
      tx.pure.string(a.networkAddress),
      a.metadata,
      tx.pure.vector('u8', a.publicKey),
      tx.pure.vector('u8', a.networkPublicKey),
      tx.pure.vector('u8', a.proofOfPossession),
      tx.pure.u16(a.commissionRate),
      tx.pure.u64(a.storagePrice),
      tx.pure.u64(a.writePrice),
      tx.pure.u64(a.nodeCapacity),
    ],
  });
}

/** `staking::stake_with_pool(staking, to_stake: Coin<WAL>, node_id: ID)` → StakedWal. */
export function stakeWithPool(
  tx: Transaction,
  t: WalrusTargets,
  a: { coin: ObjectArg; nodeId: string },
): ObjectArg {
  return tx.moveCall({
    target: `${t.packageId}::staking::stake_with_pool`,
    arguments: [shared(tx, t.staking, true), a.coin, tx.pure.id(a.nodeId)],
  });
}

/** `staking::epoch_sync_done(staking, cap, epoch u32, clock)`. @see spec §6.5 */
export function epochSyncDone(tx: Transaction, t: WalrusTargets, a: { cap: ObjectArg; epoch: number }): void {
  tx.moveCall({
    target: `${t.packageId}::staking::epoch_sync_done`,
    arguments: [shared(tx, t.staking, true), a.cap, tx.pure.u32(a.epoch), clock(tx)],
  });
}

/** Operator updates through the node's StorageNodeCap (`staking::set_*`); only the given fields. */
export function updateNode(
  tx: Transaction,
  t: WalrusTargets,
  a: {
    cap: ObjectArg;
    name?: string;
    networkAddress?: string;
    storagePrice?: bigint;
    writePrice?: bigint;
    nodeCapacity?: number | bigint;
  },
): void {
  const call = (fn: string, value: ReturnType<Transaction['pure']['u64']>) =>
    tx.moveCall({
      target: `${t.packageId}::staking::${fn}`,
      arguments: [shared(tx, t.staking, true), a.cap, value],
    });
  if (a.name !== undefined) call('set_name', tx.pure.string(a.name));
  if (a.networkAddress !== undefined) call('set_network_address', tx.pure.string(a.networkAddress));
  if (a.storagePrice !== undefined) call('set_storage_price_vote', tx.pure.u64(a.storagePrice));
  if (a.writePrice !== undefined) call('set_write_price_vote', tx.pure.u64(a.writePrice));
  if (a.nodeCapacity !== undefined) call('set_node_capacity_vote', tx.pure.u64(a.nodeCapacity));
}
