/**
 * The explorer server's configuration, read from the environment once at start.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `WALRUS_TS_CHAIN_URL` | the embedded chain's HTTP API | `http://127.0.0.1:9400` |
 * | `WALRUS_TS_AGGREGATOR_URL` | an aggregator (daemon) for download and preview | none (no content) |
 * | `WALRUS_TS_NODE_URLS` | storage nodes' HTTP API by node ID or name: JSON object, or `name=url,…` | none |
 * | `WALRUS_TS_PROBE_TIMEOUT_MS` | timeout of one request to a storage node | 1500 |
 *
 * Storage nodes' HTTP URLs otherwise come from their registered multiaddrs (see node-api.ts).
 * @packageDocumentation
 */
import { InvalidQueryError } from '../errors.ts';

/** The explorer server's settings. */
export interface ExplorerConfig {
  /** Base URL of the chain's HTTP API, no trailing slash. */
  chainUrl: string;
  /** Base URL of an aggregator, or null. */
  aggregatorUrl: string | null;
  /** Storage-node HTTP base URLs by node ID or node name (override the multiaddrs). */
  nodeUrls: Record<string, string>;
  /** Timeout of one storage-node request, ms. */
  probeTimeoutMs: number;
}

/** Default chain URL (the `walrus-ts chain` default port). */
export const DEFAULT_CHAIN_URL = 'http://127.0.0.1:9400';

function trimUrl(u: string): string {
  return u.trim().replace(/\/+$/, '');
}

/**
 * Parses `WALRUS_TS_NODE_URLS`: a JSON object `{"<nodeId or name>": "http://…"}` or `name=url,name=url`.
 * @throws InvalidQueryError for a value that is neither
 */
export function parseNodeUrls(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const t = text?.trim();
  if (!t) return out;
  if (t.startsWith('{')) {
    let j: unknown;
    try {
      j = JSON.parse(t);
    } catch {
      throw new InvalidQueryError('WALRUS_TS_NODE_URLS is not valid JSON');
    }
    for (const [k, v] of Object.entries(j as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = trimUrl(v);
    }
    return out;
  }
  for (const part of t.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) throw new InvalidQueryError(`WALRUS_TS_NODE_URLS entry "${part}" is not name=url`);
    out[part.slice(0, i).trim()] = trimUrl(part.slice(i + 1));
  }
  return out;
}

/** Reads the configuration from `env` (default `process.env`). */
export function configFromEnv(env: Record<string, string | undefined> = process.env): ExplorerConfig {
  const timeout = Number(env.WALRUS_TS_PROBE_TIMEOUT_MS);
  return {
    chainUrl: trimUrl(env.WALRUS_TS_CHAIN_URL || DEFAULT_CHAIN_URL),
    aggregatorUrl: env.WALRUS_TS_AGGREGATOR_URL ? trimUrl(env.WALRUS_TS_AGGREGATOR_URL) : null,
    nodeUrls: parseNodeUrls(env.WALRUS_TS_NODE_URLS),
    probeTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 1500,
  };
}
