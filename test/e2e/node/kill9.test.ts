/**
 * Durability: a node process acknowledges slivers and signs a confirmation, is killed with SIGKILL right
 * after, restarts on the same data directory, and still holds every acknowledged sliver and metadata.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeSliverData } from '../../../shared/bcs/sliver.ts';
import { decodeStorageConfirmation } from '../../../shared/bcs/messages.ts';
import type { EncodedBlob } from '../../../shared/encoding/encoder.ts';
import { BlobIdHeaderBcs, encodeHeader, StoreOutcome } from '../../../shared/protocol/headers.ts';
import { StorageProtocol } from '../../../shared/protocol/ids.ts';
import { startChainServer, type ChainServer } from '../../../node/chain/embedded/server.ts';
import { writeKeystore } from '../../../node/identity/keystore.ts';
import type { Network } from '../../../node/network/index.ts';
import {
  createTestChain,
  encodeTestBlob,
  protocolClient,
  registerBlob,
  startClient,
  waitFor,
  type TestChain,
} from '../../unit/node/service/fixtures.ts';
import { exited, spawnNode, type NodeProcess } from './process-fixtures.ts';

const ALL = Array.from({ length: 10 }, (_, i) => i);

function target(proc: NodeProcess) {
  return { getMultiaddrs: () => proc.multiaddrs };
}

describe('kill -9', () => {
  let chain: TestChain;
  let server: ChainServer;
  let dir: string;
  let net: Network;
  let proc: NodeProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'walrus-ts-kill9-'));
    chain = await createTestChain(1);
    server = await startChainServer({ ledger: chain.ledger, blsWorkers: 0 });
    await writeKeystore(join(dir, 'keystore.json'), chain.keystores[0]);
    net = await startClient();
  });
  afterAll(async () => {
    proc?.child.kill('SIGKILL');
    await net?.stop();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged sliver across a SIGKILL', async () => {
    proc = await spawnNode(server.url, join(dir, 'keystore.json'), join(dir, 'data'));
    const blobs: EncodedBlob[] = [];
    for (let i = 0; i < 3; i++) {
      const blob = encodeTestBlob(5000 + i * 1000, 10, 100 + i);
      await registerBlob(chain.user, blob);
      blobs.push(blob);
    }
    let pc = protocolClient(net, target(proc));
    for (const blob of blobs) {
      await waitFor(async () => (await pc.blobStatus(blob.blobId)) !== 'nonexistent', 10_000, 'registration');
      expect(await pc.putMetadata(blob)).toBe(StoreOutcome.stored);
      expect(await pc.putSlivers(blob, ALL)).toEqual(new Array(20).fill(StoreOutcome.stored));
    }
    // The last acknowledgement: a signed confirmation. Kill immediately after.
    const signed = await pc.getConfirmation(blobs[2].blobId);
    expect(decodeStorageConfirmation(signed.serializedMessage).blobId).toEqual(blobs[2].blobId);
    proc.child.kill('SIGKILL');
    expect(await exited(proc.child)).toBe('SIGKILL');
    await net.libp2p.hangUp(proc.multiaddrs[0]).catch(() => {});

    proc = await spawnNode(server.url, join(dir, 'keystore.json'), join(dir, 'data'));
    pc = protocolClient(net, target(proc));
    for (const blob of blobs) {
      const got = await pc.getSlivers(blob.blobId, [
        ...ALL.map((p) => ({ pairIndex: p, sliverType: 'primary' as const })),
        ...ALL.map((p) => ({ pairIndex: p, sliverType: 'secondary' as const })),
      ]);
      ALL.forEach((p) => {
        expect(got[p]).toEqual(serializeSliverData(blob.primarySlivers[p]));
        expect(got[10 + p]).toEqual(serializeSliverData(blob.secondarySlivers[9 - p]));
      });
      const meta = await pc.request(
        StorageProtocol.getMetadata,
        encodeHeader(BlobIdHeaderBcs, { blobId: blob.blobId }),
      );
      expect(meta.body.subarray(0, 32)).toEqual(blob.blobId);
      // It still confirms (same epoch, same bytes).
      const again = await pc.getConfirmation(blob.blobId);
      expect(again.signature.length).toBe(96);
    }
    proc.child.kill('SIGTERM');
    expect(await exited(proc.child)).toBe(0);
    proc = undefined;
  });
});
