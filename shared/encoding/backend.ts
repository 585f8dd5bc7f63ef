/**
 * Which implementation the codec's hot paths use: the WebAssembly SIMD kernels of `shared/wasm`
 * (batched leaf hashing, many Merkle roots per call, batched Reed-Solomon), or the plain-TypeScript
 * code (`reed-solomon/`, `hashing.ts`) where WebAssembly is unavailable. Both give identical bytes.
 *
 * The kernels are instantiated synchronously on first use (the binary is ~32 KiB); if that fails (no
 * WebAssembly, or no SIMD support) the codec silently stays on the TypeScript path.
 *
 * @packageDocumentation
 */
import { loadWasmKernels, type WasmKernels } from '../wasm/index.ts';

/** The codec's implementation of Reed-Solomon and batched hashing. */
export type CodecBackend = 'wasm' | 'ts';

let forced: CodecBackend | undefined;
let kernels: WasmKernels | null | undefined;

/**
 * The shared kernels instance the codec uses on this thread, or `undefined` when the codec runs on
 * the TypeScript path (WebAssembly unavailable, or {@link setCodecBackend}('ts')).
 */
export function codecKernels(): WasmKernels | undefined {
  if (forced === 'ts') return undefined;
  if (kernels === undefined) {
    try {
      kernels = loadWasmKernels();
    } catch {
      kernels = null;
    }
  }
  return kernels ?? undefined;
}

/** The backend in use on this thread. */
export function codecBackend(): CodecBackend {
  return codecKernels() === undefined ? 'ts' : 'wasm';
}

/**
 * Forces a backend (tests and benchmarks compare them); `undefined` restores the default (WebAssembly
 * when available). Forcing 'wasm' where WebAssembly is unavailable leaves the TypeScript path in use.
 * @returns the backend now in use
 */
export function setCodecBackend(backend: CodecBackend | undefined): CodecBackend {
  forced = backend;
  return codecBackend();
}
