/**
 * The chain event cursor: where the node's event processor resumes after a restart. The cursor text is
 * opaque here (the chain client defines it); `eventIndex` counts the events processed so far.
 */
import type { Database } from '../database.ts';
import { InvalidStorageKeyError } from '../errors.ts';

/** A persisted position in the chain's event stream. */
export interface EventCursor {
  /** The chain client's cursor, serialized to text. */
  cursor: string;
  /** Number of events processed up to and including this cursor. */
  eventIndex: number;
}

/** Typed access to the single-row `event_cursor` table. */
export class EventCursorRepository {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  /** The stored cursor, or undefined before the first event. */
  getEventCursor(): EventCursor | undefined {
    const row = this.#database.prepare('SELECT cursor, event_index FROM event_cursor WHERE id = 0').get() as
      { cursor: string; event_index: number } | undefined;
    return row ? { cursor: row.cursor, eventIndex: row.event_index } : undefined;
  }

  /**
   * Stores the cursor (durable on return). Write it in the same transaction as the effects of the events it
   * covers, so a crash replays them exactly once.
   * @throws InvalidStorageKeyError for a negative or non-integer index
   */
  putEventCursor(c: EventCursor): void {
    if (!Number.isSafeInteger(c.eventIndex) || c.eventIndex < 0) {
      throw new InvalidStorageKeyError('eventIndex', `must be a non-negative integer, got ${c.eventIndex}`);
    }
    this.#database
      .prepare(
        `INSERT INTO event_cursor (id, cursor, event_index, updated_at_ms) VALUES (0, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET cursor = excluded.cursor, event_index = excluded.event_index,
           updated_at_ms = excluded.updated_at_ms`,
      )
      .run(c.cursor, c.eventIndex, Date.now());
  }

  /** Forgets the cursor (the processor then starts from the beginning). */
  deleteEventCursor(): void {
    this.#database.prepare('DELETE FROM event_cursor WHERE id = 0').run();
  }
}
