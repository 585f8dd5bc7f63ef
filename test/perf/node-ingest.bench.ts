/**
 * Ingest benchmark: slivers stored per second and MiB/s into ONE storage node (its own OS process, file
 * store, durable before the answer: group commit of fdatasync + index commit) over libp2p (TCP + Noise +
 * Yamux) from a client in this process. Every sliver is verified by the node against the blob's metadata
 * before it is written.
 *
 * Anchor, measured in the same run: the same requests (same part sizes, count and concurrency) sent to a
 * bare request/response sink in its own process (`sliver-transfer.bench.ts --server`, which only answers
 * with one byte): what libp2p's transport alone costs and allows here, i.e. the ceiling of the node rows.
 *
 * Run: `node test/perf/node-ingest.bench.ts` (prints a table); `INGEST_CASES='1 KiB'` runs only the named
 * cases, `INGEST_RUNS=5` times each case 5 times (default 3). n = 25 shards, so that a primary sliver can be
 * 1 MiB (C = 17 symbols of 61,680 bytes); the 1 KiB case uses C = 17 symbols of 60 bytes.
 *
 * Method: per case, 40 untimed requests warm up the node and the sink alike (JIT, worker pool, segment
 * files); then node and sink runs alternate (fresh blobs for every run), and each row is the run with the
 * median throughput, with the range of all runs beside it: wall throughput on this 2-core VM varies by a
 * third from run to run for the same work, the CPU columns much less. 'client CPU ms/MiB' is this process
 * (the sender: Noise encryption, Yamux, TCP), which shares the machine's cores with the node.

 * Profiling: each timed run prints its window on the monotonic clock to stderr (microseconds, the clock of
 * V8 `.cpuprofile` files and of `perf record -k CLOCK_MONOTONIC`), and `WALRUS_TS_NODE_EXEC_ARGV` passes
 * flags to the node process (`--trace-gc`, `--cpu-prof`, `--perf-basic-prof`). What decided session 3's
 * changes was `perf record -e cpu-clock -g -k CLOCK_MONOTONIC -p <node pid>` (CPU time of every thread,
 * kernel included, so other load on the box does not inflate it) cut to the window with `perf report
 * --time`. Where the node's CPU went in the 1 MiB case after those changes (10.3 ms/MiB under perf):
 * verification on the worker pool (RS expansion + Blake2b leaves, WASM) 2.6; Noise decryption 1.3; socket
 * reads (kernel TCP + Node stream) 1.3; copies of shared memory (into the body, into the direct-write
 * staging buffer, into the workers' WASM memory) 1.2; V8 GC 1.2; other libp2p/Yamux 0.9; CRC-32 0.35;
 * worker messages 0.3; segment write + fdatasync 0.2; put-slivers service code 0.2. Yamux sends a window
 * update per data frame and V8 counts every libuv read buffer and decrypted Noise message as external
 * memory, which is what is left of the transport and GC columns.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { multiaddr } from '@multiformats/multiaddr';
import { availableParallelism, loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { serializeBlobMetadata } from '../../shared/bcs/blob.ts';
import { serializeSliverData } from '../../shared/bcs/sliver.ts';
import { blobIdToString } from '../../shared/encoding/blob-id.ts';
import { encodeBlob, type EncodedBlob } from '../../shared/encoding/encoder.ts';
import { initHashing } from '../../shared/encoding/hashing.ts';
import { encodedBlobLength, encodingParams } from '../../shared/encoding/params.ts';
import {
  BlobIdHeaderBcs,
  decodeHeader,
  encodeHeader,
  PutMetadataHeaderBcs,
  PutResponseHeaderBcs,
  PutSliversHeaderBcs,
} from '../../shared/protocol/headers.ts';
import { StorageProtocol } from '../../shared/protocol/ids.ts';
import { InProcessChainClient } from '../../node/chain/embedded/in-process-client.ts';
import { Ledger } from '../../node/chain/embedded/ledger.ts';
import { startChainServer } from '../../node/chain/embedded/server.ts';
import { generateKeystore, writeKeystore } from '../../node/identity/keystore.ts';
import { createNetwork } from '../../node/network/index.ts';
import { exited, spawnNode } from '../e2e/node/process-fixtures.ts';
import { registerNode } from '../unit/node/service/fixtures.ts';

const N_SHARDS = 25;
const MiB = 1024 * 1024;
const WAL = 1_000_000_000n;
/** The sink's upload protocol (sliver-transfer.bench.ts): answers one byte, keeps nothing. */
const SINK_PROTOCOL = '/walrus-ts/bench-upload/1.0.0';

interface Case {
  name: string;
  /** Blob size giving the wanted primary sliver size. */
  blobSize: number;
  /** Blobs per timed run. */
  blobs: number;
  /** Primary slivers per putSlivers request. */
  perRequest: number;
  /** Requests in flight. */
  concurrency: number;
}

const { primarySymbols: R, secondarySymbols: C } = encodingParams(N_SHARDS);
/**
 * The 1 MiB cases: 4 requests of 4 MiB in flight (16 MiB; the client's write flow sends a node batches of up
 * to 32 MiB, and a node takes uploads of several blobs and clients at once), and session 2-3's shape of 2 in
 * flight (8 MiB), kept for comparison: with fewer bytes in flight the node's stages (transport, verification
 * on the worker pool, write + fdatasync) overlap less.
 */
const CASES: Case[] = [
  { name: '1 KiB', blobSize: R * C * 60, blobs: 120, perRequest: 25, concurrency: 4 },
  { name: '1 MiB', blobSize: R * C * 61_680, blobs: 6, perRequest: 4, concurrency: 4 },
  { name: '1 MiB (2 in flight)', blobSize: R * C * 61_680, blobs: 6, perRequest: 4, concurrency: 2 },
];
/** Untimed requests before the timed runs, to the node and to the sink alike (JIT, worker pool, files). */
const WARM_UP_REQUESTS = 40;
/** Timed runs per case (node and anchor alternating); the table shows the median run and the range. */
const RUNS = Math.max(1, Number(process.env.INGEST_RUNS ?? 3));

/** CPU time (user + system, ms) a process has used, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11] = utime, fields[12] = stime (clock ticks, 100 per second on Linux)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Peak resident set size of a process so far (VmHWM, MiB), from /proc (Linux); undefined elsewhere. */
function peakRssMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function bytes(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Requests prepared before timing. */
interface PreparedRequest {
  header: Uint8Array;
  parts: Uint8Array[];
  bytes: number;
  count: number;
}

/** putSlivers requests of `blobs`: each carries `perRequest` primary slivers of one blob. */
function putRequests(blobs: EncodedBlob[], perRequest: number): PreparedRequest[] {
  const requests: PreparedRequest[] = [];
  for (const b of blobs) {
    for (let p0 = 0; p0 < N_SHARDS; p0 += perRequest) {
      const parts: Uint8Array[] = [];
      const entries = [];
      for (let p = p0; p < Math.min(N_SHARDS, p0 + perRequest); p++) {
        const data = serializeSliverData(b.primarySlivers[p]);
        parts.push(data);
        entries.push({ pairIndex: p, sliverType: 'primary' as const, length: data.length });
      }
      requests.push({
        header: encodeHeader(PutSliversHeaderBcs, { blobId: b.blobId, pending: false, entries }),
        parts,
        bytes: parts.reduce((a, x) => a + x.length, 0),
        count: parts.length,
      });
    }
  }
  return requests;
}

/** Runs `requests` with `concurrency` in flight; returns seconds and the target process's CPU ms. */
async function timed(
  requests: PreparedRequest[],
  concurrency: number,
  pid: number | undefined,
  send: (r: PreparedRequest) => Promise<void>,
): Promise<Timing> {
  let next = 0;
  const cpuBefore = cpuMs(pid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const monoStart = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) await send(requests[next++]);
    }),
  );
  const secs = (performance.now() - started) / 1000;
  const cpuAfter = cpuMs(pid);
  const client = process.cpuUsage(clientBefore);
  // the timed window on the monotonic clock (microseconds, as in V8 .cpuprofile files), to cut profiles
  // taken with NODE_OPTIONS=--cpu-prof down to it
  process.stderr.write(
    `timed window (monotonic us): ${monoStart / 1000n} ${process.hrtime.bigint() / 1000n}\n`,
  );
  return {
    secs,
    cpu: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    clientCpu: (client.user + client.system) / 1000,
    rss: peakRssMiB(pid),
  };
}

/** One timed run: wall seconds, CPU ms of the target process and of this (client) process, peak RSS. */
interface Timing {
  secs: number;
  cpu: number | undefined;
  clientCpu: number;
  rss: number | undefined;
}

/** The run with the median throughput, and the range of all runs' MiB/s. */
function medianRun(runs: Timing[], mib: number): { run: Timing; range: string } {
  const sorted = [...runs].sort((a, b) => a.secs - b.secs);
  const rate = (t: Timing): string => (mib / t.secs).toFixed(0);
  return {
    run: sorted[Math.floor((sorted.length - 1) / 2)],
    range: runs.length > 1 ? `${rate(sorted.at(-1)!)}-${rate(sorted[0])}` : '-',
  };
}

function row(name: string, sliverBytes: number, requests: PreparedRequest[], runs: Timing[]): string[] {
  const slivers = requests.reduce((a, r) => a + r.count, 0);
  const total = requests.reduce((a, r) => a + r.bytes, 0);
  const mib = total / MiB;
  const { run, range } = medianRun(runs, mib);
  const { secs, cpu } = run;
  return [
    name,
    String(sliverBytes),
    String(slivers),
    mib.toFixed(1),
    secs.toFixed(2),
    (slivers / secs).toFixed(0),
    (mib / secs).toFixed(1),
    range,
    cpu === undefined ? '-' : String(Math.round(cpu)),
    cpu === undefined ? '-' : (cpu / mib).toFixed(1),
    cpu === undefined ? '-' : ((cpu * 1000) / slivers).toFixed(0),
    (run.clientCpu / mib).toFixed(1),
    run.rss === undefined ? '-' : run.rss.toFixed(0),
  ];
}

/** Starts the bare request/response sink of sliver-transfer.bench.ts in its own process. */
async function startSink(): Promise<{ child: ReturnType<typeof spawn>; addr: string }> {
  const script = fileURLToPath(new URL('./sliver-transfer.bench.ts', import.meta.url));
  const child = spawn(process.execPath, [script, '--server'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', () => reject(new Error('sink process exited')));
  });
  return { child, addr: (JSON.parse(first) as { addr: string }).addr };
}

async function main(): Promise<void> {
  await initHashing();
  const dir = mkdtempSync(join(tmpdir(), 'walrus-ts-ingest-'));
  const ledger = new Ledger({ nShards: N_SHARDS, epochDurationMs: 3_600_000 });
  const ks = await generateKeystore();
  await registerNode(ledger, ks, 'bench');
  await new InProcessChainClient(ledger, ks.suiKeypair).startFirstEpoch();
  const user = new InProcessChainClient(ledger, Ed25519Keypair.generate());
  await user.faucet({ amount: 1000n * WAL });
  const server = await startChainServer({ ledger, blsWorkers: 0 });
  await writeKeystore(join(dir, 'keystore.json'), ks);
  const proc = await spawnNode(server.url, join(dir, 'keystore.json'), join(dir, 'data'));
  const net = await createNetwork({ listen: ['/ip4/127.0.0.1/tcp/0'], subscribeGossip: false });
  await net.start();
  const sink = await startSink();
  const sinkAddr = multiaddr(sink.addr);
  const sinkRequest = async (parts: Uint8Array[]): Promise<void> => {
    await net.reqResp.request(sinkAddr, SINK_PROTOCOL, new Uint8Array(0), parts, {
      maxResponseBodyBytes: 0,
      timeoutMs: 120_000,
    });
  };
  const request = (protocol: string, header: Uint8Array, body: Uint8Array | Uint8Array[]) =>
    net.reqResp.request(proc.multiaddrs, protocol, header, body, {
      maxResponseBodyBytes: MiB,
      timeoutMs: 120_000,
    });

  /** Reserves storage for `blobs` and registers each on chain; returns once the node has seen them all. */
  const registerBlobs = async (blobs: EncodedBlob[], blobSize: number): Promise<void> => {
    const { storage } = await user.reserveSpace({
      size: encodedBlobLength(blobSize, N_SHARDS) * blobs.length,
      epochs: 2,
    });
    let storageId = storage.id;
    for (let i = 0; i < blobs.length; i++) {
      let use = storageId;
      if (i < blobs.length - 1) {
        const split = await user.splitStorageBySize({
          storageId,
          size: encodedBlobLength(blobSize, N_SHARDS),
        });
        use = split.split.id;
        storageId = split.storage.id;
      }
      await user.registerBlob({
        storageId: use,
        blobId: blobIdToString(blobs[i].blobId),
        rootHash: blobs[i].rootHash,
        size: blobSize,
        encodingType: 1,
        deletable: false,
      });
    }
    const last = blobs[blobs.length - 1].blobId;
    for (;;) {
      const res = await request(
        StorageProtocol.getBlobStatus,
        encodeHeader(BlobIdHeaderBcs, { blobId: last }),
        [],
      );
      if (new TextDecoder().decode(res.body) !== '"nonexistent"') break;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const rows: string[][] = [];
  let seed = 0;
  try {
    // INGEST_CASES="1 KiB" runs only the named cases (comma-separated)
    const only = process.env.INGEST_CASES?.split(',').map((x) => x.trim());
    for (const c of CASES.filter((x) => !only || only.includes(x.name))) {
      // fresh blobs for the warm-up and for every timed run (a sliver stored once is not stored again)
      const warmBlobs = Math.ceil((WARM_UP_REQUESTS * c.perRequest) / N_SHARDS);
      const total = warmBlobs + c.blobs * RUNS;
      process.stderr.write(`${c.name}: encoding ${total} blobs of ${c.blobSize} bytes...\n`);
      const blobs: EncodedBlob[] = [];
      for (let i = 0; i < total; i++) {
        blobs.push(encodeBlob(bytes(c.blobSize, ++seed), N_SHARDS));
        // let the connection answer the node's liveness pings: encoding a case's blobs takes many seconds,
        // and libp2p's connection monitor closes a connection whose peer does not answer in time
        await new Promise((r) => setImmediate(r));
      }
      await registerBlobs(blobs, c.blobSize);
      for (const b of blobs) {
        await request(
          StorageProtocol.putMetadata,
          encodeHeader(PutMetadataHeaderBcs, { blobId: b.blobId, pending: false }),
          serializeBlobMetadata(b.metadata),
        );
      }
      const warm = putRequests(blobs.slice(0, warmBlobs), c.perRequest).slice(0, WARM_UP_REQUESTS);
      const runs = Array.from({ length: RUNS }, (_, r) =>
        putRequests(blobs.slice(warmBlobs + r * c.blobs, warmBlobs + (r + 1) * c.blobs), c.perRequest),
      );
      const sliverBytes = runs[0][0].parts[0].length;
      // The anchor sends the same parts (fresh random bytes of the same sizes) to the bare sink.
      const sinkRuns = runs.map((reqs) =>
        reqs.map((r) => ({ ...r, parts: r.parts.map((x) => randomBytes(x.length)) })),
      );
      const putTo = async (r: PreparedRequest): Promise<void> => {
        const res = await request(StorageProtocol.putSlivers, r.header, r.parts);
        const outcomes = decodeHeader(PutResponseHeaderBcs, res.header).outcomes;
        if (outcomes.length !== r.count || outcomes.some((o) => o !== 0)) {
          throw new Error(`unexpected outcomes ${outcomes.join(',')}`);
        }
      };
      await timed(warm, c.concurrency, proc.child.pid, putTo);
      for (let i = 0; i < WARM_UP_REQUESTS; i++) await sinkRequest(sinkRuns[0][i % sinkRuns[0].length].parts);
      // node and anchor runs alternate, so that a slow spell of the machine hits both
      const nodeTimes: Timing[] = [];
      const sinkTimes: Timing[] = [];
      for (let r = 0; r < RUNS; r++) {
        nodeTimes.push(await timed(runs[r], c.concurrency, proc.child.pid, putTo));
        sinkTimes.push(await timed(sinkRuns[r], c.concurrency, sink.child.pid, (x) => sinkRequest(x.parts)));
      }
      rows.push(row(c.name, sliverBytes, runs[0], nodeTimes));
      rows.push(row(`${c.name} anchor`, sliverBytes, sinkRuns[0], sinkTimes));
    }
  } finally {
    await net.stop();
    sink.child.stdin!.end();
    await exited(sink.child);
    proc.child.kill('SIGTERM');
    await exited(proc.child);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const head = [
    'case',
    'sliver bytes',
    'slivers',
    'MiB',
    'seconds',
    'slivers/s',
    'MiB/s',
    'range MiB/s',
    'node CPU ms',
    'CPU ms/MiB',
    'CPU us/sliver',
    'client CPU ms/MiB',
    'peak RSS MiB',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padStart(widths[i])).join(' | ') + ' |';
  process.stdout.write(
    `node ingest over libp2p (n = ${N_SHARDS}, one node in its own process, verified and durable before each ` +
      `answer; 'anchor' rows: the same requests to a bare request/response sink process, CPU columns = that process; ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}, ${availableParallelism()} cores)\n`,
  );
  process.stdout.write(line(head) + '\n');
  process.stdout.write('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|\n');
  for (const r of rows) process.stdout.write(line(r) + '\n');
}

await main();
