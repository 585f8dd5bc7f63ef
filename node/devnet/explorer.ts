/**
 * The explorer as a devnet process: built with `vite build` into `<repo>/build` when that is missing or
 * older than its sources, then served by `node build/index.js` (SvelteKit adapter-node) with `HOST`,
 * `PORT` and the `WALRUS_TS_*` URLs in its environment.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Files and folders whose changes make a built explorer stale (relative to the repository root). */
export const EXPLORER_SOURCES = [
  'explorer',
  'shared',
  'node/chain',
  'node/client',
  'svelte.config.js',
  'vite.config.ts',
  'package.json',
  'package-lock.json',
] as const;

/** Paths of the build: its directory and the server entry point. */
export function explorerBuildPaths(root = REPO_ROOT): { dir: string; entry: string } {
  const dir = join(root, 'build');
  return { dir, entry: join(dir, 'index.js') };
}

/** Newest modification time (ms) of the files under `path` (a file or a directory), skipping dot-folders. */
function newestMtime(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, e.name)));
  }
  return newest;
}

/**
 * Whether the explorer must be (re)built, and why.
 * @returns `undefined` when `build/index.js` exists and is newer than every source, else the reason
 */
export function explorerBuildNeeded(root = REPO_ROOT): string | undefined {
  const { entry } = explorerBuildPaths(root);
  if (!existsSync(entry)) return 'build/ is missing';
  const built = statSync(entry).mtimeMs;
  for (const src of EXPLORER_SOURCES) {
    if (newestMtime(join(root, src)) > built) return `${src} changed since the last build`;
  }
  return undefined;
}

/** Arguments (for `process.execPath`) that build the explorer. */
export function explorerBuildArgs(root = REPO_ROOT): string[] {
  return [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'];
}
