/**
 * The peer layer's proof-less symbol batch call: the request it sends (header as BCS, sources as runs) and
 * the checks on the answer (shape, and only the sources asked for), over a stubbed request/response layer.
 */
import { defaultLogger } from '@libp2p/logger';
import { generateKeyPair } from '@libp2p/crypto/keys';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { describe, expect, it } from 'vitest';
import { decodeHeader } from '../../../../shared/protocol/headers.ts';
import { StorageProtocol } from '../../../../shared/protocol/ids.ts';
import { GetSymbolBatchHeaderBcs, serializeSymbolBatch } from '../../../../shared/protocol/symbol-batch.ts';
import type { CommitteeMember } from '../../../../node/chain/types.ts';
import { SyncPeers } from '../../../../node/sync/peers.ts';

async function peersAnswering(body: Uint8Array) {
  const self = peerIdFromPrivateKey(await generateKeyPair('Ed25519'));
  const other = peerIdFromPrivateKey(await generateKeyPair('Ed25519'));
  const sent: { protocol: string; header: Uint8Array }[] = [];
  const peers = new SyncPeers({
    network: {
      peerId: self,
      resolvePeer: async () => [],
      reqResp: {
        request: async (_target: unknown, protocol: string, header: Uint8Array) => {
          sent.push({ protocol, header });
          return { header: new Uint8Array(0), body };
        },
      },
    } as never,
    logger: defaultLogger(),
  });
  const member = { peerId: other.toString(), name: 'other', multiaddrs: [], weight: 3, shards: [4, 5, 6] };
  return { peers, sent, member: member as unknown as CommitteeMember };
}

describe('SyncPeers.fetchSymbolBatch', () => {
  const blobId = new Uint8Array(32).fill(1);
  const data = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i);

  it('asks for all targets in one request and returns the parsed batch', async () => {
    const { peers, sent, member } = await peersAnswering(
      serializeSymbolBatch({ symbolSize: 4, sources: [4, 5, 6], data }),
    );
    const batch = await peers.fetchSymbolBatch(member, blobId, 'primary', [0, 7], 10, [4, 5, 6]);
    expect(batch.sources).toEqual([4, 5, 6]);
    expect(batch.data).toEqual(data);
    expect(sent).toHaveLength(1);
    expect(sent[0].protocol).toBe(StorageProtocol.getSymbolBatch);
    const h = decodeHeader(GetSymbolBatchHeaderBcs, sent[0].header);
    expect(h.targetType).toBe('primary');
    expect(h.targets).toEqual([0, 7]);
    expect(h.sources).toEqual([{ start: 4, count: 3 }]);
    expect(peers.stats).toMatchObject({ requests: 1, batchRequests: 1 });
    expect(peers.stats.symbolBytes).toBeGreaterThan(data.length);
  });

  it('refuses an answer with sources it did not ask for, or of the wrong length', async () => {
    const extra = await peersAnswering(serializeSymbolBatch({ symbolSize: 4, sources: [4, 5, 8], data }));
    await expect(
      extra.peers.fetchSymbolBatch(extra.member, blobId, 'primary', [0, 7], 10, [4, 5, 6]),
    ).rejects.toThrow(/unrequested/);
    const short = await peersAnswering(
      serializeSymbolBatch({ symbolSize: 4, sources: [4, 5, 6], data: data.subarray(4) }),
    );
    await expect(
      short.peers.fetchSymbolBatch(short.member, blobId, 'primary', [0, 7], 10, [4, 5, 6]),
    ).rejects.toThrow(/expected 2 x 3 x 4/);
  });
});
