/**
 * Embedded chain benchmark: register+certify throughput (in-process and through the HTTP API of a chain
 * running in its own process) and event delivery latency to 10 subscribers.
 *
 * Run: node test/perf/chain.bench.ts [--blobs N] [--concurrency C,C2,...] [--shards S] [--members M]
 *                                    [--bls blst|mcl|noble] [--phases bls,in-process,http]
 *
 * `--bls` picks the BLS verification backend of the in-process ledger and of the chain process's worker
 * pool (native blst by default, node/crypto/blst; `mcl` = mcl-wasm, the anchor; `noble` = pure JS). CPU figures of the BLS breakdown are
 * process CPU time per operation (best of 3 rounds), which a loaded box distorts less than wall time.
 *
 * Goal (issue #3): 500 register+certify per second. Wall rates on a shared box vary with other jobs, so
 * every rate comes with CPU time per register+certify pair: the benchmark process (process.cpuUsage) and,
 * over HTTP, the chain process by thread kind (/proc/<pid>/task: main thread = HTTP, Ed25519, SQL; worker
 * threads = BLS; other = GC and I/O), and the rate that CPU time allows on this machine's cores. The
 * "floor" rows are the BLS cost alone at the goal rate (batched verification per certificate x 500), per backend.
 *
 * Certificates are prepared before timing (one BLS signature per blob with the members' summed secret
 * key, which equals the aggregate of their signatures); the chain's work is timed: transaction signature
 * check, SQL, hash-to-curve and the aggregate BLS verification of every certificate. The client-side
 * Ed25519 signing of the transactions is inside the timed loop (it runs in the benchmark process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { blake2b } from '@noble/hashes/blake2.js';
import { encodeProofOfPossessionMessage, encodeStorageConfirmation } from '../../shared/bcs/messages.ts';
import {
  BlsAggregateKey,
  blsVerifier,
  generateKeyPair,
  hashMessage,
  nobleBlsVerifier,
  sign,
} from '../../shared/crypto/bls.ts';
import type { BlsVerifier } from '../../shared/crypto/bls-backend.ts';
import { loadMclBlsVerifier } from '../../shared/crypto/bls-mcl.ts';
import { enableNodeBls, loadBlstVerifier, type BlsBackendChoice } from '../../node/crypto/blst/index.ts';
import { blobIdToString } from '../../shared/encoding/blob-id.ts';
import { encodedBlobLength } from '../../shared/encoding/params.ts';
import type { EmbeddedChainClientBase } from '../../node/chain/embedded/client-base.ts';
import { HttpChainClient } from '../../node/chain/embedded/http-client.ts';
import { InProcessChainClient } from '../../node/chain/embedded/in-process-client.ts';
import { Ledger } from '../../node/chain/embedded/ledger.ts';
import type { ChainEvent } from '../../node/chain/types.ts';

const { values: args } = parseArgs({
  options: {
    blobs: { type: 'string', default: '1500' },
    concurrency: { type: 'string', default: '16,64,128' },
    shards: { type: 'string', default: '100' },
    members: { type: 'string', default: '10' },
    bls: { type: 'string', default: 'blst' },
    phases: { type: 'string', default: 'bls,in-process,http' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    'node test/perf/chain.bench.ts [--blobs N=1500] [--concurrency C,... =16,64,128] [--shards S=100] [--members M=10]\n' +
      '                             [--bls blst|mcl|noble (default blst)] [--phases bls,in-process,http]\n' +
      'BLS cost breakdown per certificate, then register+certify/s in-process and over HTTP (chain in its\n' +
      'own process, BLS checks in its worker pool), and event delivery latency.\n',
  );
  process.exit(0);
}
if (args.bls !== 'blst' && args.bls !== 'mcl' && args.bls !== 'noble') {
  throw new Error('--bls must be blst, mcl or noble');
}
const BLS: BlsBackendChoice = args.bls;
const N_BLOBS = Number(args.blobs);
/** Parts of the benchmark to run. */
const PHASES = new Set(args.phases.split(','));
for (const p of PHASES) {
  if (!['bls', 'in-process', 'http'].includes(p)) throw new Error(`--phases: unknown phase ${p}`);
}
/** HTTP client counts to run, e.g. "16,64". */
const CONCURRENCIES = args.concurrency.split(',').map(Number);
if (CONCURRENCIES.some((c) => !Number.isInteger(c) || c < 1))
  throw new Error('--concurrency: list of integers');
const N_SHARDS = Number(args.shards);
const N_MEMBERS = Number(args.members);
const WAL = 1_000_000_000n;
const R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
const SIZE = 1024;

const GOAL_RATE = 500;
const rows: { case: string; result: string; goal: string }[] = [];
function row(name: string, result: string, goal = ''): void {
  rows.push({ case: name, result, goal });
  process.stderr.write(`${name}: ${result}${goal ? `  [goal ${goal}]` : ''}\n`);
}

const CLK_TCK = 100;
/** CPU ms of each thread of process `pid` by kind (Linux /proc; empty elsewhere). */
function threadCpu(pid: number): { main: number; workers: number; other: number } {
  const out = { main: 0, workers: 0, other: 0 };
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      const ms = ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK;
      if (comm === 'MainThread' || tid === String(pid)) out.main += ms;
      else if (comm === 'WorkerThread') out.workers += ms;
      else out.other += ms;
    } catch {
      // The thread ended.
    }
  }
  return out;
}

function cpuDelta(a: ReturnType<typeof threadCpu>, b: ReturnType<typeof threadCpu>) {
  return { main: b.main - a.main, workers: b.workers - a.workers, other: b.other - a.other };
}

/** Process CPU ms (all threads) since `c0`. */
function processCpuMs(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

const members = Array.from({ length: N_MEMBERS }, (_, i) => generateKeyPair(new Uint8Array(32).fill(i + 1)));

/** Secret key of the sum of `keys` (its signature = the aggregate of theirs). */
function summedSecret(keys: { secretKey: Uint8Array }[]): Uint8Array {
  let s = 0n;
  for (const k of keys) s = (s + BigInt('0x' + Buffer.from(k.secretKey).toString('hex'))) % R;
  return new Uint8Array(Buffer.from(s.toString(16).padStart(64, '0'), 'hex'));
}

async function setupChain(clientFor: (kp: Ed25519Keypair) => EmbeddedChainClientBase): Promise<{
  memberIndexOf: number[];
  user: () => EmbeddedChainClientBase;
}> {
  const nodeIds: string[] = [];
  for (let i = 0; i < N_MEMBERS; i++) {
    const kp = Ed25519Keypair.generate();
    const c = clientFor(kp);
    await c.faucet({ amount: 1000n * WAL });
    const pop = sign(
      encodeProofOfPossessionMessage(0, kp.toSuiAddress(), members[i].publicKey),
      members[i].secretKey,
    );
    const { nodeId } = await c.registerCandidate({
      name: `n${i}`,
      peerId: `p${i}`,
      multiaddrs: [],
      publicKey: members[i].publicKey,
      proofOfPossession: pop,
      storagePrice: 1n,
      writePrice: 1n,
      nodeCapacity: 1024 ** 5,
    });
    await c.stake({ nodeId, amount: 100n * WAL });
    nodeIds.push(nodeId);
  }
  const c0 = clientFor(Ed25519Keypair.generate());
  await c0.startFirstEpoch();
  const state = await c0.systemState();
  const memberIndexOf = nodeIds.map((id) => state.committee.members.findIndex((m) => m.nodeId === id));
  return {
    memberIndexOf,
    user: () => clientFor(Ed25519Keypair.generate()),
  };
}

interface Prepared {
  rootHash: Uint8Array;
  blobId: string;
  certificate: { signers: number[]; serializedMessage: Uint8Array; signature: Uint8Array };
}

/** Blobs with certificates by all members but the last (quorum with one non-signer to subtract). */
function prepare(count: number, epoch: number, memberIndexOf: number[]): Prepared[] {
  const signers = members.slice(0, N_MEMBERS - 1);
  const sk = summedSecret(signers);
  const signerIdx = memberIndexOf.slice(0, N_MEMBERS - 1).sort((a, b) => a - b);
  const out: Prepared[] = [];
  for (let i = 0; i < count; i++) {
    const rootHash = crypto.getRandomValues(new Uint8Array(32));
    const d = new Uint8Array(41);
    d[0] = 1;
    new DataView(d.buffer).setBigUint64(1, BigInt(SIZE), true);
    d.set(rootHash, 9);
    const id = blake2b(d, { dkLen: 32 });
    const msg = encodeStorageConfirmation({ epoch, blobId: id, persistence: { kind: 'permanent' } });
    out.push({
      rootHash,
      blobId: blobIdToString(id),
      certificate: { signers: signerIdx, serializedMessage: msg, signature: sign(msg, sk) },
    });
  }
  return out;
}

/** Result of a timed register+certify loop: rate and CPU ms spent per register+certify pair. */
interface LoopResult {
  rate: number;
  /** Benchmark process CPU (clients; in-process also the ledger) per pair, ms. */
  benchCpuMs: number;
  /** Chain process CPU per pair by thread kind, ms (HTTP runs only). */
  chainCpuMs?: { main: number; workers: number; other: number };
}

async function registerCertifyLoop(
  makeUser: () => EmbeddedChainClientBase,
  blobs: Prepared[],
  concurrency: number,
  chainPid?: number,
): Promise<LoopResult> {
  const enc = encodedBlobLength(SIZE, N_SHARDS);
  const users = Array.from({ length: concurrency }, makeUser);
  for (const u of users) await u.faucet({ amount: 1000n * WAL });
  // Storage reserved up front (one resource per blob), outside the timed part.
  const storages: string[][] = users.map(() => []);
  for (let i = 0; i < blobs.length; i++) {
    const u = i % concurrency;
    storages[u].push((await users[u].reserveSpace({ size: enc, epochs: 1 })).storage.id);
  }
  const memberCount = N_MEMBERS;
  const c0 = process.cpuUsage();
  const chain0 = chainPid === undefined ? undefined : threadCpu(chainPid);
  const t0 = performance.now();
  await Promise.all(
    users.map(async (u, ui) => {
      let k = 0;
      for (let i = ui; i < blobs.length; i += concurrency) {
        const b = blobs[i];
        const { blob } = await u.registerBlob({
          storageId: storages[ui][k++],
          blobId: b.blobId,
          rootHash: b.rootHash,
          size: SIZE,
          encodingType: 1,
          deletable: false,
        });
        await u.certifyBlob({ blobObjectId: blob.id, certificate: b.certificate, memberCount });
      }
    }),
  );
  const wall = performance.now() - t0;
  const n = blobs.length;
  const benchCpuMs = processCpuMs(c0) / n;
  let chainCpuMs;
  if (chain0 && chainPid !== undefined) {
    const d = cpuDelta(chain0, threadCpu(chainPid));
    chainCpuMs = { main: d.main / n, workers: d.workers / n, other: d.other / n };
  }
  return { rate: n / (wall / 1000), benchCpuMs, chainCpuMs };
}

/** "x.x /s" and the rate `cores` cores would reach at `cpuMs` CPU per pair. */
function capacity(cpuMs: number, cores = os.availableParallelism()): string {
  return `${((cores * 1000) / cpuMs).toFixed(0)} /s on ${cores} cores`;
}

function loadavg(): string {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

/** Process CPU ms per call of `f` (best of 3 rounds of `n` calls). */
function cpuMs(n: number, f: () => unknown): number {
  f();
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) f();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000 / n);
  }
  return best;
}

/** Per-certificate CPU cost of each BLS step: mcl-wasm's parts, then whole checks on each fast backend. */
async function blsBreakdown(
  prepared: Prepared[],
  aggKey: Uint8Array,
): Promise<{ batch32: Record<string, number>; hash: number; sig: number }> {
  const certs = prepared.map((p) => ({
    signature: p.certificate.signature,
    message: p.certificate.serializedMessage,
    publicKey: aggKey,
  }));
  const mcl = await loadMclBlsVerifier({ messageCacheSize: 0 });
  type Internals = BlsVerifier & {
    hashToG2(m: Uint8Array): unknown;
    signature(b: Uint8Array): unknown;
    publicKey(b: Uint8Array): unknown;
  };
  const mi = mcl as Internals;
  let k = 0;
  const next = () => certs[k++ % certs.length];
  const hash = cpuMs(40, () => mi.hashToG2(next().message));
  row('cpu: mcl hash-to-G2 (RFC 9380, Walrus DST)', `${hash.toFixed(2)} ms`);
  const sig = cpuMs(40, () => mi.signature(next().signature));
  row('cpu: mcl signature decode + subgroup check', `${sig.toFixed(2)} ms`);
  const fresh = await loadMclBlsVerifier({ keyCacheSize: 0, messageCacheSize: 0 });
  row(
    'cpu: mcl public key decode + subgroup check (uncached; cached ~0)',
    `${cpuMs(40, () => (fresh as Internals).publicKey(aggKey)).toFixed(2)} ms`,
  );
  const backends: BlsVerifier[] = [mcl];
  try {
    const native = loadBlstVerifier();
    backends.unshift(native);
    row('cpu: blst hash-to-G2', `${cpuMs(40, () => native.hashToG2(next().message)).toFixed(2)} ms`);
  } catch (e) {
    row('blst (native binding)', `not available: ${(e as Error).message}`);
  }
  const distinct = certs.slice(0, 16).map((c, i) => {
    const kp = members[i % N_MEMBERS];
    return { signature: sign(c.message, kp.secretKey), message: c.message, publicKey: kp.publicKey };
  });
  const bad = certs.slice(0, 16).map((c, i) => (i === 7 ? { ...c, message: certs[20].message } : c));
  const batch32: Record<string, number> = {};
  for (const v of backends) {
    row(
      `cpu: ${v.name} verify, one certificate (hash-to-G2, decode, 2-pair Miller loop, final exp)`,
      `${cpuMs(20, () => {
        const c = next();
        if (!v.verify(c.signature, c.message, aggKey)) throw new Error('bad');
      }).toFixed(2)} ms`,
    );
    for (const size of [4, 16, 32]) {
      const batch = certs.slice(0, size);
      const per =
        cpuMs(3, () => {
          if (!v.verifyMany(batch).every(Boolean)) throw new Error('bad');
        }) / size;
      if (size === 32) batch32[v.name] = per;
      row(
        `cpu: ${v.name} verifyMany, batch of ${size} (same signer set), per certificate`,
        `${per.toFixed(2)} ms`,
      );
    }
    row(
      `cpu: ${v.name} verifyMany, batch of 16 (10 distinct keys), per certificate`,
      `${(cpuMs(3, () => v.verifyMany(distinct)) / 16).toFixed(2)} ms`,
    );
    row(
      `cpu: ${v.name} verifyMany, batch of 16 with 1 bad (fallback one by one), per certificate`,
      `${(cpuMs(2, () => v.verifyMany(bad)) / 16).toFixed(2)} ms`,
    );
  }
  row('cpu: noble hash-to-G2', `${cpuMs(5, () => hashMessage(next().message).point).toFixed(2)} ms`);
  row(
    'cpu: noble verify, one certificate',
    `${cpuMs(5, () => {
      const c = next();
      if (!nobleBlsVerifier.verify(c.signature, c.message, aggKey)) throw new Error('bad');
    }).toFixed(2)} ms`,
  );
  return { batch32, hash, sig };
}

function startChainProcess(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const bin = join(import.meta.dirname, '../../node/cli/bin.ts');
  const child = spawn(
    process.execPath,
    [
      bin,
      'chain',
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--json',
      '--n-shards',
      String(N_SHARDS),
      '--epoch-duration',
      '3600',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, WALRUS_TS_BLS: BLS } },
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (l) =>
      resolve({ child, url: (JSON.parse(l) as { url: string }).url }),
    );
    child.once('exit', (c) => reject(new Error(`chain exited ${c}`)));
  });
}

async function eventLatency(
  subscribers: EmbeddedChainClientBase[],
  sender: EmbeddedChainClientBase,
  rounds: number,
): Promise<{ p50: number; p95: number; max: number }> {
  const latencies: number[] = [];
  await sender.faucet({ amount: 1000n * WAL });
  const ac = new AbortController();
  const pending = new Map<string, { t0: number; left: number; resolve: () => void }>();
  // Subscribe from "now": find the latest cursor with a one-shot read.
  let after = '0';
  {
    const probe = new AbortController();
    const it = subscribers[0].events({ signal: probe.signal })[Symbol.asyncIterator]();
    const timer = setTimeout(() => probe.abort(), 300);
    for (;;) {
      const r = await it.next();
      if (r.done) break;
      after = (r.value as ChainEvent).cursor;
    }
    clearTimeout(timer);
  }
  const loops = subscribers.map(async (s) => {
    for await (const e of s.events({ after, signal: ac.signal })) {
      if (e.type !== 'BlobRegistered') continue;
      const p = pending.get(e.blobId);
      if (!p) continue;
      latencies.push(performance.now() - p.t0);
      if (--p.left === 0) p.resolve();
    }
  });
  const enc = encodedBlobLength(SIZE, N_SHARDS);
  for (let r = 0; r < rounds; r++) {
    const { storage } = await sender.reserveSpace({ size: enc, epochs: 1 });
    const rootHash = crypto.getRandomValues(new Uint8Array(32));
    const d = new Uint8Array(41);
    d[0] = 1;
    new DataView(d.buffer).setBigUint64(1, BigInt(SIZE), true);
    d.set(rootHash, 9);
    const blobId = blobIdToString(blake2b(d, { dkLen: 32 }));
    const done = new Promise<void>((resolve) =>
      pending.set(blobId, { t0: performance.now(), left: subscribers.length, resolve }),
    );
    pending.get(blobId)!.t0 = performance.now();
    await sender.registerBlob({
      storageId: storage.id,
      blobId,
      rootHash,
      size: SIZE,
      encodingType: 1,
      deletable: false,
    });
    await done;
  }
  ac.abort();
  await Promise.allSettled(loops);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { p50: q(0.5), p95: q(0.95), max: latencies[latencies.length - 1] };
}

async function main(): Promise<void> {
  process.stderr.write(
    `chain bench: ${N_BLOBS} blobs, ${N_SHARDS} shards, ${N_MEMBERS} members, HTTP concurrency ${CONCURRENCIES.join(', ')}\n`,
  );
  // 1. BLS costs on the chain side (warm), per certificate.
  if ((await enableNodeBls(BLS)).name !== BLS) {
    throw new Error(
      `the ${BLS} BLS backend did not load${BLS === 'blst' ? ' (run `npm run build:native`)' : ''}`,
    );
  }
  process.stderr.write(`BLS backend: ${blsVerifier().name}; load average ${loadavg()}\n`);
  if (PHASES.has('bls')) {
    const committee = new BlsAggregateKey(members.map((m) => m.publicKey));
    const prepared0 = prepare(40, 1, [...members.keys()]);
    const signed = members.map((_, i) => i < N_MEMBERS - 1);
    for (const p of prepared0.slice(0, 5))
      committee.verify(p.certificate.signature, p.certificate.serializedMessage, signed);
    const t = performance.now();
    for (const p of prepared0.slice(5, 25)) {
      if (!committee.verify(p.certificate.signature, p.certificate.serializedMessage, signed))
        throw new Error('bad');
    }
    row(
      `BLS certificate verify, ${blsVerifier().name} (hash + cached key - 1 non-signer + pairing), wall`,
      `${((performance.now() - t) / 20).toFixed(2)} ms`,
    );
    const bls = await blsBreakdown(prepared0, committee.keyFor(signed).point.toBytes(true));
    const cores = os.availableParallelism();
    const goalCores = `<= ${cores} cores`;
    for (const [name, perCert] of Object.entries(bls.batch32)) {
      const note =
        name === 'mcl'
          ? `, of which hash-to-G2 + signature decode ${(bls.hash + bls.sig).toFixed(2)} ms, not batchable`
          : '';
      row(
        `floor: BLS alone at ${GOAL_RATE}/s on ${name} (batched ${perCert.toFixed(2)} ms/cert${note})`,
        `${((perCert * GOAL_RATE) / 1000).toFixed(2)} cores`,
        goalCores,
      );
    }
  }
  process.stderr.write(`load average ${loadavg()}\n`);
  // 2. In-process.
  if (PHASES.has('in-process')) {
    const ledger = new Ledger({ nShards: N_SHARDS, epochDurationMs: 3_600_000 });
    const { memberIndexOf, user } = await setupChain((kp) => new InProcessChainClient(ledger, kp));
    const blobs = prepare(N_BLOBS, 1, memberIndexOf);
    const r = await registerCertifyLoop(user, blobs, 1);
    row(
      'register+certify, in-process (1 client, BLS on the same thread)',
      `${r.rate.toFixed(1)} /s; CPU ${r.benchCpuMs.toFixed(2)} ms/pair (-> ${capacity(r.benchCpuMs, 1)}); load ${loadavg()}`,
      `${GOAL_RATE} /s`,
    );
    const subs = Array.from({ length: 10 }, () => new InProcessChainClient(ledger));
    const lat = await eventLatency(subs, user(), 30);
    row(
      'event delivery to 10 in-process subscribers',
      `p50 ${lat.p50.toFixed(2)} ms, p95 ${lat.p95.toFixed(2)} ms, max ${lat.max.toFixed(2)} ms`,
    );
    ledger.close();
  }

  // 2b. The ledger's ceiling without the BLS pairing check (a stand-in for a native verifier; the
  // certificate's bitmap, weight and message are still checked). Not a product setting.
  if (PHASES.has('in-process')) {
    const ledger = new Ledger({ nShards: N_SHARDS, epochDurationMs: 3_600_000, blsVerify: () => true });
    const { memberIndexOf, user } = await setupChain((kp) => new InProcessChainClient(ledger, kp));
    const blobs = prepare(Math.min(N_BLOBS, 200), 1, memberIndexOf);
    const r = await registerCertifyLoop(user, blobs, 1);
    row(
      'register+certify, in-process, BLS pairing skipped (ledger + client signing ceiling)',
      `${r.rate.toFixed(1)} /s; CPU ${r.benchCpuMs.toFixed(2)} ms/pair (-> ${capacity(r.benchCpuMs, 1)}); load ${loadavg()}`,
    );
    ledger.close();
  }

  // 3. HTTP, chain in its own process (the devnet's shape).
  if (PHASES.has('http')) {
    const dir = mkdtempSync(join(tmpdir(), 'walrus-ts-chain-bench-'));
    const { child, url } = await startChainProcess(dir);
    try {
      const { memberIndexOf, user } = await setupChain((kp) => new HttpChainClient({ url, signer: kp }));
      interface Stats {
        blocks: { txs: number; blocks: number };
        bls: { jobs: number; batches: number } | null;
      }
      const stats = async () => (await (await fetch(`${url}/v1/stats`)).json()) as Stats;
      for (const CONCURRENCY of CONCURRENCIES) {
        const blobs = prepare(N_BLOBS, 1, memberIndexOf);
        const s0 = await stats();
        const r = await registerCertifyLoop(user, blobs, CONCURRENCY, child.pid);
        const s1 = await stats();
        const c = r.chainCpuMs!;
        const chainMs = c.main + c.workers + c.other;
        row(
          `register+certify, HTTP, chain in its own process (${CONCURRENCY} clients), wall`,
          `${r.rate.toFixed(1)} /s; load ${loadavg()}`,
          `${GOAL_RATE} /s`,
        );
        row(
          '  chain process CPU per pair: main thread (HTTP, Ed25519, SQL) + BLS workers + other (GC, I/O)',
          `${chainMs.toFixed(2)} ms = ${c.main.toFixed(2)} + ${c.workers.toFixed(2)} + ${c.other.toFixed(2)}`,
        );
        const txs = s1.blocks.txs - s0.blocks.txs;
        const jobs = (s1.bls?.jobs ?? 0) - (s0.bls?.jobs ?? 0);
        row(
          '  mean block size (group commit); mean BLS batch per worker message',
          `${(txs / Math.max(1, s1.blocks.blocks - s0.blocks.blocks)).toFixed(2)} txs; ${(
            jobs / Math.max(1, (s1.bls?.batches ?? 0) - (s0.bls?.batches ?? 0))
          ).toFixed(2)} certificates`,
        );
        row(
          '  capacity from CPU time: chain process alone (clients elsewhere)',
          capacity(chainMs),
          `${GOAL_RATE} /s`,
        );
        row(
          "  capacity from CPU time: chain + this benchmark's clients on the same cores",
          `${capacity(chainMs + r.benchCpuMs)} (clients ${r.benchCpuMs.toFixed(2)} ms/pair)`,
          `${GOAL_RATE} /s`,
        );
      }
      const subs = Array.from({ length: 10 }, () => new HttpChainClient({ url, eventsWaitMs: 10_000 }));
      const lat = await eventLatency(subs, user(), 30);
      row(
        'event delivery to 10 HTTP long-poll subscribers',
        `p50 ${lat.p50.toFixed(2)} ms, p95 ${lat.p95.toFixed(2)} ms, max ${lat.max.toFixed(2)} ms`,
      );
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  }
  row('load average (1, 5, 15 min) at the end', loadavg());
  console.table(rows);
}

await main();
