/**
 * Environment for child processes that move bulk bytes (storage nodes, the daemon): glibc malloc's trim
 * threshold. Node's crypto and network code allocates each Noise message (up to 64 KiB) with malloc, below
 * the mmap threshold, so it comes from the heap; by default glibc gives the top of the heap back to the
 * kernel once 128 KiB of it is free, and the next burst of messages faults the same pages in again (page
 * faults are costly on the benchmark VM: its balloon device reports freed memory to the host). With a
 * threshold of 256 MiB the free heap stays mapped: node ingest of 1 MiB slivers measured 132.6, 133.4 and
 * 133.9 MiB/s against 127.6, 121.0 and 123.4 without it (interleaved runs of 3, same minutes); Node's
 * ChaCha20 on 64 KiB messages took 1.04 instead of 1.6 ms/MiB.
 *
 * The variable is read by glibc when a process starts, so it must be in the environment the process is
 * started with: the devnet sets it for its children, the benchmark scripts for themselves, and an operator
 * starting `walrus-ts node` directly sets it in the service's environment (see README). Other C libraries
 * ignore it.
 */

/** The variable and its value (bytes): glibc's `M_TRIM_THRESHOLD`. */
export const MALLOC_TRIM_THRESHOLD_ENV = { name: 'MALLOC_TRIM_THRESHOLD_', value: String(256 * 1024 * 1024) };

/**
 * `env` with {@link MALLOC_TRIM_THRESHOLD_ENV} added, unless the caller's environment already sets it.
 * @returns a new object; `env` is not changed
 */
export function withAllocatorTuning(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { name, value } = MALLOC_TRIM_THRESHOLD_ENV;
  return env[name] === undefined ? { ...env, [name]: value } : { ...env };
}
