import { describe, it, expect } from 'vitest';
import { bcs, TypeTagSerializer } from '@mysten/sui/bcs';
import { ObjectError, type ClientWithCoreApi, type SuiClientTypes } from '@mysten/sui/client';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { deriveDynamicFieldID, normalizeSuiAddress, toHex } from '@mysten/sui/utils';
import { createSuiChainClient } from '../../../../../node/chain/sui/index.ts';
import {
  MissingSignerError,
  SuiConfigError,
  UnsupportedOnSuiError,
} from '../../../../../node/chain/sui/errors.ts';
import { ObjectNotFoundError } from '../../../../../node/chain/errors.ts';
import { fixture, objectBytes } from './fixtures.ts';

const ORIG = '0x' + 'fd'.repeat(32);
const SYSTEM = '0x' + '51'.repeat(32);
const STAKING = '0x' + '53'.repeat(32);
const POOLS_TABLE = '0x' + '99'.repeat(32);
const WAL = '0x' + '35'.repeat(32) + '::wal::WAL';
const OWNER = '0x' + 'ee'.repeat(32);
const N = fixture.inputs.nodeIds;

interface StoredObject {
  objectId: string;
  type: string;
  owner: SuiClientTypes.ObjectOwner;
  content: Uint8Array;
}

/**
 * The read side of `client.core` over recorded objects (the fixture bytes), so the adapter's own code path
 * (object loads, versioned dynamic fields, pools, attributes) runs without a Sui node. Dynamic fields are
 * stored as Sui does: a `Field<K, V>` object at the derived ID with content UID ‖ name ‖ value.
 */
class RecordedChain {
  readonly objects = new Map<string, StoredObject>();
  readonly dynamicChildren = new Map<string, string[]>();

  put(objectId: string, type: string, content: Uint8Array, owner: SuiClientTypes.ObjectOwner): void {
    const id = normalizeSuiAddress(objectId);
    this.objects.set(id, { objectId: id, type, owner, content });
  }

  putField(parentId: string, nameType: string, name: Uint8Array, valueType: string, value: Uint8Array): void {
    const id = deriveDynamicFieldID(parentId, TypeTagSerializer.parseFromStr(nameType, true), name);
    const content = new Uint8Array(32 + name.length + value.length);
    content.set(bcs.Address.serialize(id).toBytes());
    content.set(name, 32);
    content.set(value, 32 + name.length);
    this.put(id, `0x2::dynamic_field::Field<${nameType}, ${valueType}>`, content, {
      $kind: 'ObjectOwner',
      ObjectOwner: parentId,
    });
  }

  #obj(o: StoredObject) {
    return { ...o, version: '1', digest: '11111111111111111111111111111111', json: undefined } as never;
  }

  readonly core = {
    getObjects: async (o: SuiClientTypes.GetObjectsOptions) => ({
      objects: o.objectIds.map((raw) => {
        const s = this.objects.get(normalizeSuiAddress(raw));
        return s
          ? this.#obj(s)
          : new ObjectError('notExists', `object ${raw} not found`, { reason: 'notFound' });
      }),
    }),
    getDynamicField: async (o: SuiClientTypes.GetDynamicFieldOptions) => {
      const id = deriveDynamicFieldID(
        o.parentId,
        TypeTagSerializer.parseFromStr(o.name.type, true),
        o.name.bcs,
      );
      const s = this.objects.get(normalizeSuiAddress(id));
      if (!s) throw new ObjectError('notExists', 'no field', { reason: 'notFound' });
      return { dynamicField: { value: { type: '', bcs: s.content.slice(32 + o.name.bcs.length) } } };
    },
    listOwnedObjects: async (o: SuiClientTypes.ListOwnedObjectsOptions) => ({
      objects: [...this.objects.values()]
        .filter(
          (s) => s.owner.$kind === 'AddressOwner' && s.owner.AddressOwner === o.owner && s.type === o.type,
        )
        .map((s) => this.#obj(s)),
      hasNextPage: false,
      cursor: null,
    }),
    listDynamicFields: async (o: SuiClientTypes.ListDynamicFieldsOptions) => ({
      dynamicFields: (this.dynamicChildren.get(o.parentId) ?? []).map((childId) => ({
        $kind: 'DynamicObject',
        childId,
      })),
      hasNextPage: false,
      cursor: null,
    }),
    getBalance: async (o: SuiClientTypes.GetBalanceOptions) => ({
      balance: { coinType: o.coinType, balance: o.owner === OWNER ? '123456789' : '0' },
    }),
  };
}

function recordedChain(stakingInner = 'stakingInnerNextParams'): RecordedChain {
  const c = new RecordedChain();
  const shared = { $kind: 'Shared', Shared: { initialSharedVersion: '3' } } as const;
  const owned = { $kind: 'AddressOwner', AddressOwner: OWNER } as const;
  c.put(SYSTEM, `${ORIG}::system::System`, objectBytes('system'), shared);
  c.put(STAKING, `${ORIG}::staking::Staking`, objectBytes('staking'), shared);
  const v2 = bcs.u64().serialize(2).toBytes();
  c.putField(
    SYSTEM,
    'u64',
    v2,
    `${ORIG}::system_state_inner::SystemStateInnerV1`,
    objectBytes('systemInner'),
  );
  c.putField(STAKING, 'u64', v2, `${ORIG}::staking_inner::StakingInnerV1`, objectBytes(stakingInner));
  for (const k of ['a', 'b', 'c', 'd'] as const) {
    c.put(N[k], `${ORIG}::staking_pool::StakingPool`, objectBytes(`pool${k.toUpperCase()}`), {
      $kind: 'ObjectOwner',
      ObjectOwner: '0x' + '12'.repeat(32),
    });
  }
  c.dynamicChildren.set(POOLS_TABLE, [N.d, N.b, N.a, N.c]);
  // Node A's metadata extended field (Key() → NodeMetadata) with walrus-ts libp2p extra fields.
  c.putField(
    '0x' + '80'.repeat(32),
    `${ORIG}::extended_field::Key`,
    Uint8Array.of(0), // BCS of the empty struct Key(): its dummy field, false
    `${ORIG}::node_metadata::NodeMetadata`,
    objectBytes('nodeMetadataA'),
  );
  c.put('0x' + 'b1'.repeat(32), `${ORIG}::blob::Blob`, objectBytes('blob'), owned);
  c.put('0x' + 'b2'.repeat(32), `${ORIG}::blob::Blob`, objectBytes('blobUncertified'), owned);
  c.putField(
    '0x' + 'b1'.repeat(32),
    'vector<u8>',
    bcs.string().serialize('metadata').toBytes(),
    `${ORIG}::metadata::Metadata`,
    objectBytes('blobAttributes'),
  );
  c.put('0x' + 'c1'.repeat(32), `${ORIG}::storage_resource::Storage`, objectBytes('storage'), owned);
  return c;
}

function client(chain: RecordedChain, extra: Record<string, unknown> = {}) {
  return createSuiChainClient(
    {
      rpcUrl: 'http://127.0.0.1:9000',
      systemObjectId: SYSTEM,
      stakingObjectId: STAKING,
      walCoinType: WAL,
      ...extra,
    },
    { client: chain as unknown as ClientWithCoreApi },
  );
}

describe('SuiChainClient reads over recorded objects', () => {
  it('resolves the deployment from the System object', async () => {
    const d = await client(recordedChain()).deployment();
    expect(d.targets.packageId).toBe('0x' + '52'.repeat(32));
    expect(d.originalPackageId).toBe(ORIG);
    expect(d.targets.system).toEqual({ objectId: SYSTEM, initialSharedVersion: '3' });
    expect(d.targets.staking).toEqual({ objectId: STAKING, initialSharedVersion: '3' });
    const pinned = await client(recordedChain(), { packageId: '0x77' }).deployment();
    expect(pinned.targets.packageId).toBe('0x' + '0'.repeat(62) + '77');
  });

  it('reads the system state through the versioned inner objects and pools', async () => {
    const s = await client(recordedChain()).systemState();
    expect(s.epoch).toBe(5);
    expect(s.epochState.kind).toBe('NextParamsSelected');
    expect(s.committee.members.map((m) => [m.name, m.weight])).toEqual([
      ['node-a', 4],
      ['node-b', 3],
      ['node-c', 3],
    ]);
    expect(toHex(s.committee.members[1].publicKey)).toBe(fixture.inputs.compressedKeys.b);
    expect(s.nextCommittee?.members.map((m) => m.name)).toEqual(['node-a', 'node-b', 'node-d']);
    expect(s.committee.members[0].peerId).toBe('');
  });

  it('reads walrus-ts libp2p info from node metadata when asked', async () => {
    const s = await client(recordedChain('stakingInnerDone'), { readNodeMetadata: true }).systemState();
    expect(s.committee.members[0].peerId).toBe('12D3KooWExamplePeerA');
    expect(s.committee.members[0].multiaddrs[0]).toBe('/ip4/10.0.0.1/tcp/4001');
    expect(s.committee.members[1].peerId).toBe('');
  });

  it('gets blobs with attributes and storage resources; wrong or missing objects are not found', async () => {
    const c = client(recordedChain());
    const blob = await c.getBlob('0x' + 'b1'.repeat(32));
    expect(blob.blobId).toBe(fixture.inputs.blobId);
    expect(blob.owner).toBe(OWNER);
    expect(blob.attributes).toEqual({ 'content-type': 'text/plain', name: 'hello.txt' });
    expect((await c.getBlob('0x' + 'b2'.repeat(32))).attributes).toEqual({});
    expect((await c.getStorage('0x' + 'c1'.repeat(32))).storageSize).toBe(66_034_000);
    await expect(c.getBlob('0x' + 'c1'.repeat(32))).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(c.getBlob('0x' + 'de'.repeat(32))).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(c.getStorage('0x' + 'b1'.repeat(32))).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('lists owned objects, balances and storage nodes', async () => {
    const c = client(recordedChain());
    const owned = await c.ownedObjects(OWNER);
    expect(owned.blobs.map((b) => b.id).sort()).toEqual(['0x' + 'b1'.repeat(32), '0x' + 'b2'.repeat(32)]);
    expect(owned.storage.map((s) => s.id)).toEqual(['0x' + 'c1'.repeat(32)]);
    expect(await c.balance(OWNER)).toBe(123_456_789n);
    expect(await c.balance('0x1')).toBe(0n);
    const nodes = await c.storageNodes();
    expect(nodes.map((n) => n.name)).toEqual(['node-a', 'node-b', 'node-c', 'node-d']);
    expect(nodes[3].multiaddrs).toEqual([]);
  });

  it('getBlobIdInfo finds the signer account’s own blobs by blob ID', async () => {
    const chain = recordedChain();
    const kp = Ed25519Keypair.generate();
    // Hand the fixture blobs to the keypair's address.
    for (const o of chain.objects.values()) {
      if (o.owner.$kind === 'AddressOwner')
        o.owner = { $kind: 'AddressOwner', AddressOwner: kp.toSuiAddress() };
    }
    const c = createSuiChainClient(
      { rpcUrl: 'http://127.0.0.1:9000', systemObjectId: SYSTEM, stakingObjectId: STAKING, walCoinType: WAL },
      { client: chain as unknown as ClientWithCoreApi, signer: kp },
    );
    const info = await c.getBlobIdInfo(fixture.inputs.blobId);
    expect(info.objects.map((b) => b.id)).toEqual(['0x' + 'b1'.repeat(32), '0x' + 'b2'.repeat(32)]);
    expect(info.invalidated).toBeNull();
    const none = await c.getBlobIdInfo('A'.repeat(43));
    expect(none.objects).toEqual([]);
  });
});

describe('SuiChainClient writes without a Sui node', () => {
  it('refuses writes without a signer', async () => {
    const c = client(recordedChain());
    expect(c.address).toBe(normalizeSuiAddress('0x0'));
    await expect(c.transfer({ to: OWNER, amount: 1n })).rejects.toBeInstanceOf(MissingSignerError);
    await expect(c.burnBlob({ blobObjectId: '0x' + 'b1'.repeat(32) })).rejects.toBeInstanceOf(
      MissingSignerError,
    );
  });

  it('has typed "unsupported on Sui" errors for methods without a Walrus equivalent', async () => {
    const c = client(recordedChain());
    await expect(c.faucet()).rejects.toBeInstanceOf(UnsupportedOnSuiError);
    await expect(c.startFirstEpoch()).rejects.toBeInstanceOf(UnsupportedOnSuiError);
    const err = await c.updateNodeInfo({ nodeId: N.a, peerId: '12D3Koo' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedOnSuiError);
    expect((err as UnsupportedOnSuiError).code).toBe('CHAIN_SUI_UNSUPPORTED');
  });

  it('registerCandidate needs a network public key', async () => {
    const c = createSuiChainClient(
      { rpcUrl: 'http://127.0.0.1:9000', systemObjectId: SYSTEM, stakingObjectId: STAKING, walCoinType: WAL },
      { client: recordedChain() as unknown as ClientWithCoreApi, signer: Ed25519Keypair.generate() },
    );
    await expect(
      c.registerCandidate({
        name: 'n',
        peerId: 'p',
        multiaddrs: ['/ip4/1.2.3.4/tcp/1'],
        publicKey: new Uint8Array(48),
        proofOfPossession: new Uint8Array(96),
        storagePrice: 1n,
        writePrice: 1n,
        nodeCapacity: 1,
      }),
    ).rejects.toBeInstanceOf(SuiConfigError);
  });
});
