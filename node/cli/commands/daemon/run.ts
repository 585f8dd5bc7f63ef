/**
 * Shared by `daemon`, `publisher` and `aggregator`: options, and running the HTTP server until SIGINT or
 * SIGTERM.
 */
import type { Command } from 'commander';
import { DEFAULT_DAEMON_PORT, DEFAULT_MAX_BODY_SIZE } from '../../../../shared/api/daemon.ts';
import type { DaemonMode } from '../../../daemon/server.ts';
import { printJson } from '../../output.ts';
import {
  addCommonOptions,
  CliInputError,
  parsePositiveInt,
  withClient,
  type CommonOptions,
} from '../store/common.ts';

interface DaemonOptions extends CommonOptions {
  bindAddress: string;
  maxBodySize: number;
  allowEmptyBlobs?: boolean;
}

function parseBind(v: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(v);
  if (!m || Number(m[2]) > 65535) throw new CliInputError(`invalid --bind-address ${v} (expected host:port)`);
  return { host: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

/** Registers one daemon command. */
export function registerDaemon(program: Command, mode: DaemonMode, description: string): void {
  addCommonOptions(program.command(mode).description(description), mode !== 'aggregator')
    .option('--bind-address <host:port>', 'address to listen on', `127.0.0.1:${DEFAULT_DAEMON_PORT}`)
    .option('--max-body-size <bytes>', 'largest PUT /v1/blobs body', parsePositiveInt, DEFAULT_MAX_BODY_SIZE)
    .option('--allow-empty-blobs', 'accept empty PUT /v1/blobs bodies (refused with 400 by default)')
    .action(async (opts: DaemonOptions) => {
      const { host, port } = parseBind(opts.bindAddress);
      await withClient(opts, mode !== 'aggregator', async ({ client }) => {
        const { startDaemon } = await import('../../../daemon/server.ts');
        const daemon = await startDaemon(
          { client, log: (m) => process.stderr.write(`walrus-ts ${mode}: ${m}\n`) },
          { mode, host, port, maxBodySize: opts.maxBodySize, allowEmptyBlobs: opts.allowEmptyBlobs ?? false },
        );
        if (opts.json) printJson({ mode, url: daemon.url });
        else process.stderr.write(`walrus-ts ${mode} listening on ${daemon.url}\n`);
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        await daemon.close();
      });
    });
}
