/**
 * Self-healing with four real storage nodes (one process, libp2p on 127.0.0.1, file stores, the embedded
 * chain): a node that was down during a write rebuilds its slivers after restarting; a node whose data
 * directory is wiped rebuilds everything; a blob whose encoding is inconsistent is detected during
 * recovery, proved to the other nodes and invalidated on chain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeTestBlob,
  startClient,
  testBytes,
  waitFor,
  createTestChain,
} from '../../unit/node/service/fixtures.ts';
import type { TestChain } from '../../unit/node/service/fixtures.ts';
import type { Network } from '../../../node/network/index.ts';
import { blobIdToString } from '../../../shared/encoding/blob-id.ts';
import { encodeInconsistentBlob } from '../../../node/testing/inconsistent-writer.ts';
import {
  heldSlivers,
  startCluster,
  startClusterNode,
  stopClusterNode,
  wipeStore,
  writeAndCertify,
  type ClusterNode,
} from './helpers.ts';

describe('self-healing', () => {
  let dir: string;
  let chain: TestChain;
  let nodes: ClusterNode[] = [];
  let bootstrap: string[];
  let client: Network;
  const blobs = [encodeTestBlob(30_000, 10, 7), encodeTestBlob(5_000, 10, 8)];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'walrus-ts-healing-'));
    chain = await createTestChain(4);
    ({ nodes, bootstrap } = await startCluster(chain, dir));
    client = await startClient();
  });
  afterAll(async () => {
    await client?.stop();
    for (const n of nodes) await stopClusterNode(n);
    rmSync(dir, { recursive: true, force: true });
  });

  const up = () => nodes.filter((n) => n.node).map((n) => n.node!);
  const victim = () => nodes[3];

  it('a node down during the write reaches 100% of its slivers after restarting', async () => {
    await stopClusterNode(victim());
    for (const b of blobs) await writeAndCertify(chain, client, up(), b);
    const node = await startClusterNode(chain, victim(), bootstrap);
    for (const b of blobs) {
      await waitFor(
        () => {
          const h = heldSlivers(node, b);
          return h.expected > 0 && h.held === h.expected;
        },
        60_000,
        `slivers of ${blobIdToString(b.blobId)}`,
      );
    }
    const counts = blobs.map((b) => heldSlivers(node, b));
    expect(
      counts.every(
        (c) => c.held === c.expected && c.expected === 2 * node.components.committee.view.ownedShards.size,
      ),
    ).toBe(true);
    await waitFor(() => node.components.store.syncProgress.countBlobs() === 0, 10_000, 'empty sync queue');
  });

  it('a node whose data directory was wiped rebuilds all of its shards', async () => {
    await stopClusterNode(victim());
    wipeStore(victim());
    const node = await startClusterNode(chain, victim(), bootstrap);
    for (const b of blobs) {
      await waitFor(
        () => {
          const h = heldSlivers(node, b);
          return h.expected > 0 && h.held === h.expected;
        },
        60_000,
        `slivers of ${blobIdToString(b.blobId)} after wipe`,
      );
    }
    for (const b of blobs) expect(node.components.store.metadata.hasMetadata(b.blobId)).toBe(true);
  });

  it('an inconsistent blob is detected during recovery, proved and invalidated on chain', async () => {
    await stopClusterNode(victim());
    const shards = [
      ...(await chain.user.systemState()).committee.members.find(
        (m) => m.peerId === victim().ks.peerId.toString(),
      )!.shards,
    ];
    const bad = encodeInconsistentBlob(testBytes(12_000, 5), 10, { corruptPairs: [1], onShards: shards });
    await writeAndCertify(chain, client, up(), bad);
    const id = blobIdToString(bad.blobId);
    expect((await chain.user.getBlobIdInfo(id)).invalidated).toBeNull();
    const node = await startClusterNode(chain, victim(), bootstrap);
    await waitFor(
      async () => (await chain.user.getBlobIdInfo(id)).invalidated !== null,
      60_000,
      'invalidation on chain',
    );
    for (const n of up()) {
      await waitFor(
        () => {
          const st = n.components.service.blobStatus(bad.blobId);
          return typeof st === 'object' && 'invalid' in st;
        },
        10_000,
        'invalid status',
      );
      expect(
        n.components.store.slivers.hasSliver({
          blobId: bad.blobId,
          shard: [...n.components.committee.view.ownedShards][0],
          axis: 'secondary',
        }),
      ).toBe(false);
      expect(n.components.store.metadata.hasMetadata(bad.blobId)).toBe(false);
    }
    // The honest blobs are untouched.
    for (const b of blobs) expect(heldSlivers(node, b).held).toBe(heldSlivers(node, b).expected);
  });
});
