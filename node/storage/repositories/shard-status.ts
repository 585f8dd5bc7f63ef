/** Per-shard status of this node (spec §4 `ownedShardStatus`; Rust `ShardStatus`). */
import type { Database } from '../database.ts';
import { InvalidStorageKeyError } from '../errors.ts';
import { checkEpoch, checkShard } from './keys.ts';

/**
 * Shard lifecycle on this node: `ready` (serving), `inTransfer` (being pulled from the previous owner),
 * `inRecovery` (being rebuilt from other nodes), `readOnly` (moving away; still served, no new writes),
 * `removed` (no longer owned; slivers may be deleted), `unknown` (not yet decided).
 */
export const SHARD_STATUSES = [
  'unknown',
  'ready',
  'inTransfer',
  'inRecovery',
  'readOnly',
  'removed',
] as const;

/** One of {@link SHARD_STATUSES}. */
export type ShardStatus = (typeof SHARD_STATUSES)[number];

/** The stored status of one shard. */
export interface ShardStatusRecord {
  shard: number;
  status: ShardStatus;
  /** Epoch in which the status was set. */
  epoch: number;
}

/** Typed access to the `shard_status` table. */
export class ShardStatusRepository {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  /** Status of `shard`, or undefined when never set. */
  getShardStatus(shard: number): ShardStatusRecord | undefined {
    const row = this.#database
      .prepare('SELECT shard, status, epoch FROM shard_status WHERE shard = ?')
      .get(checkShard(shard)) as ShardStatusRecord | undefined;
    return row ? { shard: row.shard, status: row.status, epoch: row.epoch } : undefined;
  }

  /** Sets the status of a shard (durable on return). @throws InvalidStorageKeyError for an unknown status */
  putShardStatus(rec: ShardStatusRecord): void {
    if (!(SHARD_STATUSES as readonly string[]).includes(rec.status)) {
      throw new InvalidStorageKeyError('status', `unknown shard status ${JSON.stringify(rec.status)}`);
    }
    this.#database
      .prepare(
        `INSERT INTO shard_status (shard, status, epoch, updated_at_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (shard) DO UPDATE SET status = excluded.status, epoch = excluded.epoch,
           updated_at_ms = excluded.updated_at_ms`,
      )
      .run(checkShard(rec.shard), rec.status, checkEpoch(rec.epoch), Date.now());
  }

  /** Forgets a shard's status; returns whether it existed. */
  deleteShardStatus(shard: number): boolean {
    return (
      Number(
        this.#database.prepare('DELETE FROM shard_status WHERE shard = ?').run(checkShard(shard)).changes,
      ) > 0
    );
  }

  /** Every shard with a status, by shard index. */
  listShardStatus(): ShardStatusRecord[] {
    return (
      this.#database
        .prepare('SELECT shard, status, epoch FROM shard_status ORDER BY shard')
        .all() as unknown as ShardStatusRecord[]
    ).map((r) => ({ shard: r.shard, status: r.status, epoch: r.epoch }));
  }
}
