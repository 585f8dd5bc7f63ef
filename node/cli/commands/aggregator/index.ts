/** `walrus-ts aggregator`: the read half of the daemon (`GET /v1/blobs/...`). No wallet needed. */
import type { Command } from 'commander';
import { registerDaemon } from '../daemon/run.ts';

/** Registers `aggregator`. */
export function register(program: Command): void {
  registerDaemon(program, 'aggregator', 'run the aggregator HTTP API (GET /v1/blobs/...)');
}
