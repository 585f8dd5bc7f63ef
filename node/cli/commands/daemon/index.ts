/**
 * `walrus-ts daemon [--bind-address host:port] [--max-body-size BYTES]`: publisher and aggregator HTTP API
 * in one server (Walrus's `walrus daemon`). Needs a wallet (stores pay from it).
 */
import type { Command } from 'commander';
import { registerDaemon } from './run.ts';

/** Registers `daemon`. */
export function register(program: Command): void {
  registerDaemon(program, 'daemon', 'run the publisher and aggregator HTTP API');
}
