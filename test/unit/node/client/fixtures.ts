/**
 * Fixtures for client tests: a real embedded chain (in-process ledger), real storage nodes on
 * 127.0.0.1:0 announcing their libp2p and HTTP addresses on chain, and a client with its own libp2p node.
 */
import { InProcessChainClient } from '../../../../node/chain/embedded/in-process-client.ts';
import type { LedgerInit } from '../../../../node/chain/embedded/ledger.ts';
import { createNodeClient } from '../../../../node/client/node-client.ts';
import type { NodeClient, NodeClientInit } from '../../../../node/client/node-client.ts';
import { httpMultiaddr } from '../../../../node/client/transport/endpoints.ts';
import type { StorageNode } from '../../../../node/storage-node.ts';
import { createTestChain, startNode, testBytes, type TestChain } from '../service/fixtures.ts';

export { testBytes };

/** A running cluster: chain, storage nodes, one client. */
export interface Cluster {
  chain: TestChain;
  nodes: StorageNode[];
  client: NodeClient;
  /** Stops the client and every node still running. */
  stop(): Promise<void>;
}

/** Announces a started node's libp2p addresses and HTTP API on chain (what a node operator does). */
export async function announce(chain: TestChain, index: number, node: StorageNode): Promise<void> {
  const ks = chain.keystores[index];
  const operator = new InProcessChainClient(chain.ledger, ks.suiKeypair);
  const url = new URL(node.apiUrl as string);
  await operator.updateNodeInfo({
    nodeId: chain.nodeIds[index],
    multiaddrs: [
      ...node.getMultiaddrs().map((m) => m.toString()),
      httpMultiaddr(url.hostname, Number(url.port)),
    ],
  });
}

/** Starts `nNodes` storage nodes on a fresh chain and a client for `chain.user`. */
export async function startCluster(
  nNodes = 4,
  ledger: LedgerInit = {},
  client: Partial<NodeClientInit> = {},
): Promise<Cluster> {
  const chain = await createTestChain(nNodes, ledger);
  const nodes: StorageNode[] = [];
  for (let i = 0; i < nNodes; i++) {
    const node = await startNode(chain, chain.keystores[i]);
    nodes.push(node);
    await announce(chain, i, node);
  }
  const nc = await createNodeClient({
    chain: chain.user,
    tailTimeoutMs: 3_000,
    confirmationWaitMs: 5_000,
    retryBaseDelayMs: 50,
    ...client,
  });
  return {
    chain,
    nodes,
    client: nc,
    async stop() {
      await nc.stop();
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
