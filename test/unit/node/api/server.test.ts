/**
 * The HTTP API against the official Walrus TS SDK's storage-node client (paths, query parameters, content
 * types, envelopes, error classes), plus raw HTTP checks: AIP-193 errors, body limits, CORS, health,
 * Prometheus metrics, recovery and decoding symbols.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeBlobMetadata } from '../../../../shared/bcs/blob.ts';
import { decodeStorageConfirmation } from '../../../../shared/bcs/messages.ts';
import { serializeSliverData } from '../../../../shared/bcs/sliver.ts';
import { DecodingSymbolMapBcs, parseGeneralRecoverySymbols } from '../../../../shared/bcs/symbol.ts';
import { isErrorEnvelope, errorReason } from '../../../../shared/api/status.ts';
import { blobIdToString } from '../../../../shared/encoding/blob-id.ts';
import type { EncodedBlob } from '../../../../shared/encoding/encoder.ts';
import { recoverSliver, verifyGeneralRecoverySymbol } from '../../../../shared/encoding/recovery.ts';
import { verify } from '../../../../shared/crypto/bls.ts';
import * as sdkClient from '../../../../node_modules/@mysten/walrus/dist/storage-node/client.mjs';
import * as sdkErrors from '../../../../node_modules/@mysten/walrus/dist/storage-node/error.mjs';
import type { StorageNode } from '../../../../node/storage-node.ts';
import {
  createTestChain,
  encodeTestBlob,
  registerBlob,
  startNode,
  waitFor,
  type TestChain,
} from '../service/fixtures.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const { StorageNodeClient } = sdkClient as any;
const { BlobNotRegisteredError, StorageNodeAPIError } = sdkErrors as any;
/* eslint-enable @typescript-eslint/no-explicit-any */

describe('HTTP API', () => {
  let chain: TestChain;
  let node: StorageNode;
  let url: string;
  let blob: EncodedBlob;
  let id: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let sdk: any;

  beforeAll(async () => {
    chain = await createTestChain(1);
    node = await startNode(chain, chain.keystores[0]);
    url = node.apiUrl!;
    sdk = new StorageNodeClient({ timeout: 10_000 });
    blob = encodeTestBlob(4000, 10, 5);
    id = blobIdToString(blob.blobId);
  });
  afterAll(async () => {
    await node?.stop();
  });

  it('the SDK sees NOT_REGISTERED as its BlobNotRegisteredError', async () => {
    const err = await sdk
      .storeBlobMetadata({ blobId: id, metadata: serializeBlobMetadata(blob.metadata) }, { nodeUrl: url })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BlobNotRegisteredError);
    expect(err.status).toBe(400);
  });

  it('stores and reads metadata and slivers through the SDK client, and signs a confirmation', async () => {
    await registerBlob(chain.user, blob);
    await waitFor(
      () => node.components.service.blobStatus(blob.blobId) !== 'nonexistent',
      5000,
      'registration',
    );
    const put = await sdk.storeBlobMetadata(
      { blobId: id, metadata: serializeBlobMetadata(blob.metadata) },
      { nodeUrl: url },
    );
    expect(put).toEqual({ success: { code: 201, data: 'metadata successfully stored' } });
    const again = await sdk.storeBlobMetadata(
      { blobId: id, metadata: serializeBlobMetadata(blob.metadata) },
      { nodeUrl: url },
    );
    expect(again.success.code).toBe(200);
    for (let p = 0; p < 10; p++) {
      for (const type of ['primary', 'secondary'] as const) {
        const sliver = type === 'primary' ? blob.primarySlivers[p] : blob.secondarySlivers[9 - p];
        const res = await sdk.storeSliver(
          { blobId: id, sliverPairIndex: p, sliverType: type, sliver: serializeSliverData(sliver) },
          { nodeUrl: url },
        );
        expect(res.success.code).toBe(201);
      }
    }
    const meta = await sdk.getBlobMetadata({ blobId: id }, { nodeUrl: url });
    expect(meta.metadata.V1.unencoded_length).toBe('4000');
    const sliver = await sdk.getSliver(
      { blobId: id, sliverPairIndex: 4, sliverType: 'secondary' },
      { nodeUrl: url },
    );
    expect(sliver).toEqual(serializeSliverData(blob.secondarySlivers[5]));
    expect(
      await sdk.getSliverStatus({ blobId: id, sliverPairIndex: 4, sliverType: 'primary' }, { nodeUrl: url }),
    ).toBe('stored');
    expect(await sdk.getMetadataStatus({ blobId: id }, { nodeUrl: url })).toBe('stored');
    const status = await sdk.getBlobStatus({ blobId: id }, { nodeUrl: url });
    expect(status.type).toBe('permanent');
    expect(status.endEpoch).toBe(3);
    expect(status.statusEvent.txDigest).toMatch(/^[1-9A-HJ-NP-Za-km-z]+$/);
    const conf = await sdk.getPermanentBlobConfirmation({ blobId: id }, { nodeUrl: url });
    const msg = new Uint8Array(Buffer.from(conf.success.data.signed.serializedMessage, 'base64'));
    const sig = Buffer.from(conf.success.data.signed.signature, 'base64');
    expect(decodeStorageConfirmation(msg).blobId).toEqual(blob.blobId);
    expect(verify(sig, msg, chain.keystores[0].blsPublicKey)).toBe(true);
  });

  it('errors are AIP-193 envelopes with a reason; the SDK surfaces the status', async () => {
    const res = await fetch(`${url}/v1/blobs/not-a-blob-id/status`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(isErrorEnvelope(body)).toBe(true);
    expect(errorReason(body)).toBe('MALFORMED_REQUEST');

    const flipped = serializeSliverData({
      ...blob.primarySlivers[1],
      data: blob.primarySlivers[1].data.map((b) => b ^ 1),
    });
    const other = encodeTestBlob(3000, 10, 6);
    await registerBlob(chain.user, other);
    await waitFor(
      () => node.components.service.blobStatus(other.blobId) !== 'nonexistent',
      5000,
      'registration',
    );
    const otherId = blobIdToString(other.blobId);
    await sdk.storeBlobMetadata(
      { blobId: otherId, metadata: serializeBlobMetadata(other.metadata) },
      { nodeUrl: url },
    );
    const err = await sdk
      .storeSliver(
        { blobId: otherId, sliverPairIndex: 1, sliverType: 'primary', sliver: flipped },
        { nodeUrl: url },
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageNodeAPIError);
    expect(err.status).toBe(400);
    expect(errorReason(err.error)).toBe('INVALID_SLIVER');

    const missing = await fetch(`${url}/v1/blobs/${otherId}/slivers/3/primary`);
    expect(missing.status).toBe(404);
    expect(errorReason(await missing.json())).toBe('SLIVER_NOT_FOUND');
    const conf = await fetch(`${url}/v1/blobs/${otherId}/confirmation/permanent`);
    expect(conf.status).toBe(400);
    expect(errorReason(await conf.json())).toBe('MISSING_SLIVERS');
    const nope = await fetch(`${url}/v2/nothing`);
    expect(nope.status).toBe(404);
    expect(isErrorEnvelope(await nope.json())).toBe(true);
  });

  it('an oversized body is refused with 413 and the node keeps serving', async () => {
    const limit = node.components.committee.maxSliverBytes;
    const res = await fetch(`${url}/v1/blobs/${id}/slivers/0/primary`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(limit + 10),
    });
    expect(res.status).toBe(413);
    expect(errorReason(await res.json())).toBe('BODY_TOO_LARGE');
    expect((await fetch(`${url}/v1/health`)).status).toBe(200);
  });

  it('buffers pending uploads with 202', async () => {
    const pending = encodeTestBlob(1000, 10, 8);
    const res = await fetch(`${url}/v1/blobs/${blobIdToString(pending.blobId)}/metadata?pending=true`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from(serializeBlobMetadata(pending.metadata)),
    });
    expect(res.status).toBe(202);
    expect((await res.json()).success.data).toBe('metadata buffered pending registration');
    const st = await fetch(`${url}/v1/blobs/${blobIdToString(pending.blobId)}/metadata/status`);
    expect((await st.json()).success.data).toBe('buffered');
  });

  it('serves recovery symbols (by target and by id) that verify and rebuild a sliver, and decoding symbols', async () => {
    const res = await fetch(`${url}/v1/blobs/${id}/recoverySymbols?targetSliver=6&targetType=primary`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const symbols = parseGeneralRecoverySymbols(new Uint8Array(await res.arrayBuffer()));
    expect(symbols).toHaveLength(10);
    for (const s of symbols) verifyGeneralRecoverySymbol(s, blob.metadata, 10, 'primary', 6);
    const rebuilt = recoverSliver('primary', 6, symbols, blob.metadata, 10);
    expect(rebuilt.kind).toBe('sliver');
    if (rebuilt.kind === 'sliver') expect(rebuilt.sliver.data).toEqual(blob.primarySlivers[6].data);

    const byId = await fetch(`${url}/v1/blobs/${id}/recoverySymbols?id=2-3&id=9-0&proofAxis=secondary`);
    const two = parseGeneralRecoverySymbols(new Uint8Array(await byId.arrayBuffer()));
    expect(two.map((s) => [s.axis, s.index, s.targetIndex])).toEqual([
      ['primary', 3, 2],
      ['primary', 0, 9],
    ]);
    const bad = await fetch(
      `${url}/v1/blobs/${id}/recoverySymbols?targetSliver=6&targetType=primary&proofAxis=primary`,
    );
    expect(bad.status).toBe(400);

    const dec = await fetch(
      `${url}/v1/blobs/${id}/decodingSymbols?targetSlivers=1&targetSlivers=2&targetType=secondary`,
    );
    const map = DecodingSymbolMapBcs.parse(new Uint8Array(await dec.arrayBuffer()));
    expect([...map.keys()]).toEqual([1, 2]);
    expect(map.get(1)).toHaveLength(10);
  });

  it('answers health, metrics and CORS preflight', async () => {
    const health = await (await fetch(`${url}/v1/health?detailed=true`)).json();
    expect(health.success.data).toMatchObject({
      epoch: 1,
      nodeStatus: 'Active',
      shardSummary: { owned: 10, ownedShardStatus: { ready: 10 } },
    });
    expect(health.success.data.shardDetail.owned).toHaveLength(10);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/walrus_ts_node_slivers_stored_total\{axis="primary"\} 10/);
    expect(metrics).toMatch(
      /walrus_ts_node_requests_total\{operation="putSlivers",transport="http",outcome="ok"\}/,
    );
    expect(metrics).toMatch(/walrus_ts_network_reqresp_/);
    const pre = await fetch(`${url}/v1/blobs/${id}/metadata`, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'PUT' },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
  });
});
