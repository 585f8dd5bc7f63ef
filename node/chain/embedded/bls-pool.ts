/**
 * A pool of worker threads that verify BLS signatures off the main thread, so the embedded chain can
 * check several certificates at once. Jobs that arrive while every worker is busy are queued and sent to
 * the next free worker as one batch (up to `maxBatch`), which the worker checks together: one final
 * exponentiation (node/crypto/blst; with mcl-wasm also one Miller loop per distinct signer set,
 * shared/crypto/bls-mcl.ts). A lone job goes out at once, so batching adds no latency when idle.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BlsVerifyItem } from '../../../shared/crypto/bls-backend.ts';
import { blsBackendFromEnv, type BlsBackendChoice } from '../../crypto/blst/index.ts';

/** Options of {@link BlsVerifierPool}. */
export interface BlsVerifierPoolInit {
  /** Number of worker threads. @default max(1, availableParallelism() - 1) */
  size?: number;
  /** Most signatures sent to a worker in one batch. @default 32 */
  maxBatch?: number;
  /**
   * Verification backend of the workers: 'blst' (the native binding; mcl-wasm where it was not built),
   * 'mcl' (mcl-wasm; noble if it cannot be loaded) or 'noble'.
   * @default the environment variable WALRUS_TS_BLS, else 'blst'
   */
  backend?: BlsBackendChoice;
}

/** Counters of a {@link BlsVerifierPool}, for benchmarks and metrics. */
export interface BlsVerifierPoolStats {
  /** Signatures verified. */
  jobs: number;
  /** Batches sent to workers (jobs / batches = mean batch size). */
  batches: number;
  /** Largest batch sent. */
  maxBatch: number;
}

interface Job {
  item: BlsVerifyItem;
  resolve: (ok: boolean) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The batch the worker is checking, if any. */
  inFlight: Job[] | undefined;
  batchId: number;
  dead: boolean;
}

/** Verifies `(signature, message, public key)` in worker threads, batching jobs under load. */
export class BlsVerifierPool {
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  readonly #maxBatch: number;
  readonly #stats: BlsVerifierPoolStats = { jobs: 0, batches: 0, maxBatch: 0 };
  #nextId = 1;
  #closed = false;

  constructor(init: BlsVerifierPoolInit = {}) {
    const size = init.size ?? Math.max(1, availableParallelism() - 1);
    this.#maxBatch = Math.max(1, init.maxBatch ?? 32);
    const backend = init.backend ?? blsBackendFromEnv();
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./bls-worker.ts', import.meta.url), { workerData: { backend } });
      const slot: Slot = { worker, inFlight: undefined, batchId: 0, dead: false };
      worker.on('message', (m: { id: number; results: boolean[] }) => {
        const jobs = slot.inFlight;
        if (!jobs || m.id !== slot.batchId) return;
        slot.inFlight = undefined;
        jobs.forEach((j, k) => j.resolve(m.results[k] === true));
        this.#dispatch();
      });
      worker.on('error', (e) => this.#workerDied(slot, e));
      worker.on('exit', () => this.#workerDied(slot, new Error('BLS verifier worker exited')));
      worker.unref();
      this.#slots.push(slot);
    }
  }

  /** Number of worker threads. */
  get size(): number {
    return this.#slots.length;
  }

  /** Counters since the pool started. */
  stats(): BlsVerifierPoolStats {
    return { ...this.#stats };
  }

  /**
   * Verifies a BLS min-pk signature (96 B) over `message` for a 48-byte (aggregate) public key.
   * Resolves false for malformed input; rejects only when the pool is closed or a worker died.
   */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
    if (this.#closed) return Promise.reject(new Error('BLS verifier pool is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ item: { signature, message, publicKey }, resolve, reject });
      this.#dispatch();
    });
  }

  /** Sends queued jobs to idle workers, up to `maxBatch` per worker. */
  #dispatch(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (slot.inFlight || slot.dead) continue;
      const jobs = this.#queue.splice(0, this.#maxBatch);
      slot.inFlight = jobs;
      slot.batchId = this.#nextId++;
      this.#stats.jobs += jobs.length;
      this.#stats.batches++;
      this.#stats.maxBatch = Math.max(this.#stats.maxBatch, jobs.length);
      slot.worker.postMessage({ id: slot.batchId, items: jobs.map((j) => j.item) });
    }
  }

  /** A dead worker's batch rejects; the queue moves to the others, or rejects when none is left. */
  #workerDied(slot: Slot, e: Error): void {
    if (slot.dead) return;
    slot.dead = true;
    for (const j of slot.inFlight ?? []) j.reject(e);
    slot.inFlight = undefined;
    if (this.#slots.every((s) => s.dead)) {
      this.#closed = true;
      this.#fail(e);
    } else {
      this.#dispatch();
    }
  }

  #fail(e: Error): void {
    for (const slot of this.#slots) {
      for (const j of slot.inFlight ?? []) j.reject(e);
      slot.inFlight = undefined;
    }
    for (const j of this.#queue.splice(0)) j.reject(e);
  }

  /** Stops the workers; pending jobs reject. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#fail(new Error('BLS verifier pool closed'));
    for (const s of this.#slots) s.dead = true;
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
