/**
 * Store and read benchmark: latency and throughput of the client's write and read flows against real
 * storage nodes, split into phases.
 *
 * Run: node test/perf/store-read.bench.ts [--sizes 1KiB,1MiB,16MiB,64MiB] [--shards 100] [--nodes 4]
 *      [--runs 2] [--transport libp2p|http] [--nodes-process same|child]
 *
 * Set-up: an embedded chain (in-process ledger), `--nodes` real storage nodes on 127.0.0.1 (libp2p + HTTP),
 * one client with its own libp2p node, all in this process (one event loop: nodes verify slivers while the
 * client encodes and decodes, so the figures include that contention).
 *
 * Columns (ms unless noted; median of `--runs`):
 * - encode: RS2 encoding + metadata + blob ID;  chain: reserve + register transactions;
 *   upload: metadata + slivers to every node until a quorum confirmed (BLS-verified);
 *   certify: certify transaction (point of availability);  store: total to certification;
 *   store/enc: store time over encode time;
 * - status: f+1-vouched status + chain check;  meta: metadata fetch + verify;  fetch: R verified primary
 *   slivers;  decode: decode + default consistency check;  read: total;  read MiB/s: size / read time.
 */
import { parseArgs } from 'node:util';
import type { ReadBlobResult, WriteBlobResult } from '../../node/client/types.ts';
import { startCluster } from '../unit/node/client/fixtures.ts';
import { testBytes } from '../unit/node/service/fixtures.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1KiB,1MiB,16MiB' },
    shards: { type: 'string', default: '100' },
    nodes: { type: 'string', default: '4' },
    runs: { type: 'string', default: '2' },
    transport: { type: 'string', default: 'libp2p' },
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

const sizes = args.sizes.split(',').map((s) => ({ label: s.trim(), bytes: parseSize(s) }));
const nShards = Number(args.shards);
const nNodes = Number(args.nodes);
const runs = Math.max(1, Number(args.runs));
const transport = args.transport === 'http' ? 'http' : 'libp2p';

const cluster = await startCluster(nNodes, { nShards }, { transport, tailHandling: 'detached' });
const client = cluster.client.client;
const rows: Record<string, string | number>[] = [];
try {
  // Warm-up: connections, JIT, hashing WASM.
  {
    const w = await client.writeBlob(testBytes(4096, 1));
    if (w.kind === 'newlyCreated') await client.readBlob(w.blobObject.blobId);
  }
  for (const { label, bytes } of sizes) {
    const m: Record<string, number[]> = {};
    const push = (k: string, v: number): void => {
      (m[k] ??= []).push(v);
    };
    for (let r = 0; r < runs; r++) {
      const data = testBytes(bytes, 1000 + r);
      const t0 = performance.now();
      const w: WriteBlobResult = await client.writeBlob(data, { epochs: 1 });
      const storeMs = performance.now() - t0;
      if (w.kind !== 'newlyCreated') throw new Error(`unexpected ${w.kind}`);
      const t = w.timings;
      push('encode', t.encodeMs);
      push('chain', t.registerMs);
      push('upload', t.uploadMs);
      push('certify', t.certifyMs);
      push('store', storeMs);
      push('ratio', storeMs / t.encodeMs);
      const t1 = performance.now();
      const read: ReadBlobResult = await client.readBlob(w.blobObject.blobId);
      const readMs = performance.now() - t1;
      if (read.data.length !== bytes || Buffer.compare(read.data, data) !== 0)
        throw new Error('read mismatch');
      push('status', read.timings.statusMs);
      push('meta', read.timings.metadataMs);
      push('fetch', read.timings.fetchMs);
      push('decode', read.timings.decodeMs);
      push('read', readMs);
      push('readMiBs', bytes / (1024 * 1024) / (readMs / 1000));
      push('storeMiBs', bytes / (1024 * 1024) / (storeMs / 1000));
    }
    const f = (k: string, digits = 0) => Number(median(m[k]).toFixed(digits));
    rows.push({
      size: label,
      encode: f('encode'),
      chain: f('chain'),
      upload: f('upload'),
      certify: f('certify'),
      store: f('store'),
      'store/enc': f('ratio', 1),
      'store MiB/s': f('storeMiBs', 2),
      status: f('status'),
      meta: f('meta'),
      fetch: f('fetch'),
      decode: f('decode'),
      read: f('read'),
      'read MiB/s': f('readMiBs', 2),
    });
    process.stderr.write(`done ${label}\n`);
  }
} finally {
  await cluster.stop();
}
process.stdout.write(
  `store/read: ${nNodes} nodes, ${nShards} shards, transport ${transport}, median of ${runs} run(s), ms unless noted\n`,
);
console.table(rows);
