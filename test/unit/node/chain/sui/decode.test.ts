import { describe, it, expect } from 'vitest';
import { toHex } from '@mysten/sui/utils';
import {
  Blob,
  StakingInnerV1,
  StakingPool,
  Staking,
  System,
  SystemStateInnerV1,
} from '../../../../../node/chain/sui/contracts.ts';
import {
  blobIdTextFromU256,
  compressG1,
  decodeBlob,
  decodeBlobAttributes,
  decodeNodeLibp2pInfo,
  decodeStakingPool,
  decodeStorage,
  multiaddrsToNetworkAddress,
  networkAddressToMultiaddr,
  nodeIdsToLoad,
  toChainEventData,
  toStorageNodeInfo,
  toSystemState,
  walrusEventName,
} from '../../../../../node/chain/sui/decode.ts';
import { UnexpectedSuiDataError } from '../../../../../node/chain/sui/errors.ts';
import { eventBytes, fixture, objectBytes } from './fixtures.ts';

const N = fixture.inputs.nodeIds;
const K = fixture.inputs.compressedKeys;
const OWNER = '0x' + 'ee'.repeat(32);

function pools() {
  return new Map(
    (['a', 'b', 'c', 'd'] as const).map((k) => [
      N[k],
      decodeStakingPool(objectBytes(`pool${k.toUpperCase()}`)),
    ]),
  );
}

describe('Walrus object layouts (fixtures serialized with @mysten/walrus BCS)', () => {
  it('parses System and Staking wrappers', () => {
    const sys = System.parse(objectBytes('system'));
    expect(sys.version).toBe('2');
    expect(sys.package_id).toBe('0x' + '52'.repeat(32));
    expect(sys.new_package_id).toBeNull();
    expect(Staking.parse(objectBytes('staking')).id).toBe('0x' + '53'.repeat(32));
  });

  it('re-serializes every parsed object to the same bytes', () => {
    for (const [name, layout] of [
      ['systemInner', SystemStateInnerV1],
      ['stakingInnerNextParams', StakingInnerV1],
      ['stakingInnerSync', StakingInnerV1],
      ['poolA', StakingPool],
      ['blob', Blob],
    ] as const) {
      const bytes = objectBytes(name);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const again = (layout as any).serialize((layout as any).parse(bytes)).toBytes();
      expect(toHex(again), name).toBe(toHex(bytes));
    }
  });
});

describe('system state translation', () => {
  const system = SystemStateInnerV1.parse(objectBytes('systemInner'));

  it('maps committee, prices, capacity and NextParamsSelected with the next committee', () => {
    const staking = StakingInnerV1.parse(objectBytes('stakingInnerNextParams'));
    expect(nodeIdsToLoad(system, staking)).toEqual([N.a, N.b, N.c, N.d]);
    const s = toSystemState(system, staking, { pools: pools() });
    expect(s.epoch).toBe(5);
    expect(s.nShards).toBe(10);
    expect(s.epochState).toEqual({ kind: 'NextParamsSelected', sinceMs: 1_700_000_000_000 });
    expect(s.epochStartMs).toBe(1_700_000_000_000);
    expect(s.epochDurationMs).toBe(86_400_000);
    expect(s.maxEpochsAhead).toBe(53);
    expect(s.storagePricePerUnit).toBe(100_000n);
    expect(s.writePricePerUnit).toBe(20_000n);
    expect(s.totalCapacity).toBe(1_000_000_000_000);
    expect(s.usedCapacity).toBe(5_000_000_000);

    expect(s.committee.epoch).toBe(5);
    expect(s.committee.members.map((m) => m.nodeId)).toEqual([N.a, N.b, N.c]);
    expect(s.committee.members.map((m) => m.shards)).toEqual([
      [0, 3, 6, 9],
      [1, 4, 7],
      [2, 5, 8],
    ]);
    expect(s.committee.members.map((m) => m.weight)).toEqual([4, 3, 3]);
    expect(s.committee.members.map((m) => toHex(m.publicKey))).toEqual([K.a, K.b, K.c]);
    const a = s.committee.members[0];
    expect(a.name).toBe('node-a');
    expect(a.peerId).toBe('');
    expect(a.multiaddrs).toEqual(['/dns/node-a.example.com/tcp/9185/https']);
    expect(a.suiAddress).toBe('0x' + 'aa'.repeat(32));

    expect(s.previousCommittee).toBeUndefined();
    expect(s.nextCommittee?.epoch).toBe(6);
    expect(s.nextCommittee?.members.map((m) => m.nodeId)).toEqual([N.a, N.b, N.d]);
    // Node A announced a next-epoch key; the others keep theirs.
    expect(s.nextCommittee?.members.map((m) => toHex(m.publicKey))).toEqual([
      fixture.inputs.nextKeyA,
      K.b,
      K.d,
    ]);
    expect(s.nextCommittee?.members[2].multiaddrs).toEqual([]);
  });

  it('maps EpochChangeSync with the previous committee', () => {
    const staking = StakingInnerV1.parse(objectBytes('stakingInnerSync'));
    const s = toSystemState(system, staking, { pools: pools() });
    expect(s.epochState).toEqual({ kind: 'EpochChangeSync', syncedWeight: 7, sinceMs: 0 });
    expect(s.epochStartMs).toBe(0);
    expect(s.nextCommittee).toBeUndefined();
    expect(s.previousCommittee?.epoch).toBe(4);
    expect(s.previousCommittee?.members.map((m) => [m.nodeId, m.shards, m.weight])).toEqual([
      [N.a, [0, 2, 4, 6, 8], 5],
      [N.b, [1, 3, 5, 7, 9], 5],
    ]);
    expect(toHex(s.previousCommittee!.members[0].publicKey)).toBe(K.a);
  });

  it('maps EpochChangeDone', () => {
    const staking = StakingInnerV1.parse(objectBytes('stakingInnerDone'));
    const s = toSystemState(system, staking, { pools: pools() });
    expect(s.epochState).toEqual({ kind: 'EpochChangeDone', sinceMs: 1_700_000_500_000 });
    expect(s.previousCommittee).toBeUndefined();
    expect(s.nextCommittee).toBeUndefined();
  });

  it('uses libp2p info from node metadata when given', () => {
    const staking = StakingInnerV1.parse(objectBytes('stakingInnerDone'));
    const info = decodeNodeLibp2pInfo(objectBytes('nodeMetadataA'));
    expect(info).toEqual({
      peerId: '12D3KooWExamplePeerA',
      multiaddrs: ['/ip4/10.0.0.1/tcp/4001', '/dns/node-a.example.com/tcp/4001'],
    });
    const s = toSystemState(system, staking, { pools: pools(), libp2p: new Map([[N.a, info]]) });
    expect(s.committee.members[0].peerId).toBe('12D3KooWExamplePeerA');
    expect(s.committee.members[0].multiaddrs).toEqual([
      '/ip4/10.0.0.1/tcp/4001',
      '/dns/node-a.example.com/tcp/4001',
      '/dns/node-a.example.com/tcp/9185/https',
    ]);
  });
});

describe('storage nodes', () => {
  it('maps a staking pool to StorageNodeInfo', () => {
    const info = toStorageNodeInfo(decodeStakingPool(objectBytes('poolB')));
    expect(info).toEqual({
      nodeId: N.b,
      name: 'node-b',
      peerId: '',
      multiaddrs: ['/ip4/10.0.0.2/tcp/9185/https'],
      publicKey: expect.any(Uint8Array),
      suiAddress: '0x' + 'aa'.repeat(32),
      stake: 1_000_000_000_300n,
      storagePriceVote: 100_000n,
      writePriceVote: 20_000n,
      nodeCapacityVote: 500_000_000_000,
    });
    expect(toHex(info.publicKey)).toBe(K.b);
    expect(toStorageNodeInfo(decodeStakingPool(objectBytes('poolC'))).multiaddrs).toEqual([
      '/ip6/::1/tcp/9185/https',
    ]);
  });

  it('converts network addresses and multiaddrs both ways', () => {
    expect(networkAddressToMultiaddr('node.example.com:9185')).toBe('/dns/node.example.com/tcp/9185/https');
    expect(networkAddressToMultiaddr('1.2.3.4:443')).toBe('/ip4/1.2.3.4/tcp/443/https');
    expect(networkAddressToMultiaddr('[2001:db8::1]:9185')).toBe('/ip6/2001:db8::1/tcp/9185/https');
    expect(networkAddressToMultiaddr('node.example.com')).toBeNull();
    expect(networkAddressToMultiaddr('host:0')).toBeNull();
    expect(multiaddrsToNetworkAddress(['/p2p-circuit', '/dns4/n.example/tcp/9185/tls/http'])).toBe(
      'n.example:9185',
    );
    expect(multiaddrsToNetworkAddress(['/ip6/::1/tcp/1/https'])).toBe('[::1]:1');
    expect(multiaddrsToNetworkAddress(['/ip4/1.2.3.4/udp/1'])).toBeNull();
  });

  it('compresses G1 keys and rejects other lengths', () => {
    const pool = decodeStakingPool(objectBytes('poolA'));
    expect(pool.node_info.public_key.bytes).toHaveLength(96);
    expect(toHex(compressG1(Uint8Array.from(pool.node_info.public_key.bytes)))).toBe(K.a);
    expect(() => compressG1(new Uint8Array(95))).toThrow(UnexpectedSuiDataError);
  });
});

describe('blobs and storage resources', () => {
  it('decodes a certified deletable blob with its attributes', () => {
    const attrs = decodeBlobAttributes(objectBytes('blobAttributes'));
    expect(attrs).toEqual({ 'content-type': 'text/plain', name: 'hello.txt' });
    const blob = decodeBlob(objectBytes('blob'), OWNER, attrs);
    expect(blob).toEqual({
      id: '0x' + 'b1'.repeat(32),
      owner: OWNER,
      registeredEpoch: 4,
      blobId: fixture.inputs.blobId,
      size: 33,
      encodingType: 1,
      certifiedEpoch: 4,
      storage: {
        id: '0x' + 'c1'.repeat(32),
        owner: OWNER,
        startEpoch: 4,
        endEpoch: 57,
        storageSize: 66_034_000,
      },
      deletable: true,
      attributes: { 'content-type': 'text/plain', name: 'hello.txt' },
    });
  });

  it('decodes a registered permanent blob and a storage resource', () => {
    const blob = decodeBlob(objectBytes('blobUncertified'), OWNER);
    expect(blob.certifiedEpoch).toBeNull();
    expect(blob.deletable).toBe(false);
    expect(blob.attributes).toEqual({});
    expect(decodeStorage(objectBytes('storage'), OWNER)).toEqual({
      id: '0x' + 'c1'.repeat(32),
      owner: OWNER,
      startEpoch: 4,
      endEpoch: 57,
      storageSize: 66_034_000,
    });
  });

  it('reads blob IDs from u256 little-endian', () => {
    expect(blobIdTextFromU256(0n)).toBe('A'.repeat(43));
    expect(blobIdTextFromU256(1n)).toBe('AQ' + 'A'.repeat(41));
  });
});

describe('events', () => {
  const ORIG = '0x' + 'fd'.repeat(32);

  it('recognizes Walrus event types of the original package only', () => {
    expect(walrusEventName(`${ORIG}::events::BlobRegistered`, ORIG)).toBe('BlobRegistered');
    expect(walrusEventName('0xfd' + 'fd'.repeat(31) + '::events::BlobCertified', ORIG)).toBe('BlobCertified');
    expect(walrusEventName(`${'0x' + '01'.repeat(32)}::events::BlobRegistered`, ORIG)).toBeNull();
    expect(walrusEventName(`${ORIG}::system::BlobRegistered`, ORIG)).toBeNull();
    expect(walrusEventName(`${ORIG}::events::DenyListBlobDeleted`, ORIG)).toBeNull();
    expect(walrusEventName('garbage', ORIG)).toBeNull();
  });

  it('translates every modelled event', () => {
    const blobId = fixture.inputs.blobId;
    const objectId = '0x' + 'b1'.repeat(32);
    expect(toChainEventData('BlobRegistered', eventBytes('BlobRegistered'))).toEqual({
      type: 'BlobRegistered',
      epoch: 5,
      blobId,
      size: 33,
      encodingType: 1,
      endEpoch: 57,
      deletable: true,
      objectId,
    });
    expect(toChainEventData('BlobCertified', eventBytes('BlobCertified'))).toEqual({
      type: 'BlobCertified',
      epoch: 5,
      blobId,
      endEpoch: 57,
      deletable: true,
      objectId,
      isExtension: false,
    });
    expect(toChainEventData('BlobDeleted', eventBytes('BlobDeleted'))).toEqual({
      type: 'BlobDeleted',
      epoch: 6,
      blobId,
      endEpoch: 57,
      objectId,
      wasCertified: true,
    });
    expect(toChainEventData('InvalidBlobID', eventBytes('InvalidBlobID'))).toEqual({
      type: 'InvalidBlobID',
      epoch: 6,
      blobId,
    });
    expect(toChainEventData('EpochParametersSelected', eventBytes('EpochParametersSelected'))).toEqual({
      type: 'EpochParametersSelected',
      nextEpoch: 6,
    });
    expect(toChainEventData('EpochChangeStart', eventBytes('EpochChangeStart'))).toEqual({
      type: 'EpochChangeStart',
      epoch: 6,
    });
    expect(toChainEventData('EpochChangeDone', eventBytes('EpochChangeDone'))).toEqual({
      type: 'EpochChangeDone',
      epoch: 6,
    });
    expect(toChainEventData('ShardsReceived', eventBytes('ShardsReceived'))).toEqual({
      type: 'ShardsReceived',
      epoch: 6,
      shards: [2, 5, 8],
    });
    expect(toChainEventData('PricesUpdated', eventBytes('PricesUpdated'))).toEqual({
      type: 'PricesUpdated',
      epoch: 6,
      storagePrice: 110_000n,
      writePrice: 21_000n,
    });
  });

  it('rejects truncated event contents with a typed error', () => {
    const bytes = eventBytes('BlobRegistered').slice(0, 10);
    expect(() => toChainEventData('BlobRegistered', bytes)).toThrow(UnexpectedSuiDataError);
  });
});
