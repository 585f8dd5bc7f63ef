#!/usr/bin/env node
/**
 * `walrus-ts` command-line entry point.
 *
 * Every command lives in its own folder `node/cli/commands/<name>/index.ts`, which exports
 * `register(program: Command): void`. This file discovers them, so commands can be added
 * without touching the root.
 */
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { protectDashedBlobIds } from './argv.ts';
import { reportCliError } from './output.ts';

const here = dirname(fileURLToPath(import.meta.url));
const commandsDir = join(here, 'commands');

/** Shape every command module exports. */
export interface CliCommandModule {
  register(program: Command): void;
}

async function main(argv: string[]): Promise<void> {
  const program = new Command('walrus-ts')
    .description('walrus-ts: a decentralized blob store that speaks the Walrus protocol')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  const names = readdirSync(commandsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(commandsDir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
  // Load only the command being run (every command module pulls in its own dependencies: the storage node,
  // the devnet, libp2p...); help, aliases and unknown names load them all.
  const requested = argv.slice(2).find((a) => !a.startsWith('-'));
  const load = requested !== undefined && names.includes(requested) ? [requested] : names;
  for (const name of load) {
    const mod = (await import(pathToFileURL(join(commandsDir, name, 'index.ts')).href)) as CliCommandModule;
    mod.register(program);
  }
  await program.parseAsync(protectDashedBlobIds(program, argv));
}

main(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) {
    // commander already printed its message (help, version, usage error).
    process.exitCode = err.exitCode;
    return;
  }
  process.exitCode = reportCliError(err);
});
