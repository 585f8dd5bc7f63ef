import { defaultLogger } from '@libp2p/logger';
import { StreamState, YamuxStream } from '@libp2p/yamux/stream';
import { Uint8ArrayList } from 'uint8arraylist';
import { describe, expect, it } from 'vitest';
import { sendYamuxWindowUpdatesOnHalf } from '../../../../node/network/yamux-window.ts';

/** Yamux frame types (spec): data and window update. */
const DATA = 0;
const WINDOW_UPDATE = 1;
const INITIAL_WINDOW = 256 * 1024;

interface SentFrame {
  type: number;
  flag: number;
  length: number;
}

/**
 * Plays a sender that always fills the credit it has, in frames of at most `frameBytes`, against a real
 * YamuxStream receiving them; returns the bytes delivered and the window updates the receiver sent.
 */
function transfer(total: number, frameBytes: number): { delivered: number; updates: SentFrame[] } {
  const sent: SentFrame[] = [];
  const stream = new YamuxStream({
    id: 'test',
    streamId: 1,
    state: StreamState.Established,
    direction: 'inbound',
    log: defaultLogger().forComponent('test:yamux'),
    getRTT: () => -1, // no window auto-tuning: the window stays at its initial size
    sendFrame: (header) => {
      sent.push({ type: header.type, flag: header.flag, length: header.length });
      return true;
    },
  });
  let delivered = 0;
  stream.addEventListener('message', (evt) => {
    delivered += evt.data.byteLength;
  });
  let credit = INITIAL_WINDOW;
  let granted = 0;
  for (let left = total; left > 0;) {
    for (; granted < sent.length; granted++) {
      if (sent[granted].type === WINDOW_UPDATE) credit += sent[granted].length;
    }
    const len = Math.min(frameBytes, left, credit);
    expect(len).toBeGreaterThan(0); // the sender is never left without credit
    stream.handleData({
      header: { type: DATA, flag: 0, streamID: 1, length: len, version: 0 },
      data: new Uint8ArrayList(new Uint8Array(len)),
    });
    credit -= len;
    left -= len;
  }
  return { delivered, updates: sent.filter((f) => f.type === WINDOW_UPDATE) };
}

describe('sendYamuxWindowUpdatesOnHalf', () => {
  it('grants credit once half the receive window is used, and the sender never runs dry', () => {
    const total = 8 * 1024 * 1024;
    // @libp2p/yamux alone answers each of the 512 frames with an update
    expect(transfer(total, 16 * 1024).updates.length).toBe(512);
    sendYamuxWindowUpdatesOnHalf();
    sendYamuxWindowUpdatesOnHalf(); // idempotent
    const { delivered, updates } = transfer(total, 16 * 1024);
    expect(delivered).toBe(total);
    // now one per half window (128 KiB)
    expect(updates.length).toBe(total / (INITIAL_WINDOW / 2));
    for (const u of updates) expect(u.length).toBe(INITIAL_WINDOW / 2);
  });

  it('still answers a frame larger than half the window at once', () => {
    const { delivered, updates } = transfer(4 * 1024 * 1024, INITIAL_WINDOW);
    expect(delivered).toBe(4 * 1024 * 1024);
    expect(updates.length).toBe(16);
  });
});
