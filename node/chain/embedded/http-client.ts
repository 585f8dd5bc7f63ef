/**
 * A {@link ChainClient} that talks to the embedded chain's HTTP API (node/chain/embedded/server.ts).
 * Errors answered by the server are rethrown as the same ChainError class (from the JSON `code`);
 * network failures and unexpected answers throw ChainUnavailableError.
 */
import type { Signer } from '@mysten/sui/cryptography';
import { ChainError, ChainUnavailableError, chainErrorFromCode } from '../errors.ts';
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
import { transactionFromJson } from './history.ts';
import {
  blobFromJson,
  blobIdInfoFromJson,
  committeeFromJson,
  eventFromJson,
  receiptFromJson,
  storageFromJson,
  storageNodeFromJson,
  systemStateFromJson,
} from './json.ts';
import type { SignedTx } from './tx.ts';

/** Options of {@link HttpChainClient}. */
export interface HttpChainClientInit {
  /** Base URL of the chain, e.g. `http://127.0.0.1:9000`. */
  url: string;
  /** Account for transactions; omit for a read-only client. */
  signer?: Signer;
  /** Long-poll wait per events request, ms. @default 25000 */
  eventsWaitMs?: number;
  /** Timeout of ordinary requests, ms. @default 30000 */
  timeoutMs?: number;
}

/** HTTP chain client. */
export class HttpChainClient extends EmbeddedChainClientBase {
  readonly url: string;
  readonly #eventsWaitMs: number;
  readonly #timeoutMs: number;
  #chainId?: string;

  constructor(init: HttpChainClientInit) {
    super(init.signer);
    this.url = init.url.replace(/\/+$/, '');
    this.#eventsWaitMs = init.eventsWaitMs ?? 25_000;
    this.#timeoutMs = init.timeoutMs ?? 30_000;
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    options?: AbortOptions,
    timeoutMs = this.#timeoutMs,
  ): Promise<unknown> {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (options?.signal) signals.push(options.signal);
    let res: Response;
    try {
      res = await fetch(this.url + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any(signals),
      });
    } catch (e) {
      if (options?.signal?.aborted) throw options.signal.reason;
      throw new ChainUnavailableError(`chain at ${this.url} unreachable: ${(e as Error).message}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ChainUnavailableError(`chain answered ${res.status} with non-JSON`);
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string } }).error;
      if (err?.code) throw chainErrorFromCode(err.code, err.message ?? 'chain error');
      throw new ChainUnavailableError(`chain answered ${res.status}`);
    }
    return json;
  }

  protected async chainId(options?: AbortOptions): Promise<string> {
    this.#chainId ??= (
      (await this.#request('GET', '/v1/info', undefined, options)) as { chainId: string }
    ).chainId;
    return this.#chainId;
  }

  protected async send(tx: SignedTx, options?: AbortOptions): Promise<RawReceipt> {
    return receiptFromJson(await this.#request('POST', '/v1/transactions', tx, options));
  }

  async systemState(options?: AbortOptions): Promise<SystemState> {
    return systemStateFromJson(await this.#request('GET', '/v1/system', undefined, options));
  }

  async getBlob(objectId: string, options?: AbortOptions): Promise<BlobObject> {
    return blobFromJson(
      await this.#request('GET', `/v1/blobs/${encodeURIComponent(objectId)}`, undefined, options),
    );
  }

  async getBlobIdInfo(blobId: string, options?: AbortOptions): Promise<BlobIdInfo> {
    return blobIdInfoFromJson(
      await this.#request('GET', `/v1/blob-ids/${encodeURIComponent(blobId)}`, undefined, options),
    );
  }

  async getStorage(objectId: string, options?: AbortOptions): Promise<StorageResource> {
    return storageFromJson(
      await this.#request('GET', `/v1/storage/${encodeURIComponent(objectId)}`, undefined, options),
    );
  }

  async ownedObjects(
    owner: string,
    options?: AbortOptions,
  ): Promise<{ blobs: BlobObject[]; storage: StorageResource[] }> {
    const j = (await this.#request(
      'GET',
      `/v1/owners/${encodeURIComponent(owner)}/objects`,
      undefined,
      options,
    )) as {
      blobs: unknown[];
      storage: unknown[];
    };
    return { blobs: j.blobs.map(blobFromJson), storage: j.storage.map(storageFromJson) };
  }

  async balance(address: string, options?: AbortOptions): Promise<bigint> {
    const j = (await this.#request(
      'GET',
      `/v1/balances/${encodeURIComponent(address)}`,
      undefined,
      options,
    )) as {
      balance: string;
    };
    return BigInt(j.balance);
  }

  async storageNodes(options?: AbortOptions): Promise<StorageNodeInfo[]> {
    return ((await this.#request('GET', '/v1/nodes', undefined, options)) as unknown[]).map(
      storageNodeFromJson,
    );
  }

  async getTransaction(digest: string, options?: AbortOptions): Promise<ChainTransaction> {
    return transactionFromJson(
      await this.#request('GET', `/v1/transactions/${encodeURIComponent(digest)}`, undefined, options),
    );
  }

  async committeeAt(epoch: number, options?: AbortOptions): Promise<Committee> {
    return committeeFromJson(
      await this.#request('GET', `/v1/committees/${encodeURIComponent(String(epoch))}`, undefined, options),
    );
  }

  /**
   * Long-polls `/v1/events` from the cursor. Transient failures are retried with a short back-off, so a
   * chain restart does not end the stream; abort `signal` to stop.
   */
  async *events(options: EventsOptions = {}): AsyncGenerator<ChainEvent> {
    let cursor = options.after ?? '0';
    const signal = options.signal;
    let backoff = 100;
    while (!signal?.aborted) {
      let page: { events: unknown[]; cursor: string };
      try {
        page = (await this.#request(
          'GET',
          `/v1/events?after=${encodeURIComponent(cursor)}&waitMs=${this.#eventsWaitMs}`,
          undefined,
          { signal },
          this.#eventsWaitMs + 10_000,
        )) as { events: unknown[]; cursor: string };
        backoff = 100;
      } catch (e) {
        if (signal?.aborted) return;
        if (e instanceof ChainError && !(e instanceof ChainUnavailableError)) throw e;
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 5000);
        continue;
      }
      for (const raw of page.events) {
        if (signal?.aborted) return;
        const e = eventFromJson(raw);
        cursor = e.cursor;
        yield e;
      }
    }
  }

  async close(): Promise<void> {}
}
