/**
 * Four storage nodes in one process, a real embedded chain (in-process), real libp2p on 127.0.0.1 and the
 * real codec: store a blob's slivers on the owners, collect confirmations, aggregate and certify on chain,
 * read slivers back and decode, rebuild a sliver from other nodes' recovery symbols, and pull a shard page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSliverData } from '../../../shared/bcs/sliver.ts';
import {
  encodeSyncShardMessage,
  SignedMessageBcs,
  type SignedMessage,
} from '../../../shared/bcs/messages.ts';
import { parseGeneralRecoverySymbols } from '../../../shared/bcs/symbol.ts';
import { aggregateSignatures, sign } from '../../../shared/crypto/bls.ts';
import { bytesEqual } from '../../../shared/encoding/blob-id.ts';
import { decodeBlob } from '../../../shared/encoding/decoder.ts';
import { recoverSliver } from '../../../shared/encoding/recovery.ts';
import { shardOfPair } from '../../../shared/encoding/params.ts';
import { encodeHeader, GetRecoverySymbolsHeaderBcs, StoreOutcome } from '../../../shared/protocol/headers.ts';
import { StorageProtocol } from '../../../shared/protocol/ids.ts';
import type { Network } from '../../../node/network/index.ts';
import { SyncShardResponseBcs } from '../../../node/service/storage-service.ts';
import type { StorageNode } from '../../../node/storage-node.ts';
import {
  createTestChain,
  encodeTestBlob,
  ownedPairs,
  protocolClient,
  registerBlob,
  startClient,
  startNode,
  testBytes,
  waitFor,
  type TestChain,
} from '../../unit/node/service/fixtures.ts';

describe('a 4-node cluster', () => {
  let chain: TestChain;
  let nodes: StorageNode[] = [];
  let client: Network;
  const data = testBytes(20_000, 99);
  const blob = encodeTestBlob(20_000, 10, 99);

  beforeAll(async () => {
    chain = await createTestChain(4);
    for (const ks of chain.keystores) nodes.push(await startNode(chain, ks));
    client = await startClient();
  });
  afterAll(async () => {
    await client?.stop();
    for (const n of nodes) await n.stop();
    nodes = [];
  });

  it('splits the 10 shards over the 4 nodes', () => {
    const owned = nodes.map((n) => n.components.committee.view.ownedShards.size);
    expect(owned.reduce((a, b) => a + b, 0)).toBe(10);
    expect(Math.min(...owned)).toBeGreaterThan(0);
  });

  it('stores, confirms, certifies on chain, reads back and decodes', async () => {
    const obj = await registerBlob(chain.user, blob);
    for (const n of nodes) {
      await waitFor(
        () => n.components.service.blobStatus(blob.blobId) !== 'nonexistent',
        5000,
        'registration',
      );
      const pc = protocolClient(client, n);
      expect(await pc.putMetadata(blob)).toBe(StoreOutcome.stored);
      const outcomes = await pc.putSlivers(blob, ownedPairs(n, blob));
      expect(outcomes.every((o) => o === StoreOutcome.stored)).toBe(true);
    }
    const committee = (await chain.user.systemState()).committee;
    const signed: { index: number; s: SignedMessage }[] = [];
    for (const n of nodes) {
      const s = await protocolClient(client, n).getConfirmation(blob.blobId);
      const index = committee.members.findIndex((m) =>
        bytesEqual(m.publicKey, n.components.signer.publicKey),
      );
      signed.push({ index, s });
    }
    signed.sort((a, b) => a.index - b.index);
    expect(signed.every((x) => bytesEqual(x.s.serializedMessage, signed[0].s.serializedMessage))).toBe(true);
    const { blob: certified } = await chain.user.certifyBlob({
      blobObjectId: obj.id,
      certificate: {
        signers: signed.map((x) => x.index),
        serializedMessage: signed[0].s.serializedMessage,
        signature: aggregateSignatures(signed.map((x) => x.s.signature)),
      },
    });
    expect(certified.certifiedEpoch).toBe(1);
    for (const n of nodes) {
      await waitFor(
        () => {
          const st = n.components.service.blobStatus(blob.blobId);
          return typeof st === 'object' && 'permanent' in st && st.permanent.isCertified;
        },
        5000,
        'certification seen',
      );
    }
    // Read: R = 4 primary slivers from whichever nodes hold them.
    const slivers = [];
    for (const n of nodes) {
      const pairs = ownedPairs(n, blob);
      const got = await protocolClient(client, n).getSlivers(
        blob.blobId,
        pairs.map((p) => ({ pairIndex: p, sliverType: 'primary' as const })),
      );
      for (const g of got) if (g) slivers.push(parseSliverData(g, 'primary'));
    }
    expect(slivers).toHaveLength(10);
    const back = decodeBlob({ blobId: blob.blobId, metadata: blob.metadata }, slivers.slice(0, 4), 10);
    expect(back).toEqual(data);
  });

  it('rebuilds a primary sliver from recovery symbols of the other nodes', async () => {
    const target = ownedPairs(nodes[0], blob)[0];
    const symbols = [];
    for (const n of nodes.slice(1)) {
      const res = await protocolClient(client, n).request(
        StorageProtocol.getRecoverySymbols,
        encodeHeader(GetRecoverySymbolsHeaderBcs, {
          blobId: blob.blobId,
          query: { ByTarget: { targetSliver: target, targetType: 'primary' } },
          proofAxis: 'secondary',
        }),
      );
      symbols.push(...parseGeneralRecoverySymbols(res.body));
    }
    expect(symbols.length).toBe(10 - nodes[0].components.committee.view.ownedShards.size);
    const result = recoverSliver('primary', target, symbols, blob.metadata, 10);
    expect(result.kind).toBe('sliver');
    if (result.kind === 'sliver') expect(result.sliver.data).toEqual(blob.primarySlivers[target].data);
  });

  it('serves a shard page to a committee member with a signed sync-shard request', async () => {
    const owner = nodes[0];
    const pair = ownedPairs(owner, blob)[0];
    const shard = shardOfPair(pair, blob.blobId, 10);
    const msg = encodeSyncShardMessage(1, {
      shardIndex: shard,
      sliverType: 0,
      startingBlobId: new Uint8Array(32),
      sliverCount: 10n,
      epoch: 1,
    });
    const signedBytes = SignedMessageBcs.serialize({
      serializedMessage: msg,
      signature: sign(msg, chain.keystores[0].blsSecretKey),
    }).toBytes();
    // Asked from another member's libp2p identity (members only).
    const res = await nodes[1].components.network.reqResp.request(
      owner.getMultiaddrs(),
      StorageProtocol.syncShard,
      signedBytes,
      new Uint8Array(0),
      { maxResponseBodyBytes: 16 * 1024 * 1024, signal: AbortSignal.timeout(10_000) },
    );
    const page = SyncShardResponseBcs.parse(res.body);
    expect(page.$kind).toBe('V1');
    const entries = page.V1 ?? [];
    expect(entries).toHaveLength(1);
    expect(Uint8Array.from(entries[0][0])).toEqual(blob.blobId);
    expect(entries[0][1]).toMatchObject({ axis: 'primary', index: pair });
    expect(entries[0][1].data).toEqual(blob.primarySlivers[pair].data);
    // Signed by a key that does not own the shard: refused.
    const forged = SignedMessageBcs.serialize({
      serializedMessage: msg,
      signature: sign(msg, chain.keystores[1].blsSecretKey),
    }).toBytes();
    await expect(
      nodes[1].components.network.reqResp.request(
        owner.getMultiaddrs(),
        StorageProtocol.syncShard,
        forged,
        new Uint8Array(0),
        {
          signal: AbortSignal.timeout(10_000),
        },
      ),
    ).rejects.toMatchObject({ status: 3 });
  });
});
