/**
 * A {@link ChainClient} over a {@link Ledger} in the same process (no HTTP): for tests, the devnet and
 * the chain server itself. Several clients (one per signer) may share one ledger.
 */
import type { Signer } from '@mysten/sui/cryptography';
import type {
  AbortOptions,
  BlobIdInfo,
  BlobObject,
  ChainEvent,
  ChainTransaction,
  Committee,
  EventsOptions,
  StorageNodeInfo,
  StorageResource,
  SystemState,
} from '../types.ts';
import { EmbeddedChainClientBase, type RawReceipt } from './client-base.ts';
import { ledgerHistory } from './history.ts';
import type { Ledger } from './ledger.ts';
import { type SignedTx, verifySignedTx } from './tx.ts';

/**
 * Waits until the ledger commits new events or `signal` aborts. Resolves `false` on abort.
 */
export function waitForCommit(ledger: Ledger, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const done = (v: boolean) => {
      off();
      signal?.removeEventListener('abort', onAbort);
      resolve(v);
    };
    const onAbort = () => done(false);
    const off = ledger.onCommit(() => done(true));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Yields every event after `after` (a cursor = global sequence number), then new ones as they commit,
 * until `signal` aborts.
 */
export async function* ledgerEvents(ledger: Ledger, options: EventsOptions = {}): AsyncGenerator<ChainEvent> {
  let cursor = options.after === undefined ? 0 : Number(options.after);
  if (!Number.isSafeInteger(cursor) || cursor < 0) cursor = 0;
  const signal = options.signal;
  while (!signal?.aborted) {
    const batch = ledger.eventsAfter(cursor);
    if (batch.length === 0) {
      // Time-driven epoch steps happen on read too.
      ledger.tick();
      if (ledger.eventsAfter(cursor, 1).length > 0) continue;
      if (!(await waitForCommit(ledger, signal))) return;
      continue;
    }
    for (const e of batch) {
      if (signal?.aborted) return;
      cursor = Number(e.cursor);
      yield e;
    }
  }
}

/** In-process chain client. `signer` is needed for transactions only. */
export class InProcessChainClient extends EmbeddedChainClientBase {
  readonly ledger: Ledger;

  constructor(ledger: Ledger, signer?: Signer) {
    super(signer);
    this.ledger = ledger;
  }

  protected chainId(): Promise<string> {
    return Promise.resolve(this.ledger.chainId);
  }

  protected override nowMs(): number {
    return this.ledger.now();
  }

  protected async send(tx: SignedTx): Promise<RawReceipt> {
    const v = verifySignedTx(tx);
    const history = ledgerHistory(this.ledger);
    // One commit for the transaction and its history row.
    return this.ledger.block(() => {
      const receipt = this.ledger.submitVerified(v);
      history.record(tx, receipt, v.body);
      return receipt;
    });
  }

  async systemState(_options?: AbortOptions): Promise<SystemState> {
    return this.ledger.systemState();
  }

  async getBlob(objectId: string): Promise<BlobObject> {
    return this.ledger.getBlob(objectId);
  }

  async getBlobIdInfo(blobId: string): Promise<BlobIdInfo> {
    return this.ledger.getBlobIdInfo(blobId);
  }

  async getStorage(objectId: string): Promise<StorageResource> {
    return this.ledger.getStorage(objectId);
  }

  async ownedObjects(owner: string): Promise<{ blobs: BlobObject[]; storage: StorageResource[] }> {
    return this.ledger.ownedObjects(owner);
  }

  async balance(address: string): Promise<bigint> {
    return this.ledger.balance(address);
  }

  async storageNodes(): Promise<StorageNodeInfo[]> {
    return this.ledger.storageNodes();
  }

  async getTransaction(digest: string): Promise<ChainTransaction> {
    return ledgerHistory(this.ledger).getTransaction(digest);
  }

  async committeeAt(epoch: number): Promise<Committee> {
    return ledgerHistory(this.ledger).committeeAt(epoch);
  }

  events(options?: EventsOptions): AsyncIterable<ChainEvent> {
    return ledgerEvents(this.ledger, options);
  }

  async close(): Promise<void> {}
}
