import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeClient } from '../../../../node/client/node-client.ts';
import { fallbackTransport } from '../../../../node/client/transport/fallback.ts';
import { httpTransport } from '../../../../node/client/transport/http.ts';
import { libp2pTransport } from '../../../../node/client/transport/libp2p.ts';
import { nodeHttpUrl } from '../../../../node/client/transport/endpoints.ts';
import type { StorageNodeTransport } from '../../../../node/client/transport/types.ts';
import { WalrusClient } from '../../../../node/client/client.ts';
import { BlobExpiredError, BlobNotFoundError, FlowStateError } from '../../../../node/client/errors.ts';
import type { WriteBlobStep } from '../../../../node/client/types.ts';
import { encodedBlobLength } from '../../../../shared/encoding/params.ts';
import { startCluster, testBytes, type Cluster } from './fixtures.ts';

const EPOCH_MS = 3_600_000;

describe('blob lifecycle with real nodes: resume, delete, epoch change, expiry, transports', () => {
  let cluster: Cluster;
  let clock = Date.now();
  let client: WalrusClient;

  beforeAll(async () => {
    clock = Date.now();
    cluster = await startCluster(4, { now: () => clock, autoEpochSyncDone: true, epochDurationMs: EPOCH_MS });
    client = cluster.client.client;
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('resumes a write from its registered step without registering again', async () => {
    const data = testBytes(40_000, 21);
    const flow = client.writeBlobFlow(data, { epochs: 3 });
    const encoded = await flow.encode();
    const registered = await flow.register();
    expect(registered.step).toBe('registered');
    // Persisted as JSON by the caller, then a new flow continues.
    const saved = JSON.parse(JSON.stringify(registered)) as WriteBlobStep;
    const steps: string[] = [];
    const resumed = client.writeBlobFlow(data, { resume: saved });
    let result;
    for (const it = resumed.run(); ;) {
      const r = await it.next();
      if (r.done) {
        result = r.value;
        break;
      }
      steps.push(r.value.step);
    }
    expect(steps).toEqual(['encoded', 'registered', 'uploaded', 'certified']);
    if (result.kind !== 'newlyCreated') throw new Error(result.kind);
    expect(result.blobObject.blobId).toBe(encoded.blobId);
    const owned = await cluster.chain.user.ownedObjects(cluster.chain.user.address);
    expect(owned.blobs.filter((b) => b.blobId === encoded.blobId)).toHaveLength(1);

    const other = client.writeBlobFlow(testBytes(10, 1), { resume: saved });
    await expect(other.encode()).rejects.toBeInstanceOf(FlowStateError);
  }, 60_000);

  it('reuses an owned storage resource that fits', async () => {
    // Twice the size needed: the blob takes its part, the rest stays with the owner.
    const need = encodedBlobLength(5_000, 10);
    const { storage } = await cluster.chain.user.reserveSpace({ size: 2 * need, epochs: 2 });
    const r = await client.writeBlob(testBytes(5_000, 22), { epochs: 2 });
    if (r.kind !== 'newlyCreated') throw new Error(r.kind);
    expect(Object.keys(r.resourceOperation)).toEqual(['reuseStorage']);
    expect(r.blobObject.storage.storageSize).toBe(need);
    const rest = (await cluster.chain.user.ownedObjects(cluster.chain.user.address)).storage;
    expect(rest.map((s) => s.storageSize)).toEqual([need]);
    expect(rest[0].id === storage.id || r.blobObject.storage.id === storage.id).toBe(true);
    // Use the rest up, so later writes in this file reserve fresh storage.
    const again = await client.writeBlob(testBytes(5_000, 29), { epochs: 2 });
    if (again.kind !== 'newlyCreated') throw new Error(again.kind);
    expect(Object.keys(again.resourceOperation)).toEqual(['reuseStorage']);
    expect((await cluster.chain.user.ownedObjects(cluster.chain.user.address)).storage).toEqual([]);
  }, 60_000);

  it('reads a deleted blob as not found', async () => {
    const r = await client.writeBlob(testBytes(3_000, 23), { deletable: true });
    if (r.kind !== 'newlyCreated') throw new Error(r.kind);
    await client.deleteBlob(r.blobObject.id);
    const err = await client.readBlob(r.blobObject.blobId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobNotFoundError);
  }, 60_000);

  it('stores over plain HTTP, and falls back to HTTP when libp2p cannot reach the nodes', async () => {
    const http = await createNodeClient({
      chain: cluster.chain.user,
      transport: 'http',
      tailTimeoutMs: 3000,
    });
    try {
      const data = testBytes(70_000, 24);
      const r = await http.client.writeBlob(data);
      if (r.kind !== 'newlyCreated') throw new Error(r.kind);
      expect(r.failedNodes).toEqual([]);
      expect(
        Buffer.from((await http.client.readBlob(r.blobObject.blobId)).data).equals(Buffer.from(data)),
      ).toBe(true);
    } finally {
      await http.stop();
    }
    // libp2p addresses that refuse connections, the real HTTP API behind them.
    const net = cluster.client.network;
    if (!net) throw new Error('no network');
    const dead = (t: StorageNodeTransport): StorageNodeTransport => {
      const wrap =
        <A extends unknown[], R>(f: (n: never, ...a: A) => R) =>
        (n: { peerId: string; multiaddrs: readonly string[] }, ...a: A): R =>
          f(
            {
              ...n,
              multiaddrs: [
                `/ip4/127.0.0.1/tcp/1`,
                ...n.multiaddrs.filter((m) => nodeHttpUrl({ multiaddrs: [m] })),
              ],
            } as never,
            ...a,
          );
      return {
        putMetadata: wrap(t.putMetadata.bind(t)),
        putSlivers: wrap(t.putSlivers.bind(t)),
        getMetadata: wrap(t.getMetadata.bind(t)),
        getSlivers: wrap(t.getSlivers.bind(t)),
        getConfirmation: wrap(t.getConfirmation.bind(t)),
        getBlobStatus: wrap(t.getBlobStatus.bind(t)),
        getHealth: wrap(t.getHealth.bind(t)),
      };
    };
    const viaFallback = new WalrusClient(
      {
        chain: cluster.chain.user,
        transport: dead(fallbackTransport(libp2pTransport({})({ reqResp: net.reqResp }), httpTransport())),
      },
      { tailTimeoutMs: 3000 },
    );
    const data = testBytes(30_000, 25);
    const r = await viaFallback.writeBlob(data);
    if (r.kind !== 'newlyCreated') throw new Error(r.kind);
    expect(r.failedNodes).toEqual([]);
    expect(
      Buffer.from((await viaFallback.readBlob(r.blobObject.blobId)).data).equals(Buffer.from(data)),
    ).toBe(true);
  }, 60_000);

  it('re-uploads when the epoch changes before certification, and reads after the change', async () => {
    const data = testBytes(60_000, 26);
    const flow = client.writeBlobFlow(data, { epochs: 5 });
    await flow.encode();
    await flow.register();
    const up = await flow.upload();
    expect(up.epoch).toBe(1);
    const old = await client.writeBlob(testBytes(8_000, 27), { epochs: 1 });
    if (old.kind !== 'newlyCreated') throw new Error(old.kind);
    const keeps = await client.writeBlob(testBytes(8_000, 28), { epochs: 4 });
    if (keeps.kind !== 'newlyCreated') throw new Error(keeps.kind);

    clock += EPOCH_MS;
    expect((await cluster.chain.user.systemState()).epoch).toBe(2);
    const steps: string[] = [];
    let result;
    for (const it = flow.run(); ;) {
      const r = await it.next();
      if (r.done) {
        result = r.value;
        break;
      }
      steps.push(r.value.step === 'uploaded' ? `uploaded@${r.value.epoch}` : r.value.step);
    }
    expect(steps).toEqual(['encoded', 'registered', 'uploaded@1', 'uploaded@2', 'certified']);
    if (result.kind !== 'newlyCreated') throw new Error(result.kind);
    expect(result.blobObject.certifiedEpoch).toBe(2);
    expect(
      Buffer.from((await client.readBlob(result.blobObject.blobId)).data).equals(Buffer.from(data)),
    ).toBe(true);

    // Stored in epoch 1 for 1 epoch: expired now. Stored for 4: still readable.
    const err = await client.readBlob(old.blobObject.blobId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobExpiredError);
    expect((err as BlobExpiredError).endEpoch).toBe(2);
    const kept = await client.readBlob(keeps.blobObject.blobId);
    expect(Buffer.from(kept.data).equals(Buffer.from(testBytes(8_000, 28)))).toBe(true);
  }, 90_000);
});
