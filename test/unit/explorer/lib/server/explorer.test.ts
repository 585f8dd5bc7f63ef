/**
 * The explorer's server side against real parts: an embedded chain behind its HTTP API, four real storage
 * nodes (libp2p + HTTP API) announcing their HTTP addresses on chain, a real aggregator (the daemon), and
 * blobs written by the real client. Routes are called as SvelteKit calls them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChainServer, type ChainServer } from '../../../../../node/chain/embedded/server.ts';
import { startDaemon, type RunningDaemon } from '../../../../../node/daemon/server.ts';
import { Explorer } from '../../../../../explorer/lib/server/explorer.ts';
import { verifyAvailabilityProof } from '../../../../../explorer/lib/proof.ts';
import type {
  ApiErrorDto,
  BlobDetailDto,
  BlobListDto,
  ShardMapDto,
} from '../../../../../explorer/lib/types.ts';
import { GET as getBlob } from '../../../../../explorer/routes/api/blobs/[blobId]/+server.ts';
import { GET as getBlobs } from '../../../../../explorer/routes/api/blobs/+server.ts';
import { GET as getContent } from '../../../../../explorer/routes/api/blobs/[blobId]/content/+server.ts';
import { GET as getShards } from '../../../../../explorer/routes/api/blobs/[blobId]/shards/+server.ts';
import { GET as getEpoch } from '../../../../../explorer/routes/api/epochs/[epoch]/+server.ts';
import { GET as getSearch } from '../../../../../explorer/routes/api/search/+server.ts';
import { startCluster, type Cluster } from '../../../node/client/fixtures.ts';
import { PNG_1X1 } from '../../fixtures.ts';

type Handler = (event: never) => Response | Promise<Response>;

let cluster: Cluster;
let chainServer: ChainServer;
let daemon: RunningDaemon;
let explorer: Explorer;
const blobs: { png: string; text: string; deletable: string; deletableObject: string } = {
  png: '',
  text: '',
  deletable: '',
  deletableObject: '',
};

/** Calls a route handler the way SvelteKit does (params, url, locals). */
async function call(handler: Handler, path: string, params: Record<string, string> = {}): Promise<Response> {
  return handler({ params, url: new URL(`http://explorer${path}`), locals: { explorer } } as never);
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

beforeAll(async () => {
  cluster = await startCluster(4);
  chainServer = await startChainServer({ ledger: cluster.chain.ledger, port: 0 });
  daemon = await startDaemon({ client: cluster.client.client }, { port: 0, mode: 'aggregator' });
  explorer = new Explorer({
    config: { chainUrl: chainServer.url, aggregatorUrl: daemon.url, nodeUrls: {}, probeTimeoutMs: 1500 },
  });
  const w = cluster.client.client;
  const png = await w.writeBlob(PNG_1X1, { epochs: 2, deletable: false });
  const text = await w.writeBlob(new TextEncoder().encode('hello from walrus-ts\n'), {
    epochs: 2,
    deletable: false,
  });
  const del = await w.writeBlob(new TextEncoder().encode('deletable'), { epochs: 2, deletable: true });
  if (png.kind !== 'newlyCreated' || text.kind !== 'newlyCreated' || del.kind !== 'newlyCreated') {
    throw new Error('expected new blobs');
  }
  blobs.png = png.blobObject.blobId;
  blobs.text = text.blobObject.blobId;
  blobs.deletable = del.blobObject.blobId;
  blobs.deletableObject = del.blobObject.id;
}, 120_000);

afterAll(async () => {
  await explorer?.close();
  await daemon?.close();
  await chainServer?.close();
  await cluster?.stop();
});

describe('explorer server against a real cluster', () => {
  it('serves a blob with an availability proof that the browser verifier accepts', async () => {
    const t0 = performance.now();
    const res = await call(getBlob as Handler, `/api/blobs/${blobs.png}`, { blobId: blobs.png });
    const ms = performance.now() - t0;
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=30, stale-while-revalidate=60');
    const b = await json<BlobDetailDto>(res);
    expect(b.status).toBe('certified');
    expect(b.size).toBe(PNG_1X1.length);
    expect(b.objects).toHaveLength(1);
    expect(b.proofs).toHaveLength(1);
    expect(b.proofErrors).toEqual([]);
    const verdict = verifyAvailabilityProof({ blobId: b.blobId, proof: b.proofs[0] });
    expect(verdict.checks.filter((c) => !c.ok)).toEqual([]);
    expect(verdict.verified).toBe(true);
    expect(b.proofs[0].committee.members.map((m) => m.name).sort()).toEqual([
      'node-0',
      'node-1',
      'node-2',
      'node-3',
    ]);
    // Server time of one blob read (first call: fills the committee cache); the bar is 300 ms.
    const t1 = performance.now();
    await call(getBlob as Handler, `/api/blobs/${blobs.text}`, { blobId: blobs.text });
    console.log(
      `[explorer timing] GET /api/blobs/{id}: first ${ms.toFixed(1)} ms, next ${(performance.now() - t1).toFixed(1)} ms`,
    );
  });

  it('verifies a deletable blob bound to its object, and finds it by object ID', async () => {
    const b = (await explorer.blob(blobs.deletable)).data;
    expect(b.proofs[0].deletable).toBe(true);
    expect(verifyAvailabilityProof({ blobId: b.blobId, proof: b.proofs[0] }).verified).toBe(true);
    const r = await call(getSearch as Handler, `/api/search?q=${blobs.deletableObject}`);
    expect(await json(r)).toEqual({
      kind: 'object',
      href: `/blobs/${blobs.deletable}?object=${blobs.deletableObject}`,
    });
  });

  it('lists blobs with filters and counts', async () => {
    const all = await json<BlobListDto>(await call(getBlobs as Handler, '/api/blobs'));
    expect(all.counts.all).toBe(3);
    expect(all.counts.certified).toBe(3);
    expect(all.counts.deletable).toBe(1);
    expect(all.items[0].blobId).toBe(blobs.deletable);
    const del = await json<BlobListDto>(await call(getBlobs as Handler, '/api/blobs?filter=deletable'));
    expect(del.items.map((i) => i.blobId)).toEqual([blobs.deletable]);
    const bad = await call(getBlobs as Handler, '/api/blobs?filter=nope');
    expect(bad.status).toBe(400);
    expect((await json<ApiErrorDto>(bad)).error.code).toBe('EXPLORER_INVALID_QUERY');
  });

  it('shows the overview totals and the event feed', async () => {
    const o = (await explorer.overview()).data;
    expect(o.epoch).toBe(1);
    expect(o.committeeSize).toBe(4);
    expect(o.stats.certifiedBlobs).toBe(3);
    expect(o.stats.storedBytes).toBe(PNG_1X1.length + 21 + 9);
    expect(o.stats.encodedBytes).toBeGreaterThan(o.stats.storedBytes);
    expect(o.recentEvents.filter((e) => e.type === 'BlobCertified')).toHaveLength(3);
  });

  it('returns the blob bytes through the aggregator with a safe content type', async () => {
    const res = await call(getContent as Handler, `/api/blobs/${blobs.png}/content`, { blobId: blobs.png });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG_1X1);
    const t = await call(getContent as Handler, `/api/blobs/${blobs.text}/content`, { blobId: blobs.text });
    expect(t.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await t.text()).toBe('hello from walrus-ts\n');
  });

  it('answers typed errors: unknown blob, malformed blob ID, future epoch, unknown node', async () => {
    const unknown = 'A'.repeat(43);
    const r1 = await call(getBlob as Handler, `/api/blobs/${unknown}`, { blobId: unknown });
    expect(r1.status).toBe(404);
    expect((await json<ApiErrorDto>(r1)).error.code).toBe('EXPLORER_BLOB_NOT_FOUND');
    const r2 = await call(getBlob as Handler, '/api/blobs/not-a-blob', { blobId: 'not-a-blob' });
    expect(r2.status).toBe(400);
    expect((await json<ApiErrorDto>(r2)).error.code).toBe('EXPLORER_INVALID_QUERY');
    const r3 = await call(getEpoch as Handler, '/api/epochs/9', { epoch: '9' });
    expect(r3.status).toBe(404);
    expect((await json<ApiErrorDto>(r3)).error.code).toBe('EXPLORER_EPOCH_NOT_FOUND');
    await expect(explorer.node('0x' + 'f'.repeat(64))).rejects.toMatchObject({
      code: 'EXPLORER_NODE_NOT_FOUND',
    });
  });

  it('reports node health, epochs and the committee', async () => {
    const n = (await explorer.nodes()).data;
    expect(n.nodes).toHaveLength(4);
    for (const node of n.nodes) {
      expect(node.health.state).toBe('up');
      expect(node.health.shards?.owned).toBe(node.shards.length);
      expect(node.health.uptimeSecs).not.toBeNull();
    }
    expect(n.mesh.nodes).toHaveLength(4);
    // walrus-ts health extensions: the package version and the connected peers (links are reported).
    for (const node of n.nodes) {
      expect(node.health.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(Array.isArray(node.health.peers)).toBe(true);
    }
    // Every node reports its peers, so no link is guessed (`expected`).
    expect(n.mesh.edges.some((x) => x.kind === 'expected')).toBe(false);
    // Challenge records come from the nodes' challenge API; nothing is challenged yet in epoch 1.
    for (const node of n.nodes) {
      expect(node.challenge).toMatchObject({ epoch: 1, status: 'unchallenged', samples: 0, passRate: null });
    }
    const detail = (await explorer.node(n.nodes[0].nodeId)).data;
    expect(detail.challenges).toMatchObject({ sources: 4, asked: 4, samplesPerChallenge: 459, verdicts: [] });
    expect(detail.challenges.scorecards[0]).toMatchObject({ epoch: 1, status: 'unchallenged' });
    expect(detail.challenges.names[n.nodes[1].nodeId]).toBe(n.nodes[1].name);
    const e = (await explorer.epoch('1')).data;
    expect(e.committee.members).toHaveLength(4);
    expect(e.moved).toHaveLength(10);
    expect(e.moved.every((m) => m.from === null)).toBe(true);
  });

  it('maps every shard to its node live, and shows a stopped node’s shards as unreachable', async () => {
    const res = await call(getShards as Handler, `/api/blobs/${blobs.png}/shards`, { blobId: blobs.png });
    expect(res.headers.get('cache-control')).toBe('no-store');
    const map = await json<ShardMapDto>(res);
    expect(map.shards).toHaveLength(10);
    expect(map.shards.every((s) => s.primary === 'stored' && s.secondary === 'stored')).toBe(true);
    expect(map.nodes.every((x) => x.reachable)).toBe(true);

    const stopped = cluster.nodes[0];
    const stoppedId = cluster.chain.nodeIds[0];
    await stopped.stop();
    await new Promise((r) => setTimeout(r, 2100)); // let the health cache expire
    const after = (await explorer.blobShards(blobs.png)).data;
    const mine = after.shards.filter((s) => s.nodeId === stoppedId);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s) => s.primary === 'unreachable' && s.secondary === 'unreachable')).toBe(true);
    expect(after.shards.filter((s) => s.nodeId !== stoppedId).every((s) => s.primary === 'stored')).toBe(
      true,
    );
    expect(after.nodes.find((x) => x.nodeId === stoppedId)?.reachable).toBe(false);
  });
});
