/**
 * The walrus-ts extensions of `GET /v1/health`: `version` (the package version) and `peers` (the libp2p
 * peer IDs the node is connected to), next to the unchanged Walrus fields.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceHealthInfo } from '../../../../shared/api/storage-node.ts';
import type { Network } from '../../../../node/network/index.ts';
import type { StorageNode } from '../../../../node/storage-node.ts';
import { createTestChain, startClient, startNode, waitFor, type TestChain } from '../service/fixtures.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

async function health(node: StorageNode): Promise<ServiceHealthInfo> {
  const res = await fetch(`${node.apiUrl}/v1/health?detailed=true`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { success: { data: ServiceHealthInfo } }).success.data;
}

describe('health: version and connected peers', () => {
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

  it('reports the package version and the peers it is connected to, keeping the Walrus fields', async () => {
    const before = await health(node);
    expect(before.version).toBe(VERSION);
    expect(before.peers).toEqual([]);
    expect(before).toMatchObject({ epoch: 1, nodeStatus: 'Active', shardSummary: { owned: 10 } });
    expect(typeof before.publicKey).toBe('string');

    await client.libp2p.dial(node.getMultiaddrs()[0], { signal: AbortSignal.timeout(5_000) });
    const clientId = client.peerId.toString();
    await waitFor(async () => (await health(node)).peers?.includes(clientId) ?? false, 5_000, 'peer listed');

    await client.libp2p.hangUp(node.peerId);
    await waitFor(async () => !(await health(node)).peers?.includes(clientId), 5_000, 'peer dropped');
  });
});
