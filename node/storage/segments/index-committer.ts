/**
 * Commits groups of `sliver_index` rows on a worker thread with its own connection to the database (WAL
 * lets both connections work; writers take turns through `busy_timeout`). A commit is durable
 * (`synchronous=FULL`) when {@link IndexCommitter.commit} resolves, and the node's event loop never waits for
 * its fsync.
 */
import { Worker } from 'node:worker_threads';
import { SegmentWriteError } from '../errors.ts';
import type { SliverIndexRow } from './index-sql.ts';

/** A group of rows to commit (worker message). */
export interface IndexCommitRequest {
  id: number;
  rows: SliverIndexRow[];
}

/** The worker's answer: `id` 0 once it is ready; `error` when the transaction failed (rolled back). */
export interface IndexCommitReply {
  id: number;
  error?: string;
}

/** The index commit worker of one store. */
export class IndexCommitter {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  readonly #ready: Promise<void>;
  #nextId = 1;
  #closed = false;

  /** Starts the worker on the database at `path` (already migrated). Await {@link ready} before use. */
  constructor(path: string, busyTimeoutMs = 10_000) {
    this.#worker = new Worker(new URL('./index-worker.ts', import.meta.url), {
      workerData: { path, busyTimeoutMs },
    });
    this.#ready = new Promise<void>((resolve, reject) => {
      this.#pending.set(0, { resolve, reject });
    });
    this.#worker.on('message', (m: IndexCommitReply) => {
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (this.#pending.size === 0) this.#worker.unref();
      if (m.error === undefined) p.resolve();
      else p.reject(new SegmentWriteError(`sliver index commit: ${m.error}`));
    });
    this.#worker.on('error', (err) => this.#failAll(err));
    this.#worker.on('exit', (code) => {
      if (!this.#closed) this.#failAll(new Error(`index worker exited with code ${code}`));
    });
  }

  /** Resolves once the worker has opened the database. @throws SegmentWriteError when it could not */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Commits `rows` in one durable transaction. @throws SegmentWriteError */
  commit(rows: SliverIndexRow[]): Promise<void> {
    if (this.#closed) return Promise.reject(new SegmentWriteError('the index committer is closed'));
    const id = this.#nextId++;
    return new Promise<void>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      // keep the process alive while a commit is in flight (and only then)
      this.#worker.ref();
      this.#worker.postMessage({ id, rows } satisfies IndexCommitRequest);
    });
  }

  /** Stops the worker (call once no commit is in flight). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage('close');
    await Promise.race([exited, new Promise<void>((r) => setTimeout(r, 2000).unref())]);
    await this.#worker.terminate();
    this.#failAll(new Error('the index committer is closed'));
  }

  #failAll(cause: Error): void {
    for (const p of this.#pending.values()) p.reject(new SegmentWriteError(cause.message, { cause }));
    this.#pending.clear();
  }
}
