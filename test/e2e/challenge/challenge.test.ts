/**
 * Storage challenges with four real storage nodes (one process, libp2p on 127.0.0.1, the embedded chain,
 * the real codec): honest nodes never fail; a node that silently deletes 5% of its slivers is caught by
 * the epoch's challenges, reported on chain by a quorum attestation and recovers its slivers; a node that
 * answers after the deadline is judged late; a node that replays an earlier answer (stale proofs) fails.
 * The scorecards are served over the HTTP API.
 *
 * Run: `npx vitest run --config test/e2e/challenge/vitest.config.ts`
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOfPair } from '../../../shared/encoding/params.ts';
import type { EncodedBlob } from '../../../shared/encoding/encoder.ts';
import {
  CHALLENGE_PROTOCOL,
  CHALLENGE_ROUTES,
  decodeChallengeRequest,
  type ChallengeNodeHistoryJson,
  type ChallengeScorecardsJson,
} from '../../../shared/protocol/challenge.ts';
import { InProcessChainClient } from '../../../node/chain/embedded/in-process-client.ts';
import type { ChallengeService } from '../../../node/challenge/service.ts';
import { formatChallengeRun, runChallenge } from '../../../node/cli/commands/challenge/handler.ts';
import type { Network } from '../../../node/network/index.ts';
import type { StorageNode } from '../../../node/storage-node.ts';
import {
  createTestChain,
  encodeTestBlob,
  startClient,
  startNode,
  waitFor,
  type TestChain,
} from '../../unit/node/service/fixtures.ts';
import { FAST_SYNC, heldSlivers, writeAndCertify } from '../healing/helpers.ts';

const DEADLINE_MS = 4_000;

describe('storage challenges', () => {
  let chain: TestChain;
  let nodes: StorageNode[] = [];
  let client: Network;
  const blobs: EncodedBlob[] = Array.from({ length: 8 }, (_, i) =>
    encodeTestBlob(2_000 + 3_000 * i, 10, 40 + i),
  );

  const ch = (n: StorageNode): ChallengeService => n.components.challenges!;
  const idOf = (n: StorageNode): string => n.components.committee.view.self!.nodeId;

  beforeAll(async () => {
    chain = await createTestChain(4);
    let bootstrap: string[] = [];
    for (const ks of chain.keystores) {
      const node = await startNode(chain, ks, {
        network: { listen: ['/ip4/127.0.0.1/tcp/0'], bootstrap },
        chainWriter: new InProcessChainClient(chain.ledger, ks.suiKeypair),
        sync: FAST_SYNC,
        challenge: {
          schedule: false,
          minCertifiedEpochs: 0,
          deadlineMs: DEADLINE_MS,
          lateGraceMs: 10_000,
          onDemandIntervalMs: 0,
        },
      });
      if (bootstrap.length === 0) bootstrap = [node.getMultiaddrs()[0].toString()];
      nodes.push(node);
    }
    client = await startClient();
    for (const b of blobs) await writeAndCertify(chain, client, nodes, b);
    for (const n of nodes) {
      await waitFor(() => ch(n).eligibleBlobs(1).length === blobs.length, 10_000, 'certified blobs seen');
    }
  });
  afterAll(async () => {
    await client?.stop();
    for (const n of nodes) await n.stop();
    nodes = [];
  });

  it('honest nodes pass every challenge', async () => {
    for (const verifier of nodes) {
      for (const target of nodes) {
        if (target === verifier) continue;
        const v = await ch(verifier).challengeNode(idOf(target));
        expect(v.outcome).toBe('passed');
        expect(v.samples).toBe(459);
        expect(v.passed).toBe(459);
        expect(v.attestation).toBeNull();
      }
    }
    // Verdicts travel over gossip: every node sees 3 verdicts about every other node.
    for (const n of nodes) {
      await waitFor(
        () =>
          ch(n)
            .scorecards(1)
            .every((s) => s.challenges === 3 && s.status === 'passing'),
        10_000,
        'passing scorecards',
      );
    }
  });

  it('catches a node that silently deleted 5% of its slivers within the epoch, reports it and heals it', async () => {
    const victim = nodes[3];
    const store = victim.components.store;
    const owned = [...victim.components.committee.view.ownedShards];
    const slivers: { blobId: Uint8Array; shard: number; axis: 'primary' | 'secondary' }[] = [];
    for (const b of blobs) {
      for (let p = 0; p < 10; p++) {
        const shard = shardOfPair(p, b.blobId, 10);
        if (!owned.includes(shard)) continue;
        slivers.push(
          { blobId: b.blobId, shard, axis: 'primary' },
          { blobId: b.blobId, shard, axis: 'secondary' },
        );
      }
    }
    const drop = slivers.filter((_, i) => i % 20 === 7);
    expect(drop.length).toBeGreaterThanOrEqual(Math.floor(slivers.length / 20));
    for (const s of drop) expect(store.slivers.deleteSliver(s)).toBe(true);

    // The epoch's challenges: every verifier challenges every other member with the epoch seed.
    const verdicts = (await Promise.all(nodes.slice(0, 3).map((n) => ch(n).runEpoch(1)))).flat();
    const aboutVictim = verdicts.filter(
      (v) => Buffer.from(v.target).toString('hex') === idOf(victim).slice(2),
    );
    expect(aboutVictim).toHaveLength(3);
    for (const v of aboutVictim) {
      expect(v.outcome).toBe('failed');
      expect(v.failed).toBeGreaterThan(0);
      expect(v.failedSamples.length).toBeGreaterThan(0);
      expect(v.attestation).not.toBeNull();
    }
    // Honest members passed the same round.
    expect(
      verdicts
        .filter((v) => v !== undefined && !aboutVictim.includes(v))
        .every((v) => v.outcome === 'passed'),
    ).toBe(true);

    // A quorum of shards attested: the failure is reported on chain and every node learns it.
    for (const n of nodes) {
      await waitFor(() => ch(n).book.reportTx(1, idOf(victim)) !== null, 20_000, 'failure report');
    }
    const digest = ch(nodes[0]).book.reportTx(1, idOf(victim))!;
    const tx = await chain.user.getTransaction(digest);
    expect(tx.kind).toBe('report_challenge_failure');
    expect(tx.events[0]).toMatchObject({ type: 'NodeChallengeFailed', epoch: 1, nodeId: idOf(victim) });

    // Every failed sample started recovery: the victim holds all its slivers again.
    await waitFor(
      () =>
        blobs.every((b) => {
          const h = heldSlivers(victim, b);
          return h.held === h.expected;
        }),
      60_000,
      'slivers recovered',
    );

    // The explorer's view over HTTP.
    const res = await fetch(`${nodes[0].apiUrl}${CHALLENGE_ROUTES.scorecards}?epoch=1`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { success: { data: ChallengeScorecardsJson } };
    const cards = new Map(body.success.data.nodes.map((s) => [s.nodeId, s]));
    expect(cards.get(idOf(victim))).toMatchObject({ status: 'reported', reportTx: digest });
    expect(cards.get(idOf(victim))!.outcomes.failed).toBeGreaterThanOrEqual(3);
    for (const n of nodes.slice(0, 3)) expect(cards.get(idOf(n))!.status).toBe('passing');
    const hist = await fetch(`${nodes[1].apiUrl}${CHALLENGE_ROUTES.node.replace('{nodeId}', idOf(victim))}`);
    const h = ((await hist.json()) as { success: { data: ChallengeNodeHistoryJson } }).success.data;
    expect(h.scorecards[0]).toMatchObject({ epoch: 1, status: 'reported' });
    expect(h.verdicts.some((v) => v.outcome === 'failed' && v.failedSamples.length > 0)).toBe(true);

    // Once healed, the node passes a fresh challenge.
    const again = await ch(nodes[0]).challengeNode(idOf(victim));
    expect(again.outcome).toBe('passed');
  });

  it('walrus-ts challenge runs one by hand through a verifier node and prints the verdict', async () => {
    const target = nodes[2];
    const name = target.components.committee.view.self!.name;
    const run = await runChallenge({ chain: chain.user, node: name, via: nodes[1].apiUrl });
    expect(run.target.nodeId).toBe(idOf(target));
    expect(run.verdict).toMatchObject({ outcome: 'passed', samples: 459, passed: 459, trigger: 'onDemand' });
    expect(run.verdict.verifier).toBe(idOf(nodes[1]));
    const text = formatChallengeRun(run);
    expect(text).toContain('verdict:  PASSED');
    expect(text).toContain(`node:     ${name} (${idOf(target)})`);
    await expect(
      runChallenge({ chain: chain.user, node: 'no-such-node', via: nodes[1].apiUrl }),
    ).rejects.toMatchObject({
      code: 'CLI_UNKNOWN_NODE',
    });
    // The verifier cannot challenge itself: the node API answers 404 and the CLI reports its reason.
    await expect(
      runChallenge({ chain: chain.user, node: idOf(nodes[1]), via: nodes[1].apiUrl }),
    ).rejects.toMatchObject({ name: 'ChallengeRequestError', httpStatus: 404 });
  });

  it('judges a node that answers after the deadline late', async () => {
    const slow = nodes[2];
    const rr = slow.components.network.reqResp;
    await rr.unhandle(CHALLENGE_PROTOCOL);
    await rr.handle(CHALLENGE_PROTOCOL, async ({ body }) => {
      const answer = ch(slow).prover.answer(decodeChallengeRequest(body), body).bytes;
      await new Promise((r) => setTimeout(r, DEADLINE_MS + 1_500));
      return { body: answer };
    });
    try {
      const v = await ch(nodes[0]).challengeNode(idOf(slow));
      expect(v.outcome).toBe('late');
      expect(v.latencyMs).toBeGreaterThan(DEADLINE_MS);
      expect(v.passed).toBe(0);
      expect(v.failed).toBe(459);
      expect(v.attestation).not.toBeNull();
    } finally {
      await rr.unhandle(CHALLENGE_PROTOCOL);
      await ch(slow).stop();
      await ch(slow).start();
    }
    expect((await ch(nodes[0]).challengeNode(idOf(slow))).outcome).toBe('passed');
  });

  it('fails a node that replays an earlier answer (stale proofs)', async () => {
    const lazy = nodes[1];
    const rr = lazy.components.network.reqResp;
    let first: Uint8Array | undefined;
    await rr.unhandle(CHALLENGE_PROTOCOL);
    await rr.handle(CHALLENGE_PROTOCOL, ({ body }) => {
      first ??= ch(lazy).prover.answer(decodeChallengeRequest(body), body).bytes;
      return { body: first };
    });
    try {
      expect((await ch(nodes[0]).challengeNode(idOf(lazy))).outcome).toBe('passed');
      const stale = await ch(nodes[0]).challengeNode(idOf(lazy));
      expect(stale.outcome).toBe('failed');
      expect(stale.passed).toBe(0);
      expect(stale.failed).toBe(459);
    } finally {
      await rr.unhandle(CHALLENGE_PROTOCOL);
      await ch(lazy).stop();
      await ch(lazy).start();
    }
  });
});
