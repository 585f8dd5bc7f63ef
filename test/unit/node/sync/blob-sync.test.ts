/**
 * Blob sync's optimistic path: slivers rebuilt from proof-less symbol batches are stored only when they
 * match the metadata; a lying peer costs a refetch with proofs, never a wrong sliver or a blamed blob; an
 * inconsistent blob is still proved from proof-verified symbols. Peers are simulated from the encoding
 * (real codec, real store); the wire format is covered by the symbol-batch tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultLogger } from '@libp2p/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../service/fixtures.ts';
import { serializeBlobMetadata } from '../../../../shared/bcs/blob.ts';
import { parseSliverData, serializeSliverData } from '../../../../shared/bcs/sliver.ts';
import { encodeBlob, type EncodedBlob } from '../../../../shared/encoding/encoder.ts';
import { initHashing } from '../../../../shared/encoding/hashing.ts';
import { pairOfShard, secondarySliverIndex } from '../../../../shared/encoding/params.ts';
import { recoverySymbolFromExpansion } from '../../../../shared/encoding/recovery.ts';
import { expandSliver, SliverExpansion } from '../../../../shared/encoding/sliver.ts';
import {
  orthogonalAxis,
  type InconsistencyProof,
  type Sliver,
  type SliverAxis,
} from '../../../../shared/encoding/types.ts';
import type { CommitteeMember } from '../../../../node/chain/types.ts';
import type { CommitteeView } from '../../../../node/service/committee/tracker.ts';
import { nodeStore, type NodeStore } from '../../../../node/storage/store.ts';
import { BlobSync, type BlobSyncInit } from '../../../../node/sync/blob-sync.ts';
import { encodeInconsistentBlob } from '../../../../node/testing/inconsistent-writer.ts';

const N = 10;
const SHARDS: Record<string, number[]> = { self: [0, 1, 2], b: [3, 4, 5], c: [6, 7], d: [8, 9] };

function member(name: string): CommitteeMember {
  return {
    nodeId: `0x${name.padStart(64, '0')}`,
    name,
    peerId: name,
    multiaddrs: [],
    publicKey: new Uint8Array(48),
    suiAddress: `0x${name.padStart(64, '0')}`,
    shards: SHARDS[name],
    weight: SHARDS[name].length,
  } as unknown as CommitteeMember;
}

const MEMBERS = Object.keys(SHARDS).map(member);

function view(): CommitteeView {
  return {
    epoch: 1,
    epochState: { kind: 'EpochChangeDone', sinceMs: 0 },
    nShards: N,
    current: { epoch: 1, nShards: N, members: MEMBERS },
    self: MEMBERS[0],
    ownedShards: new Set(SHARDS.self),
    previousShards: new Set(),
  } as unknown as CommitteeView;
}

/** The source slivers (other axis than the target) a member holds, by sliver index. */
function sourcesOf(enc: EncodedBlob, name: string, targetAxis: SliverAxis): Map<number, Sliver> {
  const out = new Map<number, Sliver>();
  const axis = orthogonalAxis(targetAxis);
  for (const shard of SHARDS[name]) {
    const pair = pairOfShard(shard, enc.blobId, N);
    const s =
      axis === 'primary' ? enc.primarySlivers[pair] : enc.secondarySlivers[secondarySliverIndex(pair, N)];
    out.set(s.index, s);
  }
  return out;
}

interface Behaviour {
  /** Members whose proof-less symbols are corrupted. */
  lyingBatch?: string[];
  /** Members whose symbols with proofs are corrupted (their proofs then fail). */
  lyingProofs?: string[];
}

function simulatedPeers(enc: EncodedBlob, behaviour: Behaviour = {}) {
  const calls = { batch: 0, proofs: 0 };
  const corrupt = (b: Uint8Array) => b.map((x) => x ^ 0x5a);
  return {
    calls,
    order: (members: readonly CommitteeMember[]) => members.filter((m) => m.peerId !== 'self'),
    async fetchMetadata(_m: CommitteeMember, _id: Uint8Array) {
      return { metadata: enc.metadata, bytes: serializeBlobMetadata(enc.metadata) };
    },
    async fetchRecoverySymbols(m: CommitteeMember, _id: Uint8Array, axis: SliverAxis, target: number) {
      calls.proofs++;
      return [...sourcesOf(enc, m.peerId, axis).values()].map((s) => {
        const g = recoverySymbolFromExpansion(new SliverExpansion(s, N), target);
        return behaviour.lyingProofs?.includes(m.peerId) ? { ...g, data: corrupt(g.data) } : g;
      });
    },
    async fetchSymbolBatch(
      m: CommitteeMember,
      _id: Uint8Array,
      axis: SliverAxis,
      targets: readonly number[],
      _n: number,
      wanted?: readonly number[],
    ) {
      calls.batch++;
      const held = [...sourcesOf(enc, m.peerId, axis)]
        .filter(([i]) => !wanted || wanted.includes(i))
        .sort(([a], [b]) => a - b);
      const S = enc.symbolSize;
      const data = new Uint8Array(targets.length * held.length * S);
      held.forEach(([, s], j) => {
        const x = expandSliver(s, N);
        targets.forEach((t, i) => data.set(x.subarray(t * S, (t + 1) * S), (i * held.length + j) * S));
      });
      return {
        symbolSize: S,
        sources: held.map(([i]) => i),
        data: behaviour.lyingBatch?.includes(m.peerId) ? corrupt(data) : data,
      };
    },
  };
}

describe('blob sync, optimistic symbol batches', () => {
  let dir: string | undefined;
  let store: NodeStore | undefined;
  afterEach(async () => {
    await store?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    store = dir = undefined;
  });

  async function setup(enc: EncodedBlob, behaviour: Behaviour = {}, init: BlobSyncInit = {}) {
    await initHashing();
    dir = mkdtempSync(join(tmpdir(), 'walrus-ts-blob-sync-'));
    store = nodeStore({ path: join(dir, 'node.sqlite') })();
    await store.start();
    const peers = simulatedPeers(enc, behaviour);
    const reports: { axis: SliverAxis; proof: InconsistencyProof }[] = [];
    const sync = new BlobSync(
      {
        store,
        committee: { view: view() },
        peers: peers as never,
        chain: {
          getBlobIdInfo: async () =>
            ({ invalidated: null, objects: [{ storage: { endEpoch: 10 }, certifiedEpoch: 1 }] }) as never,
        },
        inconsistency: {
          async report(_id, axis, proof) {
            reports.push({ axis, proof });
          },
        },
        logger: defaultLogger(),
      },
      { announce: false, ...init },
    );
    return { sync, peers, reports, store };
  }

  function expectHeld(s: NodeStore, enc: EncodedBlob): void {
    for (const shard of SHARDS.self) {
      const pair = pairOfShard(shard, enc.blobId, N);
      const p = s.slivers.getSliver({ blobId: enc.blobId, shard, axis: 'primary' });
      const q = s.slivers.getSliver({ blobId: enc.blobId, shard, axis: 'secondary' });
      expect(parseSliverData(p!, 'primary').data).toEqual(enc.primarySlivers[pair].data);
      expect(parseSliverData(q!, 'secondary').data).toEqual(
        enc.secondarySlivers[secondarySliverIndex(pair, N)].data,
      );
    }
  }

  it('rebuilds every missing sliver from one batch per source node and axis, without proofs', async () => {
    const enc = encodeBlob(
      new Uint8Array(50_000).map((_, i) => (i * 7 + 3) & 0xff),
      N,
    );
    const { sync, peers, reports, store: s } = await setup(enc);
    const r = await sync.syncBlob(enc.blobId);
    expect(r).toEqual({ outcome: 'complete', recovered: 6 });
    expectHeld(s, enc);
    expect(sync.stats).toEqual({ batchRebuilt: 6, batchMismatches: 0, verifiedRebuilt: 0, graceSaved: 0 });
    expect(peers.calls.proofs).toBe(0);
    // Secondary: R = 4 symbols from b (3) + c (1); primary: C = 7 = 3 local + b (3) + c (1).
    expect(peers.calls.batch).toBe(4);
    expect(reports).toHaveLength(0);
  });

  it('a peer lying in its batch costs a refetch with proofs, never a wrong sliver or a blamed blob', async () => {
    const enc = encodeBlob(
      new Uint8Array(30_000).map((_, i) => (i * 13 + 1) & 0xff),
      N,
    );
    const { sync, peers, reports, store: s } = await setup(enc, { lyingBatch: ['b'], lyingProofs: ['b'] });
    const r = await sync.syncBlob(enc.blobId);
    expect(r.outcome).toBe('complete');
    expectHeld(s, enc);
    expect(sync.stats.batchMismatches).toBe(6);
    expect(sync.stats.verifiedRebuilt).toBe(6);
    expect(peers.calls.proofs).toBeGreaterThan(0);
    expect(reports).toHaveLength(0);
  });

  it('an inconsistent blob is still proved from proof-verified symbols', async () => {
    const bad = encodeInconsistentBlob(new Uint8Array(20_000).fill(9), N, {
      corruptPairs: [4],
      onShards: SHARDS.self,
    });
    const { sync, reports, store: s } = await setup(bad);
    const r = await sync.syncBlob(bad.blobId);
    expect(r.outcome).toBe('inconsistent');
    expect(reports).toHaveLength(1);
    expect(reports[0].axis).toBe('primary');
    expect(reports[0].proof.targetSliverIndex).toBe(4);
    const shard = SHARDS.self.find((sh) => pairOfShard(sh, bad.blobId, N) === 4)!;
    expect(s.slivers.hasSliver({ blobId: bad.blobId, shard, axis: 'primary' })).toBe(false);
    expect(sync.stats.batchMismatches).toBeGreaterThanOrEqual(1);
  });

  it('waits for an upload under way when the blob is certified, and rebuilds nothing that arrives', async () => {
    const enc = encodeBlob(
      new Uint8Array(40_000).map((_, i) => (i * 5 + 2) & 0xff),
      N,
    );
    const { sync, peers, store: s } = await setup(enc, {}, { uploadGraceMs: 60_000, uploadGraceCheckMs: 20 });
    await sync.start();
    try {
      // The writer's metadata is here; the slivers are still on their way.
      s.metadata.putMetadata(enc.blobId, serializeBlobMetadata(enc.metadata));
      expect(sync.enqueue(enc.blobId, 'certified')).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
      for (const shard of SHARDS.self) {
        const pair = pairOfShard(shard, enc.blobId, N);
        s.slivers.putSlivers([
          { blobId: enc.blobId, shard, axis: 'primary', data: serializeSliverData(enc.primarySlivers[pair]) },
          {
            blobId: enc.blobId,
            shard,
            axis: 'secondary',
            data: serializeSliverData(enc.secondarySlivers[secondarySliverIndex(pair, N)]),
          },
        ]);
      }
      await waitFor(() => sync.queued === 0, 10_000, 'the queue to drain');
      expect(sync.stats.graceSaved).toBe(1);
      expect(peers.calls.batch + peers.calls.proofs).toBe(0);
    } finally {
      await sync.stop();
    }
  });

  it('recovers what is still missing once the upload grace ends; without metadata it recovers at once', async () => {
    const enc = encodeBlob(
      new Uint8Array(40_000).map((_, i) => (i * 3 + 1) & 0xff),
      N,
    );
    const other = encodeBlob(
      new Uint8Array(30_000).map((_, i) => (i * 11 + 5) & 0xff),
      N,
    );
    const { sync, store: s } = await setup(enc, {}, { uploadGraceMs: 200, uploadGraceCheckMs: 20 });
    await sync.start();
    try {
      s.metadata.putMetadata(enc.blobId, serializeBlobMetadata(enc.metadata));
      sync.enqueue(enc.blobId, 'certified');
      await waitFor(() => sync.queued === 0, 10_000, 'the queue to drain');
      expectHeld(s, enc);
      expect(sync.stats).toMatchObject({ batchRebuilt: 6, graceSaved: 0 });
      // No metadata: no upload is under way, so no grace (due at once).
      sync.enqueue(other.blobId, 'certified');
      expect(s.syncProgress.dueBlobs(Date.now(), 10).map((e) => e.blobId)).toEqual([other.blobId]);
    } finally {
      await sync.stop();
    }
  });
});
