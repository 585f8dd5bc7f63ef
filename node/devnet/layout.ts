/**
 * Where a devnet keeps things and which ports it uses. Everything derives from the data directory and the
 * base port, so the same inputs always give the same layout (a resumed devnet keeps its ports, and the
 * addresses its nodes registered on chain stay valid).
 *
 * Ports, from `base`:
 * | what | port |
 * |---|---|
 * | embedded chain HTTP API | base |
 * | publisher/aggregator daemon | base + 1 |
 * | explorer | base + 2 |
 * | node i (0-based) HTTP API | base + 10 + i |
 * | node i libp2p TCP / WebSockets | base + 100 + 2i / base + 101 + 2i |
 *
 * Files, under the data directory:
 * ```
 * devnet.json            the manifest (parameters, node IDs, ports) — see manifest.ts
 * devnet.lock            pid of the running devnet supervisor
 * pids/<process>.pid     pid of each running child (to clean up after a crash of the supervisor)
 * logs/<process>.log     each process's stdout and stderr
 * chain/                 the embedded chain's ledger
 * wallets/admin.json     genesis account (funds and stakes the nodes, starts the first epoch)
 * wallets/publisher.json the daemon's account
 * wallets/user.json      an account for `walrus-ts store` from the command line
 * nodes/node-<k>/        node k's node.yaml, keystore.json and database (k = 1..nodes)
 * ```
 */
import { join } from 'node:path';

/** Ports and paths of one storage node. */
export interface NodeLayout {
  /** `node-1`, `node-2`, … */
  readonly name: string;
  readonly index: number;
  readonly dir: string;
  readonly configPath: string;
  readonly keystorePath: string;
  readonly dbDir: string;
  readonly apiPort: number;
  readonly p2pPort: number;
  readonly wsPort: number;
  /** HTTP API base URL (`http://127.0.0.1:<apiPort>`). */
  readonly apiUrl: string;
  readonly logFile: string;
}

/** The whole layout. */
export interface DevnetLayout {
  readonly dataDir: string;
  readonly host: string;
  readonly manifestPath: string;
  readonly lockPath: string;
  readonly pidsDir: string;
  readonly logsDir: string;
  readonly chainDir: string;
  readonly walletsDir: string;
  readonly adminWallet: string;
  readonly publisherWallet: string;
  readonly userWallet: string;
  readonly chainPort: number;
  readonly daemonPort: number;
  readonly explorerPort: number;
  readonly chainUrl: string;
  readonly daemonUrl: string;
  readonly explorerUrl: string;
  readonly nodes: readonly NodeLayout[];
}

/** The loopback address every devnet process binds. */
export const DEVNET_HOST = '127.0.0.1';

/** The log file of a named process (`chain`, `node-3`, `daemon`, `explorer`, `explorer-build`). */
export function logFileOf(dataDir: string, name: string): string {
  return join(dataDir, 'logs', `${name}.log`);
}

/**
 * Computes the layout of a devnet.
 * @param dataDir absolute data directory
 * @param basePort first port (see the table above)
 * @param nodes number of storage nodes
 */
export function devnetLayout(dataDir: string, basePort: number, nodes: number): DevnetLayout {
  const host = DEVNET_HOST;
  const url = (port: number) => `http://${host}:${port}`;
  const walletsDir = join(dataDir, 'wallets');
  return {
    dataDir,
    host,
    manifestPath: join(dataDir, 'devnet.json'),
    lockPath: join(dataDir, 'devnet.lock'),
    pidsDir: join(dataDir, 'pids'),
    logsDir: join(dataDir, 'logs'),
    chainDir: join(dataDir, 'chain'),
    walletsDir,
    adminWallet: join(walletsDir, 'admin.json'),
    publisherWallet: join(walletsDir, 'publisher.json'),
    userWallet: join(walletsDir, 'user.json'),
    chainPort: basePort,
    daemonPort: basePort + 1,
    explorerPort: basePort + 2,
    chainUrl: url(basePort),
    daemonUrl: url(basePort + 1),
    explorerUrl: url(basePort + 2),
    nodes: Array.from({ length: nodes }, (_, i) => {
      const name = `node-${i + 1}`;
      const dir = join(dataDir, 'nodes', name);
      const apiPort = basePort + 10 + i;
      return {
        name,
        index: i,
        dir,
        configPath: join(dir, 'node.yaml'),
        keystorePath: join(dir, 'keystore.json'),
        dbDir: join(dir, 'db'),
        apiPort,
        p2pPort: basePort + 100 + 2 * i,
        wsPort: basePort + 101 + 2 * i,
        apiUrl: url(apiPort),
        logFile: logFileOf(dataDir, name),
      };
    }),
  };
}

/** Every port of the layout with what uses it (for the free-port check). */
export function layoutPorts(layout: DevnetLayout, explorer: boolean): { port: number; what: string }[] {
  const out = [
    { port: layout.chainPort, what: 'chain' },
    { port: layout.daemonPort, what: 'daemon' },
  ];
  if (explorer) out.push({ port: layout.explorerPort, what: 'explorer' });
  for (const n of layout.nodes) {
    out.push({ port: n.apiPort, what: `${n.name} HTTP API` });
    out.push({ port: n.p2pPort, what: `${n.name} libp2p TCP` });
    out.push({ port: n.wsPort, what: `${n.name} libp2p WebSockets` });
  }
  return out;
}
