/**
 * Codec benchmark: our RS2 codec (worker pool, and one thread) against the official encoder
 * (`@mysten/walrus-wasm` BlobEncoder: encode, compute_metadata, decode), measured in the same run.
 * Run: `npm run bench:encoding` (prints a Markdown table). Every (blob size, n, operation,
 * implementation) runs in a fresh child process, so peak RSS is per case.
 *
 * Per case: a warm-up on a 64 KiB blob at the same n (JIT, WASM instances, pool threads), then the
 * timed runs (best of 3, one run at 64 MiB). Throughput = blob MiB / best wall time; "cpu" is the CPU
 * time of that run over all threads of the process (load-independent, unlike wall time).
 * Memory (Linux): the child resets its RSS high-water mark (/proc/self/clear_refs) once inputs are
 * ready and reads VmHWM after the runs. "idle" = RSS of the warmed-up process before the blob exists;
 * "above idle" = peak - idle, which includes the input (the blob, or the slivers fed to decode); the
 * "x blob" column is above-idle / blob size.
 *
 * Operations: encode = all 2n slivers + metadata + blob ID kept in memory (ours: encodeBlobParallel /
 * encodeBlob; official: BlobEncoder.encode into preallocated BCS buffers); encode-stream = ours only,
 * encodeBlobStreamingParallel / encodeBlobStreaming (default 2 repair passes) with `lendSlivers` and a
 * consumer that looks at every batch and keeps nothing (the encoder releases each batch after the
 * consumer); encode-stream-owned = the same on the pool without `lendSlivers` (the consumer drops the
 * batches, the garbage collector frees them); the ratio of both streaming rows is against the
 * official *encode* of the same run (when it ran); blob-id = metadata and blob ID
 * only (computeBlobMetadata[Parallel] / compute_metadata); decode = the blob from the R primary
 * slivers n-R..n-1 (no systematic ones, so every column is RS-decoded), slivers already verified and
 * no consistency check, as BlobEncoder.decode does (the slivers are encoded by a child process and
 * read back from a file, so the blob and the encoder's leftovers are not in the peak); recover = ours only: rebuild one primary sliver
 * (from C symbols) and one secondary sliver (from R symbols), verifying every symbol's Merkle proof and
 * the rebuilt slivers' roots (throughput = rebuilt sliver-pair bytes / time).
 *
 * Env: BENCH_CASES=1x10,64x1000 (MiB x n) and BENCH_OPS=encode,blob-id to run a subset.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { BlobEncoder } from '@mysten/walrus-wasm';
import {
  computeBlobMetadataParallel,
  decodeBlobParallel,
  encodeBlobParallel,
  encodeBlobStreamingParallel,
  EncodingPool,
} from '../../node/encoding/index.ts';
import { decodeBlob } from '../../shared/encoding/decoder.ts';
import {
  computeBlobMetadata,
  encodeBlob,
  encodeBlobStreaming,
  type SliverBatch,
} from '../../shared/encoding/encoder.ts';
import { encodingParams, symbolSize } from '../../shared/encoding/params.ts';
import { recoverSliver, recoverySymbolFromExpansion } from '../../shared/encoding/recovery.ts';
import { SliverExpansion } from '../../shared/encoding/sliver.ts';
import type { BlobMetadataWithId, RecoverySymbol, Sliver } from '../../shared/encoding/types.ts';

const MiB = 1024 * 1024;
type Impl = 'ours' | 'ours-1t' | 'official';
type Op = 'encode' | 'encode-stream' | 'encode-stream-owned' | 'blob-id' | 'decode' | 'recover';

interface Case {
  mib: number;
  n: number;
  op: Op;
  impl: Impl;
}

interface CaseResult {
  /** Best wall-clock time of one run. */
  ms: number;
  /** CPU time of that run, all threads of the process (workers included). */
  cpuMs: number;
  /** MiB of data per second (blob bytes; rebuilt sliver bytes for recover). */
  mibPerS: number;
  idleMiB: number;
  peakMiB: number;
}

const readStatus = (key: string): number =>
  Number(new RegExp(`${key}:\\s+(\\d+)`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

function blob(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let x = 0x9e3779b9;
  for (let i = 0; i < bytes; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x;
    out[i + 1] = x >>> 8;
    out[i + 2] = x >>> 16;
    out[i + 3] = x >>> 24;
  }
  return out;
}

function ulebSize(v: number): number {
  let size = 1;
  for (v >>>= 7; v !== 0; v >>>= 7) size++;
  return size;
}

/** BlobEncoder.encode with buffers sized as @mysten/walrus `computeBcsBufferSizes` does. */
function officialEncode(data: Uint8Array, n: number): { primary: Uint8Array[]; blobId: Uint8Array } {
  const { primarySymbols: R, secondarySymbols: C } = encodingParams(n);
  const s = symbolSize(data.length, n);
  const bcs = (len: number) => ulebSize(len) + len + 4;
  const primary = Array.from({ length: n }, () => new Uint8Array(bcs(C * s)));
  const secondary = Array.from({ length: n }, () => new Uint8Array(bcs(R * s)));
  const encoder = new BlobEncoder(n);
  try {
    const [md] = encoder.encode(data, primary, secondary) as [{ blob_id: number[] }];
    return { primary, blobId: new Uint8Array(md.blob_id) };
  } finally {
    encoder.free();
  }
}

/** What a decode case decodes from: the last R primary slivers of the blob, and its ID (+ metadata). */
interface DecodeInput {
  len: number;
  blobId: Uint8Array;
  /** Ours: `Sliver`s; official: BCS-encoded primary slivers as `BlobEncoder.decode` takes them. */
  slivers: Sliver[] | Uint8Array[];
  metadata?: BlobMetadataWithId;
}

/** Builds a {@link DecodeInput} (in a child process: see {@link decodeInput}). */
function buildDecodeInput(c: Case): DecodeInput {
  const { primarySymbols: R } = encodingParams(c.n);
  const data = blob(c.mib * MiB);
  if (c.impl === 'official') {
    const { primary, blobId } = officialEncode(data, c.n);
    return { len: data.length, blobId, slivers: primary.slice(c.n - R) };
  }
  const e = encodeBlob(data, c.n);
  return {
    len: data.length,
    blobId: e.blobId,
    // Own copies of the slivers used, so that only they are transferred.
    slivers: e.primarySlivers.slice(c.n - R).map((s) => ({ ...s, data: s.data.slice() })),
    metadata: { blobId: e.blobId, metadata: e.metadata },
  };
}

/**
 * The input of a decode case, encoded by a child process (`--decode-input`) and read back from a
 * file (v8 serialization), so that neither the blob nor the encoder's garbage, WebAssembly memory or
 * allocator leftovers are in this process: a decode's peak holds the input slivers and what the
 * decode itself allocates.
 */
function decodeInput(c: Case): DecodeInput {
  const file = join(tmpdir(), `walrus-ts-decode-input-${process.pid}.bin`);
  const r = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--decode-input', JSON.stringify(c), file],
    {
      encoding: 'utf8',
      timeout: 10 * 60 * 1000,
    },
  );
  if (r.status !== 0) throw new Error(`decode input: ${r.stderr}`);
  try {
    return deserialize(readFileSync(file)) as DecodeInput;
  } finally {
    rmSync(file, { force: true });
  }
}

/** Prepares one run of the decode case `c` and returns the function to time. */
async function prepareDecode(c: Case, pool: EncodingPool | undefined): Promise<() => unknown> {
  const { n } = c;
  const { len, blobId, slivers, metadata } = decodeInput(c);
  if (c.impl === 'official') {
    return () => {
      const e = new BlobEncoder(n);
      try {
        const out = new Uint8Array(len);
        e.decode(blobId, BigInt(len), slivers as Uint8Array[], out);
        return out;
      } finally {
        e.free();
      }
    };
  }
  const md = metadata as BlobMetadataWithId;
  const ours = slivers as Sliver[];
  const options = { verified: true, consistencyCheck: 'skip' } as const;
  const par = c.impl === 'ours' ? pool : undefined;
  return par
    ? () => decodeBlobParallel(md, ours, n, { ...options, pool: par })
    : () => decodeBlob(md, ours, n, options);
}

/** Prepares one run of `op` on `data` and returns the function to time. */
async function prepare(c: Case, data: Uint8Array, pool: EncodingPool | undefined): Promise<() => unknown> {
  const { n, op, impl } = c;
  const { primarySymbols: R, secondarySymbols: C } = encodingParams(n);
  if (impl === 'official') {
    if (op === 'encode') return () => officialEncode(data, n);
    if (op === 'blob-id') {
      return () => {
        const e = new BlobEncoder(n);
        try {
          return e.compute_metadata(data);
        } finally {
          e.free();
        }
      };
    }
    throw new Error(`official ${op} is not prepared from the blob`);
  }
  const par = impl === 'ours' ? pool : undefined;
  if (op === 'encode')
    return par ? () => encodeBlobParallel(data, n, { pool: par }) : () => encodeBlob(data, n);
  if (op === 'encode-stream' || op === 'encode-stream-owned') {
    let seen = 0;
    const onSlivers = (b: SliverBatch) => {
      seen += b.primary.length + b.secondary.length;
    };
    const check = (r: unknown) => {
      if (seen !== 2 * n) throw new Error(`streamed ${seen} slivers, expected ${2 * n}`);
      seen = 0;
      return r;
    };
    const lendSlivers = op === 'encode-stream';
    return par
      ? async () => check(await encodeBlobStreamingParallel(data, n, { pool: par, onSlivers, lendSlivers }))
      : () => check(encodeBlobStreaming(data, n, onSlivers, { lendSlivers }));
  }
  if (op === 'blob-id') {
    return par
      ? () => computeBlobMetadataParallel(data, n, { pool: par })
      : () => computeBlobMetadata(data, n);
  }
  const e = encodeBlob(data, n);
  // recover: primary sliver t from C secondary slivers' symbols, secondary sliver u from R primary ones.
  const t = 1;
  const u = n - 2;
  const toPrimary: RecoverySymbol[] = e.secondarySlivers.slice(n - C).map((s) => {
    const g = recoverySymbolFromExpansion(new SliverExpansion(s, n), t);
    return { index: g.index, data: g.data, proof: g.proof };
  });
  const toSecondary: RecoverySymbol[] = e.primarySlivers.slice(n - R).map((s) => {
    const g = recoverySymbolFromExpansion(new SliverExpansion(s, n), u);
    return { index: g.index, data: g.data, proof: g.proof };
  });
  const metadata = e.metadata;
  return () => {
    const a = recoverSliver('primary', t, toPrimary, metadata, n);
    const b = recoverSliver('secondary', u, toSecondary, metadata, n);
    if (a.kind !== 'sliver' || b.kind !== 'sliver') throw new Error('recovery failed');
    return [a, b];
  };
}

/**
 * Collects garbage and waits for the freed memory to leave the RSS: V8 frees ArrayBuffer backing
 * stores on a background thread after a collection, so the RSS read right after `gc()` may still
 * hold the inputs' garbage (hundreds of MiB after an encode), which would then count in the peak.
 */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function runChild(c: Case): Promise<CaseResult> {
  const pool = c.impl === 'ours' ? new EncodingPool() : undefined;
  await pool?.ready();
  const warm =
    c.op === 'decode'
      ? await prepareDecode({ ...c, mib: 1 / 16 }, pool)
      : await prepare(c, blob(64 * 1024), pool);
  await warm();
  await warm();
  gc();
  const idleMiB = readStatus('VmRSS');
  const size = c.mib * MiB;
  const run = c.op === 'decode' ? await prepareDecode(c, pool) : await prepare(c, blob(size), pool);
  await settle();
  writeFileSync('/proc/self/clear_refs', '5');
  let best = Infinity;
  let bestCpu = 0;
  for (let i = 0; i < (c.mib >= 64 ? 1 : 3); i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    if (ms < best) {
      best = ms;
      bestCpu = (cpu.user + cpu.system) / 1000;
    }
    gc();
  }
  const peakMiB = readStatus('VmHWM');
  await pool?.close();
  const { primarySymbols: R, secondarySymbols: C } = encodingParams(c.n);
  const bytes = c.op === 'recover' ? (R + C) * symbolSize(size, c.n) : size;
  return { ms: best, cpuMs: bestCpu, mibPerS: bytes / MiB / (best / 1000), idleMiB, peakMiB };
}

// ------------------------------------------------------------------------------------------ parent

const fmt = (x: number, digits = 1) => (x >= 100 ? x.toFixed(0) : x.toFixed(digits));

function spawnCase(c: Case): CaseResult | string {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--expose-gc', self, '--case', JSON.stringify(c)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    timeout: 30 * 60 * 1000,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as CaseResult;
  } catch {
    return `failed (${r.status ?? r.signal}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`;
  }
}

async function parent(): Promise<void> {
  const allCases: [number, number][] = [
    [1, 10],
    [1, 100],
    [16, 100],
    [64, 100],
    [1, 1000],
    [16, 1000],
    [64, 1000],
  ];
  const wanted = process.env.BENCH_CASES?.split(',').map((s) => s.split('x').map(Number) as [number, number]);
  const cases = wanted ?? allCases;
  const ops = (process.env.BENCH_OPS?.split(',') as Op[] | undefined) ?? [
    'encode',
    'encode-stream',
    'encode-stream-owned',
    'blob-id',
    'decode',
    'recover',
  ];
  const implsOf = (op: Op): Impl[] =>
    op === 'recover' || op === 'encode-stream-owned'
      ? ['ours']
      : op === 'encode-stream'
        ? ['ours', 'ours-1t']
        : op === 'decode'
          ? ['ours', 'official']
          : ['ours', 'ours-1t', 'official'];
  const officialEncodes = new Map<string, CaseResult>();
  const header = [
    `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}`,
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  ];
  console.log(header.join('\n'));
  console.log('');
  console.log(
    '| blob | n | operation | ours (pool) | ours (1 thread) | official | ours / official | ours peak RSS (above idle, x blob) | official peak RSS (above idle, x blob) |',
  );
  console.log('|---|---:|---|---:|---:|---:|---:|---:|---:|');
  for (const [mib, n] of cases) {
    for (const op of ops) {
      const results = new Map<Impl, CaseResult | string>();
      for (const impl of implsOf(op)) results.set(impl, spawnCase({ mib, n, op, impl }));
      const speed = (impl: Impl) => {
        const r = results.get(impl);
        if (r === undefined) return 'n/a';
        if (typeof r === 'string') return r;
        return `${fmt(r.mibPerS)} MiB/s (${fmt(r.ms, 0)} ms, cpu ${fmt(r.cpuMs, 0)})`;
      };
      const mem = (impl: Impl) => {
        const r = results.get(impl);
        if (r === undefined || typeof r === 'string') return 'n/a';
        const above = r.peakMiB - r.idleMiB;
        return `${fmt(r.peakMiB, 0)} MiB (${fmt(above, 0)} MiB, ${(above / mib).toFixed(2)}x)`;
      };
      const ours = results.get('ours');
      const official = results.get('official');
      if (op === 'encode' && typeof official === 'object') officialEncodes.set(`${mib}x${n}`, official);
      const streaming = op === 'encode-stream' || op === 'encode-stream-owned';
      const anchor = streaming ? officialEncodes.get(`${mib}x${n}`) : official;
      const ratio =
        typeof ours === 'object' && typeof anchor === 'object'
          ? `${(ours.mibPerS / anchor.mibPerS).toFixed(2)}x${streaming ? ' (vs encode)' : ''}`
          : 'n/a';
      console.log(
        `| ${mib} MiB | ${n} | ${op} | ${speed('ours')} | ${speed('ours-1t')} | ${speed('official')} | ${ratio} | ${mem('ours')} | ${mem('official')} |`,
      );
    }
  }
  console.log('');
  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

const at = process.argv.indexOf('--case');
const inputAt = process.argv.indexOf('--decode-input');
if (inputAt >= 0) {
  const input = buildDecodeInput(JSON.parse(process.argv[inputAt + 1]) as Case);
  writeFileSync(process.argv[inputAt + 2], serialize(input));
} else if (at >= 0) {
  const result = await runChild(JSON.parse(process.argv[at + 1]) as Case);
  console.log(JSON.stringify(result));
} else {
  await parent();
}
