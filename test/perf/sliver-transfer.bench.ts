/**
 * Benchmark of the request/response layer between two OS processes on loopback (tcp + noise + yamux).
 *
 * Run: `node test/perf/sliver-transfer.bench.ts [--seconds 3]` (Node 24; not a vitest file).
 * It spawns itself with `--server`, then measures, for 1 KiB and 1 MiB bodies:
 * - upload: the body travels in the request (a client storing a sliver), the response is empty;
 * - download: the body travels in the response (a node fetching a sliver);
 * each with 1 and 8 requests in flight. Prints MiB/s (body bytes only) and requests/s.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { multiaddr } from '@multiformats/multiaddr';
import { createNetwork } from '../../node/network/network.ts';

const UPLOAD = '/walrus-ts/bench-upload/1.0.0';
const DOWNLOAD = '/walrus-ts/bench-download/1.0.0';
const MiB = 1024 * 1024;
const MAX_BODY = 16 * MiB;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function server(): Promise<void> {
  const net = await createNetwork({ listen: ['/ip4/127.0.0.1/tcp/0'], subscribeGossip: false });
  await net.start();
  const blob = randomBytes(MAX_BODY);
  const limits = {
    maxRequestBodyBytes: MAX_BODY,
    maxResponseBodyBytes: MAX_BODY,
    maxConcurrentStreamsPerPeer: 64,
  };
  await net.reqResp.handle(UPLOAD, ({ body }) => ({ header: Uint8Array.of(body.byteLength & 0xff) }), limits);
  await net.reqResp.handle(
    DOWNLOAD,
    ({ header }) => ({
      body: blob.subarray(0, new DataView(header.buffer, header.byteOffset).getUint32(0, true)),
    }),
    limits,
  );
  process.stdout.write(JSON.stringify({ addr: net.getMultiaddrs()[0].toString() }) + '\n');
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await net.stop();
    process.exit(0);
  });
}

interface Row {
  direction: string;
  body: string;
  inFlight: number;
  requests: number;
  seconds: number;
  mibPerSec: number;
  reqPerSec: number;
}

async function client(): Promise<void> {
  const seconds = arg('--seconds', 3);
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--server'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', () => reject(new Error('server exited')));
  });
  const addr = multiaddr((JSON.parse(first) as { addr: string }).addr);
  const net = await createNetwork({ listen: ['/ip4/127.0.0.1/tcp/0'], subscribeGossip: false });
  await net.start();
  await net.libp2p.dial(addr, { signal: AbortSignal.timeout(5000) });
  const peer = net.libp2p.getPeers()[0];
  const rows: Row[] = [];
  try {
    for (const size of [1024, MiB]) {
      const body = randomBytes(size);
      const sizeHeader = new Uint8Array(4);
      new DataView(sizeHeader.buffer).setUint32(0, size, true);
      for (const direction of ['upload', 'download'] as const) {
        for (const inFlight of [1, 8]) {
          const one = (): Promise<unknown> =>
            direction === 'upload'
              ? net.reqResp.request(peer, UPLOAD, new Uint8Array(0), body, { maxResponseBodyBytes: 0 })
              : net.reqResp.request(peer, DOWNLOAD, sizeHeader, new Uint8Array(0), {
                  maxResponseBodyBytes: MAX_BODY,
                });
          // warm-up (connection windows, JIT)
          for (let i = 0; i < 20; i++) await one();
          let done = 0;
          const start = performance.now();
          const end = start + seconds * 1000;
          await Promise.all(
            Array.from({ length: inFlight }, async () => {
              while (performance.now() < end) {
                await one();
                done++;
              }
            }),
          );
          const elapsed = (performance.now() - start) / 1000;
          rows.push({
            direction,
            body: size === MiB ? '1 MiB' : '1 KiB',
            inFlight,
            requests: done,
            seconds: Number(elapsed.toFixed(2)),
            mibPerSec: Number(((done * size) / MiB / elapsed).toFixed(1)),
            reqPerSec: Number((done / elapsed).toFixed(0)),
          });
        }
      }
    }
  } finally {
    await net.stop();
    child.stdin!.end();
  }
  console.log(`request/response between two processes, loopback tcp+noise+yamux, ${seconds}s per row`);
  console.table(rows);
}

if (process.argv.includes('--server')) await server();
else await client();
