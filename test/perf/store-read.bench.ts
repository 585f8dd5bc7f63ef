/**
 * Store and read benchmark: latency and throughput of the client's write and read flows against real
 * storage nodes, split into phases. Issue 5's goals: store time / encode time <= 2 and read >= 100 MiB/s
 * for 64 MiB on loopback, 7 nodes, n = 100 and n = 1000.
 *
 * Run: node test/perf/store-read.bench.ts [--sizes 1KiB,1MiB,16MiB,64MiB] [--shards 100] [--nodes 7]
 *      [--runs 2] [--warmup 1] [--transport libp2p|http] [--mode devnet|in-process] [--base-port 19600]
 *      [--chain-url URL --wallet FILE] [--profile-reads DIR] [--read-memory pool|fresh]
 *
 * Set-ups:
 * - `devnet` (default): the real multi-process shape. A fresh devnet (node/devnet `Devnet`: embedded chain,
 *   `--nodes` storage node processes, the daemon; no explorer) in a temporary directory, stopped at the end.
 *   With `--chain-url` and `--wallet` (a funded wallet, e.g. `<dataDir>/wallets/user.json`) an already
 *   running devnet is used instead and left running. The client runs in this process.
 * - `in-process`: an embedded chain (in-process ledger), `--nodes` nodes and the client in this one process
 *   (one event loop: nodes verify slivers while the client encodes and decodes).
 *
 * Each size first runs `--warmup` unmeasured rounds (default 1) of the same store and read: the first
 * large transfers of a fresh devnet fault in memory that later ones reuse (the client's read buffers, the
 * nodes' Noise message buffers), and on this VM a first touch of a page costs ~8 ms per MiB. The `reads`
 * column lists every measured read (ms), so the spread shows; `--warmup 0` measures a cold start.
 *
 * Columns (ms unless noted; median of `--runs`):
 * - encode: RS2 encoding + metadata + blob ID;  chain: reserve + register transactions;
 *   upload: metadata + slivers to every node until a quorum confirmed (BLS-verified);
 *   certify: certify transaction (point of availability);  store: total to certification;
 *   tail: uploads to the nodes beyond the quorum after certification (waited for, not in store);
 *   store/enc: store time over encode time (goal <= 2);  store MiB/s: size / store time;
 * - enc cpu, verify all (anchor, measured in the same run right after each store): client CPU of encoding
 *   the blob on the codec's worker pool, and of computing the roots of all 2n slivers' expansions, the
 *   verification the storage nodes together cannot skip (same pool, same kernels);
 *   enc floor: 1 + verify all / (cores x encode), the lowest store/enc these cores allow with a free
 *   transport, since the nodes verify only after the encoding (they need its metadata);
 * - status: f+1-vouched status + chain check;  meta: metadata fetch + verify;  fetch: R verified primary
 *   slivers;  decode: decode + default consistency check;  read: total;  read MiB/s: size / read time.
 * - cpu c+n / rcpu c+n: CPU time (ms, all threads) of the write including its tail (resp. of the read) in
 *   this client process + in the storage node processes (devnet started here; `?` otherwise). Unlike the
 *   wall times, these hardly depend on the machine's load.
 * - floor / rfloor: (client + node CPU) / cores, ms: the shortest the write incl. its tail (resp. the read)
 *   could take on this machine if its cores did nothing else, since the client and all storage nodes share
 *   them. A time close to its floor is CPU-bound (only less CPU helps); far above it, something waits.
 * - rcpu main: the read's CPU on the client's main thread (transport: TCP, Noise, Yamux, request framing;
 *   decode); the rest of the client's read CPU ran on other threads (the codec's workers verifying slivers,
 *   V8's GC helpers).
 * - verify (anchor, measured in the same run right after each read): CPU of the codec work a read with the
 *   'default' check cannot skip, on the same worker pool: the Merkle roots of the R systematic primary
 *   slivers' expansions (each row RS-expanded to n symbols, every symbol leaf-hashed, one tree per row),
 *   computed from the blob's own rows as shared-memory views, as the libp2p transport delivers them. A
 *   read that fetched only systematic slivers verifies exactly these rows once and decodes nothing (the
 *   check has nothing left to check); rcpu c minus verify is what transport, copies and GC cost the client.
 * Reads go into memory from a `BufferPool` that each verified read gives back, as the daemon's aggregator
 * reads (its responses give their memory back when they close); `--read-memory fresh` reads into new
 * memory every time instead (the CLI's one-off read).
 * The load average (1 min) is printed before and after each size: other processes share the CPU.
 * `--profile-reads DIR` writes a CPU profile of the client's main thread for each read
 * (`read-<size>-<run>.cpuprofile`, for Chrome DevTools; profiling slows the read). Each store's and read's window on
 * the monotonic clock goes to stderr (microseconds), for `perf record -a -k CLOCK_MONOTONIC` of the nodes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HttpChainClient } from '../../node/chain/embedded/http-client.ts';
import { loadWallet } from '../../node/chain/wallet.ts';
import { createNodeClient } from '../../node/client/node-client.ts';
import type { NodeClient } from '../../node/client/node-client.ts';
import { nodeCodec } from '../../node/client/node-codec.ts';
import type { ReadBlobResult, WriteBlobResult } from '../../node/client/types.ts';
import { encodingParams, primarySliverSize, symbolSize } from '../../shared/encoding/params.ts';
import type { Sliver } from '../../shared/encoding/types.ts';
import { Devnet } from '../../node/devnet/devnet.ts';
import { BufferPool } from '../../node/memory/buffer-pool.ts';
import { startCluster } from '../unit/node/client/fixtures.ts';
import { testBytes } from '../unit/node/service/fixtures.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1KiB,1MiB,16MiB' },
    shards: { type: 'string', default: '100' },
    nodes: { type: 'string', default: '7' },
    runs: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '1' },
    transport: { type: 'string', default: 'libp2p' },
    mode: { type: 'string', default: 'devnet' },
    'base-port': { type: 'string', default: '19600' },
    'chain-url': { type: 'string' },
    'profile-reads': { type: 'string' },
    'read-memory': { type: 'string', default: 'pool' },
    wallet: { type: 'string' },
  },
});

function parseSize(s: string): number {
  const m = /^(\d+)(B|KiB|MiB|GiB)?$/.exec(s.trim());
  if (!m) throw new Error(`bad size ${s}`);
  const mult = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 }[(m[2] ?? 'B') as 'B'];
  return Number(m[1]) * mult;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const load = (): string => loadavg()[0].toFixed(1);
const cores = availableParallelism();

/** CPU time (user + system, all threads) of this process, ms. */
function clientCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU time of this process's main thread, ms (`/proc/self/task/<pid>/stat`, 100 Hz; NaN off Linux). */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * The anchor: client CPU (all threads, ms) of verifying the R systematic primary slivers of `blob` on the
 * client codec's worker pool, the slivers given as views of one SharedArrayBuffer as the transport delivers
 * them. Systematic primary sliver i is row i of the blob's R x C message matrix (zero-padded).
 */
async function verifyAnchorCpuMs(blob: Uint8Array, n: number): Promise<number> {
  const { primarySymbols: R } = encodingParams(n);
  const S = symbolSize(blob.length, n);
  const len = primarySliverSize(blob.length, n);
  const rows = new Uint8Array(new SharedArrayBuffer(R * len));
  rows.set(blob);
  const slivers: Sliver[] = [];
  for (let i = 0; i < R; i++) {
    slivers.push({ axis: 'primary', index: i, symbolSize: S, data: rows.subarray(i * len, (i + 1) * len) });
  }
  const c0 = clientCpuMs();
  const roots = await anchorCodec.sliverRoots(slivers, n);
  if (roots.length !== R) throw new Error('anchor: missing roots');
  return clientCpuMs() - c0;
}
const anchorCodec = nodeCodec();

/**
 * The store's anchor: client CPU (all threads, ms) of encoding `blob` on the client codec's worker pool, and
 * of verifying every sliver the nodes receive (the roots of all n primary and n secondary slivers'
 * expansions) on the same pool. Verification can start only once encoding is done (it needs the
 * metadata), so a store on these cores cannot end before encode + verifyAll / cores, however cheap
 * the transport: `store/enc >= 1 + verifyAll / (cores x encode)` (the `enc floor` column).
 */
async function storeAnchorCpuMs(blob: Uint8Array, n: number): Promise<{ encode: number; verifyAll: number }> {
  const c0 = clientCpuMs();
  const encoded = await anchorCodec.encode(blob, n);
  const c1 = clientCpuMs();
  const roots = [
    ...(await anchorCodec.sliverRoots(encoded.primarySlivers, n)),
    ...(await anchorCodec.sliverRoots(encoded.secondarySlivers, n)),
  ];
  if (roots.length !== 2 * n) throw new Error('store anchor: missing roots');
  return { encode: c1 - c0, verifyAll: clientCpuMs() - c1 };
}

/** CPU time of the devnet's storage node processes, ms (`/proc/<pid>/stat` utime + stime at 100 Hz). */
function nodesCpuMs(): number {
  let ticks = 0;
  for (const pid of nodePids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process is gone
    }
  }
  return ticks * 10;
}

const sizes = args.sizes.split(',').map((s) => ({ label: s.trim(), bytes: parseSize(s) }));
let nShards = Number(args.shards);
let nNodes = Number(args.nodes);
const runs = Math.max(1, Number(args.runs));
const warmup = Math.max(0, Number(args.warmup));
const transport = args.transport === 'http' ? 'http' : 'libp2p';
if (args['read-memory'] !== 'pool' && args['read-memory'] !== 'fresh') {
  throw new Error(`--read-memory must be pool or fresh, not ${args['read-memory']}`);
}
/** The aggregator's pool (node/daemon: 256 MiB by default), or none for fresh memory per read. */
const readMemory =
  args['read-memory'] === 'pool'
    ? new BufferPool({ maxIdleBytes: 256 * 1024 * 1024, maxPooledBytes: 256 * 1024 * 1024 })
    : undefined;
const mode = args.mode === 'in-process' ? 'in-process' : 'devnet';
const log = (line: string): void => void process.stderr.write(`${line}\n`);

let client: NodeClient;
let teardown: () => Promise<void>;
/** Storage node processes (devnet started here), for their CPU time. */
let nodePids: number[] = [];
let setup: string;
if (mode === 'in-process') {
  const cluster = await startCluster(nNodes, { nShards }, { transport, tailHandling: 'wait' });
  client = cluster.client;
  teardown = () => cluster.stop();
  setup = `in-process: ${nNodes} nodes`;
} else if (args['chain-url']) {
  if (!args.wallet) throw new Error('--chain-url needs --wallet (a funded wallet file)');
  const chain = new HttpChainClient({ url: args['chain-url'], signer: loadWallet(args.wallet) });
  client = await createNodeClient({ chain, transport, tailHandling: 'wait' });
  const state = await chain.systemState();
  nShards = state.committee.nShards;
  nNodes = state.committee.members.length;
  teardown = async () => {
    await client.stop();
    await chain.close();
  };
  setup = `running devnet at ${args['chain-url']}: ${nNodes} node processes`;
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'walrus-ts-store-read-'));
  const devnet = new Devnet(
    { dataDir, nodes: nNodes, shards: nShards, basePort: Number(args['base-port']), explorer: false },
    { log: (l) => log(`[devnet] ${l}`) },
  );
  const ready = await devnet.start();
  nodePids = ready.nodes.map((n) => n.pid).filter((p): p is number => p !== undefined);
  const chain = new HttpChainClient({ url: ready.chainUrl, signer: loadWallet(ready.userWallet) });
  client = await createNodeClient({ chain, transport, tailHandling: 'wait' });
  teardown = async () => {
    await client.stop();
    await chain.close();
    await devnet.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  setup = `devnet: ${nNodes} node processes`;
}

// --profile-reads DIR: a CPU profile of the client's main thread during each read (inspector, in process).
let profiler: Session | undefined;
if (args['profile-reads']) {
  mkdirSync(args['profile-reads'], { recursive: true });
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
}

const rows: Record<string, string | number>[] = [];
try {
  const c = client.client;
  // Warm-up: connections, JIT, hashing WASM, worker pool.
  {
    const w = await c.writeBlob(testBytes(4096, Date.now() % 1000), { epochs: 1, force: true });
    if (w.kind === 'newlyCreated') await c.readBlob(w.blobObject.blobId);
  }
  for (const { label, bytes } of sizes) {
    const loadBefore = load();
    const m: Record<string, number[]> = {};
    let measured = false;
    const push = (k: string, v: number): void => {
      if (measured) (m[k] ??= []).push(v);
    };
    for (let r = -warmup; r < runs; r++) {
      measured = r >= 0;
      const data = testBytes(bytes, (Date.now() % 100_000) + r);
      const c0 = clientCpuMs();
      const n0 = nodesCpuMs();
      const t0 = performance.now();
      const mono0 = process.hrtime.bigint();
      const w: WriteBlobResult = await c.writeBlob(data, { epochs: 1, force: true });
      process.stderr.write(
        `store window (monotonic us): ${mono0 / 1000n} ${process.hrtime.bigint() / 1000n}${measured ? '' : ' (warm-up)'}\n`,
      );
      if (w.kind !== 'newlyCreated') throw new Error(`unexpected ${w.kind}`);
      const t = w.timings;
      // Store time = time to the point of availability; the tail uploads (to nodes beyond the quorum) are
      // waited for but not counted, so the read below starts with every node holding its slivers.
      const storeMs = performance.now() - t0 - t.tailMs;
      push('tail', t.tailMs);
      push('storeCpu', clientCpuMs() - c0);
      push('storeNodesCpu', nodesCpuMs() - n0);
      push('encode', t.encodeMs);
      push('chain', t.registerMs);
      push('upload', t.uploadMs);
      push('certify', t.certifyMs);
      push('store', storeMs);
      push('ratio', storeMs / t.encodeMs);
      const anchor = await storeAnchorCpuMs(data, nShards);
      push('encodeCpu', anchor.encode);
      push('verifyAllCpu', anchor.verifyAll);
      push('encFloor', 1 + anchor.verifyAll / (cores * t.encodeMs));
      const c1 = clientCpuMs();
      const m1 = mainThreadCpuMs();
      const n1 = nodesCpuMs();
      const t1 = performance.now();
      if (profiler) await profiler.post('Profiler.start');
      const mono1 = process.hrtime.bigint();
      const read: ReadBlobResult = await c.readBlob(w.blobObject.blobId, { memory: readMemory });
      const readMs = performance.now() - t1;
      // the read's window on the monotonic clock (microseconds), to cut `perf record -k CLOCK_MONOTONIC`
      process.stderr.write(
        `read window (monotonic us): ${mono1 / 1000n} ${process.hrtime.bigint() / 1000n}${measured ? '' : ' (warm-up)'}\n`,
      );
      if (profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        const file = join(args['profile-reads'] as string, `read-${label}-${r}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
      }
      push('readCpu', clientCpuMs() - c1);
      push('readMainCpu', mainThreadCpuMs() - m1);
      push('readNodesCpu', nodesCpuMs() - n1);
      push('verifyCpu', await verifyAnchorCpuMs(data, nShards));
      if (read.data.length !== bytes || Buffer.compare(read.data, data) !== 0) {
        throw new Error('read mismatch');
      }
      readMemory?.give(read.data);
      push('status', read.timings.statusMs);
      push('meta', read.timings.metadataMs);
      push('fetch', read.timings.fetchMs);
      push('decode', read.timings.decodeMs);
      push('read', readMs);
      push('readMiBs', bytes / (1024 * 1024) / (readMs / 1000));
      push('storeMiBs', bytes / (1024 * 1024) / (storeMs / 1000));
    }
    const f = (k: string, digits = 0): number => Number(median(m[k]).toFixed(digits));
    rows.push({
      size: label,
      encode: f('encode'),
      chain: f('chain'),
      upload: f('upload'),
      certify: f('certify'),
      store: f('store'),
      tail: f('tail'),
      'store/enc': f('ratio', 1),
      'enc floor': f('encFloor', 1),
      'enc cpu': f('encodeCpu'),
      'verify all': f('verifyAllCpu'),
      'store MiB/s': f('storeMiBs', 1),
      'cpu c+n': `${f('storeCpu')}+${nodePids.length ? f('storeNodesCpu') : '?'}`,
      floor: nodePids.length ? Math.round((f('storeCpu') + f('storeNodesCpu')) / cores) : '?',
      status: f('status'),
      meta: f('meta'),
      fetch: f('fetch'),
      decode: f('decode'),
      read: f('read'),
      'read MiB/s': f('readMiBs', 1),
      reads: m.read.map((x) => Math.round(x)).join('/'),
      'rcpu c+n': `${f('readCpu')}+${nodePids.length ? f('readNodesCpu') : '?'}`,
      'rcpu main': f('readMainCpu'),
      verify: f('verifyCpu'),
      rfloor: nodePids.length ? Math.round((f('readCpu') + f('readNodesCpu')) / cores) : '?',
      load: `${loadBefore}->${load()}`,
    });
    log(`done ${label} (load ${loadBefore} -> ${load()})`);
  }
} finally {
  await teardown();
}
process.stdout.write(
  `store/read: ${setup}, ${nShards} shards, transport ${transport}, reads into ${readMemory ? 'pooled' : 'fresh'} memory, ` +
    `median of ${runs} run(s) after ${warmup} warm-up round(s) per size, ms unless noted; ` +
    `load = 1-min load average before->after (${cores} cores)\n`,
);
console.table(rows);
