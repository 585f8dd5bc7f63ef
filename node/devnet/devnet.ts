/**
 * The local devnet's supervisor: one object that creates (or resumes) a walrus-ts network on loopback and
 * runs every part of it as a child process — the embedded chain, N storage nodes, the publisher/aggregator
 * daemon and the explorer — and stops them all again.
 *
 * Start: lock the data directory, kill processes a crashed supervisor left behind, read or create the
 * manifest, check the ports, then chain -> genesis (keystores, faucet, register, stake) -> nodes ->
 * first epoch -> wait until the committee is formed and every node reports healthy at the chain's epoch
 * -> daemon -> explorer (built first when stale). Every wait polls a real endpoint with a deadline.
 * Stop: explorer, daemon, nodes, chain; each gets SIGTERM, then SIGKILL after `stopTimeoutMs`.
 *
 * @example
 * ```ts
 * const devnet = new Devnet({ dataDir: '/tmp/dn', shards: 28, explorer: false }, { log: console.log })
 * const ready = await devnet.start()
 * await fetch(`${ready.daemonUrl}/v1/blobs`, { method: 'PUT', body: 'hello' })
 * await devnet.stop()
 * ```
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpChainClient } from '../chain/embedded/http-client.ts';
import type { SystemState } from '../chain/types.ts';
import { ExplorerBuildError } from './errors.ts';
import { explorerBuildArgs, explorerBuildNeeded, explorerBuildPaths, REPO_ROOT } from './explorer.ts';
import { ensureKeystore, ensureWallet, fundWallet, nodeConfigYaml, registerNode } from './genesis.ts';
import { devnetLayout, layoutPorts, logFileOf, type DevnetLayout } from './layout.ts';
import { acquireLock } from './lock.ts';
import {
  checkManifestParams,
  newManifest,
  readManifest,
  writeManifest,
  type DevnetManifest,
  type DevnetParams,
} from './manifest.ts';
import { resolveDevnetOptions, type DevnetInit, type DevnetOptions } from './options.ts';
import { killStaleProcesses, ManagedProcess, tailFile } from './process.ts';
import { assertPortsFree, fetchNodeHealth, getJson, httpOk, nodeReadiness, waitUntil } from './readiness.ts';
import { withAllocatorTuning } from '../memory/allocator-env.ts';

/** One storage node of a running devnet. */
export interface DevnetNodeInfo {
  name: string;
  nodeId: string;
  peerId: string;
  apiUrl: string;
  multiaddrs: string[];
  shards: number[];
  pid: number | undefined;
  logFile: string;
}

/** What {@link Devnet.start} returns once everything is ready (also written to `<dataDir>/ready.json`). */
export interface DevnetReadyInfo {
  dataDir: string;
  /** True when this start created the devnet, false when it resumed one. */
  created: boolean;
  epoch: number;
  nShards: number;
  epochDurationSec: number;
  chainUrl: string;
  daemonUrl: string;
  /** Undefined when the explorer is disabled. */
  explorerUrl: string | undefined;
  /** Whether this start built the explorer, and why. */
  explorerBuilt: string | undefined;
  nodes: DevnetNodeInfo[];
  /** Wallet for `walrus-ts store` from the command line (funded). */
  userWallet: string;
  logsDir: string;
  pids: Record<string, number | undefined>;
}

/** Lifecycle status of a devnet. */
export type DevnetStatus = 'stopped' | 'starting' | 'started' | 'stopping';

/** What the devnet reports to its user. */
export interface DevnetComponents {
  /** Progress lines (one call per line). @default nothing */
  log?: (line: string) => void;
}

/** Startup deadlines of the single steps, ms. */
const CHAIN_READY_MS = 30_000;
const DAEMON_READY_MS = 60_000;
const EXPLORER_READY_MS = 60_000;
const EXPLORER_BUILD_MS = 15 * 60_000;
const EXPLORER_STOP_MS = 3000;

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // The node and daemon read WALRUS_TS_* overrides: drop the user's so the devnet's files decide.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('WALRUS_TS_')) env[k] = v;
  return withAllocatorTuning({ ...env, ...extra });
}

function cliArgs(...args: string[]): string[] {
  return [join(REPO_ROOT, 'node', 'cli', 'bin.ts'), ...args];
}

/** The devnet supervisor. */
export class Devnet {
  readonly #init: DevnetInit;
  readonly #log: (line: string) => void;
  #status: DevnetStatus = 'stopped';
  #options?: DevnetOptions;
  #layout?: DevnetLayout;
  #releaseLock?: () => void;
  readonly #procs = new Map<string, ManagedProcess>();
  readonly #unexpectedExitListeners: ((p: ManagedProcess) => void)[] = [];

  /**
   * @param init options; `nodes`, `shards`, `epochDurationSec` and `basePort` left undefined take the
   *   existing devnet's values when resuming, else the defaults of {@link resolveDevnetOptions}
   */
  constructor(init: DevnetInit = {}, components: DevnetComponents = {}) {
    this.#init = init;
    this.#log = components.log ?? (() => {});
  }

  get status(): DevnetStatus {
    return this.#status;
  }

  /** The layout once {@link start} has read or created the manifest. */
  get layout(): DevnetLayout | undefined {
    return this.#layout;
  }

  /** The child processes by name (`chain`, `node-1`…, `daemon`, `explorer`). */
  get processes(): ReadonlyMap<string, ManagedProcess> {
    return this.#procs;
  }

  /** Calls `fn` when a child exits that the devnet did not stop (after startup and during it). */
  onUnexpectedExit(fn: (p: ManagedProcess) => void): void {
    this.#unexpectedExitListeners.push(fn);
  }

  /**
   * Creates or resumes the devnet and waits until every part is ready. On failure everything started so
   * far is stopped again before the error is rethrown.
   * @throws InvalidDevnetOptionError, DevnetMismatchError (resume with other parameters),
   *   DevnetAlreadyRunningError, PortInUseError, DevnetProcessExitedError (with the log's tail),
   *   DevnetTimeoutError, ExplorerBuildError
   */
  async start(signal?: AbortSignal): Promise<DevnetReadyInfo> {
    if (this.#status !== 'stopped') throw new Error(`devnet is ${this.#status}`);
    this.#status = 'starting';
    try {
      return await this.#start(signal);
    } catch (e) {
      await this.stop();
      throw e;
    }
  }

  async #start(signal?: AbortSignal): Promise<DevnetReadyInfo> {
    const defaults = resolveDevnetOptions(this.#init);
    const dataDir = defaults.dataDir;
    mkdirSync(dataDir, { recursive: true });
    this.#releaseLock = acquireLock(join(dataDir, 'devnet.lock'), dataDir);
    const stale = await killStaleProcesses(join(dataDir, 'pids'));
    if (stale.length) this.#log(`killed processes left by an earlier devnet: ${stale.join(', ')}`);

    const manifestPath = join(dataDir, 'devnet.json');
    if (this.#init.fresh) this.#wipe(dataDir);
    let manifest = readManifest(manifestPath);
    const created = manifest === undefined;
    if (manifest) {
      const requested: Partial<DevnetParams> = {
        nodes: this.#init.nodes,
        shards: this.#init.shards,
        epochDurationSec: this.#init.epochDurationSec,
        basePort: this.#init.basePort,
      };
      checkManifestParams(manifest, requested);
    } else {
      manifest = newManifest({
        nodes: defaults.nodes,
        shards: defaults.shards,
        epochDurationSec: defaults.epochDurationSec,
        basePort: defaults.basePort,
      });
      writeManifest(manifestPath, manifest);
    }
    const opts = resolveDevnetOptions({ ...this.#init, ...manifestParams(manifest) });
    this.#options = opts;
    const layout = devnetLayout(dataDir, opts.basePort, opts.nodes);
    this.#layout = layout;
    for (const d of [layout.logsDir, layout.pidsDir, layout.chainDir, layout.walletsDir]) {
      mkdirSync(d, { recursive: true });
    }
    rmSync(join(dataDir, 'ready.json'), { force: true });
    this.#log(
      `${created ? 'creating' : 'resuming'} devnet in ${dataDir}: ${opts.nodes} nodes, ${opts.shards} shards, ` +
        `epochs of ${opts.epochDurationSec} s, ports from ${opts.basePort}; logs in ${layout.logsDir}`,
    );
    await assertPortsFree(layout.host, layoutPorts(layout, opts.explorer));

    // The explorer build is slow (vite): run it beside the network's startup.
    const explorerBuild = opts.explorer ? this.#buildExplorerIfNeeded() : Promise.resolve(undefined);
    explorerBuild.catch(() => {}); // awaited below; avoid an unhandled rejection if startup fails first

    const admin = ensureWallet(layout.adminWallet);
    const chain = this.#spawn(
      'chain',
      cliArgs(
        'chain',
        '--data-dir',
        layout.chainDir,
        '--host',
        layout.host,
        '--port',
        String(layout.chainPort),
        '--n-shards',
        String(opts.shards),
        '--epoch-duration',
        String(opts.epochDurationSec),
        '--admin',
        admin.toSuiAddress(),
        // The devnet's committee never changes (same nodes, same stake), so shards never move: the
        // chain may count every member as synced at each epoch change.
        '--auto-sync-done',
      ),
    );
    await waitUntil(async () => ((await getJson(`${layout.chainUrl}/v1/info`)) ? true : 'no answer'), {
      what: 'the chain API',
      timeoutMs: CHAIN_READY_MS,
      watch: [chain],
      signal,
    });
    this.#log(`chain ready at ${layout.chainUrl}`);

    const keystores = await Promise.all(layout.nodes.map((n) => ensureKeystore(n.keystorePath)));
    const reader = new HttpChainClient({ url: layout.chainUrl, signer: admin });
    try {
      let state = await reader.systemState({ signal });
      if (state.epochState.kind === 'NotStarted') {
        this.#log(`genesis: funding, registering and staking ${layout.nodes.length} storage nodes`);
        const ids = await Promise.all(
          layout.nodes.map((n, i) => registerNode(layout.chainUrl, layout, n, keystores[i], signal)),
        );
        layout.nodes.forEach((n, i) => (manifest.nodeIds[n.name] = ids[i]));
        writeManifest(manifestPath, manifest);
      }

      const peerIds = keystores.map((k) => k.peerId.toString());
      const nodeProcs = layout.nodes.map((n) => {
        mkdirSync(n.dbDir, { recursive: true });
        writeFileSync(n.configPath, nodeConfigYaml(layout, n, peerIds));
        return this.#spawn(n.name, cliArgs('node', '--config', n.configPath), n.logFile);
      });
      this.#log(`started ${nodeProcs.length} storage nodes`);

      if (state.epochState.kind === 'NotStarted') {
        await reader.startFirstEpoch({ signal });
        this.#log('genesis: first epoch started');
      }

      const pks = keystores.map((k) => Buffer.from(k.blsPublicKey).toString('hex'));
      const problems = new Map<string, string>();
      await waitUntil(
        async () => {
          state = await reader.systemState({ signal });
          if (state.committee.members.length < layout.nodes.length) {
            return `committee has ${state.committee.members.length} of ${layout.nodes.length} nodes`;
          }
          const results = await Promise.all(
            layout.nodes.map(async (n, i) => {
              try {
                return nodeReadiness(await fetchNodeHealth(n.apiUrl), state, pks[i]);
              } catch (e) {
                return (e as Error).message;
              }
            }),
          );
          problems.clear();
          results.forEach((r, i) => r !== true && problems.set(layout.nodes[i].name, r));
          if (problems.size === 0) return true;
          return [...problems].map(([k, v]) => `${k}: ${v}`).join('; ');
        },
        {
          what: 'every storage node to be healthy in the committee',
          timeoutMs: opts.readyTimeoutMs,
          intervalMs: 500,
          watch: [chain, ...nodeProcs],
          signal,
        },
      );
      this.#log(`committee of epoch ${state.epoch} formed; all ${nodeProcs.length} nodes healthy`);

      const publisher = ensureWallet(layout.publisherWallet);
      await fundWallet(layout.chainUrl, publisher, signal);
      await fundWallet(layout.chainUrl, ensureWallet(layout.userWallet), signal);
      const daemon = this.#spawn(
        'daemon',
        cliArgs(
          'daemon',
          '--bind-address',
          `${layout.host}:${layout.daemonPort}`,
          '--chain-url',
          layout.chainUrl,
          '--wallet',
          layout.publisherWallet,
          '--max-body-size',
          String(opts.maxBodyBytes),
        ),
      );
      await waitUntil(() => httpOk(`${layout.daemonUrl}/status`), {
        what: 'the publisher/aggregator daemon',
        timeoutMs: DAEMON_READY_MS,
        watch: [daemon],
        signal,
      });
      this.#log(`daemon ready at ${layout.daemonUrl}`);

      const built = await explorerBuild;
      if (opts.explorer) {
        const explorer = this.#spawn('explorer', [explorerBuildPaths().entry], undefined, {
          HOST: layout.host,
          PORT: String(layout.explorerPort),
          WALRUS_TS_CHAIN_URL: layout.chainUrl,
          WALRUS_TS_AGGREGATOR_URL: layout.daemonUrl,
          WALRUS_TS_NODE_URLS: JSON.stringify(
            Object.fromEntries(layout.nodes.map((n) => [manifest.nodeIds[n.name] ?? n.name, n.apiUrl])),
          ),
        });
        await waitUntil(
          async () => {
            const res = await fetch(layout.explorerUrl, { signal: AbortSignal.timeout(5000) });
            await res.arrayBuffer();
            return res.status < 500 ? true : `HTTP ${res.status}`;
          },
          { what: 'the explorer', timeoutMs: EXPLORER_READY_MS, watch: [explorer], signal },
        );
        this.#log(`explorer ready at ${layout.explorerUrl}`);
      }

      const info = this.#readyInfo(state, manifest, created, built);
      writeFileSync(join(dataDir, 'ready.json'), JSON.stringify(info, null, 2) + '\n');
      this.#status = 'started';
      return info;
    } finally {
      await reader.close();
    }
  }

  #readyInfo(
    state: SystemState,
    manifest: DevnetManifest,
    created: boolean,
    built: string | undefined,
  ): DevnetReadyInfo {
    const layout = this.#layout!;
    const opts = this.#options!;
    return {
      dataDir: layout.dataDir,
      created,
      epoch: state.epoch,
      nShards: state.nShards,
      epochDurationSec: opts.epochDurationSec,
      chainUrl: layout.chainUrl,
      daemonUrl: layout.daemonUrl,
      explorerUrl: opts.explorer ? layout.explorerUrl : undefined,
      explorerBuilt: built,
      nodes: layout.nodes.map((n) => {
        const nodeId = manifest.nodeIds[n.name] ?? '';
        const m = state.committee.members.find((x) => x.nodeId === nodeId);
        return {
          name: n.name,
          nodeId,
          peerId: m?.peerId ?? '',
          apiUrl: n.apiUrl,
          multiaddrs: m ? [...m.multiaddrs] : [],
          shards: m ? [...m.shards] : [],
          pid: this.#procs.get(n.name)?.pid,
          logFile: n.logFile,
        };
      }),
      userWallet: layout.userWallet,
      logsDir: layout.logsDir,
      pids: Object.fromEntries([...this.#procs].map(([k, p]) => [k, p.pid])),
    };
  }

  #wipe(dataDir: string): void {
    // Only what a devnet writes: never an unrelated file a user keeps in the same directory.
    for (const name of ['devnet.json', 'ready.json', 'chain', 'nodes', 'wallets', 'logs', 'pids']) {
      rmSync(join(dataDir, name), { recursive: true, force: true });
    }
  }

  async #buildExplorerIfNeeded(): Promise<string | undefined> {
    const why = explorerBuildNeeded();
    if (!why) return undefined;
    const dataDir = this.#layout!.dataDir;
    this.#log(`building the explorer (${why}); log: ${logFileOf(dataDir, 'explorer-build')}`);
    const p = new ManagedProcess({
      name: 'explorer-build',
      command: process.execPath,
      args: explorerBuildArgs(),
      cwd: REPO_ROOT,
      env: childEnv(),
      logFile: logFileOf(dataDir, 'explorer-build'),
      pidFile: join(dataDir, 'pids', 'explorer-build.pid'),
    });
    this.#procs.set(p.name, p);
    p.start();
    const timer = setTimeout(() => p.kill('SIGKILL'), EXPLORER_BUILD_MS);
    const exit = await p.exited.finally(() => clearTimeout(timer));
    this.#procs.delete(p.name);
    if (exit.code !== 0) throw new ExplorerBuildError(p.logFile, tailFile(p.logFile));
    this.#log('explorer built');
    return why;
  }

  #spawn(name: string, args: string[], logFile?: string, env?: Record<string, string>): ManagedProcess {
    const layout = this.#layout!;
    const p = new ManagedProcess({
      name,
      command: process.execPath,
      args,
      cwd: REPO_ROOT,
      env: childEnv(env),
      logFile: logFile ?? logFileOf(layout.dataDir, name),
      pidFile: join(layout.pidsDir, `${name}.pid`),
    });
    p.onExit((_e, expected) => {
      if (!expected) for (const l of this.#unexpectedExitListeners) l(p);
    });
    this.#procs.set(name, p);
    p.start();
    return p;
  }

  /**
   * Stops every child: explorer and daemon first, then the nodes (in parallel), then the chain; each gets
   * SIGTERM and, after `stopTimeoutMs`, SIGKILL. Releases the data directory's lock. Safe to call twice.
   */
  async stop(): Promise<void> {
    if (this.#status === 'stopped' && this.#procs.size === 0 && !this.#releaseLock) return;
    this.#status = 'stopping';
    const timeout = this.#options?.stopTimeoutMs ?? resolveDevnetOptions(this.#init).stopTimeoutMs;
    const order: ((name: string) => boolean)[] = [
      (n) => n === 'explorer' || n === 'explorer-build' || n === 'daemon',
      (n) => n.startsWith('node-'),
      () => true,
    ];
    for (const matches of order) {
      await Promise.all(
        [...this.#procs]
          .filter(([n, p]) => matches(n) && p.running)
          .map(async ([name, p]) => {
            // The explorer holds no state; its server keeps a chain event long-poll open and does not
            // exit on SIGTERM yet, so it gets a short grace period.
            const explorer = name === 'explorer';
            await p.stop(explorer ? Math.min(timeout, EXPLORER_STOP_MS) : timeout);
            if (p.killedAfterTimeout && !explorer) {
              this.#log(`${name} did not stop within ${timeout / 1000} s of SIGTERM and was killed`);
            }
          }),
      );
    }
    this.#procs.clear();
    this.#releaseLock?.();
    this.#releaseLock = undefined;
    this.#status = 'stopped';
  }

  /** Sends SIGKILL to every child at once (a second Ctrl-C). */
  killAll(): void {
    for (const p of this.#procs.values()) p.kill('SIGKILL');
  }
}

function manifestParams(m: DevnetManifest): DevnetParams {
  return { nodes: m.nodes, shards: m.shards, epochDurationSec: m.epochDurationSec, basePort: m.basePort };
}
