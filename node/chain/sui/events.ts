/**
 * Following Walrus events on Sui with a resumable cursor.
 *
 * Events are listed with the Sui client's `core.listEvents` filtered on the event module
 * `<original package>::events` (ascending). Sui cursors mark pages, not single events, so the adapter's
 * cursor is `(sui page cursor, events of that page already delivered)`: resuming asks for the same page
 * and skips what was delivered. Pages are deterministic in ledger order, so each event comes exactly once
 * per resumed iteration. Cursor text: `sui1.` + base64url(JSON `{a, s}`), opaque to callers.
 *
 * Walrus events the interface does not model (deny lists, upgrades, storage pools…) are skipped but still
 * advance the cursor. The event time is the transaction's checkpoint time (one transaction read per
 * transaction digest, cached for the page).
 * @see spec §6.6
 * @packageDocumentation
 */
import type { SuiClientTypes } from '@mysten/sui/client';
import type { ChainEvent } from '../types.ts';
import { toChainEventData, walrusEventName } from './decode.ts';
import { InvalidSuiCursorError } from './errors.ts';

/** Position in the event stream: the Sui page cursor to list after, and events of that page to skip. */
export interface SuiEventPosition {
  /** Sui `after` cursor of the page (null = from the first event). */
  readonly after: string | null;
  /** Events of that page already delivered. */
  readonly skip: number;
}

const PREFIX = 'sui1.';

/** Encodes a position as the adapter's opaque cursor text. */
export function encodeEventCursor(pos: SuiEventPosition): string {
  const json = JSON.stringify({ a: pos.after, s: pos.skip });
  return PREFIX + Buffer.from(json, 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeEventCursor}.
 * @throws InvalidSuiCursorError for anything else (e.g. an embedded-chain cursor)
 */
export function decodeEventCursor(cursor: string): SuiEventPosition {
  if (!cursor.startsWith(PREFIX))
    throw new InvalidSuiCursorError(`not a Sui event cursor: ${cursor.slice(0, 40)}`);
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw new InvalidSuiCursorError('corrupted Sui event cursor');
  }
  const o = v as { a?: unknown; s?: unknown };
  if (
    typeof o !== 'object' ||
    o === null ||
    !(o.a === null || typeof o.a === 'string') ||
    typeof o.s !== 'number' ||
    !Number.isSafeInteger(o.s) ||
    o.s < 0
  ) {
    throw new InvalidSuiCursorError('corrupted Sui event cursor');
  }
  return { after: o.a, skip: o.s };
}

/** The part of the Sui core client the event stream uses. */
export interface EventSource {
  listEvents(options: SuiClientTypes.ListEventsOptions): Promise<SuiClientTypes.ListEventsResponse>;
  getTransaction(options: SuiClientTypes.GetTransactionOptions): Promise<SuiClientTypes.TransactionResult>;
}

/** Options of {@link followWalrusEvents}. */
export interface FollowOptions {
  /** Package that defined the Walrus types (event types are `<it>::events::<Name>`). */
  readonly originalPackageId: string;
  /** Resume after this cursor; omitted = from the first event. */
  readonly after?: string;
  /** Page size asked of the server. */
  readonly pageSize: number;
  /** Delay between polls once caught up, ms. */
  readonly pollIntervalMs: number;
  readonly signal?: AbortSignal;
  /** Called for every translated event before it is yielded (e.g. to index blob IDs). */
  readonly onEvent?: (event: ChainEvent) => void;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function txTimestamp(
  source: EventSource,
  digest: string,
  cache: Map<string, number>,
  signal?: AbortSignal,
): Promise<number> {
  const hit = cache.get(digest);
  if (hit !== undefined) return hit;
  const res = await source.getTransaction({ digest, signal });
  const tx = res.Transaction ?? res.FailedTransaction;
  const ts = tx?.timestampMs ?? 0;
  cache.set(digest, ts);
  return ts;
}

/**
 * Every Walrus event after `after`, then new ones as they are checkpointed, until `signal` aborts (the
 * iterator then returns quietly). Each yielded event's `cursor` resumes just after it.
 * @throws InvalidSuiCursorError for a foreign cursor; errors of the Sui client pass through
 */
export async function* followWalrusEvents(
  source: EventSource,
  options: FollowOptions,
): AsyncGenerator<ChainEvent> {
  let pos: SuiEventPosition =
    options.after === undefined ? { after: null, skip: 0 } : decodeEventCursor(options.after);
  const signal = options.signal;
  const eventType = `${options.originalPackageId}::events`;
  while (!signal?.aborted) {
    let page: SuiClientTypes.ListEventsResponse;
    try {
      page = await source.listEvents({
        filter: { eventType },
        after: pos.after,
        limit: options.pageSize,
        signal,
      });
    } catch (e) {
      if (signal?.aborted) return;
      throw e;
    }
    const times = new Map<string, number>();
    let delivered = 0;
    for (const ev of page.events) {
      delivered++;
      if (delivered <= pos.skip) continue;
      const cursor = encodeEventCursor({ after: pos.after, skip: delivered });
      const name = walrusEventName(ev.eventType, options.originalPackageId);
      if (name === null) continue;
      const data = toChainEventData(name, ev.bcs);
      let timestampMs: number;
      try {
        timestampMs = await txTimestamp(source, ev.transactionDigest, times, signal);
      } catch (e) {
        if (signal?.aborted) return;
        throw e;
      }
      const event = {
        ...data,
        id: { txDigest: ev.transactionDigest, eventSeq: String(ev.eventIndex) },
        cursor,
        timestampMs,
      } as ChainEvent;
      options.onEvent?.(event);
      yield event;
      if (signal?.aborted) return;
    }
    if (page.endCursor !== null && page.endCursor !== pos.after) {
      // Continue after this page; a page shorter than what was to be skipped carries the rest over.
      pos = { after: page.endCursor, skip: Math.max(0, pos.skip - delivered) };
    } else {
      pos = { after: pos.after, skip: Math.max(pos.skip, delivered) };
    }
    if (!page.hasNextPage) await sleep(options.pollIntervalMs, signal);
  }
}
