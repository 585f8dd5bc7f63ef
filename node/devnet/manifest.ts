/**
 * The devnet manifest, `<dataDir>/devnet.json`: the parameters a devnet was created with and what genesis
 * produced (the node IDs). A second start reads it to resume the same network (same keys, ports,
 * committee); `--fresh` deletes the data directory's devnet and writes a new one.
 *
 * ```json
 * { "version": 1, "kind": "walrus-ts-devnet", "createdAt": "2026-…Z",
 *   "nodes": 7, "shards": 100, "epochDurationSec": 3600, "basePort": 9400,
 *   "nodeIds": { "node-1": "0x…", … } }
 * ```
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DevnetMismatchError } from './errors.ts';

/** Manifest format version written by this build. */
export const DEVNET_MANIFEST_VERSION = 1;
const KIND = 'walrus-ts-devnet';

/** Contents of devnet.json. */
export interface DevnetManifest {
  version: number;
  kind: string;
  /** ISO 8601 time of creation. */
  createdAt: string;
  nodes: number;
  shards: number;
  epochDurationSec: number;
  basePort: number;
  /** On-chain node ID (staking pool ID) of each node once registered, by node name. */
  nodeIds: Record<string, string>;
}

/** The parameters fixed at creation. */
export type DevnetParams = Pick<DevnetManifest, 'nodes' | 'shards' | 'epochDurationSec' | 'basePort'>;

/** A new manifest for `params`. */
export function newManifest(params: DevnetParams): DevnetManifest {
  return {
    version: DEVNET_MANIFEST_VERSION,
    kind: KIND,
    createdAt: new Date().toISOString(),
    ...params,
    nodeIds: {},
  };
}

/**
 * Reads the manifest, or returns undefined when the file does not exist.
 * @throws DevnetMismatchError when the file is not a devnet manifest of a known version
 */
export function readManifest(path: string): DevnetManifest | undefined {
  if (!existsSync(path)) return undefined;
  let doc: Partial<DevnetManifest>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<DevnetManifest>;
  } catch (e) {
    throw new DevnetMismatchError(`${path} is not a devnet manifest (${(e as Error).message}); use --fresh`);
  }
  const ints = ['nodes', 'shards', 'epochDurationSec', 'basePort'] as const;
  if (
    doc.kind !== KIND ||
    doc.version !== DEVNET_MANIFEST_VERSION ||
    ints.some((k) => !Number.isSafeInteger(doc[k])) ||
    typeof doc.nodeIds !== 'object' ||
    doc.nodeIds === null
  ) {
    throw new DevnetMismatchError(
      `${path} is not a version ${DEVNET_MANIFEST_VERSION} devnet manifest; use --fresh`,
    );
  }
  return doc as DevnetManifest;
}

/** Writes the manifest atomically (temp file + rename). */
export function writeManifest(path: string, manifest: DevnetManifest): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(tmp, path);
}

/**
 * Checks that the explicitly requested parameters match an existing devnet.
 * @param requested only the parameters the user gave (undefined = take the manifest's)
 * @throws DevnetMismatchError naming every differing parameter
 */
export function checkManifestParams(manifest: DevnetManifest, requested: Partial<DevnetParams>): void {
  const flags: Record<keyof DevnetParams, string> = {
    nodes: '--nodes',
    shards: '--shards',
    epochDurationSec: '--epoch-duration',
    basePort: '--base-port',
  };
  const diffs = (Object.keys(flags) as (keyof DevnetParams)[])
    .filter((k) => requested[k] !== undefined && requested[k] !== manifest[k])
    .map((k) => `${flags[k]} ${requested[k]} (the devnet has ${manifest[k]})`);
  if (diffs.length) {
    throw new DevnetMismatchError(
      `the existing devnet was created with other parameters: ${diffs.join(', ')}; ` +
        'drop those flags to resume it, or add --fresh to start over',
    );
  }
}
