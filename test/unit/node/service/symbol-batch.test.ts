/**
 * `/walrus-ts/recovery-symbols/batch/1.0.0` served by a real node (all 10 shards) over libp2p: the proof-less
 * symbols of many targets in one response, restricted to the sources asked for, and typed refusals.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secondarySliverIndex } from '../../../../shared/encoding/params.ts';
import { expandSliver } from '../../../../shared/encoding/sliver.ts';
import { encodeHeader } from '../../../../shared/protocol/headers.ts';
import { StorageProtocol } from '../../../../shared/protocol/ids.ts';
import {
  GetSymbolBatchHeaderBcs,
  parseSymbolBatch,
  toRuns,
} from '../../../../shared/protocol/symbol-batch.ts';
import { RemoteError, type Network } from '../../../../node/network/index.ts';
import type { StorageNode } from '../../../../node/storage-node.ts';
import {
  createTestChain,
  encodeTestBlob,
  protocolClient,
  registerBlob,
  startClient,
  startNode,
  waitFor,
  type TestChain,
} from './fixtures.ts';

const N = 10;
const ALL = Array.from({ length: N }, (_, i) => i);

describe('symbol batch protocol', () => {
  let chain: TestChain;
  let node: StorageNode;
  let client: Network;
  let dir: string;
  let pc: ReturnType<typeof protocolClient>;
  const blob = encodeTestBlob(20_000, N, 77);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'walrus-ts-symbol-batch-'));
    chain = await createTestChain(1);
    node = await startNode(chain, chain.keystores[0], { storePath: join(dir, 'node.sqlite') });
    client = await startClient();
    pc = protocolClient(client, node);
    await registerBlob(chain.user, blob);
    await waitFor(
      () => node.components.service.blobStatus(blob.blobId) !== 'nonexistent',
      10_000,
      'registration',
    );
    await pc.putMetadata(blob);
    await pc.putSlivers(blob, ALL);
  });
  afterAll(async () => {
    await client?.stop();
    await node?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (h: { targetType: 'primary' | 'secondary'; targets: number[]; sources?: number[] }) =>
    pc.request(
      StorageProtocol.getSymbolBatch,
      encodeHeader(GetSymbolBatchHeaderBcs, {
        blobId: blob.blobId,
        targetType: h.targetType,
        targets: h.targets,
        sources: toRuns(h.sources ?? []),
      }),
    );

  it('answers every target from every held source, systematic and repair positions alike', async () => {
    const targets = [secondarySliverIndex(2, N), 0, 9];
    const res = await ask({ targetType: 'secondary', targets });
    const batch = parseSymbolBatch(res.body, targets.length, N);
    const S = blob.symbolSize;
    expect(batch.symbolSize).toBe(S);
    expect(batch.sources).toEqual(ALL);
    targets.forEach((t, i) => {
      for (const p of ALL) {
        const want = expandSliver(blob.primarySlivers[p], N).subarray(t * S, (t + 1) * S);
        expect(batch.data.subarray((i * N + p) * S, (i * N + p + 1) * S)).toEqual(want);
      }
    });
  });

  it('serves only the sources asked for', async () => {
    const res = await ask({ targetType: 'primary', targets: [4], sources: [1, 2, 7] });
    const batch = parseSymbolBatch(res.body, 1, N);
    expect(batch.sources).toEqual([1, 2, 7]);
    const S = blob.symbolSize;
    batch.sources.forEach((src, j) => {
      const want = expandSliver(blob.secondarySlivers[src], N).subarray(4 * S, 5 * S);
      expect(batch.data.subarray(j * S, (j + 1) * S)).toEqual(want);
    });
  });

  it('refuses duplicate or out-of-range targets and malformed runs', async () => {
    await expect(ask({ targetType: 'primary', targets: [1, 1] })).rejects.toThrow(/appears twice/);
    await expect(ask({ targetType: 'primary', targets: [10] })).rejects.toThrow(/out of range/);
    await expect(ask({ targetType: 'primary', targets: [] })).rejects.toBeInstanceOf(RemoteError);
    await expect(
      pc.request(
        StorageProtocol.getSymbolBatch,
        encodeHeader(GetSymbolBatchHeaderBcs, {
          blobId: blob.blobId,
          targetType: 'primary',
          targets: [1],
          sources: [{ start: 8, count: 5 }],
        }),
      ),
    ).rejects.toThrow(/bad source run/);
  });

  it('answers not found for a blob it holds nothing of', async () => {
    await expect(
      pc.request(
        StorageProtocol.getSymbolBatch,
        encodeHeader(GetSymbolBatchHeaderBcs, {
          blobId: new Uint8Array(32).fill(3),
          targetType: 'primary',
          targets: [1],
          sources: [],
        }),
      ),
    ).rejects.toBeInstanceOf(RemoteError);
  });
});
