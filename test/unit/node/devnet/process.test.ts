import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, lockHolder } from '../../../../node/devnet/lock.ts';
import {
  isAlive,
  killStaleProcesses,
  ManagedProcess,
  processCmdline,
  readPidFiles,
} from '../../../../node/devnet/process.ts';
import { assertPortsFree, waitUntil } from '../../../../node/devnet/readiness.ts';
import { createServer } from 'node:net';

const dirs: string[] = [];
const procs: ManagedProcess[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'devnet-proc-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  for (const p of procs.splice(0)) await p.stop(100);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function nodeProcess(dir: string, name: string, code: string): ManagedProcess {
  const p = new ManagedProcess({
    name,
    command: process.execPath,
    args: ['-e', code],
    cwd: dir,
    logFile: join(dir, 'logs', `${name}.log`),
    pidFile: join(dir, 'pids', `${name}.pid`),
  });
  procs.push(p);
  return p;
}

const READY_LINE = "console.log('u' + 'p-and-running'); setInterval(() => {}, 1000);";

async function logged(p: ManagedProcess, text: string): Promise<void> {
  await waitUntil(async () => (readFileSync(p.logFile, 'utf8').includes(text) ? true : 'not yet'), {
    what: `${p.name} to log ${text}`,
    timeoutMs: 20_000,
    intervalMs: 20,
  });
}

describe('ManagedProcess', () => {
  it('logs to its file, keeps a pid file while running and stops on SIGTERM', async () => {
    const dir = tmp();
    const p = nodeProcess(dir, 'worker', READY_LINE);
    p.start();
    await logged(p, 'up-and-running');
    expect(p.running).toBe(true);
    expect(readPidFiles(join(dir, 'pids'))).toEqual({ worker: p.pid });
    const exit = await p.stop(10_000);
    expect(exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(existsSync(join(dir, 'pids', 'worker.pid'))).toBe(false);
    expect(readFileSync(p.logFile, 'utf8')).toMatch(/walrus-ts devnet starts worker/);
  });

  it('sends SIGKILL when the process ignores SIGTERM past the timeout', async () => {
    const dir = tmp();
    const p = nodeProcess(
      dir,
      'stubborn',
      `process.on('SIGTERM', () => console.log('ignored')); ${READY_LINE}`,
    );
    p.start();
    await logged(p, 'up-and-running');
    const exit = await p.stop(300);
    expect(exit?.signal).toBe('SIGKILL');
    expect(p.killedAfterTimeout).toBe(true);
    expect(readFileSync(p.logFile, 'utf8')).toContain('ignored');
  });

  it('reports an exit it did not cause as unexpected', async () => {
    const dir = tmp();
    const p = nodeProcess(dir, 'crasher', 'process.exit(3)');
    const seen: [number | null, boolean][] = [];
    p.onExit((e, expected) => seen.push([e.code, expected]));
    p.start();
    await p.exited;
    expect(seen).toEqual([[3, false]]);
    expect(p.exitDescription).toBe('exit code 3');
  });
});

describe('killStaleProcesses', () => {
  it('kills a child left running by a dead supervisor and leaves pid-reused processes alone', async () => {
    const dir = tmp();
    const pids = join(dir, 'pids');
    mkdirSync(pids);
    const args = ['-e', READY_LINE, 'stale-marker'];
    const orphan = spawn(process.execPath, args, { detached: true, stdio: 'ignore' });
    const exited = new Promise((r) => orphan.once('exit', r));
    await waitUntil(async () => (processCmdline(orphan.pid!)?.includes('stale-marker') ? true : 'starting'), {
      what: 'the orphan to start',
      timeoutMs: 10_000,
      intervalMs: 20,
    });
    writeFileSync(
      join(pids, 'node-1.pid'),
      JSON.stringify({ pid: orphan.pid, cmdline: [process.execPath, ...args].join('\0') + '\0' }),
    );
    // A pid file whose pid now runs another program (this test process) must not kill it.
    writeFileSync(join(pids, 'node-2.pid'), JSON.stringify({ pid: process.pid, cmdline: 'something else' }));
    expect(await killStaleProcesses(pids)).toEqual(['node-1']);
    await exited;
    expect(isAlive(process.pid)).toBe(true);
    expect(readPidFiles(pids)).toEqual({});
  });
});

describe('lock', () => {
  it('refuses a second supervisor while the holder lives and takes over a stale lock', async () => {
    const dir = tmp();
    const path = join(dir, 'devnet.lock');
    const holder = spawn(process.execPath, ['-e', READY_LINE], { stdio: 'ignore' });
    await waitUntil(async () => (processCmdline(holder.pid!) ? true : 'starting'), {
      what: 'holder',
      timeoutMs: 10_000,
      intervalMs: 20,
    });
    writeFileSync(path, JSON.stringify({ pid: holder.pid, cmdline: processCmdline(holder.pid!) }));
    expect(lockHolder(path)).toBe(holder.pid);
    expect(() => acquireLock(path, dir)).toThrow(expect.objectContaining({ code: 'DEVNET_ALREADY_RUNNING' }));
    holder.kill('SIGKILL');
    await new Promise((r) => holder.once('exit', r));
    const release = acquireLock(path, dir);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(path)).toBe(false);
  });
});

describe('readiness', () => {
  it('reports a taken port with a typed error', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await expect(assertPortsFree('127.0.0.1', [{ port, what: 'chain' }])).rejects.toMatchObject({
      code: 'DEVNET_PORT_IN_USE',
      port,
    });
    await new Promise((r) => srv.close(r));
    await expect(assertPortsFree('127.0.0.1', [{ port, what: 'chain' }])).resolves.toBeUndefined();
  });

  it('fails a wait at once when a watched process exits, quoting its log', async () => {
    const dir = tmp();
    const p = nodeProcess(dir, 'dies', "console.error('boom: bad config'); process.exit(2)");
    p.start();
    await expect(
      waitUntil(async () => 'never ready', { what: 'x', timeoutMs: 60_000, watch: [p], intervalMs: 20 }),
    ).rejects.toThrow(/dies exited during startup \(exit code 2\)[\s\S]*boom: bad config/);
  });

  it('times out with the last reason', async () => {
    await expect(
      waitUntil(async () => 'still 3 of 7', { what: 'the nodes', timeoutMs: 50, intervalMs: 10 }),
    ).rejects.toThrow(/waiting for the nodes \(last check: still 3 of 7\)/);
  });
});
