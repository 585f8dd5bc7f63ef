import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WalrusClient } from '../../../../node/client/client.ts';
import { NotEnoughConfirmationsError, NotEnoughSliversError } from '../../../../node/client/errors.ts';
import type { StorageNodeRef, StorageNodeTransport } from '../../../../node/client/transport/types.ts';
import { faultBudget } from '../../../../node/client/committee.ts';
import type { CommitteeMember } from '../../../../node/chain/types.ts';
import { startCluster, testBytes, type Cluster } from './fixtures.ts';

/** The real transport, with chosen nodes answering wrongly (a Byzantine node, on top of the real one). */
function byzantine(
  inner: StorageNodeTransport,
  bad: Set<string>,
  how: { signature?: boolean; slivers?: boolean },
): StorageNodeTransport {
  const isBad = (n: StorageNodeRef) => bad.has(n.nodeId);
  return {
    ...inner,
    putMetadata: (n, ...a) => inner.putMetadata(n, ...a),
    putSlivers: (n, ...a) => inner.putSlivers(n, ...a),
    getMetadata: (n, ...a) => inner.getMetadata(n, ...a),
    getBlobStatus: (n, ...a) => inner.getBlobStatus(n, ...a),
    getHealth: (n, ...a) => inner.getHealth(n, ...a),
    async getConfirmation(n, ...a) {
      const signed = await inner.getConfirmation(n, ...a);
      if (!how.signature || !isBad(n)) return signed;
      const signature = Uint8Array.from(signed.signature);
      signature[95] ^= 1;
      return { ...signed, signature };
    },
    async getSlivers(n, ...a) {
      const slivers = await inner.getSlivers(n, ...a);
      if (!how.slivers || !isBad(n)) return slivers;
      return slivers.map((s) => {
        if (!s) return s;
        const data = Uint8Array.from(s.data);
        data[0] ^= 0xff;
        return { ...s, data };
      });
    },
  };
}

describe('client fault tolerance (4 real nodes, 10 shards, f = 3)', () => {
  let cluster: Cluster;
  let members: CommitteeMember[];
  let client: WalrusClient;

  beforeAll(async () => {
    cluster = await startCluster(4);
    client = cluster.client.client;
    members = [...(await cluster.chain.user.systemState()).committee.members];
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('has a committee where one node is at most f shards', () => {
    expect(members.length).toBe(4);
    expect(members.reduce((s, m) => s + m.weight, 0)).toBe(10);
    expect(Math.max(...members.map((m) => m.weight))).toBeLessThanOrEqual(faultBudget(10));
  });

  it('drops a node whose confirmation signature does not verify, and still certifies', async () => {
    const liar = members[0];
    const c = new WalrusClient(
      {
        chain: cluster.chain.user,
        transport: byzantine(client.transport, new Set([liar.nodeId]), { signature: true }),
      },
      { tailTimeoutMs: 3000, retryBaseDelayMs: 50 },
    );
    const data = testBytes(20_000, 11);
    const r = await c.writeBlob(data);
    if (r.kind !== 'newlyCreated') throw new Error(r.kind);
    expect(r.failedNodes.map((f) => [f.nodeId, f.code])).toEqual([
      [liar.nodeId, 'CLIENT_CONFIRMATION_BAD_SIGNATURE'],
    ]);
    expect(r.blobObject.certifiedEpoch).toBe(1);
    expect(Buffer.from((await client.readBlob(r.blobObject.blobId)).data).equals(Buffer.from(data))).toBe(
      true,
    );
  }, 60_000);

  it('fails without a quorum when liars hold more than f shards', async () => {
    const liars = members.slice(0, 2);
    const c = new WalrusClient(
      {
        chain: cluster.chain.user,
        transport: byzantine(client.transport, new Set(liars.map((m) => m.nodeId)), { signature: true }),
      },
      { tailTimeoutMs: 3000, retryBaseDelayMs: 50 },
    );
    expect(liars[0].weight + liars[1].weight).toBeGreaterThan(3);
    const err = await c.writeBlob(testBytes(10_000, 16)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotEnoughConfirmationsError);
    const failures = (err as NotEnoughConfirmationsError).failures;
    expect(failures.map((f) => f.nodeId).sort()).toEqual(liars.map((m) => m.nodeId).sort());
    expect(new Set(failures.map((f) => f.code))).toEqual(new Set(['CLIENT_CONFIRMATION_BAD_SIGNATURE']));
  }, 60_000);

  it('skips slivers that fail verification when reading, and reports too few valid ones', async () => {
    const data = testBytes(50_000, 12);
    const r = await client.writeBlob(data);
    if (r.kind !== 'newlyCreated') throw new Error(r.kind);
    const one = new WalrusClient({
      chain: cluster.chain.user,
      transport: byzantine(client.transport, new Set([members[1].nodeId]), { slivers: true }),
    });
    for (const check of ['default', 'strict', 'skip'] as const) {
      const read = await one.readBlob(r.blobObject.blobId, { consistencyCheck: check });
      expect(Buffer.from(read.data).equals(Buffer.from(data))).toBe(true);
    }
    // Three of four nodes corrupt: at most 3 valid primary slivers, R = 4 needed.
    const three = new WalrusClient(
      {
        chain: cluster.chain.user,
        transport: byzantine(client.transport, new Set(members.slice(0, 3).map((m) => m.nodeId)), {
          slivers: true,
        }),
      },
      { readRetries: 0 },
    );
    const honestWeight = members[3].weight;
    expect(honestWeight).toBeLessThan(4);
    await expect(three.readBlob(r.blobObject.blobId)).rejects.toBeInstanceOf(NotEnoughSliversError);
  }, 60_000);

  it('reads with f shards of nodes stopped, stores with them stopped (listing them), fails beyond f', async () => {
    const before = testBytes(300_000, 13);
    const stored = await client.writeBlob(before);
    if (stored.kind !== 'newlyCreated') throw new Error(stored.kind);

    // Stop the heaviest node (<= f shards).
    const heaviest = [...members].sort((a, b) => b.weight - a.weight)[0];
    const idx = cluster.chain.nodeIds.indexOf(heaviest.nodeId);
    await cluster.nodes[idx].stop();

    const read = await client.readBlob(stored.blobObject.blobId);
    expect(Buffer.from(read.data).equals(Buffer.from(before))).toBe(true);

    const during = testBytes(200_000, 14);
    const w = await client.writeBlob(during);
    if (w.kind !== 'newlyCreated') throw new Error(w.kind);
    expect(w.failedNodes.map((f) => f.nodeId)).toEqual([heaviest.nodeId]);
    expect(w.failedNodes[0].code).toBe('CLIENT_NODE_UNREACHABLE');
    expect(Buffer.from((await client.readBlob(w.blobObject.blobId)).data).equals(Buffer.from(during))).toBe(
      true,
    );

    // A second node down: more than f shards are gone, no quorum.
    const second = members.find((m) => m.nodeId !== heaviest.nodeId && m.weight > 0) as CommitteeMember;
    await cluster.nodes[cluster.chain.nodeIds.indexOf(second.nodeId)].stop();
    const err = await client.writeBlob(testBytes(1000, 15)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotEnoughConfirmationsError);
    const failed = (err as NotEnoughConfirmationsError).failures.map((f) => f.nodeId).sort();
    expect(failed).toEqual([heaviest.nodeId, second.nodeId].sort());
  }, 90_000);
});
