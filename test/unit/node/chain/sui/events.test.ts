import { describe, it, expect } from 'vitest';
import type { SuiClientTypes } from '@mysten/sui/client';
import {
  decodeEventCursor,
  encodeEventCursor,
  followWalrusEvents,
  type EventSource,
} from '../../../../../node/chain/sui/events.ts';
import { InvalidSuiCursorError } from '../../../../../node/chain/sui/errors.ts';
import type { ChainEvent } from '../../../../../node/chain/types.ts';
import { eventBytes, fixture } from './fixtures.ts';

const ORIG = '0x' + 'fd'.repeat(32);

interface Stored {
  eventType: string;
  bcs: Uint8Array;
  digest: string;
  index: number;
  timestampMs: number;
}

/**
 * A ledger of events with Sui's listEvents paging: ascending, `after` = strictly after a cursor, an item
 * limit and a scan limit (how many ledger entries one request looks at, as gRPC servers do).
 * No Sui node runs here, so this stands in for the network side of `client.core`.
 */
class Ledger implements EventSource {
  readonly events: Stored[] = [];
  scanLimit = Infinity;
  listCalls = 0;

  add(name: string, digest: string, timestampMs: number, pkg = ORIG): void {
    const index = this.events.filter((e) => e.digest === digest).length;
    this.events.push({
      eventType: `${pkg}::events::${name}`,
      bcs: eventBytes(name),
      digest,
      index,
      timestampMs,
    });
  }

  async listEvents(o: SuiClientTypes.ListEventsOptions): Promise<SuiClientTypes.ListEventsResponse> {
    this.listCalls++;
    const filter = o.filter && 'eventType' in o.filter ? o.filter.eventType : undefined;
    const start = o.after == null ? 0 : Number(o.after) + 1;
    const limit = o.limit ?? 50;
    const out: SuiClientTypes.EventEntry[] = [];
    let pos = start;
    let last: number | null = null;
    while (pos < this.events.length && out.length < limit && pos - start < this.scanLimit) {
      const e = this.events[pos];
      if (filter === undefined || e.eventType.startsWith(filter + '::')) {
        out.push({
          packageId: ORIG,
          module: 'events',
          sender: '0x' + '11'.repeat(32),
          eventType: e.eventType,
          bcs: e.bcs,
          json: null,
          checkpoint: String(pos),
          transactionDigest: e.digest,
          eventIndex: e.index,
        });
        last = pos;
      }
      pos++;
    }
    const hasNextPage = pos < this.events.length;
    const frontier = pos > start ? String(pos - 1) : (o.after ?? null);
    return {
      events: out,
      hasNextPage,
      startCursor: out.length > 0 ? String(start) : null,
      endCursor:
        hasNextPage && out.length < limit ? frontier : last !== null ? String(last) : (o.after ?? null),
    };
  }

  async getTransaction(o: SuiClientTypes.GetTransactionOptions): Promise<SuiClientTypes.TransactionResult> {
    const e = this.events.find((x) => x.digest === o.digest);
    return {
      $kind: 'Transaction',
      Transaction: { digest: o.digest, timestampMs: e?.timestampMs ?? null } as SuiClientTypes.Transaction,
    };
  }
}

function ledgerWithHistory(): Ledger {
  const l = new Ledger();
  l.add('EpochChangeStart', 'tx1', 1000);
  l.add('EpochChangeDone', 'tx2', 2000);
  l.add('BlobRegistered', 'tx3', 3000);
  l.add('DenyListBlobDeleted', 'tx4', 4000); // a Walrus event the interface does not model
  l.add('BlobCertified', 'tx5', 5000);
  l.add('BlobRegistered', 'tx6', 6000, '0x' + '01'.repeat(32)); // another package: filtered out
  l.add('BlobDeleted', 'tx7', 7000);
  l.add('PricesUpdated', 'tx7', 7000);
  return l;
}

/** Collects `n` events (or fewer if the stream stops), then aborts the stream. */
async function take(source: EventSource, n: number, after?: string, pageSize = 3): Promise<ChainEvent[]> {
  const ac = new AbortController();
  const out: ChainEvent[] = [];
  if (n === 0) return out;
  for await (const e of followWalrusEvents(source, {
    originalPackageId: ORIG,
    ...(after !== undefined ? { after } : {}),
    pageSize,
    pollIntervalMs: 5,
    signal: ac.signal,
  })) {
    out.push(e);
    if (out.length >= n) ac.abort();
  }
  return out;
}

describe('Sui event cursor', () => {
  it('round-trips and rejects foreign cursors', () => {
    for (const pos of [
      { after: null, skip: 0 },
      { after: 'AbC+/=', skip: 17 },
    ]) {
      expect(decodeEventCursor(encodeEventCursor(pos))).toEqual(pos);
    }
    expect(() => decodeEventCursor('42')).toThrow(InvalidSuiCursorError);
    expect(() => decodeEventCursor('sui1.!!!')).toThrow(InvalidSuiCursorError);
    expect(() => decodeEventCursor('sui1.' + Buffer.from('{"a":1,"s":0}').toString('base64url'))).toThrow(
      InvalidSuiCursorError,
    );
    expect(() => decodeEventCursor('')).toThrow(InvalidSuiCursorError);
  });
});

describe('followWalrusEvents', () => {
  it('delivers the modelled Walrus events in ledger order with ids and transaction times', async () => {
    const events = await take(ledgerWithHistory(), 6);
    expect(events.map((e) => e.type)).toEqual([
      'EpochChangeStart',
      'EpochChangeDone',
      'BlobRegistered',
      'BlobCertified',
      'BlobDeleted',
      'PricesUpdated',
    ]);
    expect(events.map((e) => e.timestampMs)).toEqual([1000, 2000, 3000, 5000, 7000, 7000]);
    expect(events[4].id).toEqual({ txDigest: 'tx7', eventSeq: '0' });
    expect(events[5].id).toEqual({ txDigest: 'tx7', eventSeq: '1' });
    const reg = events[2];
    expect(reg.type === 'BlobRegistered' && reg.blobId).toBe(fixture.inputs.blobId);
  });

  it('resumes exactly after any event, across page boundaries', async () => {
    const ledger = ledgerWithHistory();
    const all = await take(ledger, 6, undefined, 2);
    for (let i = 0; i < all.length; i++) {
      const rest = await take(ledger, all.length - i - 1, all[i].cursor, 2);
      expect(rest.map((e) => `${e.id.txDigest}/${e.id.eventSeq}`)).toEqual(
        all.slice(i + 1).map((e) => `${e.id.txDigest}/${e.id.eventSeq}`),
      );
    }
  });

  it('pages through scan-limited responses without losing or repeating events', async () => {
    const ledger = ledgerWithHistory();
    ledger.scanLimit = 2;
    const events = await take(ledger, 6, undefined, 50);
    expect(events.map((e) => e.id.txDigest)).toEqual(['tx1', 'tx2', 'tx3', 'tx5', 'tx7', 'tx7']);
    const resumed = await take(ledger, 3, events[2].cursor, 50);
    expect(resumed.map((e) => e.type)).toEqual(['BlobCertified', 'BlobDeleted', 'PricesUpdated']);
  });

  it('keeps following: events added after catching up are delivered, then abort ends quietly', async () => {
    const ledger = ledgerWithHistory();
    const ac = new AbortController();
    const seen: string[] = [];
    const stream = followWalrusEvents(ledger, {
      originalPackageId: ORIG,
      pageSize: 4,
      pollIntervalMs: 2,
      signal: ac.signal,
    });
    for await (const e of stream) {
      seen.push(e.type);
      if (seen.length === 6) {
        ledger.add('EpochParametersSelected', 'tx8', 8000);
        ledger.add('ShardsReceived', 'tx9', 9000);
      }
      if (seen.length === 8) ac.abort();
    }
    expect(seen.slice(6)).toEqual(['EpochParametersSelected', 'ShardsReceived']);
    expect(ledger.listCalls).toBeGreaterThan(2);
  });

  it('an already aborted signal yields nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    const out: ChainEvent[] = [];
    for await (const e of followWalrusEvents(ledgerWithHistory(), {
      originalPackageId: ORIG,
      pageSize: 10,
      pollIntervalMs: 1,
      signal: ac.signal,
    })) {
      out.push(e);
    }
    expect(out).toEqual([]);
  });

  it('rejects a foreign cursor', async () => {
    await expect(take(ledgerWithHistory(), 1, 'embedded:17')).rejects.toBeInstanceOf(InvalidSuiCursorError);
  });
});
