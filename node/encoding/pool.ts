/**
 * A pool of worker threads for the codec: each worker has its own WebAssembly kernels instance
 * (`instantiateWasmKernels()`) and runs the tasks of `shared/encoding/tasks.ts`; inputs and results
 * move as transferred buffers (no copies on either side of the thread boundary).
 *
 * @packageDocumentation
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { EncodingPoolClosedError, EncodingWorkerError } from './errors.ts';
import type { PoolRequest, PoolResponse, PoolResults, PoolTasks } from './messages.ts';

/** Options of {@link EncodingPool}. */
export interface EncodingPoolInit {
  /**
   * Number of worker threads.
   * @default availableParallelism()
   */
  readonly size?: number;
}

interface Slot {
  readonly worker: Worker;
  busy: number;
  readonly ready: Promise<void>;
}

interface Pending {
  readonly slot: Slot;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** Runs codec tasks on worker threads; each task goes to the least busy worker. */
export class EncodingPool {
  readonly #slots: Slot[] = [];
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;

  constructor(init: EncodingPoolInit = {}) {
    const size = Math.max(1, Math.floor(init.size ?? availableParallelism()));
    for (let i = 0; i < size; i++) this.#slots.push(this.#spawn());
  }

  /** Number of worker threads. */
  get size(): number {
    return this.#slots.length;
  }

  /** Resolves once every worker has instantiated its kernels (tasks may be submitted before). */
  async ready(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.ready));
  }

  /**
   * Runs one task on the least busy worker. Buffers in `transfer` are moved to the worker (they are
   * unusable here afterwards).
   * @throws EncodingPoolClosedError, EncodingWorkerError
   */
  run<K extends keyof PoolTasks>(
    kind: K,
    task: PoolTasks[K],
    transfer: readonly ArrayBuffer[] = [],
  ): Promise<PoolResults[K]> {
    if (this.#closed) return Promise.reject(new EncodingPoolClosedError());
    const slot = this.#slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.#nextId++;
    // A worker with work keeps the process alive; an idle one does not.
    if (slot.busy++ === 0) slot.worker.ref();
    return new Promise<PoolResults[K]>((resolve, reject) => {
      this.#pending.set(id, { slot, resolve: resolve as (v: unknown) => void, reject });
      slot.worker.postMessage({ id, kind, task } as PoolRequest, [...new Set(transfer)]);
    });
  }

  /** Terminates the workers; pending tasks reject with {@link EncodingPoolClosedError}. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const p of this.#pending.values()) p.reject(new EncodingPoolClosedError());
    this.#pending.clear();
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }

  #spawn(): Slot {
    const worker = new Worker(new URL('./worker.ts', import.meta.url));
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    const slot: Slot = { worker, busy: 0, ready };
    worker.on('message', (m: PoolResponse) => {
      if (m.kind === 'ready') {
        markReady();
        if (slot.busy === 0) worker.unref();
        return;
      }
      const p = this.#pending.get(m.id);
      if (p === undefined) return;
      this.#pending.delete(m.id);
      if (--slot.busy === 0) worker.unref();
      if (m.kind === 'error') p.reject(new EncodingWorkerError(`${m.name}: ${m.message}`));
      else p.resolve(m.result);
    });
    worker.on('error', (err) => this.#fail(slot, err));
    worker.on('exit', (code) => {
      if (!this.#closed) this.#fail(slot, new Error(`worker exited with code ${code}`));
    });
    return slot;
  }

  #fail(slot: Slot, cause: Error): void {
    slot.busy = 0;
    for (const [id, p] of this.#pending) {
      if (p.slot !== slot) continue;
      this.#pending.delete(id);
      p.reject(new EncodingWorkerError(cause.message, { cause }));
    }
    // Replace the dead worker so the pool keeps its size.
    const i = this.#slots.indexOf(slot);
    if (i >= 0 && !this.#closed) {
      void slot.worker.terminate();
      this.#slots[i] = this.#spawn();
    }
  }
}

let shared: EncodingPool | undefined;

/**
 * The process-wide pool (created on first use, `availableParallelism()` workers). Idle workers do not
 * keep the process alive; a worker with a task (or still starting) does.
 */
export function sharedEncodingPool(): EncodingPool {
  shared ??= new EncodingPool();
  return shared;
}
