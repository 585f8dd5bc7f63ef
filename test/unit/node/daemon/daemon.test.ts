import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStoreResult, ErrorEnvelope } from '../../../../shared/api/index.ts';
import { encodeInvalidBlobIdMessage } from '../../../../shared/bcs/messages.ts';
import { aggregateSignatures, hashMessage, sign } from '../../../../shared/crypto/bls.ts';
import { blobIdFromString } from '../../../../shared/encoding/blob-id.ts';
import { startDaemon, type RunningDaemon } from '../../../../node/daemon/server.ts';
import { startCluster, testBytes, type Cluster } from '../client/fixtures.ts';

async function errorOf(res: Response): Promise<ErrorEnvelope['error'] & { reason?: string }> {
  const body = (await res.json()) as ErrorEnvelope;
  return { ...body.error, reason: body.error.details[0]?.reason };
}

async function put(url: string, body: Uint8Array, query = ''): Promise<Response> {
  return fetch(`${url}/v1/blobs${query}`, { method: 'PUT', body: body as BodyInit });
}

describe('daemon HTTP API end to end (real chain, 4 real storage nodes)', () => {
  let cluster: Cluster;
  let daemon: RunningDaemon;
  let publisher: RunningDaemon;
  let aggregator: RunningDaemon;
  let small: RunningDaemon;

  beforeAll(async () => {
    cluster = await startCluster(4);
    const client = cluster.client.client;
    daemon = await startDaemon({ client }, { port: 0 });
    publisher = await startDaemon({ client }, { port: 0, mode: 'publisher' });
    aggregator = await startDaemon({ client }, { port: 0, mode: 'aggregator' });
    small = await startDaemon({ client }, { port: 0, maxBodySize: 1024 });
  }, 60_000);
  afterAll(async () => {
    for (const d of [daemon, publisher, aggregator, small]) await d?.close();
    await cluster?.stop();
  });

  it('serves /status', async () => {
    const res = await fetch(`${daemon.url}/status`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
  });

  it('stores with PUT /v1/blobs and reads back with GET, immutable cache, ETag, CORS', async () => {
    const data = testBytes(100_000, 3);
    const res = await put(daemon.url, data, '?epochs=2');
    expect(res.status).toBe(200);
    const result = (await res.json()) as BlobStoreResult;
    expect('newlyCreated' in result).toBe(true);
    if (!('newlyCreated' in result)) return;
    const obj = result.newlyCreated.blobObject;
    expect(obj.size).toBe(data.length);
    expect(obj.deletable).toBe(true);
    expect(obj.certifiedEpoch).toBe(1);
    expect(obj.storage.endEpoch).toBe(3);
    expect(result.newlyCreated.resourceOperation).toEqual({
      registerFromScratch: { encodedLength: obj.storage.storageSize, epochsAhead: 2 },
    });
    expect(result.newlyCreated.cost).toBeGreaterThan(0);

    const got = await fetch(`${aggregator.url}/v1/blobs/${obj.blobId}`, {
      headers: { origin: 'http://x.test' },
    });
    expect(got.status).toBe(200);
    expect(got.headers.get('cache-control')).toContain('immutable');
    expect(got.headers.get('etag')).toBe(`"${obj.blobId}"`);
    expect(got.headers.get('access-control-allow-origin')).toBe('*');
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(data))).toBe(true);

    const again = await put(publisher.url, data, '?epochs=1');
    const second = (await again.json()) as BlobStoreResult;
    expect(second).toMatchObject({ alreadyCertified: { blobId: obj.blobId, endEpoch: 3 } });

    const cached = await fetch(`${daemon.url}/v1/blobs/${obj.blobId}`, {
      headers: { 'if-none-match': `"${obj.blobId}"` },
    });
    expect(cached.status).toBe(304);

    const range = await fetch(`${daemon.url}/v1/blobs/${obj.blobId}`, { headers: { range: 'bytes=10-19' } });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(`bytes 10-19/${data.length}`);
    expect(Buffer.from(await range.arrayBuffer()).equals(Buffer.from(data.subarray(10, 20)))).toBe(true);

    const br = await fetch(`${daemon.url}/v1/blobs/${obj.blobId}/byte-range?start=99990&length=100`);
    expect(br.status).toBe(200);
    expect(Buffer.from(await br.arrayBuffer()).equals(Buffer.from(data.subarray(99_990)))).toBe(true);

    const unsat = await fetch(`${daemon.url}/v1/blobs/${obj.blobId}`, {
      headers: { range: 'bytes=200000-200010' },
    });
    expect(unsat.status).toBe(416);
    expect(unsat.headers.get('content-range')).toBe(`bytes */${data.length}`);
    expect((await errorOf(unsat)).reason).toBe('INVALID_BYTE_RANGE');
    const open = await fetch(`${daemon.url}/v1/blobs/${obj.blobId}`, { headers: { range: 'bytes=5-' } });
    expect(open.status).toBe(416);
  }, 60_000);

  it('reads blobs into memory that finished responses gave back', async () => {
    const client = cluster.client.client;
    const buffers: ArrayBufferLike[] = [];
    const recording = Object.assign(Object.create(client) as typeof client, {
      async readBlob(...args: Parameters<typeof client.readBlob>) {
        const read = await client.readBlob(...args);
        buffers.push(read.data.buffer);
        return read;
      },
    });
    const reusing = await startDaemon({ client: recording }, { port: 0, mode: 'aggregator' });
    const fresh = await startDaemon({ client: recording }, { port: 0, readMemoryBytes: 0 });
    try {
      const data = testBytes(300_000, 8);
      const stored = (await (await put(publisher.url, data, '?epochs=1')).json()) as BlobStoreResult;
      if (!('newlyCreated' in stored)) throw new Error('not stored');
      const id = stored.newlyCreated.blobObject.blobId;
      for (const d of [reusing, reusing, fresh, fresh]) {
        const got = await fetch(`${d.url}/v1/blobs/${id}`);
        expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(data))).toBe(true);
      }
      expect(buffers[1]).toBe(buffers[0]);
      expect(buffers[3]).not.toBe(buffers[2]);
      expect(buffers[2]).not.toBe(buffers[0]);
    } finally {
      await reusing.close();
      await fresh.close();
    }
  });

  it('serves by-object-id with the blob attributes as headers', async () => {
    const data = new TextEncoder().encode('<h1>hello walrus</h1>');
    const result = (await (await put(daemon.url, data, '?permanent=true')).json()) as BlobStoreResult;
    if (!('newlyCreated' in result)) throw new Error('expected a new blob');
    const obj = result.newlyCreated.blobObject;
    expect(obj.deletable).toBe(false);
    await cluster.chain.user.setBlobAttributes({
      blobObjectId: obj.id,
      attributes: { 'content-type': 'text/html', 'x-secret': 'not exposed' },
    });
    const res = await fetch(`${daemon.url}/v1/blobs/by-object-id/${obj.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('x-secret')).toBeNull();
    expect(await res.text()).toBe('<h1>hello walrus</h1>');
    const missing = await fetch(`${daemon.url}/v1/blobs/by-object-id/0x${'ab'.repeat(32)}`);
    expect(missing.status).toBe(404);
  }, 60_000);

  it('refuses an empty body with 400 EMPTY_BLOB', async () => {
    const res = await put(daemon.url, new Uint8Array(0));
    expect(res.status).toBe(400);
    const e = await errorOf(res);
    expect(e).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT', reason: 'EMPTY_BLOB' });
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await put(small.url, new Uint8Array(2048));
    expect(res.status).toBe(413);
    const e = await errorOf(res);
    expect(e).toMatchObject({ code: 413, reason: 'BODY_TOO_LARGE' });
  });

  it('answers 404 BLOB_NOT_FOUND for an unknown blob ID', async () => {
    const res = await fetch(`${daemon.url}/v1/blobs/${'A'.repeat(43)}`);
    expect(res.status).toBe(404);
    const e = await errorOf(res);
    expect(e).toMatchObject({ status: 'NOT_FOUND', reason: 'BLOB_NOT_FOUND' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  }, 30_000);

  it('answers 400 INVALID_BLOB_ID for invalid base64url', async () => {
    for (const bad of ['not-a-blob-id', 'A'.repeat(42) + '!', 'A'.repeat(44)]) {
      const res = await fetch(`${daemon.url}/v1/blobs/${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).reason).toBe('INVALID_BLOB_ID');
    }
  });

  it('answers 400 for contradictory or malformed store options', async () => {
    const both = await put(daemon.url, new Uint8Array(10), '?permanent=true&deletable=true');
    expect(both.status).toBe(400);
    expect((await errorOf(both)).reason).toBe('INVALID_BLOB_PERSISTENCE');
    const epochs = await put(daemon.url, new Uint8Array(10), '?epochs=zero');
    expect(epochs.status).toBe(400);
    const to = await put(daemon.url, new Uint8Array(10), '?send_object_to=0x1234');
    expect(to.status).toBe(400);
    expect((await errorOf(to)).reason).toBe('UNSUPPORTED');
  });

  it('answers 404 (detail invalid) for a blob marked invalid, and the publisher refuses to store it', async () => {
    const data = testBytes(5000, 99);
    const first = (await (await put(daemon.url, data)).json()) as BlobStoreResult;
    if (!('newlyCreated' in first)) throw new Error('expected a new blob');
    const blobId = first.newlyCreated.blobObject.blobId;
    const { chain } = cluster;
    const state = await chain.user.systemState();
    const message = encodeInvalidBlobIdMessage(state.epoch, blobIdFromString(blobId));
    const h = hashMessage(message);
    const signers = chain.nodeIds.map((id) => state.committee.members.findIndex((m) => m.nodeId === id));
    const order = signers.map((idx, i) => ({ idx, i })).sort((a, b) => a.idx - b.idx);
    await chain.user.invalidateBlobId({
      certificate: {
        signers: order.map((o) => o.idx),
        serializedMessage: message,
        signature: aggregateSignatures(order.map((o) => sign(h, chain.keystores[o.i].blsSecretKey))),
      },
    });
    const res = await fetch(`${daemon.url}/v1/blobs/${blobId}`);
    expect(res.status).toBe(404);
    const e = await errorOf(res);
    expect(e.reason).toBe('BLOB_NOT_FOUND');
    expect(e.details[0].metadata).toMatchObject({ detail: 'invalid' });
    const store = await put(daemon.url, data);
    expect(store.status).toBe(500);
  }, 60_000);

  it('serves only its half in publisher and aggregator modes', async () => {
    const a = await fetch(`${publisher.url}/v1/blobs/${'A'.repeat(43)}`);
    expect(a.status).toBe(404);
    expect((await errorOf(a)).reason).toBe('ROUTE_NOT_FOUND');
    const p = await put(aggregator.url, new Uint8Array(10));
    expect(p.status).toBe(404);
  });

  it('answers CORS preflight requests', async () => {
    const res = await fetch(`${daemon.url}/v1/blobs`, {
      method: 'OPTIONS',
      headers: { origin: 'http://x.test', 'access-control-request-method': 'PUT' },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
