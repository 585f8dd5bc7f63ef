/**
 * Options shared by `walrus-ts node` subcommands: `--config` plus one flag per config field (dotted names,
 * e.g. `--api.port 9185`, `--limits.maxStreamsPerPeer 16`; top-level fields in kebab case:
 * `--data-dir`, `--keystore-path`). Flags override `WALRUS_TS_*` environment variables, which override the
 * file. @see node/config/config.ts
 */
import type { Command } from 'commander';
import { NODE_CONFIG_FIELDS } from '../../../config/config.ts';

function flagName(path: string): string {
  return path.includes('.') ? path : path.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Adds `--config` and every config field's flag to `cmd`. */
export function addConfigOptions(cmd: Command): Command {
  cmd.option('--config <file>', 'YAML config file (flags and WALRUS_TS_* env vars override it)');
  for (const f of NODE_CONFIG_FIELDS) cmd.option(`--${flagName(f.path)} <value>`, f.doc);
  return cmd;
}

/** The config-field flags that were given, keyed by field path (for `loadNodeConfig`'s `flags`). */
export function configFlags(opts: Record<string, unknown>): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  for (const f of NODE_CONFIG_FIELDS) {
    const v = opts[f.path];
    if (v !== undefined) flags[f.path] = v;
  }
  return flags;
}
