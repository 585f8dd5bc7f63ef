/**
 * End to end: `walrus-ts devnet` (what `npm start` runs) in a temporary directory — 7 storage node
 * processes, 42 shards (the fewest that take a 20 MiB blob), no explorer — then files stored and read back
 * byte-identical through the daemon, with 2 of 7 nodes killed, and after a restart of the whole devnet.
 * Every wait polls real endpoints; every deadline is bounded; the devnet is always torn down.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../node/devnet/explorer.ts';
import { devnetStatus } from '../../../node/devnet/status.ts';
import {
  cli,
  freeBasePort,
  livingChildren,
  readViaCli,
  readViaDaemon,
  startDevnet,
  stopDevnet,
  storeViaCli,
  storeViaDaemon,
  type RunningDevnet,
} from './harness.ts';

const NODES = 7;
const SHARDS = 42;
const MiB = 1024 * 1024;

describe('devnet end to end (7 node processes, 42 shards)', () => {
  let dataDir: string;
  let basePort: number;
  let dn: RunningDevnet | undefined;
  /** Every blob stored so far, with its content. */
  const stored = new Map<string, Buffer>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'walrus-ts-devnet-e2e-'));
    basePort = await freeBasePort(NODES);
    dn = await startDevnet([
      '--data-dir',
      dataDir,
      '--nodes',
      String(NODES),
      '--shards',
      String(SHARDS),
      '--base-port',
      String(basePort),
      '--no-explorer',
    ]);
  });

  let failed = false;
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') failed = true;
  });

  afterAll(async () => {
    if (dn) {
      const last = dn;
      await stopDevnet(last);
      expect(livingChildren(last)).toEqual([]);
    }
    if (failed) {
      // Keep every process's log for the post-mortem (test-results/ is gitignored; CI can upload it).
      const keep = join(
        REPO_ROOT,
        'test-results',
        'devnet-e2e',
        new Date().toISOString().replace(/[:.]/g, '-'),
      );
      cpSync(join(dataDir, 'logs'), keep, { recursive: true });
      console.error(`devnet e2e failed: process logs kept in ${keep}`);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function storeAndCheck(data: Buffer): Promise<string> {
    const blobId = await storeViaDaemon(dn!.ready.daemonUrl, data);
    stored.set(blobId, data);
    const back = await readViaDaemon(dn!.ready.daemonUrl, blobId);
    expect(back.length).toBe(data.length);
    expect(Buffer.compare(back, data)).toBe(0);
    return blobId;
  }

  async function readAllBack(): Promise<void> {
    for (const [blobId, data] of stored) {
      const back = await readViaDaemon(dn!.ready.daemonUrl, blobId);
      expect(back.length, blobId).toBe(data.length);
      expect(Buffer.compare(back, data), blobId).toBe(0);
    }
  }

  it('comes up with every node healthy and in the committee', async () => {
    const { ready } = dn!;
    expect(ready.created).toBe(true);
    expect(ready.nShards).toBe(SHARDS);
    expect(ready.nodes).toHaveLength(NODES);
    expect(ready.nodes.reduce((s, n) => s + n.shards.length, 0)).toBe(SHARDS);
    const status = await devnetStatus(dataDir);
    expect(status.chain).toMatchObject({ ok: true, nShards: SHARDS, committeeSize: NODES });
    expect(status.nodes.map((n) => n.healthy)).toEqual(Array(NODES).fill(true));
    expect(status.supervisorPid).toBe(dn!.proc.pid);
  });

  it('stores and reads back 0 B byte-identical (CLI store; daemon and CLI read)', async () => {
    const file = join(dataDir, 'empty.bin');
    writeFileSync(file, '');
    const blobId = await storeViaCli(dn!.ready, file);
    stored.set(blobId, Buffer.alloc(0));
    expect((await readViaDaemon(dn!.ready.daemonUrl, blobId)).length).toBe(0);
    const back = join(dataDir, 'empty.back');
    await readViaCli(dn!.ready, blobId, back);
    expect(readFileSync(back).length).toBe(0);
  });

  it.each([
    ['1 B', 1],
    ['1 MiB', MiB],
    ['20 MiB', 20 * MiB],
  ])('stores and reads back %s byte-identical (daemon)', async (_label, size) => {
    await storeAndCheck(randomBytes(size));
  });

  it('reads a blob back with the CLI and reports it certified', async () => {
    const [blobId, data] = [...stored].find(([, d]) => d.length === MiB)!;
    const back = join(dataDir, 'one-mib.back');
    await readViaCli(dn!.ready, blobId, back);
    expect(Buffer.compare(readFileSync(back), data)).toBe(0);
    expect(await cli(dn!.ready, ['blob-status', blobId])).toMatch(/certified/);
  });

  it('reads every blob with 2 of 7 nodes killed', async () => {
    for (const n of dn!.ready.nodes.slice(0, 2)) process.kill(n.pid!, 'SIGKILL');
    const status = await devnetStatus(dataDir);
    expect(status.nodes.filter((n) => !n.health.ok).map((n) => n.name)).toEqual(['node-1', 'node-2']);
    await readAllBack();
  });

  it('stores with 2 of 7 nodes killed', async () => {
    await storeAndCheck(randomBytes(MiB + 12345));
    await storeAndCheck(randomBytes(7));
  });

  it('restarts the whole devnet with the same network and reads everything back', async () => {
    const before = dn!.ready;
    const code = await stopDevnet(dn!);
    expect(code).toBe(0);
    expect(livingChildren(dn!)).toEqual([]);
    dn = undefined;
    dn = await startDevnet(['--data-dir', dataDir, '--no-explorer']);
    const after = dn.ready;
    expect(after.created).toBe(false);
    expect(after.chainUrl).toBe(before.chainUrl);
    expect(after.nodes.map((n) => [n.nodeId, n.peerId, n.apiUrl, n.shards])).toEqual(
      before.nodes.map((n) => [n.nodeId, n.peerId, n.apiUrl, n.shards]),
    );
    await readAllBack();
  });
});
