/**
 * Readiness checks of the devnet: each one polls a real endpoint (or chain state) until a condition holds,
 * with a deadline, and fails at once when a process it depends on has exited.
 */
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { ServiceHealthInfo } from '../../shared/api/storage-node.ts';
import type { SystemState } from '../chain/types.ts';
import { DevnetProcessExitedError, DevnetTimeoutError, PortInUseError } from './errors.ts';
import { tailFile, type ManagedProcess } from './process.ts';

/** Options of {@link waitUntil}. */
export interface WaitOptions {
  /** What is awaited, for the timeout message ("the chain API"). */
  what: string;
  timeoutMs: number;
  /** Pause between two checks, ms. @default 250 */
  intervalMs?: number;
  signal?: AbortSignal;
  /** Processes that must stay up meanwhile; if one exits the wait fails with its log's tail. */
  watch?: readonly ManagedProcess[];
}

/** Throws {@link DevnetProcessExitedError} when one of `procs` has exited. */
export function assertRunning(procs: readonly ManagedProcess[]): void {
  for (const p of procs) {
    if (p.exitInfo) {
      throw new DevnetProcessExitedError(
        p.name,
        p.exitDescription ?? 'exited',
        p.logFile,
        tailFile(p.logFile),
      );
    }
  }
}

/**
 * Calls `check` until it returns true. A string result (or a thrown error's message) is the reason the
 * condition does not hold yet; the last one goes into the timeout error.
 * @throws DevnetTimeoutError after `timeoutMs`; DevnetProcessExitedError when a watched process exits;
 *   the signal's reason when aborted
 */
export async function waitUntil(check: () => Promise<true | string>, opts: WaitOptions): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: string | undefined;
  for (;;) {
    opts.signal?.throwIfAborted();
    assertRunning(opts.watch ?? []);
    try {
      const r = await check();
      if (r === true) return;
      last = r;
    } catch (e) {
      last = (e as Error).message;
    }
    assertRunning(opts.watch ?? []);
    if (Date.now() >= deadline) throw new DevnetTimeoutError(opts.what, opts.timeoutMs, last);
    await delay(opts.intervalMs ?? 250, undefined, { signal: opts.signal });
  }
}

/** GET `url` with a short deadline and parse JSON; throws on network errors and non-2xx answers. */
export async function getJson(url: string, timeoutMs = 3000): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as unknown;
}

/** GET `url` with a short deadline: true for a 2xx answer, else a reason. */
export async function httpOk(url: string, timeoutMs = 3000): Promise<true | string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  await res.arrayBuffer();
  return res.ok ? true : `GET ${url}: HTTP ${res.status}`;
}

/** GET a storage node's `/v1/health` and unwrap its success envelope. @see spec §4 ServiceHealthInfo */
export async function fetchNodeHealth(apiUrl: string, timeoutMs = 3000): Promise<ServiceHealthInfo> {
  const body = (await getJson(`${apiUrl}/v1/health`, timeoutMs)) as {
    success?: { data?: ServiceHealthInfo };
  };
  const data = body.success?.data;
  if (!data || typeof data.epoch !== 'number') throw new Error(`${apiUrl}/v1/health: unexpected answer`);
  return data;
}

/**
 * Why a node is not ready in `state`'s epoch, or true when it is: it answers `/v1/health`, follows the
 * chain's current epoch, and owns exactly its committee shards, all `ready`.
 */
export function nodeReadiness(
  health: ServiceHealthInfo,
  state: SystemState,
  publicKeyHex: string,
): true | string {
  const member = state.committee.members.find(
    (m) => Buffer.from(m.publicKey).toString('hex') === publicKeyHex,
  );
  if (!member) return 'not in the committee';
  if (health.epoch !== state.epoch) return `at epoch ${health.epoch}, chain at ${state.epoch}`;
  const s = health.shardSummary;
  if (s.owned !== member.weight) return `owns ${s.owned} shards, committee gives it ${member.weight}`;
  if (s.ownedShardStatus.ready !== s.owned) return `${s.ownedShardStatus.ready} of ${s.owned} shards ready`;
  return true;
}

/**
 * Checks that every port is free on `host` by binding it briefly.
 * @throws PortInUseError for the first taken port
 */
export async function assertPortsFree(
  host: string,
  ports: readonly { port: number; what: string }[],
): Promise<void> {
  for (const { port, what } of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)));
    });
    if (!free) throw new PortInUseError(port, what);
  }
}
