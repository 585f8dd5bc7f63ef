/**
 * Child processes of the devnet: each runs in its own process group with stdout and stderr appended to a
 * log file, and leaves a pid file while it runs so that a later devnet can clean up after a supervisor
 * that was killed without a chance to stop its children.
 *
 * Stopping sends SIGTERM to the child's process group, waits up to a timeout, then sends SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/** How a process ended: its exit code, or the signal that ended it. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Options of {@link ManagedProcess}. */
export interface ManagedProcessInit {
  /** Short name used in messages and file names (`chain`, `node-3`, `daemon`). */
  name: string;
  /** Executable (usually `process.execPath`). */
  command: string;
  args: readonly string[];
  cwd: string;
  /** Environment; @default process.env */
  env?: NodeJS.ProcessEnv;
  /** File that receives stdout and stderr (appended). */
  logFile: string;
  /** File that holds the pid while the process runs; omitted = none. */
  pidFile?: string;
}

/** Content of a pid file. */
interface PidFile {
  pid: number;
  /** `/proc/<pid>/cmdline` at start, NUL-joined, to recognise the process later. */
  cmdline: string;
}

/** The last `lines` lines of a text file ('' when it does not exist). */
export function tailFile(path: string, lines = 15): string {
  try {
    const text = readFileSync(path, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** `/proc/<pid>/cmdline` or undefined (no such process, or no /proc). */
export function processCmdline(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describeExit(e: ExitInfo): string {
  return e.signal ? `killed by ${e.signal}` : `exit code ${e.code}`;
}

/** One supervised child process. */
export class ManagedProcess {
  readonly name: string;
  readonly logFile: string;
  readonly #init: ManagedProcessInit;
  #child?: ChildProcess;
  #exit?: ExitInfo;
  #exited?: Promise<ExitInfo>;
  #stopping = false;
  #killedAfterTimeout = false;
  readonly #exitListeners: ((e: ExitInfo, expected: boolean) => void)[] = [];

  constructor(init: ManagedProcessInit) {
    this.#init = init;
    this.name = init.name;
    this.logFile = init.logFile;
  }

  /** The pid while running (undefined before start). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** True between start and exit. */
  get running(): boolean {
    return this.#child !== undefined && this.#exit === undefined;
  }

  /** How the process ended, once it has. */
  get exitInfo(): ExitInfo | undefined {
    return this.#exit;
  }

  /** `exit code 1` / `killed by SIGKILL`, once ended. */
  get exitDescription(): string | undefined {
    return this.#exit ? describeExit(this.#exit) : undefined;
  }

  /** True when {@link stop} had to send SIGKILL because SIGTERM did not end the process in time. */
  get killedAfterTimeout(): boolean {
    return this.#killedAfterTimeout;
  }

  /** Resolves when the process has exited. */
  get exited(): Promise<ExitInfo> {
    if (!this.#exited) throw new Error(`${this.name} was not started`);
    return this.#exited;
  }

  /** Calls `fn` once the process exits; `expected` is true when {@link stop} caused it. */
  onExit(fn: (e: ExitInfo, expected: boolean) => void): void {
    this.#exitListeners.push(fn);
  }

  /** Spawns the process (in its own process group, output appended to the log file). */
  start(): void {
    if (this.#child) throw new Error(`${this.name} already started`);
    const init = this.#init;
    mkdirSync(dirname(init.logFile), { recursive: true });
    const fd = openSync(init.logFile, 'a');
    writeSync(
      fd,
      `\n=== ${new Date().toISOString()} walrus-ts devnet starts ${init.name}: ${[init.command, ...init.args].join(' ')}\n`,
    );
    let child: ChildProcess;
    try {
      child = spawn(init.command, [...init.args], {
        cwd: init.cwd,
        env: init.env ?? process.env,
        stdio: ['ignore', fd, fd],
        detached: true,
      });
    } finally {
      closeSync(fd);
    }
    this.#child = child;
    this.#exited = new Promise<ExitInfo>((resolve) => {
      const done = (e: ExitInfo) => {
        if (this.#exit) return;
        this.#exit = e;
        if (init.pidFile) rmSync(init.pidFile, { force: true });
        for (const l of this.#exitListeners) l(e, this.#stopping);
        resolve(e);
      };
      child.once('exit', (code, signal) => done({ code, signal }));
      child.once('error', () => done({ code: -1, signal: null }));
    });
    if (init.pidFile && child.pid !== undefined) {
      mkdirSync(dirname(init.pidFile), { recursive: true });
      const file: PidFile = { pid: child.pid, cmdline: [init.command, ...init.args].join('\0') + '\0' };
      writeFileSync(init.pidFile, JSON.stringify(file) + '\n');
    }
  }

  /** Sends `signal` to the process group (no-op once exited). */
  kill(signal: NodeJS.Signals): void {
    const pid = this.#child?.pid;
    if (pid === undefined || this.#exit) return;
    try {
      process.kill(-pid, signal);
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  }

  /**
   * Stops the process: SIGTERM to its group, then SIGKILL after `timeoutMs`. Resolves once it has exited.
   */
  async stop(timeoutMs: number): Promise<ExitInfo | undefined> {
    if (!this.#child || !this.#exited) return undefined;
    this.#stopping = true;
    if (this.#exit) return this.#exit;
    this.kill('SIGTERM');
    const ac = new AbortController();
    const timer = delay(timeoutMs, 'timeout' as const, { signal: ac.signal }).catch(() => 'aborted' as const);
    const first = await Promise.race([this.#exited, timer]);
    if (first === 'timeout') {
      this.#killedAfterTimeout = true;
      this.kill('SIGKILL');
    }
    ac.abort();
    return this.#exited;
  }
}

/**
 * Kills processes left behind by a devnet supervisor that died without stopping them: every pid file in
 * `pidsDir` whose process still runs the recorded command line gets SIGKILL (to its group), and the pid
 * files are removed. Processes whose command line differs (pid reused) are left alone.
 * @returns the names of the processes killed
 */
export async function killStaleProcesses(pidsDir: string): Promise<string[]> {
  if (!existsSync(pidsDir)) return [];
  const killed: string[] = [];
  for (const f of readdirSync(pidsDir)) {
    if (!f.endsWith('.pid')) continue;
    const path = join(pidsDir, f);
    let pf: PidFile | undefined;
    try {
      pf = JSON.parse(readFileSync(path, 'utf8')) as PidFile;
    } catch {
      pf = undefined;
    }
    if (pf && Number.isSafeInteger(pf.pid) && pf.pid > 1 && processCmdline(pf.pid) === pf.cmdline) {
      try {
        process.kill(-pf.pid, 'SIGKILL');
      } catch {
        try {
          process.kill(pf.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      for (let i = 0; i < 100 && isAlive(pf.pid) && processCmdline(pf.pid) !== undefined; i++) {
        if (!processCmdline(pf.pid)?.length) break; // zombie: it is dead, only not reaped yet
        await delay(50);
      }
      killed.push(f.slice(0, -4));
    }
    rmSync(path, { force: true });
  }
  return killed;
}

/** Pids of the children recorded in `pidsDir` (by process name), for tools and tests. */
export function readPidFiles(pidsDir: string): Record<string, number> {
  const out: Record<string, number> = {};
  if (!existsSync(pidsDir)) return out;
  for (const f of readdirSync(pidsDir)) {
    if (!f.endsWith('.pid')) continue;
    try {
      const pf = JSON.parse(readFileSync(join(pidsDir, f), 'utf8')) as PidFile;
      if (Number.isSafeInteger(pf.pid)) out[f.slice(0, -4)] = pf.pid;
    } catch {
      // a file being written; skip
    }
  }
  return out;
}
