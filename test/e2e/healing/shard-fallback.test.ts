/**
 * Shard sync falling back to recovery: four nodes hold two blobs in epoch 1; a fifth node joins with more
 * stake, so the epoch-2 committee moves shards to it. One previous owner is down when the change starts:
 * the newcomer's signed sync-shard requests to it fail (`transferAttempts` tries), so it rebuilds those
 * shards blob by blob from the other nodes' recovery symbols, and pulls the other shards from their
 * owners as usual. Every sliver it ends up with equals the encoding.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EncodedBlob } from '../../../shared/encoding/encoder.ts';
import { generateKeystore } from '../../../node/identity/keystore.ts';
import type { Network } from '../../../node/network/index.ts';
import { isShardTaskDone } from '../../../node/sync/shard-sync.ts';
import {
  createTestChain,
  encodeTestBlob,
  registerNode,
  startClient,
  waitFor,
  type TestChain,
} from '../../unit/node/service/fixtures.ts';
import {
  heldSlivers,
  startCluster,
  startClusterNode,
  stopClusterNode,
  writeAndCertify,
  type ClusterNode,
} from './helpers.ts';

const HOUR = 3_600_000;

describe('shard sync with a silent previous owner', () => {
  let dir: string;
  let clock = Date.now();
  let chain: TestChain;
  let nodes: ClusterNode[] = [];
  let bootstrap: string[];
  let client: Network;
  const blobs: EncodedBlob[] = [encodeTestBlob(30_000, 10, 41), encodeTestBlob(5_000, 10, 42)];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'walrus-ts-shard-fallback-'));
    chain = await createTestChain(4, { now: () => clock, epochDurationMs: HOUR });
    ({ nodes, bootstrap } = await startCluster(chain, dir));
    client = await startClient();
  });
  afterAll(async () => {
    await client?.stop();
    for (const n of nodes) await stopClusterNode(n);
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds the shards of an unreachable previous owner from recovery symbols', async () => {
    for (const b of blobs)
      await writeAndCertify(
        chain,
        client,
        nodes.map((n) => n.node!),
        b,
      );
    const epoch1 = (await chain.user.systemState()).committee;

    const ks = await generateKeystore();
    await registerNode(chain.ledger, ks, 'node-4', 400n);
    const newcomer: ClusterNode = { index: 4, ks, storePath: join(dir, 'node-4.sqlite'), port: 0 };
    nodes.push(newcomer);
    await startClusterNode(chain, newcomer, bootstrap);

    clock += HOUR / 2 + 1;
    chain.ledger.tick(); // voting end: the epoch-2 committee is selected
    const next = (await chain.user.systemState()).nextCommittee!;
    const mine = next.members.find((m) => m.peerId === ks.peerId.toString())!;
    // A previous owner of some of the newcomer's shards (not the bootstrap node) goes silent.
    const silent = epoch1.members.find(
      (m) => m.peerId !== nodes[0].ks.peerId.toString() && m.shards.some((s) => mine.shards.includes(s)),
    )!;
    const lost = silent.shards.filter((s) => mine.shards.includes(s));
    expect(lost.length).toBeGreaterThan(0);
    await stopClusterNode(nodes.find((n) => n.ks.peerId.toString() === silent.peerId)!);

    clock += HOUR;
    chain.ledger.tick(); // EpochChangeStart(2)
    const node = newcomer.node!;
    await waitFor(
      () => {
        const tasks = node.components.store.syncProgress.listShardTasks();
        return tasks.length === mine.shards.length && tasks.every(isShardTaskDone);
      },
      90_000,
      'every shard task done',
    );
    await waitFor(
      () => blobs.every((b) => heldSlivers(node, b).held === heldSlivers(node, b).expected),
      60_000,
      'every sliver held',
    );
    const tasks = node.components.store.syncProgress.listShardTasks();
    // The silent owner's shards were recovered; the others were transferred.
    expect(
      tasks
        .filter((t) => t.mode === 'recovery')
        .map((t) => t.shard)
        .sort(),
    ).toEqual([...lost].sort());
    expect(tasks.filter((t) => t.mode === 'transfer').length).toBe(mine.shards.length - lost.length);
    for (const b of blobs) expect(heldSlivers(node, b).expected).toBeGreaterThan(0);
    expect(node.components.sync!.blobSync.stats.batchRebuilt).toBeGreaterThan(0);
  });
});
