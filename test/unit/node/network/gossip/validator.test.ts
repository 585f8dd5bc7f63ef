import { generateKeyPair } from '@libp2p/crypto/keys';
import type { PeerId } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { TopicValidatorResult, type Message } from '@libp2p/gossipsub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeGossipMessage,
  type GossipBody,
  type GossipMessage,
} from '../../../../../shared/protocol/gossip.ts';
import type { Committee } from '../../../../../node/chain/types.ts';
import {
  GossipAction,
  GossipActionError,
  GossipErrorCode,
} from '../../../../../node/network/gossip/errors.ts';
import { peerScore } from '../../../../../node/network/gossip/scoring.ts';
import { GossipService } from '../../../../../node/network/gossip/service.ts';
import {
  GossipMessageValidator,
  gossipValidatorFn,
  toTopicValidatorResult,
} from '../../../../../node/network/gossip/validator.ts';
import type { Network } from '../../../../../node/network/network.ts';
import { connect, startNetwork, stopAll, waitFor } from '../helpers.ts';
import { defaultLogger } from '@libp2p/logger';

const NOW = 1_800_000_000_000;
const blobId = new Uint8Array(32).fill(7);

async function peer(): Promise<PeerId> {
  return peerIdFromPrivateKey(await generateKeyPair('Ed25519'));
}

function committee(epoch: number, members: { peerId: PeerId; shards: number[] }[]): Committee {
  return {
    epoch,
    nShards: 10,
    members: members.map((m, i) => ({
      nodeId: `0x${String(i).padStart(64, '0')}`,
      name: `n${i}`,
      peerId: m.peerId.toString(),
      multiaddrs: [],
      publicKey: new Uint8Array(48),
      suiAddress: `0x${String(i).padStart(64, '0')}`,
      shards: m.shards,
      weight: m.shards.length,
    })),
  };
}

function signed(from: PeerId, topic: string, data: Uint8Array): Message {
  return {
    type: 'signed',
    from,
    topic,
    data,
    sequenceNumber: 1n,
    signature: new Uint8Array(64),
    key: from.publicKey!,
  };
}

function msg(body: GossipBody, over: Partial<GossipMessage> = {}): Uint8Array {
  return encodeGossipMessage({ epoch: 5, timestampMs: NOW, body, ...over });
}

describe('GossipMessageValidator', () => {
  let member: PeerId;
  let outsider: PeerId;
  let validator: GossipMessageValidator;

  beforeAll(async () => {
    member = await peer();
    outsider = await peer();
    const c5 = committee(5, [{ peerId: member, shards: [0, 1, 2] }]);
    const c4 = committee(4, [{ peerId: member, shards: [3] }]);
    validator = new GossipMessageValidator(
      { currentEpoch: () => 5, committeeOf: (e) => (e === 5 ? c5 : e === 4 ? c4 : undefined) },
      { now: () => NOW },
    );
  });

  const certified: GossipBody = { kind: 'blobCertified', blobId, objectId: blobId, endEpoch: 9 };

  async function verdict(topic: 'blobs' | 'epoch' | 'recovery', m: Message): Promise<string> {
    try {
      await validator.validate(topic, m);
      return 'ACCEPT';
    } catch (err) {
      if (!(err instanceof GossipActionError)) throw err;
      return `${err.action}:${err.code}`;
    }
  }

  it('accepts well-formed, fresh messages from a member of the stated epoch', async () => {
    const v = await validator.validate('blobs', signed(member, 't', msg(certified)));
    expect(v.member.peerId).toBe(member.toString());
    expect(v.message.body).toEqual(certified);
    expect(
      await verdict('epoch', signed(member, 't', msg({ kind: 'shardTransferStarted', shards: [1, 2] }))),
    ).toBe('ACCEPT');
    // Previous epoch with its own committee (shard 3 was the member's then).
    expect(
      await verdict(
        'recovery',
        signed(member, 't', msg({ kind: 'shardRecoveryFinished', shards: [3], blobs: 1 }, { epoch: 4 })),
      ),
    ).toBe('ACCEPT');
    expect(
      await verdict(
        'epoch',
        signed(member, 't', msg({ kind: 'epochSyncDone' }, { timestampMs: NOW + 10_000 })),
      ),
    ).toBe('ACCEPT');
  });

  it('rejects malformed, unsigned, misplaced, forged and over-claiming messages', async () => {
    const good = msg(certified);
    expect(await verdict('blobs', signed(member, 't', good.subarray(0, good.length - 1)))).toBe(
      `REJECT:${GossipErrorCode.MALFORMED}`,
    );
    expect(await verdict('blobs', signed(member, 't', Uint8Array.from([...good, 0])))).toBe(
      `REJECT:${GossipErrorCode.MALFORMED}`,
    );
    const badVersion = good.slice();
    badVersion[0] = 2;
    expect(await verdict('blobs', signed(member, 't', badVersion))).toBe(
      `REJECT:${GossipErrorCode.MALFORMED}`,
    );
    expect(await verdict('blobs', { type: 'unsigned', topic: 't', data: good })).toBe(
      `REJECT:${GossipErrorCode.UNSIGNED}`,
    );
    expect(await verdict('epoch', signed(member, 't', good))).toBe(`REJECT:${GossipErrorCode.WRONG_TOPIC}`);
    expect(await verdict('blobs', signed(outsider, 't', good))).toBe(
      `REJECT:${GossipErrorCode.NOT_A_MEMBER}`,
    );
    expect(
      await verdict('epoch', signed(member, 't', msg({ kind: 'shardTransferStarted', shards: [7] }))),
    ).toBe(`REJECT:${GossipErrorCode.SHARD_NOT_OWNED}`);
    expect(
      await verdict(
        'epoch',
        signed(member, 't', msg({ kind: 'shardTransferFinished', shards: [0], recovered: [12] })),
      ),
    ).toBe(`REJECT:${GossipErrorCode.SHARD_NOT_OWNED}`);
    expect(await verdict('blobs', signed(member, 't', new Uint8Array(20_000)))).toBe(
      `REJECT:${GossipErrorCode.TOO_LARGE}`,
    );
  });

  it('ignores messages it cannot judge now: other epochs, unknown committees, stale or future timestamps', async () => {
    expect(await verdict('blobs', signed(member, 't', msg(certified, { epoch: 6 })))).toBe(
      `IGNORE:${GossipErrorCode.FUTURE_EPOCH}`,
    );
    expect(await verdict('blobs', signed(member, 't', msg(certified, { epoch: 3 })))).toBe(
      `IGNORE:${GossipErrorCode.OLD_EPOCH}`,
    );
    expect(
      await verdict('blobs', signed(member, 't', msg(certified, { timestampMs: NOW - 10 * 60_000 }))),
    ).toBe(`IGNORE:${GossipErrorCode.STALE}`);
    expect(await verdict('blobs', signed(member, 't', msg(certified, { timestampMs: NOW + 60_000 })))).toBe(
      `IGNORE:${GossipErrorCode.FROM_FUTURE}`,
    );
    const blind = new GossipMessageValidator(
      { currentEpoch: () => 5, committeeOf: () => undefined },
      { now: () => NOW },
    );
    await expect(blind.validate('blobs', signed(member, 't', msg(certified)))).rejects.toMatchObject({
      action: GossipAction.IGNORE,
      code: GossipErrorCode.UNKNOWN_COMMITTEE,
    });
  });

  it('maps verdicts to gossipsub results in one adapter (unexpected errors are ignored, not rejected)', async () => {
    expect(toTopicValidatorResult(new GossipActionError('REJECT', GossipErrorCode.MALFORMED, 'x'))).toBe(
      TopicValidatorResult.Reject,
    );
    expect(toTopicValidatorResult(new GossipActionError('IGNORE', GossipErrorCode.STALE, 'x'))).toBe(
      TopicValidatorResult.Ignore,
    );
    expect(toTopicValidatorResult(new Error('bug'))).toBe(TopicValidatorResult.Ignore);
    const m = signed(member, 't', msg(certified));
    expect(await gossipValidatorFn('blobs', () => undefined)(member, m)).toBe(TopicValidatorResult.Accept);
    const rejecting = gossipValidatorFn('blobs', () => {
      throw new GossipActionError('REJECT', GossipErrorCode.NOT_A_MEMBER, 'no');
    });
    expect(await rejecting(member, m)).toBe(TopicValidatorResult.Reject);
    expect(await gossipValidatorFn('blobs', () => Promise.reject(new Error('boom')))(member, m)).toBe(
      TopicValidatorResult.Ignore,
    );
  });
});

describe('GossipService on real libp2p nodes', () => {
  let nets: Network[] = [];
  let services: GossipService[] = [];

  afterAll(async () => {
    for (const s of services) await s.stop();
    await stopAll(nets);
  });

  it("delivers members' messages, rejects an outsider's and lowers the outsider's score", async () => {
    nets = await Promise.all([0, 1, 2].map(() => startNetwork({ subscribeGossip: true })));
    const [a, b, outsider] = nets;
    const c = committee(1, [
      { peerId: a.peerId, shards: [0, 1, 2, 3, 4] },
      { peerId: b.peerId, shards: [5, 6, 7, 8, 9] },
    ]);
    const source = { currentEpoch: () => 1, committeeOf: (e: number) => (e === 1 ? c : undefined) };
    services = nets.map(
      (net) => new GossipService({ network: net, committee: source, logger: defaultLogger() }),
    );
    for (const s of services) await s.start();
    await connect(a, b);
    await connect(outsider, b);
    const topic = a.gossipTopic('blobs');
    await waitFor(
      () =>
        b.libp2p.services.pubsub.getSubscribers(topic).length >= 2 &&
        a.libp2p.services.pubsub.getSubscribers(topic).length >= 1 &&
        outsider.libp2p.services.pubsub.getSubscribers(topic).length >= 1,
      10_000,
      'subscriptions',
    );
    await new Promise((r) => setTimeout(r, 1200)); // one heartbeat: meshes form
    const got: string[] = [];
    services[1].on('*', (d) => got.push(`${d.member.name}:${d.message.body.kind}`));
    const body: GossipBody = { kind: 'blobCertified', blobId, objectId: blobId, endEpoch: 3 };
    await services[0].publish(body);
    await waitFor(() => got.length === 1, 10_000, 'delivery');
    expect(got).toEqual(['n0:blobCertified']);

    const before = peerScore(b.libp2p.services.pubsub, outsider.peerId.toString()) ?? 0;
    for (let i = 0; i < 3; i++) await services[2].publish({ ...body, endEpoch: 10 + i });
    await waitFor(
      () => (peerScore(b.libp2p.services.pubsub, outsider.peerId.toString()) ?? 0) < before,
      10_000,
      'outsider score to drop',
    );
    expect(got).toEqual(['n0:blobCertified']);
    expect(peerScore(b.libp2p.services.pubsub, a.peerId.toString()) ?? 0).toBeGreaterThanOrEqual(0);
  });
});
