/**
 * Recovery benchmark (Node 24; not a vitest file). Run: `node test/perf/recovery.bench.ts [--blobs 16]
 * [--blob-mib 1] [--skip-cluster]`.
 *
 * Part 1 (codec, exact sizes): bytes a node downloads to rebuild ONE lost sliver pair (R recovery symbols
 * for the secondary sliver + C for the primary, each with its Merkle proof, as BCS GeneralRecoverySymbol),
 * divided by the pair's size. Red Stuff promises ~1 plus proof overhead; a 1-D Reed-Solomon code with the
 * same reconstruction threshold k must download k shares, i.e. the whole blob, to rebuild one share.
 *
 * Part 2 (real nodes): four storage nodes in one process (libp2p on 127.0.0.1, file stores, embedded
 * chain, n = 10 shards); `--blobs` blobs of `--blob-mib` MiB are written while node 3 is down, then node 3
 * starts on an EMPTY data directory and rebuilds all of its shards. Reports the time, MiB/s of slivers
 * rebuilt, bytes downloaded, and CPU time of the process vs wall time (all nodes share this process, so
 * CPU ~ wall x cores means CPU-bound; much less means waiting on the network or on peers).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeGeneralRecoverySymbols } from '../../shared/bcs/symbol.ts';
import { encodeBlob, type EncodedBlob } from '../../shared/encoding/encoder.ts';
import { initHashing } from '../../shared/encoding/hashing.ts';
import { encodingParams, secondarySliverIndex } from '../../shared/encoding/params.ts';
import { recoverySymbolFromExpansion } from '../../shared/encoding/recovery.ts';
import { SliverExpansion } from '../../shared/encoding/sliver.ts';
import { createTestChain, encodeTestBlob, startClient, waitFor } from '../unit/node/service/fixtures.ts';
import {
  heldSlivers,
  startCluster,
  startClusterNode,
  stopClusterNode,
  wipeStore,
  writeAndCertify,
} from '../e2e/healing/helpers.ts';

const MiB = 1024 * 1024;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function fmt(n: number, d = 2): string {
  return n.toFixed(d);
}

function part1(): void {
  const rows: Record<string, string>[] = [];
  for (const [n, size] of [
    [10, 1 * MiB],
    [100, 4 * MiB],
    [1000, 4 * MiB],
    [1000, 32 * MiB],
  ] as const) {
    const enc = encodeBlob(
      new Uint8Array(size).map((_, i) => (i * 31 + 7) & 0xff),
      n,
    );
    const { primarySymbols: R, secondarySymbols: C } = (() => {
      const p = encodingParams(n);
      return { primarySymbols: p.primarySymbols, secondarySymbols: p.secondarySymbols };
    })();
    const target = 0;
    // One symbol for the secondary target (from a primary sliver) and one for the primary target (from a
    // secondary sliver): every symbol of a kind has the same BCS size (same S, same proof depth).
    const forSecondary = recoverySymbolFromExpansion(
      new SliverExpansion(enc.primarySlivers[1], n),
      secondarySliverIndex(target, n),
    );
    const forPrimary = recoverySymbolFromExpansion(new SliverExpansion(enc.secondarySlivers[1], n), target);
    const symSec = serializeGeneralRecoverySymbols([forSecondary]).length - 1;
    const symPri = serializeGeneralRecoverySymbols([forPrimary]).length - 1;
    const downloaded = R * symSec + C * symPri;
    const dataOnly = (R + C) * enc.symbolSize;
    const pair = enc.primarySlivers[target].data.length + enc.secondarySlivers[n - 1 - target].data.length;
    // 1-D RS with reconstruction threshold k = R: a lost share is rebuilt from k shares of |blob|/k each.
    const oneDimDownload = size;
    const oneDimShare = Math.ceil(size / R);
    rows.push({
      n: String(n),
      blob: `${size / MiB} MiB`,
      S: `${enc.symbolSize} B`,
      'symbols (R+C)': `${R}+${C}`,
      'pair size': `${fmt(pair / 1024, 1)} KiB`,
      downloaded: `${fmt(downloaded / 1024, 1)} KiB`,
      'downloaded/pair': fmt(downloaded / pair, 3),
      'symbol data/pair': fmt(dataOnly / pair, 3),
      'proof overhead': `${fmt(((downloaded - dataOnly) / dataOnly) * 100, 1)}%`,
      '1-D RS: download/share': fmt(oneDimDownload / oneDimShare, 1),
      'downloaded/blob': fmt(downloaded / size, 4),
    });
  }
  console.log('\nPart 1: bytes downloaded to rebuild one lost sliver pair (exact BCS sizes)');
  console.table(rows);
}

async function part2(blobs: number, blobMiB: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'walrus-ts-recovery-bench-'));
  const chain = await createTestChain(4);
  const { nodes, bootstrap } = await startCluster(chain, dir);
  const client = await startClient();
  try {
    const victim = nodes[3];
    await stopClusterNode(victim);
    const encoded: EncodedBlob[] = [];
    const tw = Date.now();
    for (let i = 0; i < blobs; i++) {
      const e = encodeTestBlob(Math.floor(blobMiB * MiB), 10, 100 + i);
      await writeAndCertify(
        chain,
        client,
        nodes.filter((n) => n.node).map((n) => n.node!),
        e,
      );
      encoded.push(e);
    }
    const writeS = (Date.now() - tw) / 1000;
    wipeStore(victim);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const node = await startClusterNode(chain, victim, bootstrap);
    let expectedSlivers = 0;
    await waitFor(
      () => {
        let held = 0;
        expectedSlivers = 0;
        for (const e of encoded) {
          const h = heldSlivers(node, e);
          held += h.held;
          expectedSlivers += h.expected;
        }
        return expectedSlivers > 0 && held === expectedSlivers;
      },
      30 * 60_000,
      'recovery',
    );
    const wallS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    let rebuiltBytes = 0;
    for (const e of encoded) {
      for (const shard of node.components.committee.view.ownedShards) {
        for (const axis of ['primary', 'secondary'] as const) {
          rebuiltBytes +=
            node.components.store.slivers.getSliver({ blobId: e.blobId, shard, axis })?.length ?? 0;
        }
      }
    }
    // Where the time goes on the serving side: handler time vs whole exchange (transport + queueing).
    let handlerSum = 0;
    let handlerCount = 0;
    let exchangeSum = 0;
    let exchangeCount = 0;
    for (const n of nodes.slice(0, 3)) {
      const reg = n.node!.components.register;
      for (const [name, label, value] of [
        ['walrus_ts_node_request_duration_seconds', 'operation', 'getRecoverySymbols'],
        ['walrus_ts_network_reqresp_duration_seconds', 'protocol', '/walrus-ts/recovery-symbols/get/1.0.0'],
      ] as const) {
        const m = await reg.getSingleMetric(name)?.get();
        for (const v of m?.values ?? []) {
          if (v.labels[label] !== value) continue;
          if (name.includes('reqresp') && v.labels.direction !== 'inbound') continue;
          const metric = String((v as { metricName?: string }).metricName ?? '');
          const reqresp = name.includes('reqresp');
          if (metric.endsWith('_sum')) {
            if (reqresp) exchangeSum += v.value;
            else handlerSum += v.value;
          }
          if (metric.endsWith('_count')) {
            if (reqresp) exchangeCount += v.value;
            else handlerCount += v.value;
          }
        }
      }
    }
    const stats = node.components.sync!.peers.stats;
    const downloaded = stats.symbolBytes + stats.metadataBytes + stats.shardBytes;
    const blobBytes = encoded.reduce((a, e) => a + e.unencodedLength, 0);
    console.log(
      '\nPart 2: a node on an empty data directory recovers its shards (4 nodes, n = 10, in one process)',
    );
    console.table([
      {
        blobs: String(blobs),
        'blob data': `${fmt(blobBytes / MiB, 1)} MiB`,
        'owned shards': String(node.components.committee.view.ownedShards.size),
        'slivers rebuilt': String(expectedSlivers),
        'sliver bytes rebuilt': `${fmt(rebuiltBytes / MiB, 2)} MiB`,
        'downloaded (symbols+metadata)': `${fmt(downloaded / MiB, 2)} MiB`,
        'downloaded/rebuilt': fmt(downloaded / rebuiltBytes, 3),
        requests: `${stats.requests} (${stats.failures} failed)`,
        time: `${fmt(wallS, 2)} s`,
        'rebuilt MiB/s': fmt(rebuiltBytes / MiB / wallS, 2),
        'blob MiB/s (data made whole again)': fmt(blobBytes / MiB / wallS, 2),
        'process CPU / wall': `${fmt(cpuS, 2)} s / ${fmt(wallS, 2)} s = ${fmt(cpuS / wallS, 2)} cores`,
        'write phase': `${fmt(writeS, 1)} s`,
        'symbol handler / exchange (server, mean)': `${fmt((handlerSum / Math.max(1, handlerCount)) * 1000, 1)} ms / ${fmt((exchangeSum / Math.max(1, exchangeCount)) * 1000, 1)} ms`,
      },
    ]);
  } finally {
    await client.stop();
    for (const n of nodes) await stopClusterNode(n);
    rmSync(dir, { recursive: true, force: true });
  }
}

await initHashing();
part1();
if (!process.argv.includes('--skip-cluster')) await part2(arg('--blobs', 16), arg('--blob-mib', 1));
process.exit(0);
