/** `walrus-ts publisher`: the store half of the daemon (`PUT /v1/blobs`). Needs a wallet. */
import type { Command } from 'commander';
import { registerDaemon } from '../daemon/run.ts';

/** Registers `publisher`. */
export function register(program: Command): void {
  registerDaemon(program, 'publisher', 'run the publisher HTTP API (PUT /v1/blobs)');
}
