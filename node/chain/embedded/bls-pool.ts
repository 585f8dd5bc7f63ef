/**
 * A pool of worker threads that verify BLS signatures off the main thread, so the embedded chain can
 * check several certificates at once (one pairing check each costs ~25-130 ms in pure JS).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Options of {@link BlsVerifierPool}. */
export interface BlsVerifierPoolInit {
  /** Number of worker threads. @default max(1, availableParallelism() - 1) */
  size?: number;
}

interface Pending {
  resolve: (ok: boolean) => void;
  reject: (e: Error) => void;
}

/** Verifies `(signature, message, public key)` in worker threads; jobs go to the least busy worker. */
export class BlsVerifierPool {
  readonly #workers: { worker: Worker; busy: number }[] = [];
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;

  constructor(init: BlsVerifierPoolInit = {}) {
    const size = init.size ?? Math.max(1, availableParallelism() - 1);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./bls-worker.ts', import.meta.url));
      const slot = { worker, busy: 0 };
      worker.on('message', (m: { id: number; ok: boolean }) => {
        slot.busy--;
        const p = this.#pending.get(m.id);
        this.#pending.delete(m.id);
        p?.resolve(m.ok);
      });
      worker.on('error', (e) => {
        for (const p of this.#pending.values()) p.reject(e);
        this.#pending.clear();
      });
      worker.unref();
      this.#workers.push(slot);
    }
  }

  /** Number of worker threads. */
  get size(): number {
    return this.#workers.length;
  }

  /**
   * Verifies a BLS min-pk signature (96 B) over `message` for a 48-byte (aggregate) public key.
   * Resolves false for malformed input; rejects only when the pool is closed or a worker died.
   */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Promise<boolean> {
    if (this.#closed) return Promise.reject(new Error('BLS verifier pool is closed'));
    const slot = this.#workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.#nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, signature, message, publicKey });
    });
  }

  /** Stops the workers; pending jobs reject. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const p of this.#pending.values()) p.reject(new Error('BLS verifier pool closed'));
    this.#pending.clear();
    await Promise.all(this.#workers.map((w) => w.worker.terminate()));
  }
}
