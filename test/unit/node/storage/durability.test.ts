import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeStore } from '../../../../node/storage/store.ts';
import { sliverFor } from './durability-data.ts';

const WRITER = fileURLToPath(new URL('./durability-writer.ts', import.meta.url));

describe('store durability across SIGKILL', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Runs the writer in `mode` until it acknowledged a random number of slivers, then SIGKILLs it. */
  async function killWriter(dbPath: string, mode: 'sync' | 'async'): Promise<Map<number, string>> {
    // process.execPath is Node 24 here (vitest runs under node_modules/.bin/node), which runs .ts directly
    const child = spawn(process.execPath, [WRITER, dbPath, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked = new Map<number, string>();
    const target = 40 + Math.floor(Math.random() * 40);
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, sig) => resolve(sig)),
    );
    const lines = createInterface({ input: child.stdout });
    const linesClosed = new Promise((r) => lines.once('close', r));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('writer too slow')), 30_000);
      lines.on('line', (line) => {
        const m = /^ack (\d+) ([0-9a-f]{64})$/.exec(line);
        if (!m) return;
        acked.set(Number(m[1]), m[2]);
        if (acked.size === target) {
          // kill while it is (most likely) in the middle of the next write
          child.kill('SIGKILL');
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error('writer exited early')));
    });
    expect(await exited).toBe('SIGKILL');
    // lines already written to the pipe before the kill are acknowledgements too
    await linesClosed;
    return acked;
  }

  it('keeps every acknowledged sliver intact after the writer is killed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'walrus-ts-durability-'));
    const dbPath = join(dir, 'node.sqlite');
    const acked = await killWriter(dbPath, 'sync');

    const store = nodeStore({ path: dbPath })();
    await store.start();
    try {
      for (const [i, sha] of acked) {
        const s = sliverFor(i);
        const data = store.slivers.getSliver(s);
        expect(data, `sliver ${i}`).toBeDefined();
        expect(createHash('sha256').update(data!).digest('hex')).toBe(sha);
        expect(store.blobInfo.getBlobInfo(s.blobId)?.event?.eventSeq).toBe(String(i));
      }
      // the cursor moved with the writes: at least every acknowledged one, at most one unacknowledged more
      const maxAcked = Math.max(...acked.keys());
      const cursor = store.cursor.getEventCursor();
      expect(cursor!.eventIndex).toBeGreaterThanOrEqual(maxAcked + 1);
      expect(cursor!.eventIndex).toBeLessThanOrEqual(maxAcked + 2);
      // an unacknowledged in-flight write is all-or-nothing
      const next = sliverFor(maxAcked + 1);
      const partial = store.slivers.getSliver(next);
      expect(partial === undefined || Buffer.from(partial).equals(Buffer.from(next.data))).toBe(true);
      expect(store.blobInfo.getBlobInfo(next.blobId) !== undefined).toBe(partial !== undefined);
    } finally {
      await store.stop();
    }
    const raw = new DatabaseSync(dbPath);
    expect((raw.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe(
      'ok',
    );
    raw.close();
  });

  it('keeps every sliver acknowledged by the group-commit path, and the store takes new writes after', async () => {
    dir = await mkdtemp(join(tmpdir(), 'walrus-ts-durability-'));
    const dbPath = join(dir, 'node.sqlite');
    const acked = await killWriter(dbPath, 'async');
    const store = nodeStore({ path: dbPath, segmentBytes: 4 * 1024 * 1024 })();
    await store.start();
    try {
      for (const [i, sha] of acked) {
        const data = store.slivers.getSliver(sliverFor(i));
        expect(data, `sliver ${i}`).toBeDefined();
        expect(createHash('sha256').update(data!).digest('hex')).toBe(sha);
      }
      // whatever was in flight is whole or absent
      const maxAcked = Math.max(...acked.keys());
      for (let i = maxAcked + 1; i <= maxAcked + 8; i++) {
        const s = sliverFor(i);
        const got = store.slivers.getSliver(s);
        expect(got === undefined || Buffer.from(got).equals(Buffer.from(s.data))).toBe(true);
      }
      // writes after recovery land after the cut tail and read back
      const fresh = sliverFor(1_000_000);
      await store.slivers.storeSlivers([fresh]);
      expect(Buffer.from(store.slivers.getSliver(fresh)!).equals(Buffer.from(fresh.data))).toBe(true);
    } finally {
      await store.stop();
    }
  });
});
