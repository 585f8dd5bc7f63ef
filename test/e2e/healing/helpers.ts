/**
 * Fixtures of the self-healing tests: storage nodes in one process on fixed loopback ports (so a restarted
 * node keeps its address), file-backed stores in a temp directory (so a node can restart or be wiped), the
 * in-process embedded chain, a chain writer per node (its operator account), and a writer that stores a
 * blob on the nodes that are up, collects their confirmations and certifies it.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { aggregateSignatures } from '../../../shared/crypto/bls.ts';
import { bytesEqual } from '../../../shared/encoding/blob-id.ts';
import type { EncodedBlob } from '../../../shared/encoding/encoder.ts';
import { shardOfPair } from '../../../shared/encoding/params.ts';
import { InProcessChainClient } from '../../../node/chain/embedded/in-process-client.ts';
import type { BlobObject } from '../../../node/chain/types.ts';
import type { Keystore } from '../../../node/identity/keystore.ts';
import type { Network } from '../../../node/network/index.ts';
import type { StorageNode, StorageNodeInit } from '../../../node/storage-node.ts';
import {
  ownedPairs,
  protocolClient,
  registerBlob,
  startNode,
  waitFor,
  type TestChain,
} from '../../unit/node/service/fixtures.ts';

/** Sync settings that make retries quick in tests. */
export const FAST_SYNC = {
  blob: { retryBaseMs: 200, retryMaxMs: 2_000 },
  shard: { retryBaseMs: 200, transferAttempts: 3 },
  recovery: { progressIntervalMs: 500 },
  peers: { requestTimeoutMs: 10_000, resolveTimeoutMs: 2_000 },
};

/** One node of the cluster and what it takes to restart it. */
export interface ClusterNode {
  index: number;
  ks: Keystore;
  storePath: string;
  port: number;
  node?: StorageNode;
}

/** Starts (or restarts) node `n` on its port and store, bootstrapping to the first node. */
export async function startClusterNode(
  chain: TestChain,
  n: ClusterNode,
  bootstrap: string[],
  sync: NonNullable<StorageNodeInit['sync']> = FAST_SYNC,
): Promise<StorageNode> {
  n.node = await startNode(chain, n.ks, {
    storePath: n.storePath,
    api: false,
    network: { listen: [`/ip4/127.0.0.1/tcp/${n.port}`], bootstrap },
    chainWriter: new InProcessChainClient(chain.ledger, n.ks.suiKeypair),
    sync,
  });
  if (n.port === 0) {
    const addr = n.node.getMultiaddrs()[0].toString();
    n.port = Number(/\/tcp\/(\d+)/.exec(addr)![1]);
  }
  return n.node;
}

/** Starts nodes for the first `count` keystores of the chain, node 0 first as the bootstrap peer. */
export async function startCluster(chain: TestChain, dir: string, count = chain.keystores.length) {
  const nodes: ClusterNode[] = [];
  let bootstrap: string[] = [];
  for (let i = 0; i < count; i++) {
    const n: ClusterNode = {
      index: i,
      ks: chain.keystores[i],
      storePath: join(dir, `node-${i}.sqlite`),
      port: 0,
    };
    await startClusterNode(chain, n, bootstrap);
    if (i === 0) bootstrap = [n.node!.getMultiaddrs()[0].toString()];
    nodes.push(n);
  }
  return { nodes, bootstrap };
}

/** Stops a node (keeps its store). */
export async function stopClusterNode(n: ClusterNode): Promise<void> {
  await n.node?.stop();
  n.node = undefined;
}

/** Deletes a stopped node's store files: its data directory is lost. */
export function wipeStore(n: ClusterNode): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(n.storePath + suffix, { force: true });
}

/**
 * Registers `encoded`, stores metadata and owned slivers on every running node, gathers their
 * confirmations and certifies with them (they must hold a quorum of shards).
 */
export async function writeAndCertify(
  chain: TestChain,
  client: Network,
  up: readonly StorageNode[],
  encoded: EncodedBlob,
): Promise<BlobObject> {
  const obj = await registerBlob(chain.user, encoded);
  const committee = (await chain.user.systemState()).committee;
  const signed: { index: number; message: Uint8Array; signature: Uint8Array }[] = [];
  for (const node of up) {
    await waitFor(
      () => node.components.service.blobStatus(encoded.blobId) !== 'nonexistent',
      10_000,
      'registration',
    );
    const pc = protocolClient(client, node);
    await pc.putMetadata(encoded);
    await pc.putSlivers(encoded, ownedPairs(node, encoded));
    const s = await pc.getConfirmation(encoded.blobId);
    const index = committee.members.findIndex((m) =>
      bytesEqual(m.publicKey, node.components.signer.publicKey),
    );
    signed.push({ index, message: s.serializedMessage, signature: s.signature });
  }
  signed.sort((a, b) => a.index - b.index);
  const { blob } = await chain.user.certifyBlob({
    blobObjectId: obj.id,
    certificate: {
      signers: signed.map((s) => s.index),
      serializedMessage: signed[0].message,
      signature: aggregateSignatures(signed.map((s) => s.signature)),
    },
  });
  return blob;
}

/** Slivers of `encoded` that `node` should hold and does (by comparing bytes with the encoding). */
export function heldSlivers(node: StorageNode, encoded: EncodedBlob): { held: number; expected: number } {
  const n = encoded.nShards;
  const store = node.components.store;
  let held = 0;
  let expected = 0;
  for (const shard of node.components.committee.view.ownedShards) {
    for (let p = 0; p < n; p++) {
      if (shardOfPair(p, encoded.blobId, n) !== shard) continue;
      expected += 2;
      for (const [axis, sliver] of [
        ['primary', encoded.primarySlivers[p]],
        ['secondary', encoded.secondarySlivers[n - 1 - p]],
      ] as const) {
        const bytes = store.slivers.getSliver({ blobId: encoded.blobId, shard, axis });
        if (
          bytes &&
          bytesEqual(bytes.subarray(bytes.length - 4 - sliver.data.length, bytes.length - 4), sliver.data)
        ) {
          held++;
        }
      }
    }
  }
  return { held, expected };
}
