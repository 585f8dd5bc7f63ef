/**
 * Epoch change with a new node: four nodes hold two blobs in epoch 1; a fifth node registers with more
 * stake, so the epoch-2 committee moves shards to it (and the old members alone lack a quorum of synced
 * weight). The new node pulls its shards from their previous owners (signed, paged sync shard; recovery
 * symbols if an owner does not serve), stores every sliver, calls epoch_sync_done, and the chain reaches
 * EpochChangeDone. Reads work before, during (from the previous committee) and after the change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSliverData } from '../../../shared/bcs/sliver.ts';
import { decodeBlob } from '../../../shared/encoding/decoder.ts';
import type { EncodedBlob } from '../../../shared/encoding/encoder.ts';
import { shardOfPair } from '../../../shared/encoding/params.ts';
import type { Committee } from '../../../node/chain/types.ts';
import { generateKeystore } from '../../../node/identity/keystore.ts';
import type { Network } from '../../../node/network/index.ts';
import { isShardTaskDone } from '../../../node/sync/shard-sync.ts';
import {
  createTestChain,
  protocolClient,
  registerNode,
  startClient,
  testBytes,
  waitFor,
  encodeTestBlob,
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

describe('epoch change adding a node', () => {
  let dir: string;
  let clock = Date.now();
  let chain: TestChain;
  let nodes: ClusterNode[] = [];
  let bootstrap: string[];
  let client: Network;
  const seeds = [21, 22];
  const blobs: EncodedBlob[] = seeds.map((s, i) => encodeTestBlob(i === 0 ? 40_000 : 3_000, 10, s));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'walrus-ts-epoch-'));
    chain = await createTestChain(4, { now: () => clock, epochDurationMs: HOUR });
    ({ nodes, bootstrap } = await startCluster(chain, dir));
    client = await startClient();
  });
  afterAll(async () => {
    await client?.stop();
    for (const n of nodes) await stopClusterNode(n);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Reads every blob from the owners in `committee` (R primary slivers, decoded and compared). */
  async function readAll(committee: Committee): Promise<void> {
    for (const [i, b] of blobs.entries()) {
      const primaries = [];
      for (let p = 0; p < 10 && primaries.length < 4; p++) {
        const shard = shardOfPair(p, b.blobId, 10);
        const owner = committee.members.find((m) => m.shards.includes(shard))!;
        const node = nodes.find((n) => n.ks.peerId.toString() === owner.peerId)!.node!;
        const [bytes] = await protocolClient(client, node).getSlivers(b.blobId, [
          { pairIndex: p, sliverType: 'primary' },
        ]);
        if (bytes) primaries.push(parseSliverData(bytes, 'primary'));
      }
      expect(primaries).toHaveLength(4);
      const data = decodeBlob({ blobId: b.blobId, metadata: b.metadata }, primaries, 10);
      expect(data).toEqual(testBytes(b.unencodedLength, seeds[i]));
    }
  }

  it('moves shards to the new node, which pulls them, reports sync done, and reads never fail', async () => {
    for (const b of blobs)
      await writeAndCertify(
        chain,
        client,
        nodes.map((n) => n.node!),
        b,
      );
    const epoch1 = (await chain.user.systemState()).committee;
    await readAll(epoch1);

    const ks = await generateKeystore();
    await registerNode(chain.ledger, ks, 'node-4', 400n);
    const newcomer: ClusterNode = { index: 4, ks, storePath: join(dir, 'node-4.sqlite'), port: 0 };
    nodes.push(newcomer);
    await startClusterNode(chain, newcomer, bootstrap);

    clock += HOUR / 2 + 1;
    chain.ledger.tick(); // voting end: the epoch-2 committee is selected
    clock += HOUR;
    chain.ledger.tick(); // EpochChangeStart(2)
    const during = await chain.user.systemState();
    expect(during.epoch).toBe(2);
    expect(during.epochState.kind).toBe('EpochChangeSync');
    const mine = during.committee.members.find((m) => m.peerId === ks.peerId.toString())!;
    expect(mine.weight).toBeGreaterThan(3);
    // Reads of blobs certified earlier go to the previous committee while the change is in progress.
    await readAll(during.previousCommittee!);

    await waitFor(
      async () => (await chain.user.systemState()).epochState.kind === 'EpochChangeDone',
      60_000,
      'EpochChangeDone',
    );
    const node = newcomer.node!;
    expect([...node.components.committee.view.ownedShards].sort()).toEqual([...mine.shards].sort());
    for (const b of blobs) {
      const h = heldSlivers(node, b);
      expect(h.held).toBe(h.expected);
    }
    const tasks = node.components.store.syncProgress.listShardTasks();
    expect(tasks.map((t) => t.shard).sort()).toEqual([...mine.shards].sort());
    expect(tasks.every(isShardTaskDone)).toBe(true);
    expect(node.components.sync!.shardSync.completedEpochs.has(2)).toBe(true);
    // The new node got its shards from their previous owners (not from recovery symbols).
    expect(tasks.filter((t) => t.mode === 'transfer').length).toBe(tasks.length);
    const after = await chain.user.systemState();
    await readAll(after.committee);
  });
});
