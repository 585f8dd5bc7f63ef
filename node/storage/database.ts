/**
 * Opening the SQLite database (node:sqlite `DatabaseSync`), durability settings, migrations and
 * transactions.
 *
 * Durability: `journal_mode=WAL` with `synchronous=FULL`. In WAL mode, `NORMAL` only syncs at checkpoints,
 * so a commit survives a process crash but may be lost on power failure or an OS crash; `FULL` fsyncs the
 * WAL at every commit, so a write is on stable storage when the call returns. A node signs a storage
 * confirmation only after its slivers are stored, and that signature is a promise to serve them, so we pay
 * the fsync per commit (batch writes into one transaction to amortise it).
 */
import { DatabaseSync } from 'node:sqlite';
import type { StatementSync } from 'node:sqlite';
import { StoreOpenError, UnsupportedSchemaVersionError } from './errors.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.ts';

/** A database handle plus a transaction helper that nests through savepoints. */
export interface Database {
  readonly db: DatabaseSync;
  /** `':memory:'` or the file path. */
  readonly path: string;
  /** A prepared statement for `sql`, cached per database (prepare once, run many times). */
  prepare(sql: string): StatementSync;
  /**
   * Runs `fn` in a transaction (BEGIN IMMEDIATE ... COMMIT, or a savepoint when nested) and returns its
   * result; rolls back and rethrows if it throws. `fn` must be synchronous.
   */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Milliseconds to wait on a locked database before failing. @default 5000 */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the database at `path`, applies the durability pragmas and runs pending
 * migrations.
 * @throws StoreOpenError when the file cannot be opened or is not a database;
 *   UnsupportedSchemaVersionError when it was written by a newer schema.
 */
export function openDatabase(path: string, opts: OpenDatabaseOptions = {}): Database {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path);
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    if (path !== ':memory:') {
      const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
      if (mode.journal_mode.toLowerCase() !== 'wal') throw new Error(`journal_mode is ${mode.journal_mode}`);
    }
    db.exec('PRAGMA synchronous = FULL');
    db.exec('PRAGMA foreign_keys = ON');
  } catch (err) {
    throw new StoreOpenError(path, { cause: err });
  }
  let depth = 0;
  const statements = new Map<string, StatementSync>();
  const database: Database = {
    db,
    path,
    prepare(sql: string): StatementSync {
      let st = statements.get(sql);
      if (!st) {
        st = db.prepare(sql);
        statements.set(sql, st);
      }
      return st;
    },
    transaction<T>(fn: () => T): T {
      const savepoint = `sp${depth}`;
      db.exec(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
      depth++;
      try {
        const result = fn();
        depth--;
        db.exec(depth === 0 ? 'COMMIT' : `RELEASE ${savepoint}`);
        return result;
      } catch (err) {
        depth--;
        db.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
        throw err;
      }
    },
    close() {
      statements.clear();
      if (db.isOpen) db.close();
    },
  };
  try {
    migrate(database);
  } catch (err) {
    database.close();
    if (err instanceof UnsupportedSchemaVersionError) throw err;
    throw new StoreOpenError(path, { cause: err });
  }
  return database;
}

/** Current `user_version` of the database. */
export function schemaVersion(database: Database): number {
  return (database.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
}

/** Applies every migration above the database's version, each in its own transaction. */
function migrate(database: Database): void {
  const current = schemaVersion(database);
  if (current > SCHEMA_VERSION) throw new UnsupportedSchemaVersionError(current, SCHEMA_VERSION);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    database.transaction(() => {
      database.db.exec(m.sql);
      database.db.exec(`PRAGMA user_version = ${m.version}`);
    });
  }
}
