import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadNodeConfig } from '../../../../node/config/config.ts';
import { formatReadyBlock } from '../../../../node/devnet/banner.ts';
import type { DevnetReadyInfo } from '../../../../node/devnet/devnet.ts';
import { nodeConfigYaml, nodeMultiaddrs } from '../../../../node/devnet/genesis.ts';
import { devnetLayout, layoutPorts } from '../../../../node/devnet/layout.ts';
import {
  checkManifestParams,
  newManifest,
  readManifest,
  writeManifest,
} from '../../../../node/devnet/manifest.ts';
import { resolveDevnetOptions } from '../../../../node/devnet/options.ts';
import { shardRanges } from '../../../../node/devnet/status.ts';
import { httpUrlFromMultiaddr } from '../../../../node/client/transport/endpoints.ts';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'devnet-test-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('resolveDevnetOptions', () => {
  it('applies the defaults of npm start', () => {
    const o = resolveDevnetOptions({}, '/work');
    expect(o).toMatchObject({
      dataDir: '/work/data/devnet',
      nodes: 7,
      shards: 100,
      epochDurationSec: 3600,
      basePort: 9400,
      fresh: false,
      explorer: true,
    });
  });

  it.each([
    [{ nodes: 0 }, '--nodes'],
    [{ nodes: 41 }, '--nodes'],
    [{ shards: 3 }, '--shards'],
    [{ nodes: 8, shards: 7 }, 'at least --nodes'],
    [{ epochDurationSec: 1.5 }, '--epoch-duration'],
    [{ basePort: 80 }, '--base-port'],
  ])('refuses %j with a typed error naming the flag', (init, flag) => {
    expect(() => resolveDevnetOptions(init)).toThrow(
      expect.objectContaining({ code: 'DEVNET_INVALID_OPTION' }),
    );
    expect(() => resolveDevnetOptions(init)).toThrow(flag);
  });
});

describe('devnetLayout', () => {
  it('derives distinct ports for every process from the base port', () => {
    const layout = devnetLayout('/d', 20000, 7);
    const ports = layoutPorts(layout, true).map((p) => p.port);
    expect(new Set(ports).size).toBe(ports.length);
    expect(ports.length).toBe(3 + 7 * 3);
    expect(layout.chainUrl).toBe('http://127.0.0.1:20000');
    expect(layout.daemonUrl).toBe('http://127.0.0.1:20001');
    expect(layout.nodes[6]).toMatchObject({ name: 'node-7', apiPort: 20016, p2pPort: 20112, wsPort: 20113 });
  });

  it('keeps the node API and libp2p ranges apart at the largest node count', () => {
    const layout = devnetLayout('/d', 30000, 40);
    const ports = layoutPorts(layout, true).map((p) => p.port);
    expect(new Set(ports).size).toBe(ports.length);
  });
});

describe('node configuration', () => {
  it('writes YAML that the storage node config loader accepts with the devnet ports and peers', async () => {
    const dir = tmp();
    const layout = devnetLayout(dir, 21000, 3);
    const peers = ['12D3KooWA', '12D3KooWB', '12D3KooWC'];
    const node = layout.nodes[1];
    writeFileSync(join(dir, 'node.yaml'), nodeConfigYaml(layout, node, peers));
    const cfg = await loadNodeConfig(join(dir, 'node.yaml'), { env: {} });
    expect(cfg.api).toEqual({ host: '127.0.0.1', port: node.apiPort });
    expect(cfg.chain.endpoint).toBe('http://127.0.0.1:21000');
    expect(cfg.dataDir).toBe(node.dbDir);
    expect(cfg.keystorePath).toBe(node.keystorePath);
    expect(cfg.network.listen).toEqual([
      `/ip4/127.0.0.1/tcp/${node.p2pPort}`,
      `/ip4/127.0.0.1/tcp/${node.wsPort}/ws`,
    ]);
    expect(cfg.network.bootstrap).toEqual([
      `/ip4/127.0.0.1/tcp/${layout.nodes[0].p2pPort}/p2p/12D3KooWA`,
      `/ip4/127.0.0.1/tcp/${layout.nodes[2].p2pPort}/p2p/12D3KooWC`,
    ]);
  });

  it('registers an HTTP multiaddr the client maps back to the node API URL', () => {
    const layout = devnetLayout('/d', 22000, 2);
    const addrs = nodeMultiaddrs(layout, layout.nodes[1]);
    expect(addrs.map(httpUrlFromMultiaddr).filter(Boolean)).toEqual([layout.nodes[1].apiUrl]);
  });
});

describe('manifest', () => {
  it('round-trips and detects parameters that differ from an existing devnet', () => {
    const path = join(tmp(), 'devnet.json');
    expect(readManifest(path)).toBeUndefined();
    const m = newManifest({ nodes: 7, shards: 28, epochDurationSec: 60, basePort: 23000 });
    m.nodeIds['node-1'] = '0x' + '1'.repeat(64);
    writeManifest(path, m);
    const back = readManifest(path)!;
    expect(back).toEqual(m);
    expect(() => checkManifestParams(back, { nodes: 7, shards: undefined })).not.toThrow();
    expect(() => checkManifestParams(back, { shards: 100, basePort: 9400 })).toThrow(
      /--shards 100 \(the devnet has 28\), --base-port 9400 \(the devnet has 23000\)/,
    );
  });

  it('refuses a file that is not a manifest', () => {
    const path = join(tmp(), 'devnet.json');
    writeFileSync(path, '{"kind":"other"}');
    expect(() => readManifest(path)).toThrow(expect.objectContaining({ name: 'DevnetMismatchError' }));
    writeFileSync(path, 'not json');
    expect(() => readManifest(path)).toThrow(/--fresh/);
    expect(readFileSync(path, 'utf8')).toBe('not json');
  });
});

describe('shardRanges', () => {
  it('compresses runs of shards', () => {
    expect(shardRanges([])).toBe('');
    expect(shardRanges([5, 0, 1, 2, 7, 9, 10])).toBe('0-2,5,7,9-10');
  });
});

describe('formatReadyBlock', () => {
  it('lists every URL, each node with its shards and the commands to store a file', () => {
    const info: DevnetReadyInfo = {
      dataDir: '/d',
      created: true,
      epoch: 1,
      nShards: 8,
      epochDurationSec: 60,
      chainUrl: 'http://127.0.0.1:9400',
      daemonUrl: 'http://127.0.0.1:9401',
      explorerUrl: 'http://127.0.0.1:9402',
      explorerBuilt: 'build/ is missing',
      nodes: [0, 1].map((i) => ({
        name: `node-${i + 1}`,
        nodeId: `0x${i}`,
        peerId: 'p',
        apiUrl: `http://127.0.0.1:${9410 + i}`,
        multiaddrs: [],
        shards: i === 0 ? [0, 1, 2, 3] : [4, 5, 6, 7],
        pid: 1,
        logFile: '/d/logs/x.log',
      })),
      userWallet: '/d/wallets/user.json',
      logsDir: '/d/logs',
      pids: {},
    };
    const text = formatReadyBlock(info);
    for (const url of ['http://127.0.0.1:9400', 'http://127.0.0.1:9401', 'http://127.0.0.1:9402']) {
      expect(text).toContain(url);
    }
    expect(text).toMatch(/node-1 +http:\/\/127\.0\.0\.1:9410 +4 shards +0-3/);
    expect(text).toMatch(/node-2 +http:\/\/127\.0\.0\.1:9411 +4 shards +4-7/);
    expect(text).toContain(
      'export WALRUS_TS_CHAIN_URL=http://127.0.0.1:9400 WALRUS_TS_WALLET=/d/wallets/user.json',
    );
    expect(text).toContain('npm run -s walrus-ts -- store FILE');
    expect(text).toContain('built now: build/ is missing');
    expect(text.split('\n').filter((l) => l.startsWith('====')).length).toBe(2);
  });
});
