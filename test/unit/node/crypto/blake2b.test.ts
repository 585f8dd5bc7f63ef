import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { computeBlobMetadata } from '../../../../shared/encoding/encoder.ts';
import { currentLeafHasher, instantiateWasmKernels, setLeafHasher } from '../../../../shared/wasm/index.ts';
import { enableNativeLeafHashes, loadLeafHasher } from '../../../../node/crypto/blake2b/index.ts';
import { encodeBlobParallel } from '../../../../node/encoding/index.ts';

const hasAvx2 = /^flags.*\bavx2\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));

// The kernel is built by `npm install` (scripts/build-native.ts); CI installs a C compiler, so a missing
// build fails here rather than silently testing only the WASM kernel.
const hasher = loadLeafHasher();
it.runIf(!hasAvx2)('explains why it is unavailable without AVX2', () => {
  expect(hasher).toBeInstanceOf(Error);
});

describe.runIf(hasAvx2)('native Blake2b leaf hashes (AVX2)', () => {
  const native = () => {
    if (hasher instanceof Error) throw hasher;
    return hasher;
  };
  const registered = currentLeafHasher();
  afterEach(() => setLeafHasher(registered));

  it('is registered by node/encoding', () => {
    expect(registered).toBe(native());
  });

  it('writes the digests of the WASM kernel for any size, count, stride and output stride', async () => {
    const k = await instantiateWasmKernels();
    for (const size of [0, 1, 127, 128, 129, 255, 256, 257, 1000, 4095, 29_000]) {
      for (const count of [1, 2, 3, 4, 5, 8, 13]) {
        const stride = size + (count % 3) * 5;
        const outStride = 32 + (size % 2) * 16;
        const span = (count - 1) * stride + size;
        const buf = k.alloc(span + count * outStride + 64);
        const src = buf.ptr + 3; // unaligned symbols
        k.bytes().set(randomBytes(span), src);
        const out = src + span + 1;
        k.bytes().fill(0, out, out + count * outStride);
        setLeafHasher(undefined);
        k.hashLeavesAt(src, count, size, stride, out, outStride);
        const want = k.bytes().slice(out, out + count * outStride);
        k.bytes().fill(0, out, out + count * outStride);
        native()(k.bytes(), src, count, size, stride, out, outStride);
        expect(k.bytes().slice(out, out + count * outStride)).toEqual(want);
        buf.free();
      }
    }
  });

  it('is what WasmKernels uses for batches of 4 KiB and more, with the same results', async () => {
    const k = await instantiateWasmKernels();
    let calls = 0;
    setLeafHasher((...args) => {
      calls++;
      native()(...args);
    });
    const symbols = randomBytes(64 * 100);
    const viaNative = k.hashLeaves(symbols, 100);
    expect(calls).toBe(1);
    k.hashLeaves(symbols.subarray(0, 300), 100); // 300 bytes: WASM
    expect(calls).toBe(1);
    setLeafHasher(undefined);
    expect(k.hashLeaves(symbols, 100)).toEqual(viaNative);
  });

  it('gives the same blob ID and metadata as the WASM kernel', async () => {
    const blob = randomBytes(2 ** 20 + 17);
    const fromWorkers = await encodeBlobParallel(blob, 20);
    setLeafHasher(undefined);
    const wasmOnly = computeBlobMetadata(blob, 20);
    expect(fromWorkers.blobId).toEqual(wasmOnly.blobId);
    expect(fromWorkers.metadata).toEqual(wasmOnly.metadata);
    expect(enableNativeLeafHashes()).toBe(true);
  });

  it('rejects bad arguments with typed errors', () => {
    const h = native();
    const memory = new Uint8Array(1000);
    expect(() => h(memory, 0, 2, 400, 400, 950, 32)).toThrow(RangeError); // second digest past the end
    expect(() => h(memory, 900, 1, 101, 101, 0, 32)).toThrow(RangeError); // symbol past the end
    expect(() => h(memory, -1, 1, 10, 10, 0, 32)).toThrow(TypeError);
    expect(() => h(memory, 0.5, 1, 10, 10, 0, 32)).toThrow(TypeError);
    expect(() => h(new Uint16Array(8) as never, 0, 1, 1, 1, 0, 32)).toThrow(TypeError);
    expect(() => h(memory, 0, 0, 10, 10, 0, 32)).not.toThrow(); // nothing to do
  });
});
