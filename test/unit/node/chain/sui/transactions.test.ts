import { describe, it, expect } from 'vitest';
import { bcs } from '@mysten/sui/bcs';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Inputs, Transaction } from '@mysten/sui/transactions';
import { verifyTransactionSignature } from '@mysten/sui/verify';
import { fromBase64, toHex } from '@mysten/sui/utils';
import { blobIdFromString, blobIdToU256 } from '../../../../../shared/encoding/blob-id.ts';
import { encodeSignersBitmap, encodeStorageConfirmation } from '../../../../../shared/bcs/messages.ts';
import * as moves from '../../../../../node/chain/sui/transactions.ts';

const SENDER = '0x' + '11'.repeat(32);
const PKG = '0x' + '44'.repeat(32);
const targets: moves.WalrusTargets = {
  packageId: PKG,
  system: { objectId: '0x' + '51'.repeat(32), initialSharedVersion: 7 },
  staking: { objectId: '0x' + '53'.repeat(32), initialSharedVersion: 8 },
};
const DIGEST = '11111111111111111111111111111111';
const ref = (byte: number, version = '3') => ({
  objectId: '0x' + byte.toString(16).repeat(64).slice(0, 64),
  version,
  digest: DIGEST,
});

function newTx(): Transaction {
  const tx = new Transaction();
  tx.setSender(SENDER);
  tx.setGasPrice(1000);
  tx.setGasBudget(50_000_000);
  tx.setGasPayment([ref(0x2)]);
  return tx;
}

type Parsed = ReturnType<typeof bcs.TransactionData.parse>;
type Ptb = NonNullable<Parsed['V1']['kind']['ProgrammableTransaction']>;

async function buildAndParse(tx: Transaction): Promise<Ptb> {
  const bytes = await tx.build();
  const data = bcs.TransactionData.parse(bytes);
  expect(data.V1.sender).toBe(SENDER);
  const ptb = data.V1.kind.ProgrammableTransaction;
  if (!ptb) throw new Error('not a programmable transaction');
  return ptb;
}

function moveCalls(ptb: Ptb) {
  return ptb.commands.filter((c) => c.MoveCall).map((c) => c.MoveCall!);
}

/** The pure bytes behind a command argument. */
function pureArg(
  ptb: Ptb,
  arg: Ptb['commands'][number]['MoveCall'] extends infer M
    ? M extends { arguments: (infer A)[] }
      ? A
      : never
    : never,
): Uint8Array {
  if (arg.Input === undefined) throw new Error(`argument is not an input: ${JSON.stringify(arg)}`);
  const input = ptb.inputs[arg.Input];
  if (!input.Pure) throw new Error('input is not pure');
  return fromBase64(input.Pure.bytes);
}

function objectInput(ptb: Ptb, arg: { Input?: number }) {
  if (arg.Input === undefined) throw new Error('argument is not an input');
  const input = ptb.inputs[arg.Input];
  if (!input.Object) throw new Error('input is not an object');
  return input.Object;
}

describe('Walrus transactions built offline', () => {
  it('reserve_space: shared system (mutable), u64 size, u32 epochs, merged WAL coin, transfer', async () => {
    const tx = newTx();
    const payment = moves.mergeCoins(tx, [tx.objectRef(ref(0x5)), tx.objectRef(ref(0x6))]);
    const storage = moves.reserveSpace(tx, targets, { size: 66_034_000, epochs: 3, payment });
    tx.transferObjects([storage], tx.pure.address(SENDER));
    const ptb = await buildAndParse(tx);
    expect(ptb.commands.map((c) => c.$kind)).toEqual(['MergeCoins', 'MoveCall', 'TransferObjects']);
    const [call] = moveCalls(ptb);
    expect([call.package, call.module, call.function]).toEqual([PKG, 'system', 'reserve_space']);
    expect(call.arguments).toHaveLength(4);
    expect(objectInput(ptb, call.arguments[0]).SharedObject).toEqual({
      objectId: targets.system.objectId,
      initialSharedVersion: '7',
      mutable: true,
    });
    expect(bcs.u64().parse(pureArg(ptb, call.arguments[1]))).toBe('66034000');
    expect(bcs.u32().parse(pureArg(ptb, call.arguments[2]))).toBe(3);
    expect(objectInput(ptb, call.arguments[3]).ImmOrOwnedObject?.objectId).toBe(ref(0x5).objectId);
  });

  it('register_blob: blob ID and root hash as little-endian u256, then size, encoding, deletable', async () => {
    const blobIdText = 'RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY';
    const blobIdBytes = blobIdFromString(blobIdText);
    const root = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
    const tx = newTx();
    const blob = moves.registerBlob(tx, targets, {
      storage: tx.objectRef(ref(0x7)),
      blobId: blobIdToU256(blobIdBytes),
      rootHash: moves.u256FromLeBytes(root),
      size: 33,
      encodingType: 1,
      deletable: true,
      payment: tx.objectRef(ref(0x5)),
    });
    tx.transferObjects([blob], tx.pure.address(SENDER));
    const ptb = await buildAndParse(tx);
    const [call] = moveCalls(ptb);
    expect([call.module, call.function]).toEqual(['system', 'register_blob']);
    const args = call.arguments;
    expect(args).toHaveLength(8);
    expect(objectInput(ptb, args[0]).SharedObject?.mutable).toBe(true);
    expect(objectInput(ptb, args[1]).ImmOrOwnedObject?.objectId).toBe(ref(0x7).objectId);
    // A u256 pure argument is the 32 bytes as they are: the blob ID bytes and the root hash bytes.
    expect(toHex(pureArg(ptb, args[2]))).toBe(toHex(blobIdBytes));
    expect(toHex(pureArg(ptb, args[3]))).toBe(toHex(root));
    expect(bcs.u64().parse(pureArg(ptb, args[4]))).toBe('33');
    expect(pureArg(ptb, args[5])).toEqual(Uint8Array.of(1));
    expect(pureArg(ptb, args[6])).toEqual(Uint8Array.of(1));
    expect(objectInput(ptb, args[7]).ImmOrOwnedObject?.objectId).toBe(ref(0x5).objectId);
  });

  it('certify_blob: immutable system, signature, signers bitmap and message as vector<u8>', async () => {
    const blobId = blobIdFromString('RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY');
    const message = encodeStorageConfirmation({ epoch: 5, blobId, persistence: { kind: 'permanent' } });
    const signature = new Uint8Array(96).fill(0xab);
    const bitmap = encodeSignersBitmap([0, 2, 9], 10);
    expect(Array.from(bitmap)).toEqual([0b0000_0101, 0b0000_0010]);
    const tx = newTx();
    moves.certifyBlob(tx, targets, {
      blob: tx.objectRef(ref(0x8)),
      signature,
      signersBitmap: bitmap,
      message,
    });
    const ptb = await buildAndParse(tx);
    const [call] = moveCalls(ptb);
    expect([call.module, call.function]).toEqual(['system', 'certify_blob']);
    expect(objectInput(ptb, call.arguments[0]).SharedObject?.mutable).toBe(false);
    expect(objectInput(ptb, call.arguments[1]).ImmOrOwnedObject?.objectId).toBe(ref(0x8).objectId);
    const vec = bcs.byteVector();
    expect(vec.parse(pureArg(ptb, call.arguments[2]))).toEqual(signature);
    expect(vec.parse(pureArg(ptb, call.arguments[3]))).toEqual(bitmap);
    const msg = vec.parse(pureArg(ptb, call.arguments[4]));
    expect(msg).toEqual(message);
    // The certified message: intent (1, 0, 3), epoch 5 LE, blob ID, persistence 0.
    expect(Array.from(msg.slice(0, 7))).toEqual([1, 0, 3, 5, 0, 0, 0]);
    expect(msg.length).toBe(40);
  });

  it('delete_blob, extend_blob and burn', async () => {
    const tx = newTx();
    const storage = moves.deleteBlob(tx, targets, { blob: tx.objectRef(ref(0x8)) });
    tx.transferObjects([storage], tx.pure.address(SENDER));
    moves.extendBlob(tx, targets, {
      blob: tx.objectRef(ref(0x9)),
      epochs: 4,
      payment: tx.objectRef(ref(0x5)),
    });
    moves.burnBlob(tx, targets, { blob: tx.objectRef(ref(0xa)) });
    const ptb = await buildAndParse(tx);
    const calls = moveCalls(ptb);
    expect(calls.map((c) => `${c.module}::${c.function}`)).toEqual([
      'system::delete_blob',
      'system::extend_blob',
      'blob::burn',
    ]);
    expect(calls[0].arguments).toHaveLength(2);
    expect(calls[1].arguments).toHaveLength(4);
    expect(bcs.u32().parse(pureArg(ptb, calls[1].arguments[2]))).toBe(4);
    expect(objectInput(ptb, calls[2].arguments[0]).ImmOrOwnedObject?.objectId).toBe(ref(0xa).objectId);
    // The system object appears once, mutable because extend_blob needs it so.
    const shared = ptb.inputs.filter((i) => i.Object?.SharedObject);
    expect(shared).toHaveLength(1);
    expect(shared[0].Object?.SharedObject?.mutable).toBe(true);
  });

  it('set and remove attributes', async () => {
    const tx = newTx();
    const blob = tx.objectRef(ref(0x8));
    moves.setBlobAttributes(tx, targets, { blob, attributes: { 'content-type': 'text/plain', a: 'b' } });
    moves.removeBlobAttributes(tx, targets, { blob, keys: ['a'] });
    const ptb = await buildAndParse(tx);
    const calls = moveCalls(ptb);
    expect(calls.map((c) => c.function)).toEqual([
      'insert_or_update_metadata_pair',
      'insert_or_update_metadata_pair',
      'remove_metadata_pair_if_exists',
    ]);
    expect(calls.map((c) => c.module)).toEqual(['blob', 'blob', 'blob']);
    const str = bcs.string();
    expect(calls[0].arguments.slice(1).map((a) => str.parse(pureArg(ptb, a)))).toEqual(['a', 'b']);
    expect(calls[1].arguments.slice(1).map((a) => str.parse(pureArg(ptb, a)))).toEqual([
      'content-type',
      'text/plain',
    ]);
    expect(str.parse(pureArg(ptb, calls[2].arguments[1]))).toBe('a');
  });

  it('invalidate_blob_id and storage split/fuse', async () => {
    const tx = newTx();
    moves.invalidateBlobId(tx, targets, {
      signature: new Uint8Array(96),
      signersBitmap: Uint8Array.of(3),
      message: Uint8Array.of(2, 0, 3, 1, 0, 0, 0),
    });
    const s = tx.objectRef(ref(0xc));
    const byEpoch = moves.splitStorageByEpoch(tx, targets, { storage: s, epoch: 9 });
    const bySize = moves.splitStorageBySize(tx, targets, { storage: s, size: 1024 });
    moves.fuseStorage(tx, targets, { first: byEpoch, second: bySize });
    tx.transferObjects([byEpoch], tx.pure.address(SENDER));
    const ptb = await buildAndParse(tx);
    const calls = moveCalls(ptb);
    expect(calls.map((c) => `${c.module}::${c.function}`)).toEqual([
      'system::invalidate_blob_id',
      'storage_resource::split_by_epoch',
      'storage_resource::split_by_size',
      'storage_resource::fuse',
    ]);
    expect(calls[0].arguments).toHaveLength(4);
    expect(bcs.byteVector().parse(pureArg(ptb, calls[0].arguments[2]))).toEqual(Uint8Array.of(3));
    expect(bcs.u32().parse(pureArg(ptb, calls[1].arguments[1]))).toBe(9);
    expect(bcs.u64().parse(pureArg(ptb, calls[2].arguments[1]))).toBe('1024');
    expect(calls[3].arguments.map((a) => a.$kind)).toEqual(['Result', 'Result']);
  });

  it('register_candidate with node metadata extra fields', async () => {
    const tx = newTx();
    const metadata = moves.nodeMetadata(tx, targets, {
      extraFields: { libp2p_peer_id: '12D3KooWPeer', libp2p_multiaddrs: '/ip4/1.2.3.4/tcp/1' },
    });
    const cap = moves.registerCandidate(tx, targets, {
      name: 'node-a',
      networkAddress: 'node-a.example.com:9185',
      metadata,
      publicKey: new Uint8Array(48).fill(1),
      networkPublicKey: new Uint8Array(33).fill(2),
      proofOfPossession: new Uint8Array(96).fill(3),
      commissionRate: 500,
      storagePrice: 100_000n,
      writePrice: 20_000n,
      nodeCapacity: 10 ** 12,
    });
    tx.transferObjects([cap], tx.pure.address(SENDER));
    const ptb = await buildAndParse(tx);
    const calls = moveCalls(ptb);
    expect(calls.map((c) => `${c.module}::${c.function}`)).toEqual([
      'node_metadata::new',
      'vec_map::from_keys_values',
      'node_metadata::set_extra_fields',
      'staking::register_candidate',
    ]);
    expect(calls[1].package).toBe('0x' + '0'.repeat(63) + '2');
    expect(calls[1].typeArguments).toHaveLength(2);
    const keys = bcs.vector(bcs.string()).parse(pureArg(ptb, calls[1].arguments[0]));
    expect(keys).toEqual(['libp2p_multiaddrs', 'libp2p_peer_id']);
    const reg = calls[3];
    expect(reg.arguments).toHaveLength(11);
    expect(objectInput(ptb, reg.arguments[0]).SharedObject).toEqual({
      objectId: targets.staking.objectId,
      initialSharedVersion: '8',
      mutable: true,
    });
    expect(bcs.string().parse(pureArg(ptb, reg.arguments[1]))).toBe('node-a');
    expect(bcs.string().parse(pureArg(ptb, reg.arguments[2]))).toBe('node-a.example.com:9185');
    expect(reg.arguments[3]).toEqual({ $kind: 'Result', Result: 0 });
    expect(bcs.byteVector().parse(pureArg(ptb, reg.arguments[4]))).toHaveLength(48);
    expect(bcs.byteVector().parse(pureArg(ptb, reg.arguments[5]))).toHaveLength(33);
    expect(bcs.byteVector().parse(pureArg(ptb, reg.arguments[6]))).toHaveLength(96);
    expect(bcs.u16().parse(pureArg(ptb, reg.arguments[7]))).toBe(500);
    expect(bcs.u64().parse(pureArg(ptb, reg.arguments[8]))).toBe('100000');
    expect(bcs.u64().parse(pureArg(ptb, reg.arguments[9]))).toBe('20000');
    expect(bcs.u64().parse(pureArg(ptb, reg.arguments[10]))).toBe('1000000000000');
  });

  it('stake_with_pool, epoch_sync_done (with the clock) and operator votes', async () => {
    const tx = newTx();
    const coin = tx.objectRef(ref(0x5));
    const [part] = tx.splitCoins(coin, [tx.pure.u64(5n * 10n ** 9n)]);
    const nodeId = '0x' + '0a'.repeat(32);
    const staked = moves.stakeWithPool(tx, targets, { coin: part, nodeId });
    tx.transferObjects([staked], tx.pure.address(SENDER));
    const cap = tx.objectRef(ref(0xd));
    moves.epochSyncDone(tx, targets, { cap, epoch: 6 });
    moves.updateNode(tx, targets, { cap, name: 'renamed', storagePrice: 7n, nodeCapacity: 9 });
    const ptb = await buildAndParse(tx);
    const calls = moveCalls(ptb);
    expect(calls.map((c) => `${c.module}::${c.function}`)).toEqual([
      'staking::stake_with_pool',
      'staking::epoch_sync_done',
      'staking::set_name',
      'staking::set_storage_price_vote',
      'staking::set_node_capacity_vote',
    ]);
    expect(calls[0].arguments[1]).toEqual({ $kind: 'NestedResult', NestedResult: [0, 0] });
    expect(bcs.Address.parse(pureArg(ptb, calls[0].arguments[2]))).toBe(nodeId);
    expect(bcs.u32().parse(pureArg(ptb, calls[1].arguments[2]))).toBe(6);
    expect(objectInput(ptb, calls[1].arguments[3]).SharedObject).toEqual({
      objectId: '0x' + '0'.repeat(63) + '6',
      initialSharedVersion: '1',
      mutable: false,
    });
    expect(bcs.string().parse(pureArg(ptb, calls[2].arguments[2]))).toBe('renamed');
    expect(bcs.u64().parse(pureArg(ptb, calls[3].arguments[2]))).toBe('7');
  });

  it('signs a built transaction with an Ed25519 keypair', async () => {
    const kp = Ed25519Keypair.generate();
    const tx = new Transaction();
    tx.setSender(kp.toSuiAddress());
    tx.setGasPrice(1000);
    tx.setGasBudget(10_000_000);
    tx.setGasPayment([ref(0x2)]);
    moves.burnBlob(tx, targets, { blob: tx.object(Inputs.ObjectRef(ref(0xa))) });
    const bytes = await tx.build();
    const { signature } = await kp.signTransaction(bytes);
    const pk = await verifyTransactionSignature(bytes, signature);
    expect(pk.toSuiAddress()).toBe(kp.toSuiAddress());
    expect(Transaction.from(bytes).getData().commands[0].MoveCall?.function).toBe('burn');
  });

  it('u256FromLeBytes reads little-endian and checks the length', () => {
    const b = new Uint8Array(32);
    b[0] = 1;
    b[31] = 0x80;
    expect(moves.u256FromLeBytes(b)).toBe((1n << 255n) + 1n);
    expect(() => moves.u256FromLeBytes(new Uint8Array(31))).toThrow(RangeError);
  });
});
