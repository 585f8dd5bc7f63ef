/**
 * The storage node's configuration: a YAML file, overridden by environment variables (`WALRUS_TS_*`), then
 * by command-line flags (dotted names such as `--api.port`). Every field is validated; errors name the field
 * and where the value came from.
 *
 * Example file (every field optional; shown with its default):
 * ```yaml
 * dataDir: ./data                      # relative paths resolve against the config file's directory
 * keystorePath: ./data/keystore.json   # default: <dataDir>/keystore.json
 * network:
 *   name: devnet
 *   listen: [/ip4/0.0.0.0/tcp/9300, /ip4/0.0.0.0/tcp/9301/ws]
 *   announce: []
 *   bootstrap: []                       # /ip4/…/tcp/…/p2p/<peerId>
 * api: { host: 127.0.0.1, port: 9185 }
 * chain: { endpoint: http://127.0.0.1:9400 }
 * limits:
 *   maxStreamsPerPeer: 8
 *   maxSliverBytes: 64MiB              # sizes: integer bytes or "<n>KiB|MiB|GiB"
 *   maxMetadataBytes: 4MiB
 *   maxHeaderBytes: 64KiB
 *   requestTimeoutMs: 60000             # durations: integer ms or "<n>ms|s|m"
 *   idleTimeoutMs: 10000
 *   readTimeoutMs: 60000
 *   maxPendingUploads: 10000
 *   maxPendingBytes: 256MiB
 * ```
 * Environment: the field path in SCREAMING_SNAKE with the `WALRUS_TS_` prefix, e.g. `WALRUS_TS_API_PORT`,
 * `WALRUS_TS_LIMITS_MAX_STREAMS_PER_PEER`; lists are comma-separated (`WALRUS_TS_NETWORK_BOOTSTRAP=a,b`).
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { multiaddr } from '@multiformats/multiaddr';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import {
  ConfigFileNotFoundError,
  ConfigParseError,
  InvalidConfigValueError,
  UnknownConfigFieldError,
} from './errors.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** The node's configuration after loading, with every default applied and paths made absolute. */
export interface NodeConfig {
  /** Directory of the node's database and other state. @default './data' */
  dataDir: string;
  /** Keystore file (see node/identity). @default '<dataDir>/keystore.json' */
  keystorePath: string;
  network: {
    /** Network name used in gossip topics (`[a-z0-9-]+`). @default 'devnet' */
    name: string;
    /** libp2p listen multiaddrs: TCP plus WebSockets for browsers. @default ['/ip4/0.0.0.0/tcp/9300', '/ip4/0.0.0.0/tcp/9301/ws'] */
    listen: string[];
    /** Addresses announced instead of the listen ones. @default [] */
    announce: string[];
    /** Bootstrap peers with `/p2p/<peerId>`. @default [] */
    bootstrap: string[];
  };
  api: {
    /** HTTP API bind host. @default '127.0.0.1' */
    host: string;
    /** HTTP API port (0 = any free port). @default 9185 */
    port: number;
  };
  chain: {
    /** Chain endpoint (embedded chain or Sui RPC), http(s) URL. @default 'http://127.0.0.1:9400' */
    endpoint: string;
  };
  limits: {
    /** Concurrent inbound request streams per peer and protocol. @default 8 */
    maxStreamsPerPeer: number;
    /** Upper bound on one sliver message, bytes (the committee's max sliver size is used when smaller). @default 64 MiB */
    maxSliverBytes: number;
    /** Upper bound on one metadata message, bytes. @default 4 MiB */
    maxMetadataBytes: number;
    /** Upper bound on a request/response header, bytes. @default 64 KiB */
    maxHeaderBytes: number;
    /** Client deadline per request, ms. @default 60000 */
    requestTimeoutMs: number;
    /** Abort a stream that makes no progress for this long, ms. @default 10000 */
    idleTimeoutMs: number;
    /** A whole request must arrive within this time, ms. @default 60000 */
    readTimeoutMs: number;
    /** Most uploads buffered before their blob is registered. @default 10000 */
    maxPendingUploads: number;
    /** Most bytes buffered before registration. @default 256 MiB */
    maxPendingBytes: number;
  };
}

type Kind = 'path' | 'name' | 'host' | 'port' | 'url' | 'multiaddrs' | 'int' | 'bytes' | 'duration';

/** Description of one config field (drives parsing, env names, flags and docs). */
export interface ConfigFieldSpec {
  /** Dotted path, e.g. `limits.maxStreamsPerPeer`. */
  path: string;
  kind: Kind;
  /** Default value; for `keystorePath`, undefined means `<dataDir>/keystore.json`. */
  default: unknown;
  /** Inclusive bounds for numeric kinds. */
  min?: number;
  max?: number;
  /** One-line description (used for `--help`). */
  doc: string;
}

/** Every config field. */
export const NODE_CONFIG_FIELDS: readonly ConfigFieldSpec[] = [
  { path: 'dataDir', kind: 'path', default: './data', doc: 'directory of the node database and state' },
  {
    path: 'keystorePath',
    kind: 'path',
    default: undefined,
    doc: 'keystore file (default <dataDir>/keystore.json)',
  },
  { path: 'network.name', kind: 'name', default: 'devnet', doc: 'network name used in gossip topics' },
  {
    path: 'network.listen',
    kind: 'multiaddrs',
    default: ['/ip4/0.0.0.0/tcp/9300', '/ip4/0.0.0.0/tcp/9301/ws'],
    doc: 'libp2p listen multiaddrs (TCP and WebSockets)',
  },
  { path: 'network.announce', kind: 'multiaddrs', default: [], doc: 'multiaddrs announced to peers' },
  { path: 'network.bootstrap', kind: 'multiaddrs', default: [], doc: 'bootstrap peers (/…/p2p/<peerId>)' },
  { path: 'api.host', kind: 'host', default: '127.0.0.1', doc: 'HTTP API bind host' },
  { path: 'api.port', kind: 'port', default: 9185, doc: 'HTTP API port' },
  { path: 'chain.endpoint', kind: 'url', default: 'http://127.0.0.1:9400', doc: 'chain endpoint URL' },
  { path: 'limits.maxStreamsPerPeer', kind: 'int', default: 8, min: 1, max: 1024, doc: 'streams per peer' },
  {
    path: 'limits.maxSliverBytes',
    kind: 'bytes',
    default: 64 * MiB,
    min: 1,
    max: 4 * GiB,
    doc: 'max sliver size',
  },
  {
    path: 'limits.maxMetadataBytes',
    kind: 'bytes',
    default: 4 * MiB,
    min: 1,
    max: GiB,
    doc: 'max metadata size',
  },
  {
    path: 'limits.maxHeaderBytes',
    kind: 'bytes',
    default: 64 * KiB,
    min: 64,
    max: 16 * MiB,
    doc: 'max header size',
  },
  {
    path: 'limits.requestTimeoutMs',
    kind: 'duration',
    default: 60_000,
    min: 1,
    max: 3_600_000,
    doc: 'request deadline',
  },
  {
    path: 'limits.idleTimeoutMs',
    kind: 'duration',
    default: 10_000,
    min: 1,
    max: 3_600_000,
    doc: 'stream idle timeout',
  },
  {
    path: 'limits.readTimeoutMs',
    kind: 'duration',
    default: 60_000,
    min: 1,
    max: 3_600_000,
    doc: 'request read timeout',
  },
  {
    path: 'limits.maxPendingUploads',
    kind: 'int',
    default: 10_000,
    min: 0,
    max: 10_000_000,
    doc: 'pending uploads',
  },
  {
    path: 'limits.maxPendingBytes',
    kind: 'bytes',
    default: 256 * MiB,
    min: 0,
    max: 64 * GiB,
    doc: 'pending bytes',
  },
];

const FIELD_BY_PATH = new Map(NODE_CONFIG_FIELDS.map((f) => [f.path, f]));
const SECTIONS = new Set(
  NODE_CONFIG_FIELDS.filter((f) => f.path.includes('.')).map((f) => f.path.split('.')[0]),
);

/** Environment variable of a field: `limits.maxStreamsPerPeer` -> `WALRUS_TS_LIMITS_MAX_STREAMS_PER_PEER`. */
export function envVarName(path: string): string {
  return (
    'WALRUS_TS_' +
    path
      .replace(/\./g, '_')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .toUpperCase()
  );
}

/** Overrides given to {@link loadNodeConfig}. */
export interface NodeConfigOverrides {
  /** Flag values by dotted field path (`{ 'api.port': '9000' }`); strings are parsed like env values. */
  flags?: Record<string, unknown>;
  /** Environment to read `WALRUS_TS_*` from. @default process.env */
  env?: Record<string, string | undefined>;
  /** Base of relative paths given by env or flags (and of defaults when there is no file). @default process.cwd() */
  cwd?: string;
}

function suggest(field: string): string | undefined {
  const leaf = field.split('.').pop()!.toLowerCase();
  return NODE_CONFIG_FIELDS.find((f) => f.path.split('.').pop()!.toLowerCase() === leaf)?.path;
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB)?$/;
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/;

function parseValue(spec: ConfigFieldSpec, raw: unknown, source: string, base: string): unknown {
  const bad = (why: string): never => {
    throw new InvalidConfigValueError(spec.path, why, source);
  };
  const fromText = typeof raw === 'string' && (source.startsWith('env') || source.startsWith('flag'));
  const inRange = (n: number): number => {
    if (!Number.isSafeInteger(n)) bad(`expected an integer, got ${JSON.stringify(raw)}`);
    if (spec.min !== undefined && n < spec.min) bad(`must be >= ${spec.min}, got ${n}`);
    if (spec.max !== undefined && n > spec.max) bad(`must be <= ${spec.max}, got ${n}`);
    return n;
  };
  switch (spec.kind) {
    case 'path': {
      if (typeof raw !== 'string' || raw.trim() === '') return bad('expected a non-empty path');
      return isAbsolute(raw) ? raw : resolve(base, raw);
    }
    case 'name': {
      if (typeof raw !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(raw)) {
        return bad('expected lower-case letters, digits and "-" (at most 63)');
      }
      return raw;
    }
    case 'host': {
      if (typeof raw !== 'string' || !/^[A-Za-z0-9.:[\]-]+$/.test(raw))
        return bad('expected a host name or IP');
      return raw;
    }
    case 'port': {
      const n = fromText && /^\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 65535) {
        return bad(`expected a port number 0..65535, got ${JSON.stringify(raw)}`);
      }
      return n;
    }
    case 'url': {
      if (typeof raw !== 'string') return bad('expected a URL');
      let u: URL;
      try {
        u = new URL(raw);
      } catch {
        return bad(`not a URL: ${JSON.stringify(raw)}`);
      }
      if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return bad('expected http(s) or ws(s)');
      return raw;
    }
    case 'multiaddrs': {
      const list = fromText
        ? (raw as string)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : raw;
      if (!Array.isArray(list)) return bad('expected a list of multiaddrs');
      return list.map((a: unknown, i) => {
        if (typeof a !== 'string') return bad(`item ${i} is not a string`);
        try {
          multiaddr(a);
        } catch {
          return bad(`item ${i} is not a multiaddr: ${JSON.stringify(a)}`);
        }
        return a;
      });
    }
    case 'int': {
      const n = fromText && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof n !== 'number') return bad(`expected an integer, got ${JSON.stringify(raw)}`);
      return inRange(n);
    }
    case 'bytes': {
      if (typeof raw === 'number') return inRange(raw);
      const m = typeof raw === 'string' ? SIZE.exec(raw.trim()) : null;
      if (!m) return bad(`expected bytes as an integer or "<n>KiB|MiB|GiB", got ${JSON.stringify(raw)}`);
      const unit = { B: 1, KiB, MiB, GiB }[(m[2] ?? 'B') as 'B'];
      return inRange(Math.round(Number(m[1]) * unit));
    }
    case 'duration': {
      if (typeof raw === 'number') return inRange(raw);
      const m = typeof raw === 'string' ? DURATION.exec(raw.trim()) : null;
      if (!m) return bad(`expected milliseconds or "<n>ms|s|m", got ${JSON.stringify(raw)}`);
      const unit = { ms: 1, s: 1000, m: 60_000 }[(m[2] ?? 'ms') as 'ms'];
      return inRange(Math.round(Number(m[1]) * unit));
    }
  }
}

function flatten(doc: Record<string, unknown>, source: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(doc)) {
    if (SECTIONS.has(key)) {
      if (value === null || value === undefined) continue;
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new InvalidConfigValueError(key, 'expected a mapping', source);
      }
      for (const [sub, v] of Object.entries(value as Record<string, unknown>)) {
        const path = `${key}.${sub}`;
        if (!FIELD_BY_PATH.has(path)) throw new UnknownConfigFieldError(path, source, suggest(path));
        out.set(path, v);
      }
    } else {
      if (!FIELD_BY_PATH.has(key)) throw new UnknownConfigFieldError(key, source, suggest(key));
      out.set(key, value);
    }
  }
  return out;
}

async function readConfigFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigFileNotFoundError(file, { cause: err });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      throw new ConfigParseError(file, err.message.split('\n')[0], pos?.line, pos?.col, { cause: err });
    }
    throw new ConfigParseError(file, String(err), undefined, undefined, { cause: err });
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ConfigParseError(file, 'the top level must be a mapping of fields');
  }
  return doc as Record<string, unknown>;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let obj = target;
  for (const p of parts.slice(0, -1)) {
    obj[p] ??= {};
    obj = obj[p] as Record<string, unknown>;
  }
  obj[parts[parts.length - 1]] = value;
}

/**
 * Loads the node configuration: defaults, then the YAML `file` (if given), then `WALRUS_TS_*` environment
 * variables, then `overrides.flags`. Relative paths resolve against the file's directory (file values and
 * defaults) or `overrides.cwd` (env, flags, and defaults when there is no file).
 * @throws ConfigFileNotFoundError, ConfigParseError (with line/column), UnknownConfigFieldError (typos, with
 *   a suggestion), InvalidConfigValueError (naming the field and the source of the value)
 */
export async function loadNodeConfig(
  file: string | undefined,
  overrides: NodeConfigOverrides = {},
): Promise<NodeConfig> {
  const cwd = overrides.cwd ?? process.cwd();
  const env = overrides.env ?? process.env;
  const fileBase = file ? dirname(resolve(cwd, file)) : cwd;
  const values = new Map<string, unknown>();

  for (const spec of NODE_CONFIG_FIELDS) {
    if (spec.default !== undefined)
      values.set(spec.path, parseValue(spec, spec.default, 'default', fileBase));
  }
  if (file) {
    const path = resolve(cwd, file);
    for (const [field, raw] of flatten(await readConfigFile(path), `file ${path}`)) {
      if (raw === null || raw === undefined) continue;
      values.set(field, parseValue(FIELD_BY_PATH.get(field)!, raw, `file ${path}`, fileBase));
    }
  }
  for (const spec of NODE_CONFIG_FIELDS) {
    const name = envVarName(spec.path);
    const raw = env[name];
    if (raw !== undefined && raw !== '') values.set(spec.path, parseValue(spec, raw, `env ${name}`, cwd));
  }
  for (const [field, raw] of Object.entries(overrides.flags ?? {})) {
    if (raw === undefined) continue;
    const spec = FIELD_BY_PATH.get(field);
    if (!spec) throw new UnknownConfigFieldError(field, `flag --${field}`, suggest(field));
    values.set(field, parseValue(spec, raw, `flag --${field}`, cwd));
  }
  if (!values.has('keystorePath'))
    values.set('keystorePath', join(values.get('dataDir') as string, 'keystore.json'));

  const config: Record<string, unknown> = {};
  for (const [path, value] of values) setPath(config, path, value);
  return config as unknown as NodeConfig;
}

/** The configuration with nothing but defaults (paths relative to `cwd`). */
export function defaultNodeConfig(cwd = process.cwd()): Promise<NodeConfig> {
  return loadNodeConfig(undefined, { env: {}, cwd });
}
