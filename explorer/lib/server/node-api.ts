/**
 * Everything the explorer asks storage nodes over their HTTP API (routes of shared/api/storage-node.ts),
 * in one module so it is easy to adjust to the node's server:
 * - where a node's HTTP API is ({@link nodeHttpUrl}, the client's convention plus overrides);
 * - `GET /v1/health?detailed=true` ({@link NodeProber.health});
 * - `GET /v1/blobs/{blob_id}/slivers/{pair}/{primary|secondary}/status` for every shard of a blob
 *   ({@link NodeProber.probeBlob});
 * - the storage-challenge routes of node/challenge (shared/protocol/challenge.ts `CHALLENGE_ROUTES`):
 *   `GET /v1/challenges?epoch=` ({@link NodeProber.challengeScorecards}) and
 *   `GET /v1/challenges/nodes/{nodeId}` ({@link NodeProber.challengeHistory}).
 *
 * Answers are Walrus JSON envelopes `{"success":{"code":200,"data":…}}` (a bare `data` is accepted too).
 * Every request has a timeout; a node that fails its health check is not asked for slivers (its shards
 * show "unreachable" at once).
 * @see spec §4
 * @packageDocumentation
 */
import {
  storageNodePath,
  type ServiceHealthInfo,
  type SliverType,
} from '../../../shared/api/storage-node.ts';
import {
  CHALLENGE_ROUTES,
  type ChallengeNodeHistoryJson,
  type ChallengeScorecardJson,
  type ChallengeScorecardsJson,
} from '../../../shared/protocol/challenge.ts';
import { httpUrlFromMultiaddr } from '../../../node/client/transport/endpoints.ts';
import { blobIdFromString } from '../../../shared/encoding/blob-id.ts';
import { pairOfShard } from '../../../shared/encoding/params.ts';
import type { HealthDto, ShardMapDto, ShardProbeDto, SliverProbe } from '../types.ts';

/**
 * Where a storage node's HTTP API is: `overrides[nodeId]`, else `overrides[name]`, else the first of its
 * registered multiaddrs that names an HTTP endpoint, by the walrus-ts convention the client uses
 * (node/client/transport/endpoints.ts: `/ip4/1.2.3.4/tcp/9185/http`, `/dns4/n.example/tcp/443/https`, or a
 * plain `http(s)://` URL); null when none does.
 */
export function nodeHttpUrl(
  node: { nodeId: string; name: string; multiaddrs: readonly string[] },
  overrides: Readonly<Record<string, string>> = {},
): string | null {
  const o = overrides[node.nodeId] ?? overrides[node.name];
  if (o) return o;
  for (const ma of node.multiaddrs) {
    const u = httpUrlFromMultiaddr(ma);
    if (u) return u;
  }
  return null;
}

function unwrap(body: unknown): unknown {
  if (body && typeof body === 'object' && 'success' in body) {
    return (body as { success: { data: unknown } }).success.data;
  }
  return body;
}

/** A health report with nothing known. */
export function unknownHealth(
  url: string | null,
  state: HealthDto['state'],
  error: string | null,
): HealthDto {
  return {
    state,
    url,
    error,
    latencyMs: null,
    uptimeSecs: null,
    epoch: null,
    nodeStatus: null,
    version: null,
    shards: null,
    events: null,
    peers: null,
  };
}

/** Reduces a `/v1/health` answer (ServiceHealthInfo, plus walrus-ts extras) to {@link HealthDto}. */
export function healthFromInfo(url: string, info: unknown, latencyMs: number): HealthDto {
  const h = info as Partial<ServiceHealthInfo> & {
    version?: unknown;
    peers?: unknown;
    connectedPeers?: unknown;
  };
  const s = h.shardSummary;
  const peersRaw = Array.isArray(h.peers)
    ? h.peers
    : Array.isArray(h.connectedPeers)
      ? h.connectedPeers
      : null;
  return {
    state: 'up',
    url,
    error: null,
    latencyMs,
    uptimeSecs: typeof h.uptime?.secs === 'number' ? h.uptime.secs : null,
    epoch: typeof h.epoch === 'number' ? h.epoch : null,
    nodeStatus: typeof h.nodeStatus === 'string' ? h.nodeStatus : null,
    version: typeof h.version === 'string' ? h.version : null,
    shards: s
      ? {
          owned: s.owned ?? 0,
          ready: s.ownedShardStatus?.ready ?? 0,
          inTransfer: s.ownedShardStatus?.inTransfer ?? 0,
          inRecovery: s.ownedShardStatus?.inRecovery ?? 0,
          unknown: s.ownedShardStatus?.unknown ?? 0,
          readOnly: s.readOnly ?? 0,
        }
      : null,
    events: h.eventProgress
      ? { persisted: h.eventProgress.persisted ?? 0, pending: h.eventProgress.pending ?? 0 }
      : null,
    peers: peersRaw
      ? peersRaw
          .map((p) => (typeof p === 'string' ? p : (p as { peerId?: unknown })?.peerId))
          .filter((p): p is string => typeof p === 'string')
      : null,
  };
}

function isScorecard(c: unknown): c is ChallengeScorecardJson {
  const x = c as Partial<ChallengeScorecardJson> | null;
  return (
    !!x &&
    typeof x.nodeId === 'string' &&
    typeof x.epoch === 'number' &&
    typeof x.samples === 'number' &&
    typeof x.passed === 'number' &&
    typeof x.failed === 'number' &&
    typeof x.challenges === 'number' &&
    typeof x.status === 'string'
  );
}

/**
 * Checks a `GET /v1/challenges` answer's data (ChallengeScorecardsJson); malformed scorecards are dropped.
 * @returns null when it is not such an answer
 */
export function scorecardsFromData(data: unknown): ChallengeScorecardsJson | null {
  const d = data as Partial<ChallengeScorecardsJson> | null;
  if (!d || typeof d.epoch !== 'number' || !Array.isArray(d.nodes)) return null;
  return {
    epoch: d.epoch,
    samplesPerChallenge: typeof d.samplesPerChallenge === 'number' ? d.samplesPerChallenge : 0,
    deadlineMs: typeof d.deadlineMs === 'number' ? d.deadlineMs : 0,
    nodes: d.nodes.filter(isScorecard),
  };
}

/**
 * Checks a `GET /v1/challenges/nodes/{nodeId}` answer's data (ChallengeNodeHistoryJson).
 * @returns null when it is not such an answer
 */
export function historyFromData(data: unknown): ChallengeNodeHistoryJson | null {
  const d = data as Partial<ChallengeNodeHistoryJson> | null;
  if (!d || typeof d.nodeId !== 'string' || !Array.isArray(d.scorecards) || !Array.isArray(d.verdicts)) {
    return null;
  }
  return {
    nodeId: d.nodeId,
    scorecards: d.scorecards.filter(isScorecard),
    verdicts: d.verdicts.filter(
      (v) =>
        !!v &&
        typeof v.verifier === 'string' &&
        typeof v.challengeId === 'string' &&
        typeof v.timestampMs === 'number',
    ),
  };
}

/** Maps a StoredOnNodeStatus answer (any letter case) to a {@link SliverProbe}. */
export function sliverProbeFromData(data: unknown): SliverProbe {
  const s = typeof data === 'string' ? data.toLowerCase() : '';
  return s === 'stored' || s === 'buffered' || s === 'nonexistent' ? s : 'error';
}

/** Options of {@link NodeProber}. */
export interface NodeProberInit {
  /** Timeout of one request, ms. @default 1500 */
  timeoutMs?: number;
  /** How long a health answer is reused, ms. @default 2000 */
  healthTtlMs?: number;
  /** Requests in flight per node. @default 8 */
  concurrencyPerNode?: number;
}

/** A committee member, as much as probing needs. */
export interface ProbeMember {
  nodeId: string;
  name: string;
  shards: readonly number[];
  url: string | null;
}

/** Talks to storage nodes' HTTP APIs. */
export class NodeProber {
  readonly #timeoutMs: number;
  readonly #ttl: number;
  readonly #concurrency: number;
  readonly #health = new Map<string, { at: number; value: Promise<HealthDto> }>();
  readonly #scorecards = new Map<string, { at: number; value: Promise<ChallengeScorecardsJson | null> }>();

  constructor(init: NodeProberInit = {}) {
    this.#timeoutMs = init.timeoutMs ?? 1500;
    this.#ttl = init.healthTtlMs ?? 2000;
    this.#concurrency = init.concurrencyPerNode ?? 8;
  }

  async #get(url: string): Promise<unknown> {
    const res = await fetch(url, {
      signal: AbortSignal.timeout(this.#timeoutMs),
      headers: { accept: 'application/json' },
    });
    const text = await res.text();
    if (!res.ok) {
      let msg = `HTTP ${res.status}`;
      try {
        const j = JSON.parse(text) as { error?: { message?: string } };
        if (j.error?.message) msg += `: ${j.error.message}`;
      } catch {
        // not JSON: keep the status
      }
      throw new Error(msg);
    }
    return unwrap(JSON.parse(text));
  }

  /** `GET /v1/health?detailed=true` of the node at `url` (null: no known URL). Never throws. */
  health(url: string | null): Promise<HealthDto> {
    if (!url) return Promise.resolve(unknownHealth(null, 'unknown', 'no HTTP address registered'));
    const now = Date.now();
    const cached = this.#health.get(url);
    if (cached && now - cached.at < this.#ttl) return cached.value;
    const value = (async () => {
      const t0 = performance.now();
      try {
        const info = await this.#get(`${url}${storageNodePath('health')}?detailed=true`);
        return healthFromInfo(url, info, Math.round(performance.now() - t0));
      } catch (e) {
        return unknownHealth(url, 'down', describe(e));
      }
    })();
    this.#health.set(url, { at: now, value });
    return value;
  }

  /**
   * `GET /v1/challenges?epoch=` of the node at `url`: the node's scorecards of every committee member in
   * `epoch`, reused for the health TTL. Never throws.
   * @returns null when the node does not answer, runs no challenge service (404) or answers garbage
   */
  challengeScorecards(url: string, epoch: number): Promise<ChallengeScorecardsJson | null> {
    const key = `${url} ${epoch}`;
    const now = Date.now();
    const cached = this.#scorecards.get(key);
    if (cached && now - cached.at < this.#ttl) return cached.value;
    const value = this.#get(`${url}${CHALLENGE_ROUTES.scorecards}?epoch=${epoch}`).then(
      scorecardsFromData,
      () => null,
    );
    this.#scorecards.set(key, { at: now, value });
    if (this.#scorecards.size > 256) this.#scorecards.delete(this.#scorecards.keys().next().value!);
    return value;
  }

  /**
   * `GET /v1/challenges/nodes/{nodeId}` of the node at `url`: that node's view of `nodeId`'s scorecards
   * over the epochs it keeps and its latest verdicts about it. Never throws.
   * @returns null when the node does not answer, runs no challenge service (404) or answers garbage
   */
  async challengeHistory(url: string, nodeId: string): Promise<ChallengeNodeHistoryJson | null> {
    try {
      return historyFromData(await this.#get(url + CHALLENGE_ROUTES.node.replace('{nodeId}', nodeId)));
    } catch {
      return null;
    }
  }

  /** The status of one sliver on the node at `url`. Never throws. */
  async sliverStatus(url: string, blobId: string, pair: number, type: SliverType): Promise<SliverProbe> {
    try {
      const data = await this.#get(
        url +
          storageNodePath('sliverStatus', { blob_id: blobId, sliver_pair_index: pair, sliver_type: type }),
      );
      return sliverProbeFromData(data);
    } catch (e) {
      return isNetworkError(e) ? 'unreachable' : 'error';
    }
  }

  /**
   * Probes every shard of a blob on its owner in `members` (the committee of `epoch`): the primary and
   * secondary sliver of the shard's sliver pair (pair = (n + shard - offset) mod n, spec §1.6).
   */
  async probeBlob(
    blobId: string,
    epoch: number,
    nShards: number,
    members: readonly ProbeMember[],
  ): Promise<ShardMapDto> {
    const t0 = performance.now();
    const idBytes = blobIdFromString(blobId);
    const healths = await Promise.all(members.map((m) => this.health(m.url)));
    const shards: ShardProbeDto[] = [];
    await Promise.all(
      members.map(async (m, i) => {
        const h = healths[i];
        const rows = m.shards.map((shard) => ({
          shard,
          pair: pairOfShard(shard, idBytes, nShards),
          nodeId: m.nodeId,
          nodeName: m.name,
          primary: (h.state === 'unknown' ? 'no-url' : 'unreachable') as SliverProbe,
          secondary: (h.state === 'unknown' ? 'no-url' : 'unreachable') as SliverProbe,
        }));
        shards.push(...rows);
        if (h.state !== 'up' || !m.url) return;
        const url = m.url;
        const jobs = rows.flatMap((r) => [
          async () => void (r.primary = await this.sliverStatus(url, blobId, r.pair, 'primary')),
          async () => void (r.secondary = await this.sliverStatus(url, blobId, r.pair, 'secondary')),
        ]);
        await runLimited(jobs, this.#concurrency);
      }),
    );
    shards.sort((a, b) => a.shard - b.shard);
    return {
      blobId,
      epoch,
      nShards,
      shards,
      nodes: members.map((m, i) => ({
        nodeId: m.nodeId,
        name: m.name,
        url: m.url,
        reachable: healths[i].state === 'up',
        error: healths[i].error,
      })),
      probedAtMs: Date.now(),
      elapsedMs: Math.round(performance.now() - t0),
    };
  }
}

async function runLimited(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}

function isNetworkError(e: unknown): boolean {
  const err = e as { name?: string; message?: string };
  return err?.name === 'TimeoutError' || err?.name === 'AbortError' || err?.message === 'fetch failed';
}

function describe(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return 'timed out';
  if (err?.cause?.code) return `${err.cause.code}`;
  return err?.message ?? String(e);
}
