import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultNodeConfig,
  envVarName,
  loadNodeConfig,
  NODE_CONFIG_FIELDS,
} from '../../../../node/config/config.ts';
import {
  ConfigFileNotFoundError,
  ConfigParseError,
  InvalidConfigValueError,
  UnknownConfigFieldError,
} from '../../../../node/config/errors.ts';

describe('node config', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'walrus-ts-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const write = async (text: string): Promise<string> => {
    const f = join(dir, 'node.yaml');
    await writeFile(f, text);
    return f;
  };

  it('has documented defaults', async () => {
    const c = await defaultNodeConfig('/srv/node');
    expect(c.dataDir).toBe('/srv/node/data');
    expect(c.keystorePath).toBe('/srv/node/data/keystore.json');
    expect(c.network).toEqual({
      name: 'devnet',
      listen: ['/ip4/0.0.0.0/tcp/9300', '/ip4/0.0.0.0/tcp/9301/ws'],
      announce: [],
      bootstrap: [],
    });
    expect(c.api).toEqual({ host: '127.0.0.1', port: 9185 });
    expect(c.limits.maxSliverBytes).toBe(64 * 1024 * 1024);
    expect(c.limits.maxStreamsPerPeer).toBe(8);
  });

  it('reads a YAML file with units, resolving paths against the file directory', async () => {
    const f = await write(`
dataDir: state
network:
  name: testnet-2
  listen: [/ip4/127.0.0.1/tcp/0, /ip4/127.0.0.1/tcp/0/ws]
  bootstrap:
    - /ip4/10.0.0.1/tcp/9300/p2p/12D3KooWFbnbbaYhqZCoCuqM7Ka3imUWnptjBhFDa8qtwwSzKP1f
api: { port: 0 }
limits:
  maxSliverBytes: 16MiB
  idleTimeoutMs: 2.5s
  maxPendingBytes: 1048576
`);
    const c = await loadNodeConfig(f, { env: {} });
    expect(c.dataDir).toBe(join(dir, 'state'));
    expect(c.keystorePath).toBe(join(dir, 'state', 'keystore.json'));
    expect(c.network.name).toBe('testnet-2');
    expect(c.network.bootstrap).toHaveLength(1);
    expect(c.api.port).toBe(0);
    expect(c.limits.maxSliverBytes).toBe(16 * 1024 * 1024);
    expect(c.limits.idleTimeoutMs).toBe(2500);
    expect(c.limits.maxPendingBytes).toBe(1048576);
  });

  it('lets env override the file and flags override env', async () => {
    const f = await write('api:\n  port: 1000\nnetwork:\n  name: fromfile\n');
    const env = {
      WALRUS_TS_API_PORT: '2000',
      WALRUS_TS_NETWORK_NAME: 'fromenv',
      WALRUS_TS_NETWORK_BOOTSTRAP: '/ip4/1.2.3.4/tcp/1, /ip4/1.2.3.5/tcp/2',
      WALRUS_TS_LIMITS_MAX_STREAMS_PER_PEER: '3',
      WALRUS_TS_KEYSTORE_PATH: 'keys/k.json',
    };
    const c = await loadNodeConfig(f, { env, cwd: '/work/x', flags: { 'api.port': '3000' } });
    expect(c.api.port).toBe(3000);
    expect(c.network.name).toBe('fromenv');
    expect(c.network.bootstrap).toEqual(['/ip4/1.2.3.4/tcp/1', '/ip4/1.2.3.5/tcp/2']);
    expect(c.limits.maxStreamsPerPeer).toBe(3);
    expect(c.keystorePath).toBe('/work/x/keys/k.json');
  });

  it('names env variables after the field path', () => {
    expect(envVarName('limits.maxStreamsPerPeer')).toBe('WALRUS_TS_LIMITS_MAX_STREAMS_PER_PEER');
    expect(envVarName('dataDir')).toBe('WALRUS_TS_DATA_DIR');
    expect(new Set(NODE_CONFIG_FIELDS.map((f) => envVarName(f.path))).size).toBe(NODE_CONFIG_FIELDS.length);
  });

  it.each([
    ['api:\n  port: 70000\n', 'api.port'],
    ['api:\n  port: "80"\n', 'api.port'],
    ['network:\n  listen: [/not/a/multiaddr]\n', 'network.listen'],
    ['network:\n  listen: /ip4/1.2.3.4/tcp/1\n', 'network.listen'],
    ['network:\n  name: Has Spaces\n', 'network.name'],
    ['chain:\n  endpoint: ftp://x\n', 'chain.endpoint'],
    ['limits:\n  maxSliverBytes: 12 parsecs\n', 'limits.maxSliverBytes'],
    ['limits:\n  maxStreamsPerPeer: 0\n', 'limits.maxStreamsPerPeer'],
    ['limits:\n  idleTimeoutMs: -5\n', 'limits.idleTimeoutMs'],
    ['dataDir: ""\n', 'dataDir'],
    ['limits: 5\n', 'limits'],
  ])('rejects %j naming %s', async (text, field) => {
    const f = await write(text);
    const err = await loadNodeConfig(f, { env: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidConfigValueError);
    expect((err as InvalidConfigValueError).field).toBe(field);
    expect((err as InvalidConfigValueError).message).toContain(f);
  });

  it('rejects unknown fields with a suggestion, in files, env-free flags alike', async () => {
    const f = await write('api:\n  prot: 1\n');
    await expect(loadNodeConfig(f, { env: {} })).rejects.toBeInstanceOf(UnknownConfigFieldError);
    const g = await write('maxStreamsPerPeer: 4\n');
    await expect(loadNodeConfig(g, { env: {} })).rejects.toThrow(/did you mean limits\.maxStreamsPerPeer/);
    await expect(loadNodeConfig(undefined, { env: {}, flags: { 'api.prt': 1 } })).rejects.toBeInstanceOf(
      UnknownConfigFieldError,
    );
  });

  it('names the env variable of a bad env value', async () => {
    const err = await loadNodeConfig(undefined, { env: { WALRUS_TS_API_PORT: 'http' } }).catch(
      (e: unknown) => e,
    );
    expect((err as InvalidConfigValueError).source).toBe('env WALRUS_TS_API_PORT');
  });

  it('reports missing files and YAML syntax errors with a position', async () => {
    await expect(loadNodeConfig(join(dir, 'missing.yaml'), { env: {} })).rejects.toBeInstanceOf(
      ConfigFileNotFoundError,
    );
    const f = await write('api:\n  port: 1\n  port: 2\n');
    const dup = await loadNodeConfig(f, { env: {} }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(ConfigParseError);
    const g = await write('api: [unclosed\n');
    const err = await loadNodeConfig(g, { env: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigParseError);
    expect((err as ConfigParseError).line).toBeGreaterThan(0);
    const h = await write('- just\n- a list\n');
    await expect(loadNodeConfig(h, { env: {} })).rejects.toBeInstanceOf(ConfigParseError);
  });

  it('treats an empty file as all defaults', async () => {
    const f = await write('');
    const c = await loadNodeConfig(f, { env: {} });
    expect(c.dataDir).toBe(join(dir, 'data'));
  });
});
