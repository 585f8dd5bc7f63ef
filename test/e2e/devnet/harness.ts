/**
 * Runs `walrus-ts devnet` as a child process (exactly what `npm start` runs) for end-to-end tests, and
 * talks to it the way a user does: the daemon's HTTP API and the `walrus-ts` CLI.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BlobStoreResult } from '../../../shared/api/daemon.ts';
import type { DevnetReadyInfo } from '../../../node/devnet/devnet.ts';
import { REPO_ROOT } from '../../../node/devnet/explorer.ts';
import { devnetLayout, layoutPorts } from '../../../node/devnet/layout.ts';
import { isAlive, killStaleProcesses } from '../../../node/devnet/process.ts';
import { assertPortsFree } from '../../../node/devnet/readiness.ts';

const BIN = join(REPO_ROOT, 'node', 'cli', 'bin.ts');
const run = promisify(execFile);

/** A devnet supervisor started by a test. */
export interface RunningDevnet {
  proc: ChildProcess;
  ready: DevnetReadyInfo;
  /** Everything the supervisor wrote to stderr (its progress lines). */
  output: () => string;
}

/** A base port in 20000..32000 (below Linux's ephemeral range) whose whole layout is free. */
export async function freeBasePort(nodes: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + 200 * Math.floor(Math.random() * 60);
    try {
      await assertPortsFree('127.0.0.1', layoutPorts(devnetLayout('/unused', base, nodes), true));
      return base;
    } catch {
      // taken: try another
    }
  }
  throw new Error('no free port range found');
}

/**
 * Starts `walrus-ts devnet --json` and resolves with its ready information.
 * @throws when the supervisor exits or `timeoutMs` passes first (with its output)
 */
export function startDevnet(args: readonly string[], timeoutMs = 300_000): Promise<RunningDevnet> {
  const proc = spawn(process.execPath, [BIN, 'devnet', '--json', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise<RunningDevnet>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGTERM');
      reject(new Error(`devnet not ready after ${timeoutMs} ms:\n${err}`));
    }, timeoutMs);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n', out.indexOf(line))) {
        clearTimeout(timer);
        if (line.startsWith('{"error"')) {
          reject(new Error(`devnet failed: ${line}\n${err}`));
          return;
        }
        resolve({ proc, ready: JSON.parse(line) as DevnetReadyInfo, output: () => err });
      }
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`devnet exited (${signal ?? code}) before it was ready:\n${err}${out}`));
    });
  });
}

/**
 * Stops a devnet like Ctrl-C does (SIGTERM to the supervisor) and checks that no child outlives it.
 * @returns the supervisor's exit code
 */
export async function stopDevnet(dn: RunningDevnet, timeoutMs = 60_000): Promise<number | null> {
  const exited = new Promise<number | null>((r) => {
    if (dn.proc.exitCode !== null) r(dn.proc.exitCode);
    else dn.proc.once('exit', (code) => r(code));
  });
  dn.proc.kill('SIGTERM');
  const timer = setTimeout(() => dn.proc.kill('SIGKILL'), timeoutMs);
  const code = await exited;
  clearTimeout(timer);
  await killStaleProcesses(join(dn.ready.dataDir, 'pids'));
  return code;
}

/** Pids of the devnet's children that are still alive. */
export function livingChildren(dn: RunningDevnet): number[] {
  return Object.values(dn.ready.pids).filter((p): p is number => p !== undefined && isAlive(p));
}

/** Stores `data` through the daemon (`PUT /v1/blobs?epochs=…`) and returns the blob ID. */
export async function storeViaDaemon(daemonUrl: string, data: Uint8Array, epochs = 5): Promise<string> {
  const res = await fetch(`${daemonUrl}/v1/blobs?epochs=${epochs}`, {
    method: 'PUT',
    body: data as Uint8Array<ArrayBuffer>,
    signal: AbortSignal.timeout(240_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`PUT /v1/blobs: HTTP ${res.status}: ${text.slice(0, 500)}`);
  const r = JSON.parse(text) as BlobStoreResult;
  if ('newlyCreated' in r) return r.newlyCreated.blobObject.blobId;
  if ('alreadyCertified' in r) return r.alreadyCertified.blobId;
  throw new Error(`PUT /v1/blobs: ${text.slice(0, 500)}`);
}

/** Reads a blob through the daemon (`GET /v1/blobs/<id>`). */
export async function readViaDaemon(daemonUrl: string, blobId: string): Promise<Buffer> {
  const res = await fetch(`${daemonUrl}/v1/blobs/${blobId}`, { signal: AbortSignal.timeout(240_000) });
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok)
    throw new Error(`GET /v1/blobs/${blobId}: HTTP ${res.status}: ${body.toString().slice(0, 500)}`);
  return body;
}

/** Runs `walrus-ts <args>` against the devnet (user wallet, chain URL) and returns stdout. */
export async function cli(ready: DevnetReadyInfo, args: readonly string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, WALRUS_TS_CHAIN_URL: ready.chainUrl, WALRUS_TS_WALLET: ready.userWallet },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 240_000,
  });
  return stdout;
}

/** Stores a file with `walrus-ts store --json` (user wallet) and returns its blob ID. */
export async function storeViaCli(ready: DevnetReadyInfo, file: string, epochs = 5): Promise<string> {
  const out = JSON.parse(await cli(ready, ['store', file, '--epochs', String(epochs), '--json'])) as {
    blobStoreResult: BlobStoreResult;
  }[];
  const r = out[0].blobStoreResult;
  if ('newlyCreated' in r) return r.newlyCreated.blobObject.blobId;
  if ('alreadyCertified' in r) return r.alreadyCertified.blobId;
  throw new Error(`walrus-ts store: ${JSON.stringify(r)}`);
}

/** Reads a blob with `walrus-ts read --out` into `file`. */
export async function readViaCli(ready: DevnetReadyInfo, blobId: string, file: string): Promise<void> {
  await cli(ready, ['read', blobId, '--out', file]);
}
