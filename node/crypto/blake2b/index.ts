/**
 * Walrus Merkle leaf hashes H(0x00 || symbol) (Blake2b-256, spec §2.1) four at a time with AVX2, through
 * our Node-API kernel (./binding.c, built at `npm install` by scripts/build-native.ts on x86-64 Linux
 * with a C compiler). The codec hashes every cell of the n x n expanded matrix: encoding a blob,
 * verifying a sliver on a storage node, checking slivers on a read. `npm run bench:kernels`: 64 MiB of
 * 29 000-byte symbols at 1.8-1.9 GB/s against 0.8-0.9 GB/s for the two-lane WASM kernel (shared/wasm),
 * which stays the path in browsers, on other CPUs and where the module is not built.
 *
 * {@link enableNativeLeafHashes} registers it with shared/wasm ({@link setLeafHasher}) for the calling
 * thread; the encoding pool's workers and node/encoding call it. `WALRUS_TS_NATIVE_BLAKE2B=0` in the
 * environment keeps the WASM kernel (to compare).
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setLeafHasher, type LeafHasher } from '../../../shared/wasm/index.ts';

/** The functions binding.c exports. */
interface Blake2bBinding {
  /** Whether this CPU has AVX2. */
  available(): boolean;
  /**
   * Digest i of H(0x00 || memory[src + i * stride, + symbolSize)) to memory[out + i * outStride, + 32).
   * @throws TypeError for a non-integer or non-Uint8Array argument, RangeError out of bounds
   */
  hashLeaves: LeafHasher;
}

/** Where scripts/build-native.ts writes the binding. */
export const BLAKE2B_BINDING_PATH = fileURLToPath(new URL('./build/blake2b.node', import.meta.url));

/** Known answers (from @noble/hashes): leaf hashes of symbol byte i = (7i + 3) mod 256. */
const SELF_TEST: ReadonlyArray<[size: number, digest: string]> = [
  [0, '03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314'],
  [300, 'b0ae1a9eef62c82c958d75e99675ea0fa5e08b1ca81eca1d6a5500b252a1e69b'],
];

function selfTest(b: Blake2bBinding): boolean {
  for (const [size, digest] of SELF_TEST) {
    // five copies of the symbol: one group of four lanes and a group with one
    const count = 5;
    const memory = new Uint8Array(count * size + count * 32);
    for (let i = 0; i < count; i++) for (let j = 0; j < size; j++) memory[i * size + j] = (j * 7 + 3) & 255;
    b.hashLeaves(memory, 0, count, size, size, count * size, 32);
    const want = Buffer.from(digest, 'hex');
    for (let i = 0; i < count; i++) {
      const at = count * size + 32 * i;
      if (!want.equals(memory.subarray(at, at + 32))) return false;
    }
  }
  return true;
}

let loaded: LeafHasher | Error | undefined;

/**
 * The native leaf hasher, loaded once per thread and checked against known answers.
 * @returns the hasher, or an Error saying why it is not available (turned off, not built, no AVX2,
 *   failed to load or its self-test)
 */
export function loadLeafHasher(): LeafHasher | Error {
  if (loaded) return loaded;
  if (process.env.WALRUS_TS_NATIVE_BLAKE2B === '0') {
    loaded = new Error('the native Blake2b kernel is turned off (WALRUS_TS_NATIVE_BLAKE2B=0)');
  } else if (!existsSync(BLAKE2B_BINDING_PATH)) {
    loaded = new Error(`the native Blake2b kernel is not built (${BLAKE2B_BINDING_PATH})`);
  } else {
    try {
      const b = createRequire(import.meta.url)(BLAKE2B_BINDING_PATH) as Blake2bBinding;
      if (!b.available()) loaded = new Error('the native Blake2b kernel needs AVX2, which this CPU lacks');
      else if (!selfTest(b)) loaded = new Error('the native Blake2b kernel failed its known-answer test');
      else loaded = b.hashLeaves;
    } catch (e) {
      loaded = new Error(`the native Blake2b kernel could not be loaded: ${(e as Error).message}`);
    }
  }
  return loaded;
}

/**
 * Makes this thread's WASM kernels hash Merkle leaves natively when the kernel is available.
 * @returns whether it is now in use
 */
export function enableNativeLeafHashes(): boolean {
  const hasher = loadLeafHasher();
  if (hasher instanceof Error) return false;
  setLeafHasher(hasher);
  return true;
}
