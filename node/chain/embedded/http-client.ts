/**
 * A {@link ChainClient} that talks to the embedded chain's HTTP API (node/chain/embedded/server.ts).
 * Errors answered by the server are rethrown as the same ChainError class (from the JSON `code`);
 * network failures and unexpected answers throw ChainUnavailableError.
 */
import http from 'node:http';
import https from 'node:https';
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
  /** Base URL of the chain, e.g. `http://127.0.0.1:9000` (http or https). */
  url: string;
  /** Account for transactions; omit for a read-only client. */
  signer?: Signer;
  /** Long-poll wait per events request, ms. @default 25000 */
  eventsWaitMs?: number;
  /** Timeout of ordinary requests, ms. @default 30000 */
  timeoutMs?: number;
  /** Largest response body accepted, bytes; a larger one is ChainUnavailableError. @default 64 MiB */
  maxResponseBytes?: number;
}

/**
 * HTTP chain client. Requests go over node:http(s) with a keep-alive agent (one per client; `close()`
 * ends its connections): a third of `fetch`'s CPU per request, which a node or a benchmark sending
 * hundreds of transactions per second feels.
 */
export class HttpChainClient extends EmbeddedChainClientBase {
  readonly url: string;
  readonly #eventsWaitMs: number;
  readonly #timeoutMs: number;
  readonly #maxResponseBytes: number;
  readonly #http: typeof http | typeof https;
  readonly #agent: http.Agent;
  #chainId?: string;

  /** @throws ChainUnavailableError for a URL that is not http(s) */
  constructor(init: HttpChainClientInit) {
    super(init.signer);
    this.url = init.url.replace(/\/+$/, '');
    let protocol: string;
    try {
      protocol = new URL(this.url).protocol;
    } catch {
      throw new ChainUnavailableError(`chain URL ${JSON.stringify(init.url)} is not a URL`);
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new ChainUnavailableError(`chain URL ${init.url} is not http(s)`);
    }
    this.#http = protocol === 'https:' ? https : http;
    this.#agent = new this.#http.Agent({ keepAlive: true });
    this.#eventsWaitMs = init.eventsWaitMs ?? 25_000;
    this.#timeoutMs = init.timeoutMs ?? 30_000;
    this.#maxResponseBytes = init.maxResponseBytes ?? 64 * 1024 * 1024;
  }

  /** One request; resolves with the parsed JSON of a 2xx answer. */
  async #request(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    options?: AbortOptions,
    timeoutMs = this.#timeoutMs,
  ): Promise<unknown> {
    options?.signal?.throwIfAborted();
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    let status: number;
    let text: string;
    try {
      ({ status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = this.#http.request(this.url + path, {
          method,
          agent: this.#agent,
          headers: payload
            ? { 'content-type': 'application/json', 'content-length': payload.length }
            : undefined,
          signal: options?.signal,
        });
        const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        req.once('close', () => clearTimeout(timer));
        req.once('error', reject);
        req.once('response', (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > this.#maxResponseBytes) {
              req.destroy(new Error(`answer larger than ${this.#maxResponseBytes} bytes`));
            } else {
              chunks.push(c);
            }
          });
          res.once('error', reject);
          res.once('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
        });
        req.end(payload);
      }));
    } catch (e) {
      if (options?.signal?.aborted) throw options.signal.reason;
      throw new ChainUnavailableError(`chain at ${this.url} unreachable: ${(e as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ChainUnavailableError(`chain answered ${status} with non-JSON`);
    }
    if (status < 200 || status > 299) {
      const err = (json as { error?: { code?: string; message?: string } } | null)?.error;
      if (err?.code) throw chainErrorFromCode(err.code, err.message ?? 'chain error');
      throw new ChainUnavailableError(`chain answered ${status}`);
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

  /** Ends the keep-alive connections (requests still running fail). */
  async close(): Promise<void> {
    this.#agent.destroy();
  }
}
