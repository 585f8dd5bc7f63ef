import { describe, it, expect } from 'vitest';
import { parseNodeUrls } from '../../../../../explorer/lib/server/config.ts';
import { ChainIndex, blobStatus } from '../../../../../explorer/lib/server/indexer.ts';
import {
  NodeProber,
  healthFromInfo,
  nodeHttpUrl,
  sliverProbeFromData,
} from '../../../../../explorer/lib/server/node-api.ts';
import { safeContentType, shardMoves } from '../../../../../explorer/lib/server/explorer.ts';
import type { ChainEvent } from '../../../../../node/chain/types.ts';

const node = (multiaddrs: string[]) => ({ nodeId: '0x' + '1'.repeat(64), name: 'n1', multiaddrs });

describe('storage node addresses and answers', () => {
  it('finds the HTTP API in the registered multiaddrs, overridable by node ID or name', () => {
    expect(nodeHttpUrl(node(['/ip4/127.0.0.1/tcp/9300', '/ip4/127.0.0.1/tcp/9185/http']))).toBe(
      'http://127.0.0.1:9185',
    );
    expect(nodeHttpUrl(node(['/dns4/n.example/tcp/443/https']))).toBe('https://n.example:443');
    expect(nodeHttpUrl(node(['/ip4/127.0.0.1/tcp/9300']))).toBeNull();
    expect(nodeHttpUrl(node([]), { n1: 'http://x:1' })).toBe('http://x:1');
    expect(parseNodeUrls('n1=http://a:1/, n2=http://b:2')).toEqual({ n1: 'http://a:1', n2: 'http://b:2' });
    expect(parseNodeUrls('{"0xab":"http://c:3"}')).toEqual({ '0xab': 'http://c:3' });
  });

  it('reduces a ServiceHealthInfo and sliver statuses', () => {
    const h = healthFromInfo(
      'http://n',
      {
        uptime: { secs: 90, nanos: 0 },
        epoch: 3,
        publicKey: 'x',
        nodeStatus: 'Active',
        eventProgress: { persisted: 10, pending: 2, highestFinishedEventIndex: 9 },
        shardSummary: {
          owned: 4,
          ownedShardStatus: { unknown: 0, ready: 3, inTransfer: 1, inRecovery: 0 },
          readOnly: 0,
        },
      },
      5,
    );
    expect(h).toMatchObject({ state: 'up', uptimeSecs: 90, epoch: 3, nodeStatus: 'Active', peers: null });
    expect(h.shards).toMatchObject({ owned: 4, ready: 3, inTransfer: 1 });
    expect(['Stored', 'buffered', 'NONEXISTENT', 42].map(sliverProbeFromData)).toEqual([
      'stored',
      'buffered',
      'nonexistent',
      'error',
    ]);
  });

  it('reports a node without an address or with a closed port as not up', async () => {
    const p = new NodeProber({ timeoutMs: 500 });
    expect((await p.health(null)).state).toBe('unknown');
    const down = await p.health('http://127.0.0.1:9');
    expect(down.state).toBe('down');
    expect(down.error).toBeTruthy();
  });
});

describe('event index', () => {
  const ev = (i: number, data: Record<string, unknown>): ChainEvent =>
    ({ id: { txDigest: `tx${i}`, eventSeq: '0' }, cursor: String(i), timestampMs: i, ...data }) as ChainEvent;
  const blobId = 'B'.repeat(43);
  const objectId = '0x' + '2'.repeat(64);

  it('follows a blob through registration, certification, extension, expiry and invalidation', () => {
    const index = new ChainIndex({ chainUrl: 'http://unused' });
    index.apply(
      ev(1, {
        type: 'BlobRegistered',
        epoch: 1,
        blobId,
        size: 10,
        encodingType: 1,
        endEpoch: 3,
        deletable: true,
        objectId,
      }),
    );
    expect(blobStatus(index.blob(blobId)!, 1)).toBe('registered');
    index.apply(
      ev(2, {
        type: 'BlobCertified',
        epoch: 1,
        blobId,
        endEpoch: 3,
        deletable: true,
        objectId,
        isExtension: false,
      }),
    );
    expect(blobStatus(index.blob(blobId)!, 2)).toBe('certified');
    expect(index.object(objectId)?.certifiedTx).toBe('tx2');
    index.apply(
      ev(3, {
        type: 'BlobCertified',
        epoch: 2,
        blobId,
        endEpoch: 5,
        deletable: true,
        objectId,
        isExtension: true,
      }),
    );
    expect(index.object(objectId)?.certifiedTx).toBe('tx2');
    expect(blobStatus(index.blob(blobId)!, 4)).toBe('certified');
    expect(blobStatus(index.blob(blobId)!, 5)).toBe('expired');
    expect(index.list('deletable', 2, 0, 10, 10).items).toHaveLength(1);
    expect(index.stats(2, 10)).toMatchObject({ certifiedBlobs: 1, storedBytes: 10 });
    index.apply(ev(4, { type: 'InvalidBlobID', epoch: 2, blobId }));
    expect(blobStatus(index.blob(blobId)!, 2)).toBe('invalid');
    expect(index.list('invalid', 2, 0, 10, 10).counts.invalid).toBe(1);
    expect(index.recentEvents(2).map((e) => e.cursor)).toEqual(['4', '3']);
  });
});

describe('helpers', () => {
  it('serves only previewable types inline', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]);
    expect(safeContentType('application/octet-stream', png)).toBe('image/png');
    expect(safeContentType('text/html', new TextEncoder().encode('<script>x</script>'))).toBe(
      'text/plain; charset=utf-8',
    );
    expect(safeContentType('image/svg+xml', new Uint8Array([0, 1, 2, 0xff]))).toBe(
      'application/octet-stream',
    );
    expect(safeContentType(null, new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf');
  });

  it('lists shards that changed owner between committees', () => {
    const c = (epoch: number, owners: [string, number[]][]) => ({
      epoch,
      nShards: 4,
      members: owners.map(([id, shards]) => ({
        nodeId: id,
        name: id,
        peerId: '',
        multiaddrs: [],
        publicKey: '',
        weight: shards.length,
        shards,
      })),
    });
    const a = c(1, [
      ['a', [0, 1]],
      ['b', [2, 3]],
    ]);
    const b = c(2, [
      ['a', [0]],
      ['b', [2, 3]],
      ['c', [1]],
    ]);
    expect(shardMoves(a, b)).toEqual([
      { shard: 1, from: { nodeId: 'a', name: 'a' }, to: { nodeId: 'c', name: 'c' } },
    ]);
    expect(shardMoves(null, a)).toHaveLength(4);
  });
});
