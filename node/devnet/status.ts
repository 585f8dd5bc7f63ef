/**
 * `walrus-ts devnet status`: the state of a devnet from its manifest, the chain (committee, shards, epoch)
 * and each node's `/v1/health`.
 */
import { join } from 'node:path';
import { HttpChainClient } from '../chain/embedded/http-client.ts';
import type { SystemState } from '../chain/types.ts';
import { DevnetNotFoundError } from './errors.ts';
import { devnetLayout } from './layout.ts';
import { lockHolder } from './lock.ts';
import { readManifest } from './manifest.ts';
import { isAlive, readPidFiles } from './process.ts';
import { fetchNodeHealth } from './readiness.ts';

/** One node in a {@link DevnetStatusReport}. */
export interface DevnetNodeStatus {
  name: string;
  /** On-chain node ID ('' when not registered yet). */
  nodeId: string;
  apiUrl: string;
  /** Pid of its process when the devnet runs it and it is alive. */
  pid: number | null;
  /** Shards owned in the chain's current committee (empty when not a member). */
  shards: number[];
  /** From `/v1/health`, or `error` when the node does not answer. */
  health:
    | {
        ok: true;
        epoch: number;
        nodeStatus: string;
        ownedShards: number;
        readyShards: number;
        uptimeSec: number;
      }
    | { ok: false; error: string };
  /** In the committee, answering, at the chain's epoch, all its shards ready. */
  healthy: boolean;
}

/** The report of `devnet status` (also its `--json` output). */
export interface DevnetStatusReport {
  dataDir: string;
  /** Pid of the running devnet supervisor, or null when none runs. */
  supervisorPid: number | null;
  chainUrl: string;
  daemonUrl: string;
  explorerUrl: string;
  chain:
    | { ok: true; epoch: number; epochState: string; nShards: number; committeeSize: number }
    | { ok: false; error: string };
  nodes: DevnetNodeStatus[];
}

/**
 * Collects the status of the devnet in `dataDir`. Never throws for processes that are down: those show as
 * errors in the report.
 * @throws DevnetNotFoundError when `dataDir` holds no devnet manifest
 */
export async function devnetStatus(dataDir: string): Promise<DevnetStatusReport> {
  const manifest = readManifest(join(dataDir, 'devnet.json'));
  if (!manifest) throw new DevnetNotFoundError(dataDir);
  const layout = devnetLayout(dataDir, manifest.basePort, manifest.nodes);
  const pids = readPidFiles(layout.pidsDir);
  let state: SystemState | undefined;
  let chainError = '';
  const chain = new HttpChainClient({ url: layout.chainUrl, timeoutMs: 3000 });
  try {
    state = await chain.systemState();
  } catch (e) {
    chainError = (e as Error).message;
  } finally {
    await chain.close();
  }
  const nodes = await Promise.all(
    layout.nodes.map(async (n): Promise<DevnetNodeStatus> => {
      const nodeId = manifest.nodeIds[n.name] ?? '';
      const member = state?.committee.members.find((m) => m.nodeId === nodeId);
      const pid = pids[n.name];
      let health: DevnetNodeStatus['health'];
      try {
        const h = await fetchNodeHealth(n.apiUrl, 3000);
        health = {
          ok: true,
          epoch: h.epoch,
          nodeStatus: h.nodeStatus,
          ownedShards: h.shardSummary.owned,
          readyShards: h.shardSummary.ownedShardStatus.ready,
          uptimeSec: h.uptime.secs,
        };
      } catch (e) {
        health = { ok: false, error: (e as Error).message };
      }
      const healthy =
        health.ok &&
        member !== undefined &&
        health.epoch === state?.epoch &&
        health.ownedShards === member.weight &&
        health.readyShards === health.ownedShards;
      return {
        name: n.name,
        nodeId,
        apiUrl: n.apiUrl,
        pid: pid !== undefined && isAlive(pid) ? pid : null,
        shards: member ? [...member.shards] : [],
        health,
        healthy,
      };
    }),
  );
  return {
    dataDir,
    supervisorPid: lockHolder(layout.lockPath) ?? null,
    chainUrl: layout.chainUrl,
    daemonUrl: layout.daemonUrl,
    explorerUrl: layout.explorerUrl,
    chain: state
      ? {
          ok: true,
          epoch: state.epoch,
          epochState: state.epochState.kind,
          nShards: state.nShards,
          committeeSize: state.committee.members.length,
        }
      : { ok: false, error: chainError },
    nodes,
  };
}

/** Compact text of a shard list: `0-3,7,9-10`. */
export function shardRanges(shards: readonly number[]): string {
  const sorted = [...shards].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(j === i ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

/** The report as a table for people. */
export function formatStatus(r: DevnetStatusReport): string {
  const lines = [
    `devnet in ${r.dataDir}: ${r.supervisorPid ? `running (supervisor pid ${r.supervisorPid})` : 'not running'}`,
    r.chain.ok
      ? `chain ${r.chainUrl}: epoch ${r.chain.epoch} (${r.chain.epochState}), ${r.chain.nShards} shards, committee of ${r.chain.committeeSize}`
      : `chain ${r.chainUrl}: unreachable (${r.chain.error})`,
    '',
    `${'node'.padEnd(8)} ${'health'.padEnd(9)} ${'pid'.padEnd(8)} ${'shards'.padEnd(7)} ${'api'.padEnd(24)} shard list`,
  ];
  for (const n of r.nodes) {
    const health = n.healthy ? 'healthy' : n.health.ok ? 'degraded' : 'down';
    lines.push(
      `${n.name.padEnd(8)} ${health.padEnd(9)} ${String(n.pid ?? '-').padEnd(8)} ${String(n.shards.length).padEnd(7)} ${n.apiUrl.padEnd(24)} ${shardRanges(n.shards)}`,
    );
    if (!n.health.ok) lines.push(`         ${n.health.error}`);
    else if (!n.healthy) {
      lines.push(
        `         epoch ${n.health.epoch}, ${n.health.readyShards}/${n.health.ownedShards} shards ready, ${n.health.nodeStatus}`,
      );
    }
  }
  const healthy = r.nodes.filter((n) => n.healthy).length;
  lines.push('', `${healthy} of ${r.nodes.length} nodes healthy`);
  return lines.join('\n');
}
