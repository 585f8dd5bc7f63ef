import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStorageConfirmation } from '../../../shared/bcs/messages.ts';
import { verify } from '../../../shared/crypto/bls.ts';
import { StoreOutcome } from '../../../shared/protocol/headers.ts';
import { StorageProtocol } from '../../../shared/protocol/ids.ts';
import type { Network } from '../../../node/network/index.ts';
import type { StorageNode } from '../../../node/storage-node.ts';
import {
  createTestChain,
  encodeTestBlob,
  protocolClient,
  registerBlob,
  startClient,
  startNode,
  waitFor,
  type TestChain,
} from './service/fixtures.ts';

describe('createStorageNode', () => {
  let chain: TestChain;
  let node: StorageNode;
  let client: Network;

  beforeAll(async () => {
    chain = await createTestChain(1);
    node = await startNode(chain, chain.keystores[0]);
    client = await startClient();
  });
  afterAll(async () => {
    await client?.stop();
    await node?.stop();
  });

  it('starts every component, owns the committee shards and serves every protocol', async () => {
    expect(node.status).toBe('started');
    expect(node.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(node.getMultiaddrs().length).toBeGreaterThan(0);
    const view = node.components.committee.view;
    expect(view.epoch).toBe(1);
    expect(view.ownedShards.size).toBe(10);
    const protocols = node.components.network.libp2p.getProtocols();
    for (const p of Object.values(StorageProtocol)) expect(protocols).toContain(p);
  });

  it('stores a registered blob, signs a confirmation that verifies with its BLS key', async () => {
    const encoded = encodeTestBlob(1000);
    await registerBlob(chain.user, encoded);
    const pc = protocolClient(client, node);
    await waitFor(async () => (await pc.blobStatus(encoded.blobId)) !== 'nonexistent', 5000, 'registration');
    expect(await pc.putMetadata(encoded)).toBe(StoreOutcome.stored);
    const all = Array.from({ length: 10 }, (_, i) => i);
    expect(await pc.putSlivers(encoded, all)).toEqual(new Array(20).fill(StoreOutcome.stored));
    // again: every sliver is already stored, whether checked in one query (many) or one by one (few)
    expect(await pc.putSlivers(encoded, all)).toEqual(new Array(20).fill(StoreOutcome.alreadyStored));
    expect(await pc.putSlivers(encoded, [3])).toEqual(new Array(2).fill(StoreOutcome.alreadyStored));
    const signed = await pc.getConfirmation(encoded.blobId);
    const conf = decodeStorageConfirmation(signed.serializedMessage);
    expect(conf.epoch).toBe(1);
    expect(conf.blobId).toEqual(encoded.blobId);
    expect(conf.persistence.kind).toBe('permanent');
    expect(verify(signed.signature, signed.serializedMessage, chain.keystores[0].blsPublicKey)).toBe(true);
  });

  it('stops cleanly and reports its status', async () => {
    const other = await startNode(chain, chain.keystores[0], { api: false });
    expect(other.apiUrl).toBeUndefined();
    await other.stop();
    expect(other.status).toBe('stopped');
    expect(other.getMultiaddrs()).toEqual([]);
  });
});
