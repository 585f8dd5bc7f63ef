/**
 * One devnet supervisor per data directory: `<dataDir>/devnet.lock` holds the supervisor's pid and command
 * line. A lock whose process is gone (or whose pid now runs something else) is stale and is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DevnetAlreadyRunningError } from './errors.ts';
import { processCmdline } from './process.ts';

interface LockFile {
  pid: number;
  cmdline: string | null;
}

/** The pid of the live supervisor holding the lock at `path`, or undefined. */
export function lockHolder(path: string): number | undefined {
  let lock: LockFile;
  try {
    lock = JSON.parse(readFileSync(path, 'utf8')) as LockFile;
  } catch {
    return undefined;
  }
  if (!Number.isSafeInteger(lock.pid) || lock.pid === process.pid) return undefined;
  const now = processCmdline(lock.pid);
  if (now === undefined) return undefined;
  return lock.cmdline === null || lock.cmdline === now ? lock.pid : undefined;
}

/**
 * Takes the lock for this process.
 * @returns a function that releases it
 * @throws DevnetAlreadyRunningError when a live supervisor holds it
 */
export function acquireLock(path: string, dataDir: string): () => void {
  const holder = lockHolder(path);
  if (holder !== undefined) throw new DevnetAlreadyRunningError(dataDir, holder);
  const lock: LockFile = { pid: process.pid, cmdline: processCmdline(process.pid) ?? null };
  writeFileSync(path, JSON.stringify(lock) + '\n');
  return () => {
    try {
      const cur = JSON.parse(readFileSync(path, 'utf8')) as LockFile;
      if (cur.pid === process.pid) rmSync(path, { force: true });
    } catch {
      // already gone
    }
  };
}
