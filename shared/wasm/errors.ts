/**
 * Errors thrown by the WebAssembly kernels wrapper (shared/wasm). One class per condition; callers
 * branch on `name`/`code`.
 */
import { InvalidArgumentError, WalrusTsError } from '../errors.ts';

/** A size, count, index or pointer handed to a kernel is outside what the kernel accepts. */
export class KernelArgumentError extends InvalidArgumentError {
  static readonly name = 'KernelArgumentError';
  constructor(message: string) {
    super(message, 'WASM_INVALID_ARGUMENT');
  }
}

/** The kernels' WebAssembly memory cannot grow enough for a request (the 4 GiB wasm32 limit). */
export class KernelMemoryError extends WalrusTsError {
  static readonly name = 'KernelMemoryError';
  constructor(bytes: number, options?: ErrorOptions) {
    super(`cannot allocate ${bytes} bytes of WebAssembly memory`, 'WASM_OUT_OF_MEMORY', options);
  }
}

/** The reed-solomon-simd shard counts (original `k`, recovery `m`) are not supported (spec §1.7). */
export class UnsupportedShardCountError extends InvalidArgumentError {
  static readonly name = 'UnsupportedShardCountError';
  constructor(k: number, m: number) {
    super(`unsupported shard counts: ${k} original, ${m} recovery`, 'WASM_UNSUPPORTED_SHARD_COUNT');
  }
}
