/**
 * `getSlivers` serves slivers from reused memory (its handler's pool, released by the request/response
 * layer once the client has read an answer): repeated and concurrent reads of different slivers must
 * still return each sliver's own bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeSliverData } from '../../../../shared/bcs/sliver.ts';
import type { EncodedBlob } from '../../../../shared/encoding/encoder.ts';
import type { Network } from '../../../../node/network/index.ts';
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

describe('getSlivers from reused memory', () => {
  let chain: TestChain;
  let node: StorageNode;
  let clients: Network[];
  let blobs: EncodedBlob[];

  beforeAll(async () => {
    chain = await createTestChain(1);
    node = await startNode(chain, chain.keystores[0]);
    clients = [await startClient(), await startClient()];
    // slivers of ~0.4 MiB (the largest blobs at n = 10): an answer outgrows the muxer's window and waits in its queue
    blobs = [encodeTestBlob(1_800_000, 10, 31), encodeTestBlob(1_500_000, 10, 32)];
    const pc = protocolClient(clients[0], node);
    for (const blob of blobs) {
      await registerBlob(chain.user, blob);
      await waitFor(async () => (await pc.blobStatus(blob.blobId)) !== 'nonexistent', 5000, 'registration');
      await pc.putMetadata(blob);
      await pc.putSlivers(blob, ownedPairs(node, blob));
    }
  }, 60_000);
  afterAll(async () => {
    for (const c of clients ?? []) await c.stop();
    await node?.stop();
  });

  it('returns every sliver byte-identical over sequential and concurrent requests on kept-alive streams', async () => {
    const expected = (blob: EncodedBlob, pair: number): Buffer =>
      Buffer.from(serializeSliverData(blob.primarySlivers[pair]));
    for (let round = 0; round < 4; round++) {
      await Promise.all(
        clients.flatMap((client, ci) =>
          blobs.map(async (blob, bi) => {
            const pairs = ownedPairs(node, blob);
            // each request a different subset, so that a reused buffer holds another sliver before
            const wanted = pairs.filter((_, i) => (i + round + ci + bi) % 2 === 0);
            const got = await protocolClient(client, node).getSlivers(
              blob.blobId,
              wanted.map((pairIndex) => ({ pairIndex, sliverType: 'primary' as const })),
            );
            got.forEach((g, i) => expect(Buffer.from(g!).equals(expected(blob, wanted[i]))).toBe(true));
          }),
        ),
      );
    }
  }, 60_000);
});
