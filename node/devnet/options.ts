/**
 * Options of the local devnet (`walrus-ts devnet`, `npm start`), their defaults and validation.
 */
import { resolve } from 'node:path';
import { MIN_N_SHARDS } from '../../shared/encoding/params.ts';
import { InvalidDevnetOptionError } from './errors.ts';

/** Most storage nodes a devnet runs (the port layout reserves room for this many). */
export const MAX_DEVNET_NODES = 40;
/** Most shards a devnet accepts (Walrus mainnet runs 1000). */
export const MAX_DEVNET_SHARDS = 1000;
/** Default data directory, relative to the current directory (gitignored as /data/). */
export const DEFAULT_DEVNET_DATA_DIR = './data/devnet';
/** Default first port; see node/devnet/layout.ts for the ports derived from it. */
export const DEFAULT_DEVNET_BASE_PORT = 9400;
const MiB = 1024 * 1024;

/** Options of {@link Devnet}. */
export interface DevnetInit {
  /** Directory of every process's state and logs. @default './data/devnet' */
  dataDir?: string;
  /** Storage nodes, each a separate process. @default 7 */
  nodes?: number;
  /** Shards of the system (fixed when the devnet is created). @default 100 */
  shards?: number;
  /** Epoch length, seconds (fixed when the devnet is created). @default 3600 */
  epochDurationSec?: number;
  /** First port of the layout (chain; daemon +1; explorer +2; nodes from +10). @default 9400 */
  basePort?: number;
  /** Delete the data directory's devnet and create a new one. @default false */
  fresh?: boolean;
  /** Build (when needed) and serve the explorer. @default true */
  explorer?: boolean;
  /** Largest body `PUT /v1/blobs` accepts on the daemon, bytes. @default 64 MiB */
  maxBodyBytes?: number;
  /** Deadline of the whole startup once processes run (committee formed, every node healthy), ms. @default 300000 */
  readyTimeoutMs?: number;
  /** Time a process gets between SIGTERM and SIGKILL when stopping, ms. @default 10000 */
  stopTimeoutMs?: number;
}

/** {@link DevnetInit} with every default applied and the data directory absolute. */
export type DevnetOptions = Required<DevnetInit>;

function checkInt(name: string, v: number, min: number, max: number): number {
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new InvalidDevnetOptionError(`${name} must be an integer in ${min}..${max}, got ${v}`);
  }
  return v;
}

/**
 * Applies defaults and validates.
 * @throws InvalidDevnetOptionError for a value out of range (nodes 1..40, shards 4..1000 and >= nodes,
 *   epoch duration 10 s .. 1 year, base port 1024..65535 with room for the layout)
 */
export function resolveDevnetOptions(init: DevnetInit = {}, cwd = process.cwd()): DevnetOptions {
  const nodes = checkInt('--nodes', init.nodes ?? 7, 1, MAX_DEVNET_NODES);
  const shards = checkInt('--shards', init.shards ?? 100, MIN_N_SHARDS, MAX_DEVNET_SHARDS);
  if (shards < nodes) {
    throw new InvalidDevnetOptionError(`--shards (${shards}) must be at least --nodes (${nodes})`);
  }
  return {
    dataDir: resolve(cwd, init.dataDir ?? DEFAULT_DEVNET_DATA_DIR),
    nodes,
    shards,
    epochDurationSec: checkInt('--epoch-duration', init.epochDurationSec ?? 3600, 10, 365 * 24 * 3600),
    basePort: checkInt('--base-port', init.basePort ?? DEFAULT_DEVNET_BASE_PORT, 1024, 65535 - 200),
    fresh: init.fresh ?? false,
    explorer: init.explorer ?? true,
    maxBodyBytes: checkInt('--max-body-size', init.maxBodyBytes ?? 64 * MiB, 1, 4096 * MiB),
    readyTimeoutMs: checkInt('ready timeout', init.readyTimeoutMs ?? 300_000, 1000, 3_600_000),
    stopTimeoutMs: checkInt('stop timeout', init.stopTimeoutMs ?? 10_000, 100, 600_000),
  };
}
