import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { availableParallelism } from 'node:os';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { encodedBlobLength } from '../../../../../shared/encoding/params.ts';
import {
  BlobAlreadyCertifiedError,
  ChainUnavailableError,
  InsufficientBalanceError,
  InvalidCertificateError,
  ObjectNotFoundError,
  QuorumNotReachedError,
  RequestTooLargeError,
} from '../../../../../node/chain/errors.ts';
import { HttpChainClient } from '../../../../../node/chain/embedded/http-client.ts';
import {
  defaultBlsWorkers,
  startChainServer,
  type ChainServer,
} from '../../../../../node/chain/embedded/server.ts';
import type { ChainEvent } from '../../../../../node/chain/types.ts';
import { blobFor, certify, confirmation, createChain, snapshot, WAL, type TestNode } from './fixtures.ts';
import type { Ledger } from '../../../../../node/chain/embedded/ledger.ts';

describe('embedded chain over HTTP', () => {
  let server: ChainServer;
  let ledger: Ledger;
  let nodes: TestNode[];
  let client: HttpChainClient;

  beforeAll(async () => {
    ({ ledger, nodes } = await createChain());
    server = await startChainServer({ ledger, bodyLimit: 16 * 1024 });
    client = new HttpChainClient({ url: server.url, signer: Ed25519Keypair.generate(), eventsWaitMs: 2000 });
  });
  afterAll(async () => {
    await server.close();
    ledger.close();
  });

  it('reads state, transacts, and follows events from a cursor (long poll)', async () => {
    const state = await client.systemState();
    expect(state.epoch).toBe(1);
    expect(state.committee.members[0].publicKey).toBeInstanceOf(Uint8Array);
    expect(state.storagePricePerUnit).toBe(1000n);
    const start = ledger.eventsAfter(0).at(-1)!.cursor;
    const ac = new AbortController();
    const seen: ChainEvent[] = [];
    const follower = (async () => {
      const reader = new HttpChainClient({ url: server.url, eventsWaitMs: 2000 });
      for await (const e of reader.events({ after: start, signal: ac.signal })) {
        seen.push(e);
        if (seen.length === 2) ac.abort();
      }
    })();

    const f = await client.faucet({ amount: 500n * WAL });
    expect(f.balance).toBe(500n * WAL);
    expect(await client.balance(client.address)).toBe(500n * WAL);
    const size = 2000;
    const { storage } = await client.reserveSpace({ size: encodedBlobLength(size, 10), epochs: 3 });
    expect(await client.getStorage(storage.id)).toEqual(storage);
    const b = blobFor(size);
    const { blob } = await client.registerBlob({
      storageId: storage.id,
      blobId: b.blobId,
      rootHash: b.rootHash,
      size,
      encodingType: 1,
      deletable: true,
    });
    const cert = certify(state.committee, nodes, nodes, confirmation(1, b.blobIdBytes, blob.id));
    const r = await client.certifyBlob({ blobObjectId: blob.id, certificate: cert });
    expect(r.blob.certifiedEpoch).toBe(1);
    await follower;
    expect(seen.map((e) => e.type)).toEqual(['BlobRegistered', 'BlobCertified']);
    expect(seen[1]).toMatchObject({
      blobId: b.blobId,
      objectId: blob.id,
      deletable: true,
      isExtension: false,
    });
    expect(seen[1].id.txDigest).toBe(r.digest);

    const info = await client.getBlobIdInfo(b.blobId);
    expect(info.objects.map((o) => o.id)).toEqual([blob.id]);
    const owned = await client.ownedObjects(client.address);
    expect(owned.blobs.length).toBe(1);
    const attrs = await client.setBlobAttributes({
      blobObjectId: blob.id,
      attributes: { 'content-type': 'text/plain' },
    });
    expect(attrs.blob.attributes).toEqual({ 'content-type': 'text/plain' });
    const ext = await client.extendBlob({ blobObjectId: blob.id, epochs: 2 });
    expect(ext.blob.storage.endEpoch).toBe(6);
    expect(ext.events[0]).toMatchObject({ type: 'BlobCertified', isExtension: true, endEpoch: 6 });
    const del = await client.deleteBlob({ blobObjectId: blob.id });
    expect(del.storage.endEpoch).toBe(6);
    expect(del.events[0]).toMatchObject({ type: 'BlobDeleted', wasCertified: true });
    expect((await client.storageNodes()).length).toBe(4);
  });

  it('rethrows the server-side error classes and leaves the ledger unchanged', async () => {
    const poor = new HttpChainClient({ url: server.url, signer: Ed25519Keypair.generate() });
    let before = snapshot(ledger);
    await expect(poor.reserveSpace({ size: 1, epochs: 1 })).rejects.toBeInstanceOf(InsufficientBalanceError);
    expect(snapshot(ledger)).toBe(before);
    await expect(client.getBlob('0x' + '00'.repeat(32))).rejects.toBeInstanceOf(ObjectNotFoundError);

    const state = await client.systemState();
    const size = 10;
    const { storage } = await client.reserveSpace({ size: encodedBlobLength(size, 10), epochs: 1 });
    const b = blobFor(size);
    const { blob } = await client.registerBlob({
      storageId: storage.id,
      blobId: b.blobId,
      rootHash: b.rootHash,
      size,
      encodingType: 1,
      deletable: false,
    });
    before = snapshot(ledger);
    const weak = certify(state.committee, nodes, nodes.slice(0, 1), confirmation(1, b.blobIdBytes));
    await expect(client.certifyBlob({ blobObjectId: blob.id, certificate: weak })).rejects.toBeInstanceOf(
      QuorumNotReachedError,
    );
    expect(snapshot(ledger)).toBe(before);
    const good = certify(state.committee, nodes, nodes, confirmation(1, b.blobIdBytes));
    // A worker pre-verifies certificates; a bad signature is still rejected the same way.
    const forged = {
      ...good,
      signature: certify(state.committee, nodes, nodes, confirmation(1, new Uint8Array(32))).signature,
    };
    await expect(client.certifyBlob({ blobObjectId: blob.id, certificate: forged })).rejects.toBeInstanceOf(
      InvalidCertificateError,
    );
    expect(snapshot(ledger)).toBe(before);
    await client.certifyBlob({ blobObjectId: blob.id, certificate: good });
    await expect(client.certifyBlob({ blobObjectId: blob.id, certificate: good })).rejects.toBeInstanceOf(
      BlobAlreadyCertifiedError,
    );
  });

  it('refuses an oversized request with 413 and a typed error', async () => {
    const res = await fetch(`${server.url}/v1/transactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'A'.repeat(20_000), signature: 'x' }),
    });
    expect(res.status).toBe(413);
    const j = (await res.json()) as { error: { code: string } };
    expect(j.error.code).toBe(new RequestTooLargeError().code);
    const bad = await fetch(`${server.url}/v1/transactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
  });

  it('streams events as server-sent events from a cursor', async () => {
    const ac = new AbortController();
    const res = await fetch(`${server.url}/v1/events/stream?after=1`, { signal: ac.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    while ((text.match(/\ndata: /g) ?? []).length < 2) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    ac.abort();
    const first = ledger.eventsAfter(1, 2);
    expect(text).toContain(`id: ${first[0].cursor}\nevent: ${first[0].type}\n`);
    expect(text).toContain(`id: ${first[1].cursor}\n`);
  });

  it('counts blocks and certificate checks in /v1/stats', async () => {
    const before = (await (await fetch(`${server.url}/v1/stats`)).json()) as {
      blocks: { txs: number; blocks: number; maxBlock: number };
      bls: { jobs: number; batches: number } | null;
    };
    const kps = [0, 1, 2].map(() => Ed25519Keypair.generate());
    await Promise.all(
      kps.map((kp) => new HttpChainClient({ url: server.url, signer: kp }).faucet({ amount: 1n })),
    );
    const after = (await (await fetch(`${server.url}/v1/stats`)).json()) as typeof before;
    expect(after.blocks.txs - before.blocks.txs).toBe(3);
    expect(after.blocks.blocks - before.blocks.blocks).toBeGreaterThanOrEqual(1);
    expect(after.blocks.blocks - before.blocks.blocks).toBeLessThanOrEqual(3);
    // The certify_blob of the first test went through the worker pool.
    expect(after.bls?.jobs).toBeGreaterThanOrEqual(1);
  });

  it('uses one BLS worker per 4 cores with native BLS and one per core with mcl-wasm', () => {
    const cores = availableParallelism();
    const saved = process.env.WALRUS_TS_BLS;
    try {
      delete process.env.WALRUS_TS_BLS;
      expect(defaultBlsWorkers()).toBe(Math.max(1, Math.floor(cores / 4)));
      process.env.WALRUS_TS_BLS = 'mcl';
      expect(defaultBlsWorkers()).toBe(cores);
    } finally {
      if (saved === undefined) delete process.env.WALRUS_TS_BLS;
      else process.env.WALRUS_TS_BLS = saved;
    }
  });

  it('reports an unreachable chain as ChainUnavailableError', async () => {
    const dead = new HttpChainClient({ url: 'http://127.0.0.1:1', timeoutMs: 2000 });
    await expect(dead.systemState()).rejects.toBeInstanceOf(ChainUnavailableError);
    expect(() => new HttpChainClient({ url: 'ftp://127.0.0.1:1' })).toThrow(ChainUnavailableError);
    expect(() => new HttpChainClient({ url: 'not a url' })).toThrow(ChainUnavailableError);
  });

  it('times out a silent chain, caps the answer size, and rethrows the caller abort reason', async () => {
    // A server that accepts and never answers, and one that answers a body larger than the cap.
    const sockets = new Set<Socket>();
    const silent = createServer(() => {});
    silent.on('connection', (s) => sockets.add(s));
    const big = createServer((_req, res) => res.end(JSON.stringify({ pad: 'x'.repeat(100_000) })));
    await Promise.all([silent, big].map((srv) => new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))));
    const url = (srv: Server) => `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    try {
      const slow = new HttpChainClient({ url: url(silent), timeoutMs: 200 });
      await expect(slow.systemState()).rejects.toThrow(/no answer within 200 ms/);
      const ac = new AbortController();
      const pending = slow.systemState({ signal: ac.signal });
      ac.abort(new Error('caller gave up'));
      await expect(pending).rejects.toThrow('caller gave up');
      await slow.close();
      const capped = new HttpChainClient({ url: url(big), maxResponseBytes: 10_000 });
      await expect(capped.systemState()).rejects.toThrow(/larger than 10000 bytes/);
      await expect(capped.systemState()).rejects.toBeInstanceOf(ChainUnavailableError);
      await capped.close();
    } finally {
      for (const s of sockets) s.destroy();
      await Promise.all([silent, big].map((srv) => new Promise((r) => srv.close(r))));
    }
  });
});
