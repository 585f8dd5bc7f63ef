/**
 * The blob commands as a user runs them: the real CLI in a child process, against the embedded chain over
 * HTTP and 4 real storage nodes in this process.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChainServer, type ChainServer } from '../../../../node/chain/embedded/server.ts';
import { HttpChainClient } from '../../../../node/chain/embedded/http-client.ts';
import { createWallet } from '../../../../node/chain/wallet.ts';
import { startCluster, testBytes, type Cluster } from '../client/fixtures.ts';

const BIN = join(import.meta.dirname, '../../../../node/cli/bin.ts');

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, encoding: 'buffer' },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout: stdout.toString('latin1'), stderr: stderr.toString() });
      },
    );
  });
}

describe('walrus-ts store/read/blob-status/list-blobs/extend/delete/health', () => {
  let cluster: Cluster;
  let server: ChainServer;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    cluster = await startCluster(4);
    server = await startChainServer({ ledger: cluster.chain.ledger, blsWorkers: 0 });
    dir = mkdtempSync(join(tmpdir(), 'walrus-ts-cli-'));
    const wallet = join(dir, 'wallet.json');
    const kp = createWallet(wallet);
    await new HttpChainClient({ url: server.url, signer: kp }).faucet({ amount: 500n * 1_000_000_000n });
    env = { WALRUS_TS_CHAIN_URL: server.url, WALRUS_TS_WALLET: wallet };
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores two files, reads them back, shows status, lists, extends and deletes', async () => {
    const a = join(dir, 'a.bin');
    const b = join(dir, 'b.txt');
    const bytesA = testBytes(200_000, 41);
    writeFileSync(a, bytesA);
    writeFileSync(b, 'hello from the CLI\n');
    const stored = await run(['store', a, b, '--epochs', '3', '--json'], env);
    expect(stored.stderr).toBe('');
    expect(stored.code).toBe(0);
    const results = JSON.parse(stored.stdout) as {
      path: string;
      blobStoreResult: {
        newlyCreated: { blobObject: { blobId: string; id: string; storage: { endEpoch: number } } };
      };
      failedNodes: unknown[];
    }[];
    expect(results.map((r) => r.path)).toEqual([a, b]);
    const objA = results[0].blobStoreResult.newlyCreated.blobObject;
    const objB = results[1].blobStoreResult.newlyCreated.blobObject;
    expect(objA.storage.endEpoch).toBe(4);
    expect(results[0].failedNodes).toEqual([]);

    const out = join(dir, 'a.out');
    const read = await run(['read', objA.blobId, '--out', out], env);
    expect(read.code).toBe(0);
    expect(readFileSync(out).equals(Buffer.from(bytesA))).toBe(true);
    const toStdout = await run(['read', objB.blobId], env);
    expect(toStdout.stdout).toBe('hello from the CLI\n');

    const status = await run(['blob-status', '--file', a, '--json'], env);
    expect(JSON.parse(status.stdout)).toMatchObject({
      blobId: objA.blobId,
      status: { kind: 'certified', endEpoch: 4 },
    });

    const list = await run(['list-blobs', '--json'], env);
    expect((JSON.parse(list.stdout) as { blobId: string }[]).map((x) => x.blobId).sort()).toEqual(
      [objA.blobId, objB.blobId].sort(),
    );

    const extended = await run(['extend', '--blob-obj-id', objA.id, '--epochs-extended', '2', '--json'], env);
    expect(extended.code).toBe(0);
    expect(JSON.parse(extended.stdout)).toMatchObject({ id: objA.id, storage: { endEpoch: 6 } });

    const del = await run(['delete', '--object-id', objB.id, '--json'], env);
    expect(del.code).toBe(0);
    const gone = await run(['read', objB.blobId, '--json'], env);
    expect(gone.code).toBe(1);
    expect(JSON.parse(gone.stdout)).toMatchObject({
      error: { name: 'BlobNotFoundError', code: 'CLIENT_BLOB_NOT_FOUND' },
    });
  }, 120_000);

  it('reports the committee health', async () => {
    const health = await run(['health', '--json'], env);
    expect(health.code).toBe(0);
    const nodes = JSON.parse(health.stdout) as { health?: { epoch: number } }[];
    expect(nodes).toHaveLength(4);
    for (const n of nodes) expect(n.health?.epoch).toBe(1);
  }, 60_000);

  it('exits 2 for bad input and 1 for an unknown blob', async () => {
    const bad = await run(['read', 'not-a-blob-id'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('walrus-ts:');
    const missing = await run(['store', join(dir, 'nope.bin')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const unknown = await run(['read', 'A'.repeat(43)], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('CLIENT_BLOB_NOT_FOUND');
  }, 60_000);

  it('runs the daemon until SIGTERM, serving /status and stores', async () => {
    const child = spawn(process.execPath, [BIN, 'daemon', '--bind-address', '127.0.0.1:0', '--json'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const line = out.split('\n').find((l) => l.includes('"url"'));
          if (line) resolve((JSON.parse(line) as { url: string }).url);
        });
        child.once('exit', (code) => reject(new Error(`daemon exited with ${code}`)));
      });
      expect(await (await fetch(`${url}/status`)).text()).toBe('OK');
      const put = await fetch(`${url}/v1/blobs`, { method: 'PUT', body: 'via the daemon command' });
      expect(put.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
