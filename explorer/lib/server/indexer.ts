/**
 * The explorer's index of the chain's events: every blob ID with its Blob objects (registered,
 * certified, extended, deleted), invalidated blob IDs, epoch start times and a feed of recent events.
 * The chain has no "list all blobs" read, so the explorer follows the events, as an explorer of Sui does.
 *
 * It pages the embedded chain's `GET /v1/events?after=&limit=&waitMs=` (node/chain/embedded/server.ts):
 * first with no wait until a page comes back empty (caught up: {@link ChainIndex.ready} resolves), then
 * as a long poll. Everything is in memory, rebuilt from the first event at each start (fine for devnets;
 * a large chain would persist it). Burned Blob objects emit no event; pages that need the truth about one
 * blob read it from the chain.
 * @packageDocumentation
 */
import { eventFromJson } from '../../../node/chain/embedded/json.ts';
import type { ChainEvent } from '../../../node/chain/types.ts';
import { encodedBlobLength } from '../../../shared/encoding/params.ts';
import { ChainUnreachableError } from '../errors.ts';
import type { BlobFilter, BlobListItemDto, BlobStatsDto, BlobStatus, EventDto } from '../types.ts';

/** A Blob object as the events describe it. */
export interface IndexedObject {
  readonly objectId: string;
  readonly blobId: string;
  readonly size: number;
  readonly encodingType: number;
  readonly registeredEpoch: number;
  readonly registeredTx: string;
  readonly deletable: boolean;
  endEpoch: number;
  certifiedEpoch: number | null;
  certifiedTx: string | null;
  deleted: boolean;
}

/** A blob ID and everything the events say about it. */
export interface IndexedBlob {
  readonly blobId: string;
  readonly objects: IndexedObject[];
  invalidated: { txDigest: string; eventSeq: string } | null;
  readonly firstSeenMs: number;
  lastEventMs: number;
}

/** Options of {@link ChainIndex}. */
export interface ChainIndexInit {
  /** Base URL of the chain's HTTP API. */
  chainUrl: string;
  /** Events kept for the live feed. @default 200 */
  feedSize?: number;
  /** Long-poll wait once caught up, ms. @default 20000 */
  waitMs?: number;
  /** Page size. @default 1000 */
  pageSize?: number;
}

/** An event in JSON-safe form (prices as decimal strings). */
export function eventToDto(e: ChainEvent): EventDto {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) {
    if (k === 'id') continue;
    out[k] = typeof v === 'bigint' ? v.toString() : v;
  }
  return { ...out, txDigest: e.id.txDigest, eventSeq: e.id.eventSeq } as EventDto;
}

/** The status of a blob at `epoch`. @see BlobStatus */
export function blobStatus(b: IndexedBlob, epoch: number): BlobStatus {
  if (b.invalidated) return 'invalid';
  const live = b.objects.filter((o) => !o.deleted);
  if (live.length === 0) return 'deleted';
  if (live.some((o) => o.certifiedEpoch !== null && o.endEpoch > epoch)) return 'certified';
  if (live.some((o) => o.endEpoch > epoch)) return 'registered';
  return 'expired';
}

/** True when `b` passes `filter` at `epoch`. */
export function matchesFilter(b: IndexedBlob, filter: BlobFilter, epoch: number): boolean {
  if (filter === 'all') return true;
  if (filter === 'deletable') return b.objects.some((o) => !o.deleted && o.deletable);
  return blobStatus(b, epoch) === filter;
}

/** A blob's list row at `epoch` for `nShards`. */
export function toListItem(b: IndexedBlob, epoch: number, nShards: number): BlobListItemDto {
  const live = b.objects.filter((o) => !o.deleted);
  const shown = live.length ? live : b.objects;
  const certified = shown.map((o) => o.certifiedEpoch).filter((e): e is number => e !== null);
  const size = b.objects[0].size;
  return {
    blobId: b.blobId,
    status: blobStatus(b, epoch),
    size,
    encodedSize: nShards > 0 ? encodedBlobLength(size, nShards) : 0,
    deletable: live.some((o) => o.deletable),
    objects: b.objects.length,
    registeredEpoch: Math.min(...b.objects.map((o) => o.registeredEpoch)),
    certifiedEpoch: certified.length ? Math.min(...certified) : null,
    endEpoch: Math.max(...shown.map((o) => o.endEpoch)),
    lastEventMs: b.lastEventMs,
  };
}

/** The in-memory event index. Call {@link start} once; {@link stop} ends the polling. */
export class ChainIndex {
  readonly #url: string;
  readonly #feedSize: number;
  readonly #waitMs: number;
  readonly #pageSize: number;
  /** Blob IDs in order of first registration. */
  readonly #order: IndexedBlob[] = [];
  readonly #blobs = new Map<string, IndexedBlob>();
  readonly #objects = new Map<string, IndexedObject>();
  readonly #epochStarts = new Map<number, number>();
  readonly #feed: EventDto[] = [];
  readonly #listeners = new Set<(e: EventDto) => void>();
  #cursor = '0';
  #caughtUp = false;
  #ready: Promise<void>;
  #resolveReady!: () => void;
  #lastError: Error | null = null;
  #abort: AbortController | null = null;
  #loop: Promise<void> | null = null;

  constructor(init: ChainIndexInit) {
    this.#url = init.chainUrl.replace(/\/+$/, '');
    this.#feedSize = init.feedSize ?? 200;
    this.#waitMs = init.waitMs ?? 20_000;
    this.#pageSize = init.pageSize ?? 1000;
    this.#ready = new Promise((r) => (this.#resolveReady = r));
  }

  /** Cursor of the last event applied. */
  get cursor(): string {
    return this.#cursor;
  }

  /** Whether the index has caught up with the chain once. */
  get caughtUp(): boolean {
    return this.#caughtUp;
  }

  /** Starts following the chain (idempotent). */
  start(): void {
    if (this.#loop) return;
    this.#abort = new AbortController();
    this.#loop = this.#run(this.#abort.signal);
  }

  /** Stops following the chain. */
  async stop(): Promise<void> {
    this.#abort?.abort();
    await this.#loop;
    this.#loop = null;
  }

  /**
   * Resolves once the index has caught up with the chain.
   * @throws ChainUnreachableError when that takes longer than `timeoutMs` (the chain does not answer)
   */
  async ready(timeoutMs = 5000): Promise<void> {
    if (this.#caughtUp) return;
    this.start();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ChainUnreachableError(
              `the chain at ${this.#url} did not answer in time` +
                (this.#lastError ? `: ${this.#lastError.message}` : ''),
            ),
          ),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.#ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Calls `listener` with every new event; returns the unsubscribe function. */
  subscribe(listener: (e: EventDto) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #run(signal: AbortSignal): Promise<void> {
    let backoff = 100;
    while (!signal.aborted) {
      try {
        const wait = this.#caughtUp ? this.#waitMs : 0;
        const res = await fetch(
          `${this.#url}/v1/events?after=${encodeURIComponent(this.#cursor)}&limit=${this.#pageSize}&waitMs=${wait}`,
          { signal: AbortSignal.any([signal, AbortSignal.timeout(wait + 10_000)]) },
        );
        if (!res.ok) throw new Error(`chain answered ${res.status}`);
        const page = (await res.json()) as { events: unknown[]; cursor: string };
        for (const raw of page.events) this.apply(eventFromJson(raw));
        if (page.events.length === 0 && !this.#caughtUp) {
          this.#caughtUp = true;
          this.#resolveReady();
        }
        backoff = 100;
        this.#lastError = null;
      } catch (e) {
        if (signal.aborted) return;
        this.#lastError = e as Error;
        // Wait before retrying, but wake at once when stopped.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, backoff);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  /** Applies one event (exposed for tests; the polling loop calls it). */
  apply(e: ChainEvent): void {
    this.#cursor = e.cursor;
    switch (e.type) {
      case 'BlobRegistered': {
        let b = this.#blobs.get(e.blobId);
        if (!b) {
          b = {
            blobId: e.blobId,
            objects: [],
            invalidated: null,
            firstSeenMs: e.timestampMs,
            lastEventMs: 0,
          };
          this.#blobs.set(e.blobId, b);
          this.#order.push(b);
        }
        const o: IndexedObject = {
          objectId: e.objectId,
          blobId: e.blobId,
          size: e.size,
          encodingType: e.encodingType,
          registeredEpoch: e.epoch,
          registeredTx: e.id.txDigest,
          deletable: e.deletable,
          endEpoch: e.endEpoch,
          certifiedEpoch: null,
          certifiedTx: null,
          deleted: false,
        };
        b.objects.push(o);
        b.lastEventMs = e.timestampMs;
        this.#objects.set(e.objectId, o);
        break;
      }
      case 'BlobCertified': {
        const o = this.#objects.get(e.objectId);
        if (!o) break;
        o.endEpoch = e.endEpoch;
        if (!e.isExtension) {
          o.certifiedEpoch = e.epoch;
          o.certifiedTx = e.id.txDigest;
        }
        this.#touch(e.blobId, e.timestampMs);
        break;
      }
      case 'BlobDeleted': {
        const o = this.#objects.get(e.objectId);
        if (o) o.deleted = true;
        this.#touch(e.blobId, e.timestampMs);
        break;
      }
      case 'InvalidBlobID': {
        let b = this.#blobs.get(e.blobId);
        if (!b) {
          b = {
            blobId: e.blobId,
            objects: [],
            invalidated: null,
            firstSeenMs: e.timestampMs,
            lastEventMs: 0,
          };
          this.#blobs.set(e.blobId, b);
        }
        b.invalidated = { txDigest: e.id.txDigest, eventSeq: e.id.eventSeq };
        b.lastEventMs = e.timestampMs;
        break;
      }
      case 'EpochChangeStart':
        this.#epochStarts.set(e.epoch, e.timestampMs);
        break;
      default:
        break;
    }
    const dto = eventToDto(e);
    this.#feed.push(dto);
    if (this.#feed.length > this.#feedSize) this.#feed.splice(0, this.#feed.length - this.#feedSize);
    for (const l of this.#listeners) l(dto);
  }

  #touch(blobId: string, ms: number): void {
    const b = this.#blobs.get(blobId);
    if (b) b.lastEventMs = ms;
  }

  /** A blob ID's record, if any event named it. */
  blob(blobId: string): IndexedBlob | undefined {
    return this.#blobs.get(blobId);
  }

  /** A Blob object's record by object ID. */
  object(objectId: string): IndexedObject | undefined {
    return this.#objects.get(objectId);
  }

  /** When epoch `epoch` started (its EpochChangeStart event), if seen. */
  epochStart(epoch: number): number | null {
    return this.#epochStarts.get(epoch) ?? null;
  }

  /** The last `limit` events, newest first. */
  recentEvents(limit = 50): EventDto[] {
    return this.#feed.slice(-limit).reverse();
  }

  /** Blobs passing `filter` at `epoch`, newest registration first, and the count of each filter. */
  list(
    filter: BlobFilter,
    epoch: number,
    offset: number,
    limit: number,
    nShards: number,
  ): { items: BlobListItemDto[]; total: number; counts: Record<BlobFilter, number> } {
    const counts: Record<BlobFilter, number> = {
      all: 0,
      certified: 0,
      registered: 0,
      expired: 0,
      deletable: 0,
      invalid: 0,
    };
    const matching: IndexedBlob[] = [];
    for (let i = this.#order.length - 1; i >= 0; i--) {
      const b = this.#order[i];
      counts.all++;
      const s = blobStatus(b, epoch);
      if (s in counts) counts[s as BlobFilter]++;
      if (b.objects.some((o) => !o.deleted && o.deletable)) counts.deletable++;
      if (matchesFilter(b, filter, epoch)) matching.push(b);
    }
    return {
      items: matching.slice(offset, offset + limit).map((b) => toListItem(b, epoch, nShards)),
      total: matching.length,
      counts,
    };
  }

  /** Totals at `epoch` for `nShards`. */
  stats(epoch: number, nShards: number): BlobStatsDto {
    let certifiedBlobs = 0;
    let storedBytes = 0;
    let encodedBytes = 0;
    for (const b of this.#order) {
      if (blobStatus(b, epoch) !== 'certified') continue;
      certifiedBlobs++;
      const size = b.objects[0].size;
      storedBytes += size;
      encodedBytes += nShards > 0 ? encodedBlobLength(size, nShards) : 0;
    }
    return {
      certifiedBlobs,
      indexedBlobs: this.#order.length,
      objects: this.#objects.size,
      storedBytes,
      encodedBytes,
    };
  }
}
