/**
 * The browser tests' cluster: an embedded chain, four storage nodes on 127.0.0.1 that bootstrap from the
 * first one (so verdict gossip reaches everyone) and announce their HTTP API on chain, each able to report
 * challenge failures on chain, with storage challenges run by the test (no schedule) on every certified
 * blob; and a client for the chain's user.
 */
import { InProcessChainClient } from '../../node/chain/embedded/in-process-client.ts';
import type { ChallengeService } from '../../node/challenge/service.ts';
import { createNodeClient } from '../../node/client/node-client.ts';
import type { StorageNode } from '../../node/storage-node.ts';
import { FAST_SYNC } from '../e2e/healing/helpers.ts';
import { announce, type Cluster } from '../unit/node/client/fixtures.ts';
import { createTestChain, startNode } from '../unit/node/service/fixtures.ts';

/** Starts the cluster. */
export async function startChallengeCluster(nNodes = 4): Promise<Cluster> {
  const chain = await createTestChain(nNodes);
  const nodes: StorageNode[] = [];
  let bootstrap: string[] = [];
  for (let i = 0; i < nNodes; i++) {
    const ks = chain.keystores[i];
    const node = await startNode(chain, ks, {
      network: { listen: ['/ip4/127.0.0.1/tcp/0'], bootstrap },
      chainWriter: new InProcessChainClient(chain.ledger, ks.suiKeypair),
      sync: FAST_SYNC,
      challenge: { schedule: false, minCertifiedEpochs: 0, deadlineMs: 4_000, onDemandIntervalMs: 0 },
    });
    if (bootstrap.length === 0) bootstrap = [node.getMultiaddrs()[0].toString()];
    nodes.push(node);
    await announce(chain, i, node);
  }
  const client = await createNodeClient({
    chain: chain.user,
    tailTimeoutMs: 3_000,
    confirmationWaitMs: 5_000,
    retryBaseDelayMs: 50,
  });
  return {
    chain,
    nodes,
    client,
    async stop() {
      await client.stop();
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}

/** The challenge service of a node. */
export function challengesOf(node: StorageNode): ChallengeService {
  const c = node.components.challenges;
  if (!c) throw new Error('the node runs without storage challenges');
  return c;
}

/** Polls `check` every 50 ms until true; throws after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
