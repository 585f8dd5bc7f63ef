/**
 * Recovery benchmark (Node 24; not a vitest file). Run: `node test/perf/recovery.bench.ts [--blobs 16]
 * [--blob-mib 1] [--shards 10,100] [--concurrent-blobs 4] [--grace-blobs 8] [--late-ms 300] [--skip-codec]
 * [--skip-cluster] [--skip-anchor] [--skip-grace]`. Every listener binds 127.0.0.1 on an OS-chosen port.
 *
 * Part 1 (codec, exact sizes): bytes a node downloads to rebuild ONE lost sliver pair, divided by the
 * pair's size, two ways:
 * - with proofs (`/walrus-ts/recovery-symbols/get/1.0.0`, the Walrus recoverySymbols body): R + C BCS
 *   GeneralRecoverySymbols, each with its Merkle proof;
 * - proof-less batches (`/walrus-ts/recovery-symbols/batch/1.0.0`, what blob sync uses first): one
 *   SymbolBatch body per source node, for a committee of `min(n, 100)` nodes with equal contiguous shard
 *   ranges, the symbols planned exactly (R for the secondary sliver, C for the primary one).
 * The rebuilt sliver is checked against the metadata, which a node that lost everything must fetch too:
 * shown in its own column. A 1-D Reed-Solomon code with the same reconstruction threshold k must download
 * k shares, i.e. the whole blob, to rebuild one share.
 *
 * Part 2 (real nodes): four storage nodes in one process (libp2p on 127.0.0.1, file stores, embedded
 * chain, `--shards` shards); `--blobs` blobs of `--blob-mib` MiB are written while node 3 is down, then
 * node 3 starts on an EMPTY data directory and rebuilds all of its shards, once with every symbol fetched
 * with its proof per target sliver (the anchor: session 1's path) and once with proof-less batches (the
 * default). Reports the time, MiB/s of slivers rebuilt, bytes downloaded, how slivers were rebuilt (batch / verified / batch mismatches), and
 * where the process's main thread spent the wall time (from /proc/self/task/<tid>/schedstat): on CPU,
 * runnable but waiting for a core (the box is shared), or idle (waiting on I/O, peers or timers). All
 * nodes share this process, so "idle" is what recovery spends waiting rather than computing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { serializeGeneralRecoverySymbols } from '../../shared/bcs/symbol.ts';
import { serializeBlobMetadata } from '../../shared/bcs/blob.ts';
import { encodeBlob, type EncodedBlob } from '../../shared/encoding/encoder.ts';
import { initHashing } from '../../shared/encoding/hashing.ts';
import { encodingParams, pairOfShard, secondarySliverIndex } from '../../shared/encoding/params.ts';
import { serializeSymbolBatch } from '../../shared/protocol/symbol-batch.ts';
import { recoverySymbolFromExpansion } from '../../shared/encoding/recovery.ts';
import { SliverExpansion } from '../../shared/encoding/sliver.ts';
import { aggregateSignatures } from '../../shared/crypto/bls.ts';
import { bytesEqual } from '../../shared/encoding/blob-id.ts';
import {
  createTestChain,
  encodeTestBlob,
  ownedPairs,
  protocolClient,
  registerBlob,
  startClient,
  waitFor,
} from '../unit/node/service/fixtures.ts';
import type { BlobSyncInit } from '../../node/sync/blob-sync.ts';
import {
  FAST_SYNC,
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

/** `--shards 10,100`: the committee sizes of parts 2 and 3 (part 3 uses the first). */
const shardCounts = (() => {
  const i = process.argv.indexOf('--shards');
  return (i >= 0 ? process.argv[i + 1] : '10,100').split(',').map(Number);
})();

function fmt(n: number, d = 2): string {
  return n.toFixed(d);
}

/**
 * Bytes of the proof-less batch responses that rebuild one sliver pair (pair `target`) for a committee of
 * `members` nodes with equal contiguous shard ranges: each other node is asked once per axis, for the
 * sources still missing, until R (secondary target) and C (primary target) symbols are planned.
 */
function batchDownload(
  enc: EncodedBlob,
  members: number,
  target: number,
): { bytes: number; requests: number } {
  const n = enc.nShards;
  const { primarySymbols: R, secondarySymbols: C } = encodingParams(n);
  const per = Math.ceil(n / members);
  const owner = (shard: number) => Math.floor(shard / per);
  const victim = owner(
    Array.from({ length: n }, (_, s) => s).find((s) => pairOfShard(s, enc.blobId, n) === target)!,
  );
  let bytes = 0;
  let requests = 0;
  for (const [need, sourceIndex] of [
    [R, (pair: number) => pair],
    [C, (pair: number) => secondarySliverIndex(pair, n)],
  ] as const) {
    let planned = 0;
    for (let m = 0; m < members && planned < need; m++) {
      if (m === victim) continue;
      const sources: number[] = [];
      for (let shard = m * per; shard < Math.min(n, (m + 1) * per); shard++) {
        sources.push(sourceIndex(pairOfShard(shard, enc.blobId, n)));
      }
      sources.sort((a, b) => a - b);
      const take = sources.slice(0, need - planned);
      planned += take.length;
      requests++;
      bytes += serializeSymbolBatch({
        symbolSize: enc.symbolSize,
        sources: take,
        data: new Uint8Array(take.length * enc.symbolSize),
      }).length;
    }
  }
  return { bytes, requests };
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
    const { primarySymbols: R, secondarySymbols: C } = encodingParams(n);
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
    const withProofs = R * symSec + C * symPri;
    const members = Math.min(n, 100);
    const batch = batchDownload(enc, members, target);
    const dataOnly = (R + C) * enc.symbolSize;
    const pair = enc.primarySlivers[target].data.length + enc.secondarySlivers[n - 1 - target].data.length;
    const metadata = serializeBlobMetadata(enc.metadata).length;
    // 1-D RS with reconstruction threshold k = R: a lost share is rebuilt from k shares of |blob|/k each.
    const oneDimShare = Math.ceil(size / R);
    rows.push({
      n: String(n),
      blob: `${size / MiB} MiB`,
      S: `${enc.symbolSize} B`,
      'symbols (R+C)': `${R}+${C}`,
      'pair size': `${fmt(pair / 1024, 1)} KiB`,
      'with proofs: downloaded/pair': fmt(withProofs / pair, 3),
      'batches: downloaded/pair': fmt(batch.bytes / pair, 3),
      'batch requests (nodes)': `${batch.requests} (${members})`,
      'symbol data/pair': fmt(dataOnly / pair, 3),
      'metadata/pair (if lost too)': fmt(metadata / pair, 3),
      '1-D RS: download/share': fmt(size / oneDimShare, 1),
    });
  }
  console.log('\nPart 1: bytes downloaded to rebuild one lost sliver pair (exact body sizes)');
  console.table(rows);
}

/** Main-thread CPU time and run-queue wait (ns) from schedstat, and all threads' CPU time. */
function sched(): { mainCpu: number; mainWait: number; allCpu: number } {
  const read = (tid: string) =>
    readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
  const [mainCpu, mainWait] = read(String(process.pid));
  let allCpu = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      allCpu += read(tid)[0];
    } catch {
      // the thread ended
    }
  }
  return { mainCpu, mainWait, allCpu };
}

async function part2(
  blobs: number,
  blobMiB: number,
  nShards: number,
  blobSyncInit: BlobSyncInit,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'walrus-ts-recovery-bench-'));
  const chain = await createTestChain(4, { nShards });
  const { nodes, bootstrap } = await startCluster(chain, dir);
  const client = await startClient();
  try {
    const victim = nodes[3];
    await stopClusterNode(victim);
    const encoded: EncodedBlob[] = [];
    const tw = Date.now();
    for (let i = 0; i < blobs; i++) {
      const e = encodeTestBlob(Math.floor(blobMiB * MiB), nShards, 100 + i);
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
    const sched0 = sched();
    const t0 = performance.now();
    const node = await startClusterNode(chain, victim, bootstrap, {
      ...FAST_SYNC,
      blob: { ...FAST_SYNC.blob, ...blobSyncInit },
    });
    const tStarted = performance.now();
    // Poll cheaply (index lookups only); the bytes are compared with the encoding once at the end.
    const owned = () => [...node.components.committee.view.ownedShards];
    const missing = () => {
      let m = 0;
      for (const e of encoded)
        for (const shard of owned())
          for (const axis of ['primary', 'secondary'] as const)
            if (!node.components.store.slivers.hasSliver({ blobId: e.blobId, shard, axis })) m++;
      return m;
    };
    const sync = node.components.sync!.blobSync;
    await waitFor(
      () => owned().length > 0 && missing() === 0 && sync.inProgress === 0,
      30 * 60_000,
      'recovery',
    );
    const wallS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const sched1 = sched();
    const cpuS = (cpu.user + cpu.system) / 1e6;
    let expectedSlivers = 0;
    const startedS = (tStarted - t0) / 1000;
    for (const e of encoded) {
      const h = heldSlivers(node, e);
      if (h.held !== h.expected) throw new Error(`recovered slivers differ from the encoding`);
      expectedSlivers += h.expected;
    }
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
        ['walrus_ts_node_request_duration_seconds', 'operation', 'getSymbolBatch'],
        ['walrus_ts_network_reqresp_duration_seconds', 'protocol', '/walrus-ts/recovery-symbols/batch/1.0.0'],
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
    const how = node.components.sync!.blobSync.stats;
    const downloaded = stats.symbolBytes + stats.metadataBytes + stats.shardBytes;
    const blobBytes = encoded.reduce((a, e) => a + e.unencodedLength, 0);
    const wallNs = wallS * 1e9;
    const onCpu = (sched1.mainCpu - sched0.mainCpu) / wallNs;
    const runnable = (sched1.mainWait - sched0.mainWait) / wallNs;
    console.log(
      `\nPart 2: a node on an empty data directory recovers its shards (4 nodes, n = ${nShards}, in one process)`,
    );
    console.table([
      {
        path: blobSyncInit.optimistic === false ? 'proofs (anchor)' : 'proof-less batches',
        blobs: `${blobs} x ${blobMiB} MiB`,
        'owned shards': String(node.components.committee.view.ownedShards.size),
        'slivers rebuilt (batch/verified/mismatch)': `${expectedSlivers} (${how.batchRebuilt}/${how.verifiedRebuilt}/${how.batchMismatches})`,
        'sliver bytes rebuilt': `${fmt(rebuiltBytes / MiB, 2)} MiB`,
        'downloaded (symbols+metadata)': `${fmt(downloaded / MiB, 2)} MiB`,
        'downloaded/rebuilt': fmt(downloaded / rebuiltBytes, 3),
        requests: `${stats.requests} (${stats.batchRequests} batch, ${stats.failures} failed)`,
        'time (node start incl.)': `${fmt(wallS, 2)} s (${fmt(startedS, 2)} s)`,
        'rebuilt MiB/s': fmt(rebuiltBytes / MiB / wallS, 2),
        'blob MiB/s (made whole again)': fmt(blobBytes / MiB / wallS, 2),
        's per GiB rebuilt': fmt(wallS / (rebuiltBytes / 1024 / MiB), 0),
        'process CPU / wall': `${fmt(cpuS, 2)} s / ${fmt(wallS, 2)} s = ${fmt(cpuS / wallS, 2)} cores`,
        'main thread: CPU / runnable / idle': `${fmt(onCpu * 100, 0)}% / ${fmt(runnable * 100, 0)}% / ${fmt((1 - onCpu - runnable) * 100, 0)}%`,
        'CPU ms per MiB rebuilt': fmt((cpuS * 1000) / (rebuiltBytes / MiB), 0),
        'all threads CPU': `${fmt((sched1.allCpu - sched0.allCpu) / 1e9, 2)} s`,
        'write phase': `${fmt(writeS, 1)} s`,
        'batch handler / exchange (server, mean)': `${fmt((handlerSum / Math.max(1, handlerCount)) * 1000, 1)} ms / ${fmt((exchangeSum / Math.max(1, exchangeCount)) * 1000, 1)} ms`,
      },
    ]);
    console.log(
      `load average: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await client.stop();
    for (const n of nodes) await stopClusterNode(n);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Part 3: a node whose slivers arrive after the blob is certified (the writer reached a quorum without it;
 * its metadata is already there). With `uploadGraceMs` 0 it starts recovering at the certified event and
 * downloads symbols for slivers that arrive moments later; with the grace it waits for them.
 */
async function part3(blobs: number, blobMiB: number, nShards: number, lateMs: number): Promise<void> {
  const rows: Record<string, string>[] = [];
  for (const graceMs of [0, 10_000]) {
    const dir = mkdtempSync(join(tmpdir(), 'walrus-ts-recovery-bench-'));
    const chain = await createTestChain(4, { nShards });
    const { nodes } = await startCluster(chain, dir);
    const client = await startClient();
    try {
      // Node 3 gets the grace setting: restart it with it (same store, same port).
      const bootstrap = [nodes[0].node!.getMultiaddrs()[0].toString()];
      await stopClusterNode(nodes[3]);
      const late = await startClusterNode(chain, nodes[3], bootstrap, {
        ...FAST_SYNC,
        blob: { ...FAST_SYNC.blob, uploadGraceMs: graceMs },
      });
      const up = nodes.map((n) => n.node!);
      const encoded: EncodedBlob[] = [];
      const sched0 = sched();
      const t0 = performance.now();
      const pending: Promise<unknown>[] = [];
      for (let i = 0; i < blobs; i++) {
        const e = encodeTestBlob(Math.floor(blobMiB * MiB), nShards, 300 + i);
        encoded.push(e);
        const obj = await registerBlob(chain.user, e);
        const committee = (await chain.user.systemState()).committee;
        const signed: { index: number; message: Uint8Array; signature: Uint8Array }[] = [];
        for (const node of up) {
          await waitFor(() => node.components.service.blobStatus(e.blobId) !== 'nonexistent', 10_000, 'reg');
          const pc = protocolClient(client, node);
          await pc.putMetadata(e);
          if (node === late) continue;
          await pc.putSlivers(e, ownedPairs(node, e));
          const c = await pc.getConfirmation(e.blobId);
          const index = committee.members.findIndex((m) =>
            bytesEqual(m.publicKey, node.components.signer.publicKey),
          );
          signed.push({ index, message: c.serializedMessage, signature: c.signature });
        }
        signed.sort((a, b) => a.index - b.index);
        await chain.user.certifyBlob({
          blobObjectId: obj.id,
          certificate: {
            signers: signed.map((x) => x.index),
            serializedMessage: signed[0].message,
            signature: aggregateSignatures(signed.map((x) => x.signature)),
          },
        });
        // The late node's slivers arrive `lateMs` after certification.
        pending.push(
          new Promise((r) => setTimeout(r, lateMs)).then(() =>
            protocolClient(client, late).putSlivers(e, ownedPairs(late, e)),
          ),
        );
      }
      await Promise.all(pending);
      const sync = late.components.sync!;
      await waitFor(
        () => sync.blobSync.queued === 0 && sync.blobSync.inProgress === 0,
        10 * 60_000,
        'the late node to settle',
      );
      const wallS = (performance.now() - t0) / 1000;
      const sched1 = sched();
      for (const e of encoded) {
        const h = heldSlivers(late, e);
        if (h.held !== h.expected) throw new Error('the late node misses slivers');
      }
      rows.push({
        'upload grace': `${graceMs / 1000} s`,
        blobs: `${blobs} x ${blobMiB} MiB (slivers ${lateMs} ms late)`,
        'symbols downloaded by the late node': `${fmt(sync.peers.stats.symbolBytes / MiB, 2)} MiB`,
        'slivers rebuilt': String(sync.blobSync.stats.batchRebuilt + sync.blobSync.stats.verifiedRebuilt),
        'blobs whose slivers arrived in the grace': String(sync.blobSync.stats.graceSaved),
        'process CPU (4 nodes + writer)': `${fmt((sched1.allCpu - sched0.allCpu) / 1e9, 2)} s`,
        wall: `${fmt(wallS, 2)} s`,
      });
    } finally {
      await client.stop();
      for (const n of nodes) await stopClusterNode(n);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nPart 3: slivers arriving after certification (4 nodes, n = ${nShards})`);
  console.table(rows);
}

await initHashing();
console.log(
  `load average: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
if (!process.argv.includes('--skip-codec')) part1();
if (!process.argv.includes('--skip-cluster'))
  for (const nShards of shardCounts)
    for (const optimistic of process.argv.includes('--skip-anchor') ? [true] : [false, true])
      await part2(arg('--blobs', 16), arg('--blob-mib', 1), nShards, {
        maxConcurrentBlobs: arg('--concurrent-blobs', 4),
        optimistic,
      });
if (!process.argv.includes('--skip-grace'))
  await part3(arg('--grace-blobs', 8), arg('--blob-mib', 1), shardCounts[0], arg('--late-ms', 300));
process.exit(0);
