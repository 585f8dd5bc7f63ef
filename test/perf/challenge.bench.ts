/**
 * Storage-challenge cost per node per epoch, with 10,000 stored blobs: challenge traffic and CPU, against
 * the goal of under 1% of the node's stored bytes and under one CPU-second.
 * Run: `node test/perf/challenge.bench.ts` (prints a Markdown table).
 *
 * Model (node/challenge/README.md): N nodes with n/N shards each; in an epoch every node verifies every
 * other node on its share of the samples (`samplesPerVerifier(459, N-1)` each, from its own seed share),
 * so every node answers (N-1) requests and checks (N-1) answers; every verdict goes out on gossip.
 *
 * What runs for real, on one core: the sample derivation, request encoding, the prover (store reads,
 * sliver expansion = one RS encode + Merkle tree per sampled sliver, proof cutting, answer encoding) over a
 * real node store (node:sqlite) holding the sampled slivers of real encoded blobs, the verifier (answer
 * decoding, metadata parsing from BCS, Merkle proof checks), verdict encoding and decoding. The 10,000
 * blob IDs are distinct; each maps to one of a few really encoded blobs of the case's size (the prover and
 * verifier only ever touch sampled slivers, so the others need not exist). Gossip traffic is an estimate:
 * N(N-1) verdicts, each received from ~D = 6 mesh peers (gossipsub's default degree).
 * Stored bytes = 10,000 x the node's share (shards/n) of the blob's encoded length (spec §1.3).
 *
 * Env: BENCH_CASES=100x10x1,1000x100x1 (n x nodes x blob MiB).
 */
import { randomBytes } from 'node:crypto';
import { serializeBlobMetadata } from '../../shared/bcs/blob.ts';
import { serializeSliverData } from '../../shared/bcs/sliver.ts';
import { encodeBlob, type EncodedBlob } from '../../shared/encoding/encoder.ts';
import { initHashing } from '../../shared/encoding/hashing.ts';
import { encodedBlobLength, pairOfShard, shardOfPair } from '../../shared/encoding/params.ts';
import {
  challengeIdOf,
  decodeChallengeAnswer,
  decodeChallengeVerdict,
  encodeChallengeRequest,
  encodeChallengeVerdict,
  type ChallengeRequest,
} from '../../shared/protocol/challenge.ts';
import { ChallengeProver } from '../../node/challenge/prover.ts';
import {
  DEFAULT_CHALLENGE_SAMPLES,
  deriveEpochSeed,
  deriveSamples,
  samplePair,
  samplesPerVerifier,
  verifierSeed,
} from '../../node/challenge/sampling.ts';
import { checkAnswer, sliverRootsFromBcs, type SliverRoots } from '../../node/challenge/verifier.ts';
import { nodeStore } from '../../node/storage/store.ts';

const BLOBS = 10_000;
const MESH_DEGREE = 6;
const MiB = 1024 * 1024;

interface Case {
  n: number;
  nodes: number;
  mib: number;
}

function parseCases(): Case[] {
  const spec = process.env.BENCH_CASES ?? '100x10x1,1000x100x1,1000x100x16';
  return spec.split(',').map((c) => {
    const [n, nodes, mib] = c.split('x').map(Number);
    return { n, nodes, mib };
  });
}

function cpuSeconds(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1e6;
}

function fmtBytes(b: number): string {
  if (b >= 1024 * MiB) return `${(b / 1024 / MiB).toFixed(2)} GiB`;
  if (b >= MiB) return `${(b / MiB).toFixed(2)} MiB`;
  return `${(b / 1024).toFixed(1)} KiB`;
}

async function runCase(c: Case): Promise<string[]> {
  const { n, nodes } = c;
  const shardsPer = n / nodes;
  const real: EncodedBlob[] = [];
  const distinct = c.mib >= 16 ? 1 : 2;
  for (let i = 0; i < distinct; i++) real.push(encodeBlob(randomBytes(c.mib * MiB), n));
  const metaBytes = real.map((b) => serializeBlobMetadata(b.metadata));
  const ids = Array.from({ length: BLOBS }, () => new Uint8Array(randomBytes(32))).sort((a, b) =>
    Buffer.compare(a, b),
  );
  const which = new Map(ids.map((id, i) => [Buffer.from(id).toString('hex'), i % distinct]));
  const realOf = (id: Uint8Array) => which.get(Buffer.from(id).toString('hex'))!;

  // This node: the first shardsPer shards. It is challenged by N-1 verifiers, each on its own share.
  const shards = Array.from({ length: shardsPer }, (_, i) => i);
  const target = new Uint8Array(32).fill(1);
  const epochSeed = deriveEpochSeed(7, { txDigest: 'bench', eventSeq: '0' });
  const perVerifier = samplesPerVerifier(DEFAULT_CHALLENGE_SAMPLES, nodes - 1);
  const requests: { request: ChallengeRequest; bytes: Uint8Array }[] = [];
  let deriveCpu = cpuSeconds(() => {
    for (let v = 0; v < nodes - 1; v++) {
      const verifier = new Uint8Array(32).fill(0);
      new DataView(verifier.buffer).setUint32(0, v + 2);
      const request: ChallengeRequest = {
        epoch: 7,
        seed: verifierSeed(epochSeed, verifier),
        target,
        samples: deriveSamples({
          seed: verifierSeed(epochSeed, verifier),
          target,
          nShards: n,
          shards,
          blobs: ids,
          count: perVerifier,
        }),
      };
      requests.push({ request, bytes: encodeChallengeRequest(request) });
    }
  });

  const store = nodeStore({ path: ':memory:' })();
  await store.start();
  store.transaction(() => {
    for (const { request } of requests) {
      for (const s of request.samples) {
        const b = real[realOf(s.blobId)];
        const pair = samplePair(s, n);
        const shard = shardOfPair(pair, s.blobId, n);
        const sliver = s.axis === 'primary' ? b.primarySlivers[pair] : b.secondarySlivers[n - 1 - pair];
        if (pairOfShard(shard, s.blobId, n) !== pair) throw new Error('rotation mismatch');
        store.slivers.putSliver({ blobId: s.blobId, shard, axis: s.axis, data: serializeSliverData(sliver) });
      }
    }
  });
  const prover = new ChallengeProver({
    store,
    committee: { view: { nShards: n, ownedShards: new Set(shards) } },
  });

  const answers: Uint8Array[] = [];
  let expansions = 0;
  const proveCpu = cpuSeconds(() => {
    for (const r of requests) {
      const a = prover.answer(r.request, r.bytes);
      expansions += a.stats.expansions;
      answers.push(a.bytes);
    }
  });

  // As a verifier this node checks N-1 answers of the same shape (here: the answers above).
  let passed = 0;
  let samples = 0;
  const verifyCpu = cpuSeconds(() => {
    requests.forEach((r, i) => {
      // As the service does: each sampled blob's metadata read from its stored BCS once per challenge.
      const parsed = new Map<string, SliverRoots | undefined>();
      const metadataOf = (id: Uint8Array) => {
        const k = Buffer.from(id).toString('hex');
        if (!parsed.has(k)) parsed.set(k, sliverRootsFromBcs(metaBytes[realOf(id)], n));
        return parsed.get(k);
      };
      const check = checkAnswer(
        r.request,
        challengeIdOf(r.bytes),
        decodeChallengeAnswer(answers[i]),
        metadataOf,
        n,
      );
      passed += check.passed;
      samples += r.request.samples.length;
    });
  });
  if (passed !== samples) throw new Error(`honest answers failed: ${passed}/${samples}`);

  // Verdicts: N-1 published, N(N-1) received and validated (decode) per node.
  const verdict = encodeChallengeVerdict({
    epoch: 7,
    challengeId: challengeIdOf(requests[0].bytes),
    target,
    verifier: new Uint8Array(32).fill(2),
    trigger: 'epoch',
    outcome: 'passed',
    samples: perVerifier,
    passed: perVerifier,
    failed: 0,
    latencyMs: 120,
    timestampMs: Date.now(),
    failedSamples: [],
    attestation: null,
  });
  const received = nodes * (nodes - 1);
  const gossipCpu = cpuSeconds(() => {
    for (let i = 0; i < received; i++) decodeChallengeVerdict(verdict);
  });
  deriveCpu *= 2; // this node also derives its own N-1 requests as a verifier

  const answerBytes = answers.reduce((a, b) => a + b.length, 0);
  const requestBytes = requests.reduce((a, r) => a + r.bytes.length, 0);
  // Out: answers + own requests + own verdicts to mesh peers; in: requests + others' answers + verdicts.
  const gossipBytes = (verdict.length + 100) * (received + (nodes - 1)) * MESH_DEGREE;
  const traffic = 2 * (answerBytes + requestBytes) + gossipBytes;
  const stored = (BLOBS * encodedBlobLength(c.mib * MiB, n) * shardsPer) / n;
  const noSplit = (answerBytes / (perVerifier * (nodes - 1))) * DEFAULT_CHALLENGE_SAMPLES * (nodes - 1) * 2;
  const cpu = proveCpu + verifyCpu + gossipCpu + deriveCpu;
  await store.stop();
  return [
    `${n} / ${nodes} / ${c.mib} MiB`,
    `${perVerifier} x ${nodes - 1} = ${perVerifier * (nodes - 1)}`,
    String(expansions),
    fmtBytes(stored),
    fmtBytes(answerBytes),
    fmtBytes(traffic),
    `${((100 * traffic) / stored).toFixed(3)}%`,
    `${((100 * (noSplit + gossipBytes)) / stored).toFixed(2)}%`,
    proveCpu.toFixed(3),
    verifyCpu.toFixed(3),
    (gossipCpu + deriveCpu).toFixed(3),
    cpu.toFixed(3),
    traffic < stored / 100 && cpu < 1 ? 'yes' : 'NO',
  ];
}

async function main(): Promise<void> {
  await initHashing();
  const header = [
    'n / nodes / blob',
    'samples answered',
    'expansions',
    'stored per node',
    'answers sent',
    'traffic (in+out)',
    'traffic / stored',
    'without split',
    'prove s',
    'verify s',
    'derive+gossip s',
    'CPU s',
    'goal met',
  ];
  const rows: string[][] = [];
  for (const c of parseCases()) {
    process.stderr.write(`case n=${c.n} nodes=${c.nodes} blob=${c.mib} MiB...\n`);
    rows.push(await runCase(c));
  }
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  console.log(`\nStorage challenges per node per epoch, ${BLOBS} blobs stored, 1 core\n`);
  console.log(line(header));
  console.log(line(header.map(() => '---')));
  for (const r of rows) console.log(line(r));
}

await main();
