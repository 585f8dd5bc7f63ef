import { randomBytes, createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MalformedMessageError,
  MessageTooLargeError,
  RemoteError,
  RequestRejectedError,
  StreamTimeoutError,
  TooManyStreamsError,
  UnauthorizedPeerError,
} from '../../../../../node/network/errors.ts';
import type { Network } from '../../../../../node/network/network.ts';
import { allowPeers } from '../../../../../node/network/reqresp/auth.ts';
import { ResponseStatus } from '../../../../../node/network/reqresp/status.ts';
import {
  decodeResponsePrefix,
  encodeRequestPrefix,
  RESPONSE_PREFIX_BYTES,
} from '../../../../../node/network/reqresp/wire.ts';
import { NetworkEvent } from '../../../../../node/network/events.ts';
import { connect, startNetwork, stopAll, waitFor } from '../helpers.ts';

const MiB = 1024 * 1024;
const ECHO = '/walrus-ts/test-echo/1.0.0';
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Reads everything a raw stream delivers until it ends or errors. */
async function readAllRaw(
  stream: AsyncIterable<Uint8Array | { subarray(): Uint8Array }>,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  try {
    for await (const c of stream) parts.push(c instanceof Uint8Array ? c : c.subarray());
  } catch {
    // reset after the answer: keep what arrived
  }
  return Buffer.concat(parts);
}

describe('request/response layer', () => {
  let nets: Network[] = [];
  let a: Network;
  let b: Network;
  let c: Network;

  beforeEach(async () => {
    nets = [await startNetwork(), await startNetwork(), await startNetwork()];
    [a, b, c] = nets;
    await connect(b, a);
    await connect(c, a);
  });

  afterEach(async () => {
    await stopAll(nets);
  });

  it('round-trips header and a 16 MiB body in both directions', async () => {
    await a.reqResp.handle(
      ECHO,
      ({ header, body }) => ({
        header: Uint8Array.from([...header].reverse()),
        body: [body.subarray(0, 1), body.subarray(1)],
      }),
      { maxRequestBodyBytes: 16 * MiB, maxResponseBodyBytes: 16 * MiB },
    );
    const body = randomBytes(16 * MiB);
    const res = await b.reqResp.request(a.peerId, ECHO, Uint8Array.of(1, 2, 3), body, {
      maxResponseBodyBytes: 16 * MiB,
      signal: AbortSignal.timeout(30_000),
    });
    expect([...res.header]).toEqual([3, 2, 1]);
    expect(res.body.byteLength).toBe(16 * MiB);
    expect(sha(res.body)).toBe(sha(body));
  });

  it('serves empty header and body', async () => {
    await a.reqResp.handle(ECHO, () => ({}));
    const res = await b.reqResp.request(a.peerId, ECHO, new Uint8Array(0), new Uint8Array(0));
    expect(res.header.byteLength).toBe(0);
    expect(res.body.byteLength).toBe(0);
  });

  it('rejects an oversize request body with a typed error, then keeps serving the same peer', async () => {
    let calls = 0;
    await a.reqResp.handle(
      ECHO,
      ({ body }) => {
        calls++;
        return { body };
      },
      { maxRequestBodyBytes: 1 * MiB },
    );
    const err = await b.reqResp
      .request(a.peerId, ECHO, new Uint8Array(0), randomBytes(2 * MiB))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MessageTooLargeError);
    expect((err as MessageTooLargeError).remote).toBe(true);
    expect((err as MessageTooLargeError).status).toBe(ResponseStatus.TOO_LARGE);
    expect(calls).toBe(0);
    const ok = await b.reqResp.request(a.peerId, ECHO, new Uint8Array(0), randomBytes(1 * MiB));
    expect(ok.body.byteLength).toBe(1 * MiB);
  });

  it('refuses an oversize request header', async () => {
    await a.reqResp.handle(ECHO, () => ({}), { maxRequestHeaderBytes: 16 });
    await expect(
      b.reqResp.request(a.peerId, ECHO, new Uint8Array(17), new Uint8Array(0)),
    ).rejects.toBeInstanceOf(MessageTooLargeError);
  });

  it('refuses an oversize response on the client side', async () => {
    await a.reqResp.handle(ECHO, () => ({ body: new Uint8Array(2 * MiB) }), {
      maxResponseBodyBytes: 4 * MiB,
    });
    const err = await b.reqResp
      .request(a.peerId, ECHO, new Uint8Array(0), new Uint8Array(0), { maxResponseBodyBytes: 1 * MiB })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MessageTooLargeError);
    expect((err as MessageTooLargeError).remote).toBe(false);
    expect((err as MessageTooLargeError).size).toBe(2 * MiB);
  });

  it('times out a stalled sender while another peer is still served', async () => {
    await a.reqResp.handle(ECHO, ({ body }) => ({ body }), { idleTimeoutMs: 300, maxRequestBodyBytes: MiB });
    // b announces 1000 body bytes, sends 10, then goes silent.
    const stalled = await b.libp2p.dialProtocol(a.peerId, ECHO, { signal: AbortSignal.timeout(5000) });
    stalled.send(encodeRequestPrefix({ headerLength: 0, bodyLength: 1000 }));
    stalled.send(new Uint8Array(10));
    await waitFor(() => a.reqResp.activeStreams(ECHO, b.peerId) === 1, 5000, 'stalled stream accepted');

    // c is served while b's stream is stalled
    const res = await c.reqResp.request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(7, 7));
    expect([...res.body]).toEqual([7, 7]);

    const answer = await readAllRaw(stalled);
    const prefix = decodeResponsePrefix(answer.subarray(0, RESPONSE_PREFIX_BYTES));
    expect(prefix.status).toBe(ResponseStatus.TIMEOUT);
    await waitFor(() => a.reqResp.activeStreams(ECHO, b.peerId) === 0, 5000, 'slot freed');
  });

  it('client times out a stalled server with StreamTimeoutError', async () => {
    await a.reqResp.handle(ECHO, () => new Promise(() => {}), { handlerTimeoutMs: 60_000 });
    const err = await b.reqResp
      .request(a.peerId, ECHO, new Uint8Array(0), new Uint8Array(0), { timeoutMs: 400 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamTimeoutError);
    expect((err as StreamTimeoutError).kind).toBe('request');
  });

  it('honours the caller AbortSignal', async () => {
    await a.reqResp.handle(ECHO, () => new Promise(() => {}));
    const ac = new AbortController();
    const p = b.reqResp.request(a.peerId, ECHO, new Uint8Array(0), new Uint8Array(0), { signal: ac.signal });
    setTimeout(() => ac.abort(new Error('caller gave up')), 100);
    await expect(p).rejects.toThrow('caller gave up');
  });

  it('limits concurrent streams per peer with a typed answer, not a crash', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await a.reqResp.handle(
      ECHO,
      async ({ body }) => {
        await gate;
        return { body };
      },
      { maxConcurrentStreamsPerPeer: 2 },
    );
    const first = [1, 2].map((i) => b.reqResp.request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(i)));
    await waitFor(() => a.reqResp.activeStreams(ECHO, b.peerId) === 2, 5000, 'two streams active');

    const err = await b.reqResp
      .request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(3))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooManyStreamsError);
    expect((err as TooManyStreamsError).retryable).toBe(true);

    // another peer is not affected by b's limit
    const fromC = c.reqResp.request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(9));
    release();
    const results = await Promise.all([...first, fromC]);
    expect(results.map((r) => r.body[0])).toEqual([1, 2, 9]);
    await waitFor(() => a.reqResp.activeStreams(ECHO) === 0, 5000, 'all slots freed');
  });

  it('rejects an unauthorized peer and serves an authorized one', async () => {
    const allowed = c.peerId.toString();
    await a.reqResp.handle(ECHO, ({ body }) => ({ body }), { authorize: allowPeers((id) => id === allowed) });
    const err = await b.reqResp
      .request(a.peerId, ECHO, new Uint8Array(0), new Uint8Array(1))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnauthorizedPeerError);
    const ok = await c.reqResp.request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(5));
    expect([...ok.body]).toEqual([5]);
  });

  it('passes handler rejections through as RemoteError with status and reason', async () => {
    await a.reqResp.handle(ECHO, ({ header }) => {
      if (header[0] === 1) throw new RequestRejectedError(ResponseStatus.NOT_FOUND, 'no such sliver');
      if (header[0] === 2) throw new RequestRejectedError(300, 'application says no');
      throw new Error('boom with secrets');
    });
    const e1 = await b.reqResp
      .request(a.peerId, ECHO, Uint8Array.of(1), new Uint8Array(0))
      .catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(RemoteError);
    expect((e1 as RemoteError).status).toBe(ResponseStatus.NOT_FOUND);
    expect((e1 as RemoteError).reason).toBe('no such sliver');
    const e2 = await b.reqResp
      .request(a.peerId, ECHO, Uint8Array.of(2), new Uint8Array(0))
      .catch((e: unknown) => e);
    expect((e2 as RemoteError).status).toBe(300);
    const e3 = await b.reqResp
      .request(a.peerId, ECHO, Uint8Array.of(3), new Uint8Array(0))
      .catch((e: unknown) => e);
    expect((e3 as RemoteError).status).toBe(ResponseStatus.INTERNAL);
    expect((e3 as RemoteError).reason).not.toContain('secrets');
  });

  it('answers a malformed envelope with MALFORMED', async () => {
    await a.reqResp.handle(ECHO, () => ({}));
    const stream = await b.libp2p.dialProtocol(a.peerId, ECHO, { signal: AbortSignal.timeout(5000) });
    const bad = encodeRequestPrefix({ headerLength: 0, bodyLength: 0 });
    bad[0] = 99;
    stream.send(bad);
    await stream.close();
    const answer = await readAllRaw(stream);
    expect(decodeResponsePrefix(answer.subarray(0, RESPONSE_PREFIX_BYTES)).status).toBe(
      ResponseStatus.MALFORMED,
    );
    // and the client-side mapping of that status is the typed error
    expect(new MalformedMessageError('x', true).status).toBe(ResponseStatus.MALFORMED);
  });

  it('emits requestServed events with status and byte counts', async () => {
    const seen: { status: number; bytesIn: number }[] = [];
    a.events.on(NetworkEvent.requestServed, (e) => seen.push({ status: e.status, bytesIn: e.bytesIn }));
    await a.reqResp.handle(ECHO, ({ body }) => ({ body }), { maxRequestBodyBytes: 100 });
    await b.reqResp.request(a.peerId, ECHO, new Uint8Array(4), new Uint8Array(50));
    await b.reqResp.request(a.peerId, ECHO, new Uint8Array(0), new Uint8Array(101)).catch(() => {});
    await waitFor(() => seen.length === 2, 5000, 'two events');
    expect(seen[0]).toEqual({ status: ResponseStatus.OK, bytesIn: 14 + 4 + 50 });
    expect(seen[1].status).toBe(ResponseStatus.TOO_LARGE);
  });
  it('reads the request body into shared memory when sharedBody is set', async () => {
    const kinds: string[] = [];
    await a.reqResp.handle(
      ECHO,
      ({ body }) => {
        kinds.push(body.buffer instanceof SharedArrayBuffer ? 'shared' : 'own');
        return { body: new Uint8Array(body) };
      },
      { sharedBody: true },
    );
    const res = await b.reqResp.request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(1, 2, 3));
    expect([...res.body]).toEqual([1, 2, 3]);
    expect(kinds).toEqual(['shared']);
  });

  it('reuses body memory (reuseBody) only after the handler settled and answered, even past a timeout', async () => {
    const SLOW = '/walrus-ts/test-slow/1.0.0';
    const buffers = new Set<ArrayBufferLike>();
    let release: (() => void) | undefined;
    let slowBody: Uint8Array | undefined;
    await a.reqResp.handle(
      ECHO,
      ({ body }) => {
        buffers.add(body.buffer);
        // every other answer is a view of the pooled body itself: that memory is then never reused
        return { body: body[0] % 2 ? body : new Uint8Array(body) };
      },
      { sharedBody: true, reuseBody: true, maxRequestBodyBytes: 2 * MiB, maxResponseBodyBytes: 2 * MiB },
    );
    await a.reqResp.handle(
      SLOW,
      async ({ body }) => {
        slowBody = body;
        await new Promise<void>((r) => (release = r));
        return {};
      },
      { sharedBody: true, reuseBody: true, handlerTimeoutMs: 200, maxRequestBodyBytes: 2 * MiB },
    );
    let served = 0;
    a.events.on(NetworkEvent.requestServed, () => served++);
    const opts = { maxResponseBodyBytes: 2 * MiB };
    // rounds of 4 concurrent requests in one size class (2 MiB): each answer is its own request's body.
    // Requests 1 and 3 of a round are answered with their pooled body, so only 0 and 2 give theirs back.
    for (let round = 0; round < 3; round++) {
      const bodies = Array.from({ length: 4 }, (_, i) => {
        const x = randomBytes(MiB + 1 + 7 * round);
        x[0] = i;
        return x;
      });
      const res = await Promise.all(
        bodies.map((x, i) => (i % 2 ? b : c).reqResp.request(a.peerId, ECHO, new Uint8Array(0), x, opts)),
      );
      res.forEach((r, i) => expect(sha(r.body)).toBe(sha(bodies[i])));
      // the client can hold the whole answer before the server has finished sending it: wait for the server
      await waitFor(() => served === 4 * (round + 1), 5000, `round ${round} served`);
      await new Promise((r) => setImmediate(r));
    }
    // 4 new buffers, then at most 2 new ones per round: the two given back are taken again
    expect(buffers.size).toBeLessThanOrEqual(8);
    // a handler that times out keeps its body until it really settles
    const held = randomBytes(MiB);
    await expect(b.reqResp.request(a.peerId, SLOW, new Uint8Array(0), held)).rejects.toThrow();
    const others = Array.from({ length: 4 }, () => randomBytes(MiB));
    const res = await Promise.all(
      others.map((x) => b.reqResp.request(a.peerId, ECHO, new Uint8Array(0), x, opts)),
    );
    res.forEach((r, i) => expect(sha(r.body)).toBe(sha(others[i])));
    expect(sha(slowBody!)).toBe(sha(held));
    release!();
  });

  it('releases an answer once read: at the next request on its stream or when the stream closes, not when idle', async () => {
    const released: number[] = [];
    let calls = 0;
    await a.reqResp.handle(ECHO, ({ body }) => {
      const i = calls++;
      return { body: new Uint8Array(body), release: () => released.push(i) };
    });
    const ask = (x: number): Promise<unknown> =>
      b.reqResp.request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(x));
    await ask(0);
    expect(released).toEqual([]); // the stream is open and idle: the muxer may still hold the answer
    await ask(1);
    expect(released).toEqual([0]); // request 1 arrived on the same stream: answer 0 was read
    await new Promise((r) => setTimeout(r, 1300)); // idle past the wait: answer 1 is forgotten
    await ask(2);
    expect(released).toEqual([0]);
    await b.libp2p.hangUp(a.peerId); // the stream closes: answer 2 is released
    await waitFor(() => released.length === 2, 5000, 'release on close');
    expect(released).toEqual([0, 2]);

    // an answer that was never sent (the handler timed out) is released when its handler settles
    const SLOW = '/walrus-ts/test-slow-release/1.0.0';
    let finish: (() => void) | undefined;
    let slowReleased = false;
    await a.reqResp.handle(
      SLOW,
      async () => {
        await new Promise<void>((r) => (finish = r));
        return { body: Uint8Array.of(1), release: () => (slowReleased = true) };
      },
      { handlerTimeoutMs: 200 },
    );
    await connect(b, a);
    await expect(b.reqResp.request(a.peerId, SLOW, new Uint8Array(0), new Uint8Array(0))).rejects.toThrow();
    expect(slowReleased).toBe(false);
    finish!();
    await waitFor(() => slowReleased, 5000, 'release of the unsent answer');
  });

  describe('keep-alive (envelope version 2)', () => {
    const echoStreams = (n: Network): number =>
      n.libp2p
        .getConnections()
        .flatMap((conn) => conn.streams)
        .filter((st) => st.protocol === ECHO && st.status === 'open').length;

    it('runs sequential requests over one stream', async () => {
      let served = 0;
      await a.reqResp.handle(ECHO, ({ body }) => {
        served++;
        return { body };
      });
      for (let i = 0; i < 5; i++) {
        const res = await b.reqResp.request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(i));
        expect([...res.body]).toEqual([i]);
      }
      expect(served).toBe(5);
      expect(echoStreams(b)).toBe(1);
      expect(a.reqResp.activeStreams(ECHO, b.peerId)).toBe(0);
    });

    it('opens more streams for concurrent requests and keeps at most maxIdleStreamsPerPeer', async () => {
      const d = await startNetwork({ reqResp: { maxIdleStreamsPerPeer: 2 } });
      nets.push(d);
      await connect(d, a);
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      await a.reqResp.handle(ECHO, async ({ body }) => {
        await gate;
        return { body };
      });
      const all = [1, 2, 3, 4].map((i) =>
        d.reqResp.request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(i)),
      );
      await waitFor(() => a.reqResp.activeStreams(ECHO, d.peerId) === 4, 5000, 'four requests in progress');
      release();
      expect((await Promise.all(all)).map((r) => r.body[0])).toEqual([1, 2, 3, 4]);
      await waitFor(() => echoStreams(d) === 2, 5000, 'two idle streams kept');
    });

    it('still serves one-shot (version 1) requests and closes their stream', async () => {
      await a.reqResp.handle(ECHO, ({ body }) => ({ body }));
      const stream = await b.libp2p.dialProtocol(a.peerId, ECHO, { signal: AbortSignal.timeout(5000) });
      stream.send(encodeRequestPrefix({ headerLength: 0, bodyLength: 2 }));
      stream.send(Uint8Array.of(4, 2));
      await stream.close();
      const answer = await readAllRaw(stream);
      const prefix = decodeResponsePrefix(answer.subarray(0, RESPONSE_PREFIX_BYTES));
      expect(prefix).toMatchObject({ version: 1, status: ResponseStatus.OK, bodyLength: 2 });
      expect([...answer.subarray(RESPONSE_PREFIX_BYTES)]).toEqual([4, 2]);
    });

    it('recovers when the server closed an idle stream, and after an error answer', async () => {
      await stopAll(nets);
      nets = [await startNetwork({ reqResp: { keepAliveTimeoutMs: 100 } }), await startNetwork()];
      [a, b] = nets;
      await connect(b, a);
      await a.reqResp.handle(ECHO, ({ body }) => {
        if (body[0] === 0) throw new RequestRejectedError(ResponseStatus.NOT_FOUND, 'zero');
        return { body };
      });
      expect([
        ...(await b.reqResp.request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(1))).body,
      ]).toEqual([1]);
      await waitFor(() => echoStreams(b) === 0, 5000, 'server closed the idle stream');
      expect([
        ...(await b.reqResp.request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(2))).body,
      ]).toEqual([2]);
      const err = await b.reqResp
        .request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(0))
        .catch((e: unknown) => e);
      expect((err as RemoteError).status).toBe(ResponseStatus.NOT_FOUND);
      expect([
        ...(await b.reqResp.request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(3))).body,
      ]).toEqual([3]);
    });

    it('sends version 1 when keep-alive is off', async () => {
      const d = await startNetwork({ reqResp: { keepAlive: false } });
      nets.push(d);
      await connect(d, a);
      await a.reqResp.handle(ECHO, ({ body }) => ({ body }));
      for (let i = 0; i < 3; i++) {
        expect([
          ...(await d.reqResp.request(a.peerId, ECHO, new Uint8Array(0), Uint8Array.of(i))).body,
        ]).toEqual([i]);
      }
      await waitFor(() => echoStreams(d) === 0, 5000, 'one-shot streams closed');
    });
  });
});
