/**
 * Bad input over libp2p: every case gets a clear typed protocol error, the node keeps serving everyone
 * else, and nothing already stored is touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeBlobMetadata } from '../../../../shared/bcs/blob.ts';
import { serializeSliverData } from '../../../../shared/bcs/sliver.ts';
import type { EncodedBlob } from '../../../../shared/encoding/encoder.ts';
import {
  BlobIdHeaderBcs,
  encodeHeader,
  PutMetadataHeaderBcs,
  PutSliversHeaderBcs,
  StorageStatus,
  StoreOutcome,
} from '../../../../shared/protocol/headers.ts';
import { StorageProtocol } from '../../../../shared/protocol/ids.ts';
import {
  MalformedMessageError,
  MessageTooLargeError,
  RemoteError,
  TooManyStreamsError,
  UnauthorizedPeerError,
  type Network,
} from '../../../../node/network/index.ts';
import { ResponseStatus } from '../../../../node/network/reqresp/status.ts';
import {
  decodeResponsePrefix,
  encodeRequestPrefix,
  RESPONSE_PREFIX_BYTES,
} from '../../../../node/network/reqresp/wire.ts';
import type { StorageNode } from '../../../../node/storage-node.ts';
import {
  createTestChain,
  encodeTestBlob,
  ownedPairs,
  protocolClient,
  registerBlob,
  startClient,
  startNode,
  waitFor,
  type TestChain,
} from './fixtures.ts';

async function expectRemote(p: Promise<unknown>, status: number): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected status ${status}`).toBeInstanceOf(RemoteError);
  expect((err as RemoteError).status).toBe(status);
}

async function readResponseStatus(
  stream: AsyncIterable<Uint8Array | { subarray(): Uint8Array }>,
): Promise<number> {
  const chunks: Uint8Array[] = [];
  let len = 0;
  for await (const c of stream) {
    const b = c instanceof Uint8Array ? c : c.subarray();
    chunks.push(b);
    len += b.length;
    if (len >= RESPONSE_PREFIX_BYTES) break;
  }
  return decodeResponsePrefix(Buffer.concat(chunks).subarray(0, RESPONSE_PREFIX_BYTES)).status;
}

describe('storage protocols: bad input', () => {
  let chain: TestChain;
  let nodes: StorageNode[];
  let client: Network;
  let other: Network;
  let stored: EncodedBlob;

  beforeAll(async () => {
    chain = await createTestChain(2);
    const limits = {
      maxStreamsPerPeer: 2,
      idleTimeoutMs: 800,
      readTimeoutMs: 3000,
      maxBatchBytes: 256 * 1024,
    };
    nodes = [
      await startNode(chain, chain.keystores[0], { limits }),
      await startNode(chain, chain.keystores[1], { limits }),
    ];
    client = await startClient();
    other = await startClient();
    // A blob stored on node 0 before the abuse starts; it must come out intact at the end.
    stored = encodeTestBlob(2000, 10, 7);
    await registerBlob(chain.user, stored);
    const pc = protocolClient(client, nodes[0]);
    await waitFor(async () => (await pc.blobStatus(stored.blobId)) !== 'nonexistent', 5000, 'registration');
    await pc.putMetadata(stored);
    await pc.putSlivers(stored, ownedPairs(nodes[0], stored));
  });
  afterAll(async () => {
    await client?.stop();
    await other?.stop();
    for (const n of nodes ?? []) await n.stop();
  });

  it('malformed or truncated BCS headers and bodies are MALFORMED', async () => {
    const pc = protocolClient(client, nodes[0]);
    await expect(pc.request(StorageProtocol.getBlobStatus, new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(
      MalformedMessageError,
    );
    const meta = serializeBlobMetadata(stored.metadata);
    const header = encodeHeader(PutMetadataHeaderBcs, { blobId: stored.blobId, pending: false });
    await expect(
      pc.request(StorageProtocol.putMetadata, header, meta.subarray(0, meta.length - 5)),
    ).rejects.toBeInstanceOf(MalformedMessageError);
    // A putSlivers whose entries announce more bytes than the body carries.
    const h = encodeHeader(PutSliversHeaderBcs, {
      blobId: stored.blobId,
      pending: false,
      entries: [{ pairIndex: 0, sliverType: 'primary', length: 100 }],
    });
    await expect(pc.request(StorageProtocol.putSlivers, h, new Uint8Array(10))).rejects.toBeInstanceOf(
      MalformedMessageError,
    );
  });

  it('metadata for another blob ID and slivers that fail verification are refused; nothing is stored', async () => {
    const blob = encodeTestBlob(3000, 10, 11);
    await registerBlob(chain.user, blob);
    const pc = protocolClient(client, nodes[0]);
    await waitFor(async () => (await pc.blobStatus(blob.blobId)) !== 'nonexistent', 5000, 'registration');
    // Metadata of `stored` sent under the new blob's ID.
    await expectRemote(
      pc.request(
        StorageProtocol.putMetadata,
        encodeHeader(PutMetadataHeaderBcs, { blobId: blob.blobId, pending: false }),
        serializeBlobMetadata(stored.metadata),
      ),
      StorageStatus.VERIFICATION_FAILED,
    );
    // Slivers before metadata.
    const pair = ownedPairs(nodes[0], blob)[0];
    await expectRemote(pc.putSlivers(blob, [pair]), StorageStatus.METADATA_MISSING);
    expect(await pc.putMetadata(blob)).toBe(StoreOutcome.stored);

    const good = blob.primarySlivers[pair];
    const flipped = { ...good, data: good.data.slice() };
    flipped.data[0] ^= 0xff;
    const put = (sliver: typeof good) => {
      const bytes = serializeSliverData(sliver);
      return pc.request(
        StorageProtocol.putSlivers,
        encodeHeader(PutSliversHeaderBcs, {
          blobId: blob.blobId,
          pending: false,
          entries: [{ pairIndex: pair, sliverType: 'primary', length: bytes.length }],
        }),
        bytes,
      );
    };
    await expectRemote(put(flipped), StorageStatus.VERIFICATION_FAILED);
    // Wrong symbol size: same bytes, symbol size halved.
    await expectRemote(put({ ...good, symbolSize: good.symbolSize / 2 }), StorageStatus.VERIFICATION_FAILED);
    // Wrong sliver index for the pair.
    await expectRemote(put({ ...good, index: (good.index + 1) % 10 }), StorageStatus.VERIFICATION_FAILED);
    const [held] = await pc.getSlivers(blob.blobId, [{ pairIndex: pair, sliverType: 'primary' }]);
    expect(held).toBeUndefined();
    expect(
      nodes[0].components.service.sliverStatus(blob.blobId, { pairIndex: pair, sliverType: 'primary' }),
    ).toBe('nonexistent');
    // A batch with one bad sliver stores none of them (all or nothing).
    const goodBytes = serializeSliverData(good);
    const badBytes = serializeSliverData(flipped);
    const sec = serializeSliverData(blob.secondarySlivers[9 - pair]);
    await expectRemote(
      pc.request(
        StorageProtocol.putSlivers,
        encodeHeader(PutSliversHeaderBcs, {
          blobId: blob.blobId,
          pending: false,
          entries: [
            { pairIndex: pair, sliverType: 'secondary', length: sec.length },
            { pairIndex: pair, sliverType: 'primary', length: badBytes.length },
          ],
        }),
        [sec, badBytes],
      ),
      StorageStatus.VERIFICATION_FAILED,
    );
    expect(
      nodes[0].components.service.sliverStatus(blob.blobId, { pairIndex: pair, sliverType: 'secondary' }),
    ).toBe('nonexistent');
    expect((await put(good)).header.length).toBeGreaterThan(0);
    expect(goodBytes.length).toBeGreaterThan(0);
  });

  it('an unregistered blob is refused unless pending; a shard not owned is refused', async () => {
    const blob = encodeTestBlob(500, 10, 23);
    const pc = protocolClient(client, nodes[0]);
    await expectRemote(pc.putMetadata(blob), StorageStatus.BLOB_NOT_REGISTERED);
    await expectRemote(pc.putSlivers(blob, ownedPairs(nodes[0], blob)), StorageStatus.BLOB_NOT_REGISTERED);
    // Pairs owned by node 1 sent to node 0.
    const foreign = ownedPairs(nodes[1], stored);
    expect(foreign.length).toBeGreaterThan(0);
    await expectRemote(pc.putSlivers(stored, foreign), StorageStatus.SHARD_NOT_ASSIGNED);
    // Confirmation for an unregistered blob.
    await expectRemote(pc.getConfirmation(blob.blobId), StorageStatus.BLOB_NOT_REGISTERED);
  });

  it('oversized slivers and bodies are TOO_LARGE before being read', async () => {
    const pc = protocolClient(client, nodes[0]);
    const maxSliver = nodes[0].components.committee.maxSliverBytes;
    const header = encodeHeader(PutSliversHeaderBcs, {
      blobId: stored.blobId,
      pending: false,
      entries: [{ pairIndex: ownedPairs(nodes[0], stored)[0], sliverType: 'primary', length: maxSliver + 1 }],
    });
    await expect(
      pc.request(StorageProtocol.putSlivers, header, new Uint8Array(maxSliver + 1)),
    ).rejects.toBeInstanceOf(MessageTooLargeError);
    // A body above the batch limit (256 KiB here) is refused from its length prefix alone.
    const big = encodeHeader(PutSliversHeaderBcs, {
      blobId: stored.blobId,
      pending: false,
      entries: [
        { pairIndex: 0, sliverType: 'primary', length: 200_000 },
        { pairIndex: 1, sliverType: 'primary', length: 200_000 },
      ],
    });
    await expect(pc.request(StorageProtocol.putSlivers, big, new Uint8Array(400_000))).rejects.toBeInstanceOf(
      MessageTooLargeError,
    );
  });

  it('shard sync is refused to peers outside the committee', async () => {
    const pc = protocolClient(client, nodes[0]);
    await expect(pc.request(StorageProtocol.syncShard, new Uint8Array(10))).rejects.toBeInstanceOf(
      UnauthorizedPeerError,
    );
  });

  it('too many concurrent streams from one peer, and stalled streams, do not stop others being served', async () => {
    const target = nodes[0].getMultiaddrs();
    // Two streams that send half a request prefix and stall: they hold this peer's two slots.
    const stalled = await Promise.all(
      [0, 1].map(async () => {
        const s = await client.libp2p.dialProtocol(target, StorageProtocol.getBlobStatus, {
          signal: AbortSignal.timeout(5000),
        });
        s.send(encodeRequestPrefix({ headerLength: 32, bodyLength: 0 }).subarray(0, 5));
        return s;
      }),
    );
    await waitFor(
      () =>
        nodes[0].components.network.reqResp.activeStreams(StorageProtocol.getBlobStatus, client.peerId) === 2,
      3000,
      'two active streams',
    );
    const pc = protocolClient(client, nodes[0]);
    await expect(pc.blobStatus(stored.blobId)).rejects.toBeInstanceOf(TooManyStreamsError);
    // Another peer is served meanwhile.
    const po = protocolClient(other, nodes[0]);
    expect(await po.blobStatus(stored.blobId)).toHaveProperty('permanent');
    // The stalled streams are answered TIMEOUT after the idle timeout and their slots are freed.
    const statuses = await Promise.all(stalled.map((s) => readResponseStatus(s)));
    expect(statuses).toEqual([ResponseStatus.TIMEOUT, ResponseStatus.TIMEOUT]);
    await waitFor(
      () =>
        nodes[0].components.network.reqResp.activeStreams(StorageProtocol.getBlobStatus, client.peerId) === 0,
      3000,
      'slots freed',
    );
    expect(await pc.blobStatus(stored.blobId)).toHaveProperty('permanent');
  });

  it('the blob stored before the abuse is intact', async () => {
    const pc = protocolClient(client, nodes[0]);
    const pairs = ownedPairs(nodes[0], stored);
    const got = await pc.getSlivers(
      stored.blobId,
      pairs.map((p) => ({ pairIndex: p, sliverType: 'primary' as const })),
    );
    pairs.forEach((p, i) => expect(got[i]).toEqual(serializeSliverData(stored.primarySlivers[p])));
    const signed = await pc.getConfirmation(stored.blobId);
    expect(signed.signature.length).toBe(96);
    const res = await pc.request(
      StorageProtocol.getMetadata,
      encodeHeader(BlobIdHeaderBcs, { blobId: stored.blobId }),
    );
    expect(res.body.subarray(32)).toEqual(serializeBlobMetadata(stored.metadata));
  });
});
