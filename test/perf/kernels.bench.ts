/**
 * Micro-benchmarks of the WebAssembly kernels (shared/wasm) against per-call hash-wasm, @noble/hashes
 * and the plain-TypeScript Reed-Solomon code, and of Node's AVX2 leaf-hash kernel (node/crypto/blake2b)
 * against the WASM one. Run: `node test/perf/kernels.bench.ts` (prints a table).
 * Figures are best-of-N wall-clock times on one thread.
 */
import { randomBytes } from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2.js';
import { createBLAKE2b } from 'hash-wasm';
import { loadLeafHasher } from '../../node/crypto/blake2b/index.ts';
import { loadWasmKernels, type WasmKernels } from '../../shared/wasm/index.ts';

interface Row {
  name: string;
  ms: number;
  note: string;
}
const rows: Row[] = [];

function best(runs: number, fn: () => void): number {
  fn(); // warm-up
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

function record(name: string, ms: number, note = ''): void {
  rows.push({ name, ms, note });
  console.log(`${name.padEnd(64)} ${ms.toFixed(1).padStart(9)} ms  ${note}`);
}

const MiB = 1 << 20;
const k: WasmKernels = loadWasmKernels();
const hasher = await createBLAKE2b(256);
const hashWasm = (data: Uint8Array): Uint8Array => {
  hasher.init();
  hasher.update(data);
  return hasher.digest('binary');
};

// ------------------------------------------------------------ leaf hashing, 1,000,000 x 2-byte symbols
{
  const count = 1_000_000;
  const src = k.alloc(count * 2);
  src.view().set(randomBytes(count * 2));
  const out = k.alloc(count * 32);
  for (const twoLanes of [true, false]) {
    k.setTwoLanes(twoLanes);
    const ms = best(5, () => k.hashLeavesAt(src.ptr, count, 2, 2, out.ptr));
    record(
      `leaf hash 1e6 x 2 B, wasm ${twoLanes ? 'two-lane' : 'scalar'}`,
      ms,
      `${((ms * 1e6) / count).toFixed(0)} ns/leaf`,
    );
  }
  k.setTwoLanes(true);
  const sample = 100_000;
  const data = src.view().slice(0, sample * 2);
  const prefixed = new Uint8Array(3);
  const msHw = best(3, () => {
    for (let i = 0; i < sample; i++) {
      prefixed[1] = data[2 * i];
      prefixed[2] = data[2 * i + 1];
      hashWasm(prefixed);
    }
  });
  record(
    'leaf hash 1e6 x 2 B, hash-wasm per call (from 1e5)',
    (msHw * count) / sample,
    `${((msHw * 1e6) / sample).toFixed(0)} ns/leaf`,
  );
  const sampleNoble = 20_000;
  const msNoble = best(3, () => {
    for (let i = 0; i < sampleNoble; i++) blake2b(prefixed, { dkLen: 32 });
  });
  record(
    'leaf hash 1e6 x 2 B, @noble/hashes per call (from 2e4)',
    (msNoble * count) / sampleNoble,
    `${((msNoble * 1e6) / sampleNoble).toFixed(0)} ns/leaf`,
  );
  src.free();
  out.free();
}

// ------------------------------------------------------------ Merkle roots, 2000 trees x 1000 leaves
{
  const trees = 2000;
  const n = 1000;
  const leaves = k.alloc(trees * n * 32);
  leaves.view().set(randomBytes(trees * n * 32));
  const roots = k.alloc(trees * 32);
  for (const twoLanes of [true, false]) {
    k.setTwoLanes(twoLanes);
    const ms = best(3, () => k.merkleRootsAt(leaves.ptr, n, 32, trees, n * 32, roots.ptr));
    record(
      `merkle 2000 trees x 1000 leaves, wasm ${twoLanes ? 'two-lane' : 'scalar'}`,
      ms,
      `${((ms * 1e6) / (trees * 1001)).toFixed(0)} ns/inner node`,
    );
  }
  k.setTwoLanes(true);
  // Columns of a 1000 x 1000 digest matrix (leaf stride 32 KB).
  const ms = best(3, () => k.merkleRootsAt(leaves.ptr, n, n * 32, n, 32, roots.ptr));
  record('merkle 1000 column trees (leaf stride 32,000 B), wasm two-lane', ms * 2, 'scaled to 2000 trees');
  const sampleTrees = 50;
  const view = leaves.view().slice(0, sampleTrees * n * 32);
  const node = new Uint8Array(65);
  node[0] = 1;
  const msHw = best(3, () => {
    for (let t = 0; t < sampleTrees; t++) {
      let level: Uint8Array[] = [];
      for (let i = 0; i < n; i++) level.push(view.subarray((t * n + i) * 32, (t * n + i + 1) * 32));
      while (level.length > 1) {
        const next: Uint8Array[] = [];
        for (let i = 0; i < level.length; i += 2) {
          node.set(level[i], 1);
          node.fill(0, 33);
          if (i + 1 < level.length) node.set(level[i + 1], 33);
          next.push(hashWasm(node));
        }
        level = next;
      }
    }
  });
  record('merkle 2000 trees x 1000 leaves, hash-wasm per call (from 50)', (msHw * trees) / sampleTrees);
  leaves.free();
  roots.free();
}

// ------------------------------------------------------------ leaf hashes: native AVX2 against WASM
{
  const native = loadLeafHasher();
  const size = 64 * MiB;
  const src = k.alloc(size);
  src.view().set(randomBytes(size));
  for (const s of [302, 29_000]) {
    const count = Math.floor(size / s);
    const out = k.alloc(count * 32);
    const msWasm = best(3, () => k.hashLeavesAt(src.ptr, count, s, s, out.ptr));
    record(
      `leaf hash 64 MiB in ${s} B leaves, wasm two-lane`,
      msWasm,
      `${((64 * 1000) / msWasm).toFixed(0)} MiB/s`,
    );
    if (native instanceof Error) {
      record(`leaf hash 64 MiB in ${s} B leaves, native AVX2`, NaN, native.message);
    } else {
      const wasmDigests = k.bytes().slice(out.ptr, out.ptr + count * 32);
      const ms = best(3, () => native(k.bytes(), src.ptr, count, s, s, out.ptr, 32));
      const same = Buffer.compare(wasmDigests, k.bytes().subarray(out.ptr, out.ptr + count * 32)) === 0;
      if (!same) throw new Error('native leaf hashes differ from the WASM kernel');
      record(`leaf hash 64 MiB in ${s} B leaves, native AVX2`, ms, `${((64 * 1000) / ms).toFixed(0)} MiB/s`);
    }
    out.free();
  }
  src.free();
}

// ------------------------------------------------------------ 64 MiB in 302-byte leaves, and bulk
{
  const size = 64 * MiB;
  const s = 302;
  const count = Math.floor(size / s);
  const src = k.alloc(size);
  const data = randomBytes(size);
  src.view().set(data);
  const out = k.alloc(count * 32);
  for (const twoLanes of [true, false]) {
    k.setTwoLanes(twoLanes);
    const ms = best(3, () => k.hashLeavesAt(src.ptr, count, s, s, out.ptr));
    record(
      `leaf hash 64 MiB in 302 B leaves, wasm ${twoLanes ? 'two-lane' : 'scalar'}`,
      ms,
      `${((64 * 1000) / ms).toFixed(0)} MiB/s`,
    );
  }
  k.setTwoLanes(true);
  const sample = 20_000;
  const msHw = best(3, () => {
    const buf = new Uint8Array(s + 1);
    for (let i = 0; i < sample; i++) {
      buf.set(data.subarray(i * s, (i + 1) * s), 1);
      hashWasm(buf);
    }
  });
  const scaled = (msHw * count) / sample;
  record(
    'leaf hash 64 MiB in 302 B leaves, hash-wasm per call (from 2e4)',
    scaled,
    `${((64 * 1000) / scaled).toFixed(0)} MiB/s`,
  );
  const out32 = k.alloc(32);
  const msBulk = best(3, () => k.raw.blake2b256(src.ptr, size, out32.ptr));
  record('blake2b256 of one 64 MiB message, wasm', msBulk, `${((64 * 1000) / msBulk).toFixed(0)} MiB/s`);
  const msBulkHw = best(3, () => hashWasm(data));
  record(
    'blake2b256 of one 64 MiB message, hash-wasm',
    msBulkHw,
    `${((64 * 1000) / msBulkHw).toFixed(0)} MiB/s`,
  );
  src.free();
  out.free();
  out32.free();
}

// ------------------------------------------------------------ Reed-Solomon, n = 1000, S = 302
{
  const R = 334;
  const C = 667;
  const f = 333;
  const s = 302;
  const t0 = performance.now();
  k.rsInit();
  record('rsInit (GF tables incl. 8 MiB nibble tables)', performance.now() - t0);
  const matrix = k.alloc(R * C * s);
  matrix.view().set(randomBytes(R * C * s));
  const colOut = k.alloc(2 * f * C * s);
  const rowOut = k.alloc(f * R * s);
  for (const target of [1024, 4096, 16384, 65536]) {
    const msCols = best(3, () =>
      k.rsEncodeBatchAt({
        k: R,
        m: 2 * f,
        symbolSize: s,
        codewords: C,
        input: { ptr: matrix.ptr, symbolStride: C * s, codewordStride: s },
        output: { ptr: colOut.ptr, symbolStride: C * s, codewordStride: s },
        shardBytesTarget: target,
      }),
    );
    record(
      `RS low rate 667 columns k=334 m=666 S=302, wasm (shard ~${target} B)`,
      msCols,
      `x1000/667 = ${((msCols * 1000) / 667).toFixed(0)} ms for 1000 columns`,
    );
    const msRows = best(3, () =>
      k.rsEncodeBatchAt({
        k: C,
        m: f,
        symbolSize: s,
        codewords: R,
        input: { ptr: matrix.ptr, symbolStride: s, codewordStride: C * s },
        output: { ptr: rowOut.ptr, symbolStride: R * s, codewordStride: s },
        shardBytesTarget: target,
      }),
    );
    record(`RS high rate 334 rows k=667 m=333 S=302, wasm (shard ~${target} B)`, msRows);
  }
  // Plain TypeScript Reed-Solomon (shared/encoding/reed-solomon), when present.
  try {
    const rsModule = '../../shared/encoding/reed-solomon/index.ts';
    const { reedSolomonCode } = (await import(rsModule)) as {
      reedSolomonCode(
        k: number,
        m: number,
      ): {
        encodeMany(count: number, size: number, src: object, dst: object): void;
      };
    };
    const bytes = matrix.view().slice();
    const outCols = new Uint8Array(2 * f * C * s);
    const msCols = best(1, () =>
      reedSolomonCode(R, 2 * f).encodeMany(
        C,
        s,
        { bytes, symbolStride: C * s, codewordStride: s },
        { bytes: outCols, symbolStride: C * s, codewordStride: s },
      ),
    );
    record('RS low rate 667 columns k=334 m=666 S=302, plain TS', msCols);
    const outRows = new Uint8Array(f * R * s);
    const msRows = best(1, () =>
      reedSolomonCode(C, f).encodeMany(
        R,
        s,
        { bytes, symbolStride: s, codewordStride: C * s },
        { bytes: outRows, symbolStride: R * s, codewordStride: s },
      ),
    );
    record('RS high rate 334 rows k=667 m=333 S=302, plain TS', msRows);
    const same =
      Buffer.from(outCols).equals(Buffer.from(colOut.view())) &&
      Buffer.from(outRows).equals(Buffer.from(rowOut.view()));
    console.log(`plain TS output identical to wasm: ${same}`);
  } catch (err) {
    console.log(`plain TS Reed-Solomon not available: ${(err as Error).message}`);
  }
  matrix.free();
  colOut.free();
  rowOut.free();
}

console.log('\n| benchmark | ms | note |\n|---|---:|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.ms.toFixed(1)} | ${r.note} |`);
