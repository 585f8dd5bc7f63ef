/**
 * The explorer in a real browser (Debian chromium, headless, through playwright-core) against real parts:
 * an embedded chain behind its HTTP API, four storage nodes (libp2p + HTTP API) announcing their HTTP
 * addresses, the daemon as aggregator, blobs written by the client (the nodes sign), one round of
 * storage challenges in which node-3 misses two slivers (it fails, is reported on chain and heals), and
 * one blob certified by this test acting as the nodes (real BLS keys; its slivers exist nowhere). The
 * explorer is built (`vite build`, when stale) and run as `node build/index.js`.
 *
 * Screenshots go to test-results/explorer/. Run: `npx vitest run --config test/explorer/vitest.config.ts`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { encodeStorageConfirmation } from '../../shared/bcs/messages.ts';
import { aggregateSignatures, hashMessage, sign } from '../../shared/crypto/bls.ts';
import { blobIdFromString, blobIdToString } from '../../shared/encoding/blob-id.ts';
import { computeBlobMetadata } from '../../shared/encoding/encoder.ts';
import { encodedBlobLength, shardOfPair } from '../../shared/encoding/params.ts';
import { startChainServer, type ChainServer } from '../../node/chain/embedded/server.ts';
import { startDaemon, type RunningDaemon } from '../../node/daemon/server.ts';
import {
  explorerBuildArgs,
  explorerBuildNeeded,
  explorerBuildPaths,
  REPO_ROOT,
} from '../../node/devnet/explorer.ts';
import type { Cluster } from '../unit/node/client/fixtures.ts';
import { challengesOf, startChallengeCluster, until } from './cluster.ts';
import { gradientPng } from './png.ts';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SHOTS = join(REPO_ROOT, 'test-results', 'explorer');

if (!HAVE_CHROMIUM) {
  console.warn(
    `[explorer browser tests] skipped: ${CHROMIUM} is missing (install it with: apt-get update && apt-get install -y chromium)`,
  );
}

let cluster: Cluster;
let chainServer: ChainServer;
let daemon: RunningDaemon;
let server: ChildProcess | undefined;
let base = '';
let browser: Browser;
let page: Page;
const ids = { png: '', text: '', byTest: '' };
/** Uncaught errors in the page (a rendering error leaves a blank page). */
const pageErrors: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Builds the explorer when its build is missing or older than its sources. */
function buildExplorer(): void {
  const why = explorerBuildNeeded();
  if (!why) return;
  console.log(`[explorer browser tests] building the explorer (${why})`);
  const r = spawnSync(process.execPath, explorerBuildArgs(), {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}

/** Starts `node build/index.js` and waits until it answers. */
async function startExplorer(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  server = spawn(process.execPath, [explorerBuildPaths().entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout?.on('data', (d) => (log += d));
  server.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(`${url}/api/epochs`);
      if (r.ok) return url;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`explorer did not start:\n${log}`);
}

/** Registers a blob and certifies it with the nodes' BLS keys, signing as the nodes would. */
async function certifyAsNodes(data: Uint8Array): Promise<string> {
  const chain = cluster.chain;
  const n = 10;
  const meta = computeBlobMetadata(data, n);
  const blobId = blobIdToString(meta.blobId);
  const { storage } = await chain.user.reserveSpace({ size: encodedBlobLength(data.length, n), epochs: 3 });
  const { blob } = await chain.user.registerBlob({
    storageId: storage.id,
    blobId,
    rootHash: meta.rootHash,
    size: data.length,
    encodingType: 1,
    deletable: false,
  });
  await chain.user.setBlobAttributes({ blobObjectId: blob.id, attributes: { 'content-type': 'text/plain' } });
  const state = await chain.user.systemState();
  const message = encodeStorageConfirmation({
    epoch: state.epoch,
    blobId: meta.blobId,
    persistence: { kind: 'permanent' },
  });
  const h = hashMessage(message);
  const signers = chain.keystores
    .map((ks, i) => ({ ks, member: state.committee.members.findIndex((m) => m.nodeId === chain.nodeIds[i]) }))
    .sort((a, b) => a.member - b.member);
  await chain.user.certifyBlob({
    blobObjectId: blob.id,
    certificate: {
      signers: signers.map((s) => s.member),
      serializedMessage: message,
      signature: aggregateSignatures(signers.map((s) => sign(h, s.ks.blsSecretKey))),
    },
  });
  return blobId;
}

/**
 * One epoch of storage challenges over the two written blobs: node-3 first loses both slivers of one of
 * its shards of the text blob, so the others' verdicts fail it (a quorum of shards: reported on chain);
 * waits until every node knows the verdicts of all three verifiers about every member (twelve, plus the
 * confirmations a failing verdict makes the others run when its gossip arrives before their own) and the
 * report.
 */
async function runChallenges(): Promise<void> {
  const nodes = cluster.nodes;
  await until(
    () => nodes.every((n) => challengesOf(n).eligibleBlobs(1).length === 2),
    10_000,
    'certified blobs',
  );
  const victim = nodes[3];
  const shard = [...victim.components.committee.view.ownedShards][0];
  const textId = blobIdFromString(ids.text);
  for (let p = 0; p < 10; p++) {
    if (shardOfPair(p, textId, 10) !== shard) continue;
    for (const axis of ['primary', 'secondary'] as const) {
      victim.components.store.slivers.deleteSliver({ blobId: textId, shard, axis });
    }
  }
  // Recovery (proof-less symbol batches) heals one small sliver pair faster than the other verifiers'
  // challenges arrive, so the victim's self-healing waits until the round is judged: every verifier then
  // sees the loss, as it would when the loss is too large to heal in a moment.
  const sync = victim.components.sync;
  if (!sync) throw new Error('the victim runs without self-healing');
  await sync.stop();
  const t0 = performance.now();
  await Promise.all(nodes.map((n) => challengesOf(n).runEpoch(1)));
  const victimId = cluster.chain.nodeIds[3];
  await until(
    () =>
      nodes.every((n) =>
        challengesOf(n)
          .scorecards(1)
          .every((c) => c.verifiers === 3),
      ) && challengesOf(nodes[0]).book.reportTx(1, victimId) !== null,
    20_000,
    'verdict gossip and the failure report',
  );
  // Healing resumes (its start scans for missing slivers): wait for node-3 to hold both slivers again.
  await sync.start();
  const store = victim.components.store.slivers;
  await until(
    () =>
      (['primary', 'secondary'] as const).every((axis) => store.getSliver({ blobId: textId, shard, axis })),
    30_000,
    'node-3 to recover its slivers',
  );
  console.log(
    `[explorer challenges] epoch round, gossip, report and healing: ${Math.round(performance.now() - t0)} ms`,
  );
}

async function shot(name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

describe.skipIf(!HAVE_CHROMIUM)('explorer in a browser', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    buildExplorer();
    cluster = await startChallengeCluster(4);
    chainServer = await startChainServer({ ledger: cluster.chain.ledger, port: 0 });
    daemon = await startDaemon({ client: cluster.client.client }, { port: 0, mode: 'aggregator' });
    const w = cluster.client.client;
    const png = await w.writeBlob(gradientPng(), { epochs: 3, deletable: false });
    const text = await w.writeBlob(
      new TextEncoder().encode(
        'Walrus stores blobs as slivers across shards.\nThis one was written by walrus-ts.\n',
      ),
      { epochs: 2, deletable: true },
    );
    if (png.kind !== 'newlyCreated' || text.kind !== 'newlyCreated') throw new Error('expected new blobs');
    ids.png = png.blobObject.blobId;
    ids.text = text.blobObject.blobId;
    await runChallenges();
    ids.byTest = await certifyAsNodes(new TextEncoder().encode('certified by the test acting as the nodes'));
    base = await startExplorer({
      WALRUS_TS_CHAIN_URL: chainServer.url,
      WALRUS_TS_AGGREGATOR_URL: daemon.url,
      // The box may be busy (other suites, benchmarks): do not call a slow node down.
      WALRUS_TS_PROBE_TIMEOUT_MS: '5000',
    });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
    await daemon?.close();
    await chainServer?.close();
    await cluster?.stop();
  });

  it('shows the overview with the epoch, totals and the live feed', async () => {
    await page.goto(base + '/');
    await page.getByTestId('tile-epoch').waitFor();
    expect(await page.getByTestId('tile-epoch').innerText()).toContain('1');
    expect(await page.getByTestId('tile-blobs').innerText()).toMatch(/Certified blobs\s+3/i);
    await page.getByText('live', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('event-feed').innerText()).toContain('certified');
    await shot('overview', false);
  });

  it('finds a blob by ID, verifies its proof in the browser and names the signers', async () => {
    await page.goto(base + '/');
    await page.getByRole('search').locator('input').fill(ids.png);
    await page.getByRole('search').locator('input').press('Enter');
    await page.waitForURL(`**/blobs/${ids.png}`);
    const verdict = page.locator('[data-testid="proof-verdict"][data-verdict]');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.getAttribute('data-verdict')).toBe('verified');
    expect(await verdict.innerText()).toMatch(/verified/i);
    const signers = await page.getByTestId('signer-name').allInnerTexts();
    expect(signers.sort()).toEqual(['node-0', 'node-1', 'node-2', 'node-3']);
    expect(await page.getByTestId('blob-status').first().innerText()).toBe('certified');
    await page
      .locator('[data-testid="shard-map"] .cell[data-state="stored"]')
      .nth(9)
      .waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="shard-map"] .cells .cell[data-state="stored"]').count()).toBe(
      10,
    );
    await page.locator('[data-testid="content"] img').waitFor({ timeout: 15_000 });
    await shot('blob');
  });

  it('verifies a blob certified by the test acting as the nodes; its slivers are nowhere', async () => {
    await page.goto(`${base}/blobs/${ids.byTest}`);
    const verdict = page.locator('[data-testid="proof-verdict"][data-verdict]');
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.getAttribute('data-verdict')).toBe('verified');
    await page.locator('[data-testid="shard-map"] .cells .cell').first().waitFor();
    expect(await page.locator('[data-testid="shard-map"] .cells .cell[data-state="stored"]').count()).toBe(0);
    await shot('blob-certified-by-test');
  });

  it('lists blobs with filters and finds a blob by object ID', async () => {
    await page.goto(base + '/blobs');
    await page.getByTestId('blob-table').waitFor();
    expect(await page.locator('[data-testid="blob-table"] tbody tr').count()).toBe(3);
    await shot('blobs', false);
    await page.getByTestId('blob-filters').getByText('Deletable').click();
    await page.waitForURL('**/blobs?filter=deletable');
    expect(await page.locator('[data-testid="blob-table"] tbody tr').count()).toBe(1);
    const objectId = (await cluster.chain.user.getBlobIdInfo(ids.text)).objects[0].id;
    await page.getByTestId('blob-search').fill(objectId);
    await page.getByTestId('blob-search').press('Enter');
    await page.waitForURL(`**/blobs/${ids.text}?object=${objectId}`);
    await page.locator('[data-testid="content"] pre').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('content').innerText()).toContain('written by walrus-ts');
  });

  it('shows clear pages for an unknown and a malformed blob ID', async () => {
    const res = await page.goto(`${base}/blobs/${'A'.repeat(43)}`);
    expect(res?.status()).toBe(404);
    expect(await page.getByTestId('error').innerText()).toContain('Blob not found');
    await shot('blob-not-found', false);
    const bad = await page.goto(`${base}/blobs/not-a-blob-id`);
    expect(bad?.status()).toBe(400);
    expect(await page.getByTestId('error').innerText()).toContain('Invalid query');
  });

  it('shows the nodes with health, pass rates, versions, the reported mesh and the epochs', async () => {
    await page.goto(base + '/nodes');
    await page.getByTestId('nodes-table').waitFor();
    expect(await page.locator('[data-testid="nodes-table"] .badge.ok').count()).toBe(4);
    expect(await page.locator('[data-testid="mesh"] circle').count()).toBe(4);
    // Nodes report their peers: real links only, none guessed.
    expect(await page.locator('[data-testid="mesh"] line[data-kind="reported"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="mesh"] line[data-kind="expected"]').count()).toBe(0);
    const rows = page.locator('[data-testid="nodes-table"] tbody tr');
    const byName = async (name: string) => rows.filter({ hasText: name }).first();
    for (const name of ['node-0', 'node-1', 'node-2']) {
      const row = await byName(name);
      expect(await row.getByTestId('pass-rate').innerText()).toMatch(/^100%/);
      expect(await row.innerText()).toContain('0.1.0');
    }
    const victim = await byName('node-3');
    expect(await victim.getByTestId('pass-rate').innerText()).toMatch(/^\d{1,2}(\.\d)?%[\s\S]*reported/);
    await shot('nodes');
    await page.goto(base + '/epochs/1');
    expect(await page.locator('[data-testid="moved-table"] tbody tr').count()).toBe(10);
    await shot('epoch', false);
    await page.goto(base + '/epochs');
    await page.locator('main table').first().waitFor();
    await shot('epochs', false);
  });

  it('shows a node’s challenge scorecard per epoch and the verdicts: a failing node and an honest one', async () => {
    const victimId = cluster.chain.nodeIds[3];
    await page.goto(`${base}/nodes/${victimId}`);
    const row = page.locator('[data-testid="scorecards-table"] tbody tr[data-epoch="1"]');
    await row.waitFor();
    expect(await row.getByTestId('challenge-status').innerText()).toBe('reported');
    const cells = await row.locator('td').allInnerTexts();
    // Epoch, status, verifiers, challenges, samples, passed, failed, pass rate, ...
    // Three epoch verdicts, plus any confirmations of the failed samples by the other verifiers.
    expect(cells.slice(0, 3)).toEqual(['1', 'reported', '3']);
    expect(Number(cells[3])).toBeGreaterThanOrEqual(3);
    expect(Number(cells[6].replace(/,/g, ''))).toBeGreaterThan(0);
    const verdicts = page.locator('[data-testid="verdicts-table"] tbody tr');
    expect(await verdicts.count()).toBeGreaterThanOrEqual(3);
    expect(await verdicts.filter({ hasText: 'epoch' }).filter({ hasText: 'failed' }).count()).toBe(3);
    expect(await page.getByTestId('verdicts-table').innerText()).toMatch(/primary sliver|secondary sliver/);
    await shot('node-failing');

    await page.goto(`${base}/nodes/${cluster.chain.nodeIds[0]}`);
    const ok = page.locator('[data-testid="scorecards-table"] tbody tr[data-epoch="1"]');
    await ok.waitFor();
    expect(await ok.getByTestId('challenge-status').innerText()).toBe('passing');
    expect(await page.getByTestId('challenge-current').innerText()).toContain('100%');
    await shot('node');
    expect(pageErrors).toEqual([]);
  });

  it('answers a blob page in well under 300 ms of server time (measured, not asserted)', async () => {
    const serverMs = (r: Response) => Number(/dur=([0-9.]+)/.exec(r.headers.get('server-timing') ?? '')?.[1]);
    const page: number[] = [];
    const api: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await fetch(`${base}/blobs/${ids.png}`);
      await r.text();
      page.push(serverMs(r));
      const a = await fetch(`${base}/api/blobs/${ids.png}`);
      await a.text();
      api.push(serverMs(a));
    }
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
    console.log(
      `[explorer timing] server time, blob page (SSR) ms: ${fmt(page)}; /api/blobs/{id} ms: ${fmt(api)}`,
    );
    expect(page.every((x) => Number.isFinite(x))).toBe(true);
  });

  it('turns a stopped node’s shards unreachable on the live sliver map', async () => {
    const stopped = cluster.chain.nodeIds[1];
    await cluster.nodes[1].stop();
    await new Promise((r) => setTimeout(r, 2200)); // the explorer reuses a health answer for 2 s
    await page.goto(`${base}/blobs/${ids.png}`);
    await page.locator('[data-testid="shard-map"] .cells .cell').first().waitFor({ timeout: 15_000 });
    const committee = (await cluster.chain.user.systemState()).committee;
    const shards = committee.members.find((m) => m.nodeId === stopped)!.shards;
    for (const s of shards) {
      expect(
        await page.locator(`[data-testid="shard-map"] .cell[data-shard="${s}"]`).getAttribute('data-state'),
      ).toBe('down');
    }
    expect(await page.locator('[data-testid="shard-map"] .cells .cell[data-state="stored"]').count()).toBe(
      10 - shards.length,
    );
    await shot('blob-node-down');
  });
});
