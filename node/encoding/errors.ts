/** Errors of the encoding worker pool (node/encoding). */
import { WalrusTsError } from '../../shared/errors.ts';

/** A task was submitted to (or was pending in) a pool that has been closed. */
export class EncodingPoolClosedError extends WalrusTsError {
  static readonly name = 'EncodingPoolClosedError';
  constructor() {
    super('the encoding worker pool is closed', 'ENCODING_POOL_CLOSED');
  }
}

/** A worker failed: it threw while running a task, or the thread itself died. */
export class EncodingWorkerError extends WalrusTsError {
  static readonly name = 'EncodingWorkerError';
  constructor(message: string, options?: ErrorOptions) {
    super(`encoding worker failed: ${message}`, 'ENCODING_WORKER_FAILED', options);
  }
}
