/**
 * Worker thread of {@link IndexCommitter}: owns a second connection to the store's database and commits
 * groups of `sliver_index` rows, each in one `synchronous=FULL` transaction, so the WAL fsync of a group
 * commit happens here rather than on the node's event loop.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import type { IndexCommitReply, IndexCommitRequest } from './index-committer.ts';
import { SLIVER_INDEX_UPSERT } from './index-sql.ts';

const port = parentPort;
if (port === null) throw new Error('index-worker.ts must run as a worker thread');
const { path, busyTimeoutMs } = workerData as { path: string; busyTimeoutMs: number };
const db = new DatabaseSync(path);
db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
db.exec('PRAGMA synchronous = FULL');
const upsert = db.prepare(SLIVER_INDEX_UPSERT);

port.on('message', (m: IndexCommitRequest | 'close') => {
  if (m === 'close') {
    db.close();
    port.close();
    return;
  }
  let reply: IndexCommitReply;
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const r of m.rows) upsert.run(...r);
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw err;
    }
    reply = { id: m.id };
  } catch (err) {
    reply = { id: m.id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  port.postMessage(reply);
});
port.postMessage({ id: 0 } satisfies IndexCommitReply);
