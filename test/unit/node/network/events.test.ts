import { peerIdFromString } from '@libp2p/peer-id';
import { describe, expect, it } from 'vitest';
import { NetworkEvent, NetworkEventBus } from '../../../../node/network/events.ts';

describe('NetworkEventBus', () => {
  it('delivers typed payloads and unsubscribes', () => {
    const bus = new NetworkEventBus();
    const peerId = peerIdFromString('12D3KooWFbnbbaYhqZCoCuqM7Ka3imUWnptjBhFDa8qtwwSzKP1f');
    const seen: string[] = [];
    const off = bus.on(NetworkEvent.peerConnected, (d) => seen.push(d.peerId.toString()));
    bus.emit(NetworkEvent.peerConnected, { peerId });
    off();
    bus.emit(NetworkEvent.peerConnected, { peerId });
    expect(seen).toEqual([peerId.toString()]);
  });
});
