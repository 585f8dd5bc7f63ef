/** Helpers to run a storage node in a child process against an embedded chain served over HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { withAllocatorTuning } from '../../../node/memory/allocator-env.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** A started node process. */
export interface NodeProcess {
  child: ChildProcess;
  multiaddrs: Multiaddr[];
  peerId: string;
}

/** Spawns node-process.ts and waits for its start line. */
export async function spawnNode(
  chainUrl: string,
  keystorePath: string,
  dataDir: string,
): Promise<NodeProcess> {
  // WALRUS_TS_NODE_EXEC_ARGV: extra node flags for the child, e.g. '--trace-gc' or '--cpu-prof' (profiling)
  const execArgv = (process.env.WALRUS_TS_NODE_EXEC_ARGV ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...execArgv, join(here, 'node-process.ts'), chainUrl, keystorePath, dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: withAllocatorTuning(process.env),
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('node process did not start in 30 s')), 30_000);
    const onLine = (l: string): void => {
      if (!l.startsWith('{')) return; // e.g. --trace-gc output before the start line
      lines.off('line', onLine);
      clearTimeout(timer);
      resolve(l);
    };
    lines.on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node process exited with ${code}`));
    });
  });
  const info = JSON.parse(first) as { multiaddrs: string[]; peerId: string };
  return { child, peerId: info.peerId, multiaddrs: info.multiaddrs.map((a) => multiaddr(a)) };
}

/** Waits for the child to exit; returns its signal or code. */
export function exited(child: ChildProcess): Promise<string | number | null> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}
