import { afterEach, describe, expect, it } from 'vitest';
import { PeerNotFoundError } from '../../../../node/network/errors.ts';
import { NetworkEvent } from '../../../../node/network/events.ts';
import type { Network } from '../../../../node/network/network.ts';
import { createNetwork } from '../../../../node/network/network.ts';
import { peerIdFromString } from '@libp2p/peer-id';
import { connect, startNetwork, stopAll, waitFor } from './helpers.ts';

describe('network', () => {
  let nets: Network[] = [];
  afterEach(async () => {
    await stopAll(nets);
    nets = [];
  });

  it('listens on TCP and WebSockets and reports peer connections on the event bus', async () => {
    const a = await startNetwork({ listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'] });
    const b = await startNetwork();
    nets.push(a, b);
    const addrs = a.getMultiaddrs().map((m) => m.toString());
    expect(addrs.some((s) => /\/tcp\/\d+\/p2p\//.test(s))).toBe(true);
    expect(addrs.some((s) => /\/tcp\/\d+\/ws\/p2p\//.test(s))).toBe(true);
    const connected: string[] = [];
    a.events.on(NetworkEvent.peerConnected, ({ peerId }) => connected.push(peerId.toString()));
    await b.libp2p.dial(
      a.getMultiaddrs().filter((m) => m.toString().includes('/ws')),
      {
        signal: AbortSignal.timeout(5000),
      },
    );
    await waitFor(() => connected.includes(b.peerId.toString()), 5000, 'peerConnected event');
  });

  it('rejects bad multiaddrs and network names at construction', async () => {
    await expect(createNetwork({ listen: ['not-a-multiaddr'] })).rejects.toThrow(/listen/);
    await expect(createNetwork({ networkName: 'Bad Name' })).rejects.toThrow(/networkName/);
  });

  it('delivers a gossip message between 3 nodes (a-b-c line)', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => startNetwork({ subscribeGossip: true })));
    nets.push(a, b, c);
    await connect(a, b);
    await connect(b, c);
    const topic = a.gossipTopic('blobs');
    await waitFor(
      () =>
        a.libp2p.services.pubsub.getSubscribers(topic).length > 0 &&
        c.libp2p.services.pubsub.getSubscribers(topic).length > 0,
      10_000,
      'subscriptions',
    );
    const got: { data: string; type: string; network: string }[] = [];
    c.events.on(NetworkEvent.gossipMessage, ({ data, topic: t }) =>
      got.push({ data: new TextDecoder().decode(data), type: t.type, network: t.network }),
    );
    // the mesh forms on gossipsub heartbeats; publish fresh messages until one crosses both hops
    let i = 0;
    await waitFor(
      async () => {
        await a.publish('blobs', new TextEncoder().encode(`certified ${i++}`));
        return got.length > 0;
      },
      15_000,
      'gossip delivery to c',
    );
    expect(got[0].data).toMatch(/^certified \d+$/);
    expect(got[0]).toMatchObject({ type: 'blobs', network: 'devnet' });
  });

  it('finds a peer through the DHT across a chain of bootstrap links', async () => {
    const a = await startNetwork();
    nets.push(a);
    const b = await startNetwork({ bootstrap: [a.getMultiaddrs()[0].toString()] });
    nets.push(b);
    const c = await startNetwork({ bootstrap: [b.getMultiaddrs()[0].toString()] });
    nets.push(c);
    const d = await startNetwork({ bootstrap: [c.getMultiaddrs()[0].toString()] });
    nets.push(d);
    await waitFor(() => d.libp2p.getPeers().length > 0, 10_000, 'd connected to its bootstrap peer');
    const knewBefore = await d.libp2p.peerStore.has(a.peerId);
    // d only knows c; a is two hops away, so the answer must come from a DHT query
    expect(knewBefore).toBe(false);
    const addrs = await d.resolvePeer(a.peerId, { refresh: true, timeoutMs: 10_000 });
    const aPort = a.getMultiaddrs()[0].toString().split('/')[4];
    expect(addrs.some((m) => m.toString().includes(`/tcp/${aPort}`))).toBe(true);
    // second resolution is answered by the peer store
    const again = await d.resolvePeer(a.peerId);
    expect(again.length).toBeGreaterThan(0);
  });

  it('reports PeerNotFoundError for an unknown peer after the timeout', async () => {
    const a = await startNetwork();
    nets.push(a);
    const unknown = peerIdFromString('12D3KooWFbnbbaYhqZCoCuqM7Ka3imUWnptjBhFDa8qtwwSzKP1f');
    await expect(a.resolvePeer(unknown, { timeoutMs: 300 })).rejects.toBeInstanceOf(PeerNotFoundError);
  });
});
