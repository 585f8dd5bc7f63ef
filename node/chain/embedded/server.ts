/**
 * The embedded chain's HTTP/JSON API (fastify), version 1. JSON conventions: bigints are decimal strings,
 * bytes standard base64, blob IDs base64url text, IDs/addresses `0x` + 64 hex.
 *
 * | method & path | body / query | answer |
 * |---|---|---|
 * | `GET /v1/info` | – | `{ version: 1, chainId }` |
 * | `GET /v1/system` | – | SystemState |
 * | `GET /v1/blobs/:objectId` | – | BlobObject (404 CHAIN_OBJECT_NOT_FOUND) |
 * | `GET /v1/blob-ids/:blobId` | – | BlobIdInfo |
 * | `GET /v1/storage/:objectId` | – | StorageResource |
 * | `GET /v1/owners/:address/objects` | – | `{ blobs, storage }` |
 * | `GET /v1/balances/:address` | – | `{ balance }` |
 * | `GET /v1/nodes` | – | StorageNodeInfo[] |
 * | `GET /v1/transactions/:digest` | – | ChainTransaction (404 CHAIN_OBJECT_NOT_FOUND; see history.ts) |
 * | `GET /v1/committees/:epoch` | – | Committee of a past or the current epoch (404 for others) |
 * | `POST /v1/transactions` | SignedTx `{ body, signature }` (<= 64 KiB) | receipt `{ digest, events, ...result }` |
 * | `GET /v1/events?after=&limit=&waitMs=` | long poll: waits up to waitMs (<= 30 s) for events after the cursor | `{ events, cursor }` |
 * | `GET /v1/events/stream?after=` | server-sent events; `id:` = cursor, `data:` = event JSON | text/event-stream |
 * | `GET /v1/stats` | – | `{ blocks: { txs, blocks, maxBlock }, bls: { jobs, batches, maxBatch } \| null }` (counters since start) |
 *
 * Errors: status from the error class (4xx for rejected input, 503 unavailable) and body
 * `{ "error": { "code", "name", "message" } }`; the HTTP client rethrows the same class from `code`.
 */
import { availableParallelism } from 'node:os';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { WalrusTsError } from '../../../shared/errors.ts';
import { ChainError, InvalidTransactionError, RequestTooLargeError } from '../errors.ts';
import { BlsVerifierPool } from './bls-pool.ts';
import { TxBlockQueue } from './block-queue.ts';
import { waitForCommit } from './in-process-client.ts';
import { ledgerHistory } from './history.ts';
import { stringify } from './json.ts';
import type { Ledger } from './ledger.ts';
import { type SignedTx, verifySignedTx } from './tx.ts';
import { blsBackendFromEnv, enableNodeBls, nativeBlsAvailable } from '../../crypto/blst/index.ts';

/** Options of {@link startChainServer}. */
export interface ChainServerInit {
  ledger: Ledger;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 = any free port. @default 0 */
  port?: number;
  /** Largest request body in bytes. @default 65536 */
  bodyLimit?: number;
  /** How often time-driven epoch steps are checked, ms. @default 250 */
  tickIntervalMs?: number;
  /**
   * Worker threads that verify certificate signatures in parallel before a transaction is applied
   * (0 = verify on the main thread). With native BLS (blst) one per 4 cores, at least one: a worker checks
   * ~1500 certificates/s and fewer workers make larger batches (bench:chain, 128 clients, 2 cores, two A/B
   * runs each: 1 worker 509.6 and 512.0/s, 2 workers 498.4 and 482.5/s). With mcl-wasm or noble, where
   * certificate checks are most of the chain's CPU, one per core.
   * @default see above ({@link defaultBlsWorkers})
   */
  blsWorkers?: number;
}

/** A running chain server. */
export interface ChainServer {
  /** Base URL, e.g. `http://127.0.0.1:9000`. */
  readonly url: string;
  readonly fastify: FastifyInstance;
  close(): Promise<void>;
}

/** Largest long-poll wait. */
export const MAX_EVENTS_WAIT_MS = 30_000;
/** Largest page of events. */
export const MAX_EVENTS_PAGE = 1000;

function sendJson(reply: FastifyReply, value: unknown, status = 200): FastifyReply {
  return reply.code(status).header('content-type', 'application/json; charset=utf-8').send(stringify(value));
}

function errorBody(e: WalrusTsError): { error: { code: string; name: string; message: string } } {
  return { error: { code: e.code, name: e.name, message: e.message } };
}

function parseCursor(v: unknown): number {
  const n = typeof v === 'string' && /^[0-9]{1,15}$/.test(v) ? Number(v) : 0;
  return n;
}

/**
 * Builds the fastify app for `ledger` (not listening). Exposed for tests with `fastify.inject`.
 * Transactions: signature checked on arrival, certificate signatures in `pool` when given (else on the
 * main thread when applied), then applied in blocks by `blocks` (group commit, see block-queue.ts).
 */
export function buildChainApp(
  init: ChainServerInit,
  pool?: BlsVerifierPool,
  blocks: TxBlockQueue = new TxBlockQueue(init.ledger),
): FastifyInstance {
  const { ledger } = init;
  const app = Fastify({ bodyLimit: init.bodyLimit ?? 65536, logger: false, forceCloseConnections: true });

  app.setErrorHandler((err: unknown, _req, reply) => {
    if (err instanceof WalrusTsError) {
      const status = err instanceof ChainError ? err.httpStatus : 400;
      return sendJson(reply, errorBody(err), status);
    }
    const fe = err as { code?: string; statusCode?: number; message?: string };
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return sendJson(reply, errorBody(new RequestTooLargeError()), 413);
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendJson(reply, errorBody(new InvalidTransactionError(fe.message ?? 'bad request')), 400);
    }
    return sendJson(
      reply,
      { error: { code: 'CHAIN_INTERNAL', name: 'Error', message: fe.message ?? 'internal error' } },
      500,
    );
  });

  app.get('/v1/info', (_req, reply) => sendJson(reply, { version: 1, chainId: ledger.chainId }));
  app.get('/v1/system', (_req, reply) => sendJson(reply, ledger.systemState()));
  app.get<{ Params: { id: string } }>('/v1/blobs/:id', (req, reply) =>
    sendJson(reply, ledger.getBlob(req.params.id)),
  );
  app.get<{ Params: { id: string } }>('/v1/blob-ids/:id', (req, reply) =>
    sendJson(reply, ledger.getBlobIdInfo(req.params.id)),
  );
  app.get<{ Params: { id: string } }>('/v1/storage/:id', (req, reply) =>
    sendJson(reply, ledger.getStorage(req.params.id)),
  );
  app.get<{ Params: { address: string } }>('/v1/owners/:address/objects', (req, reply) =>
    sendJson(reply, ledger.ownedObjects(req.params.address)),
  );
  app.get<{ Params: { address: string } }>('/v1/balances/:address', (req, reply) =>
    sendJson(reply, { balance: ledger.balance(req.params.address) }),
  );
  app.get('/v1/nodes', (_req, reply) => sendJson(reply, ledger.storageNodes()));
  app.get('/v1/stats', (_req, reply) =>
    sendJson(reply, { blocks: blocks.stats(), bls: pool ? pool.stats() : null }),
  );
  app.get<{ Params: { digest: string } }>('/v1/transactions/:digest', (req, reply) =>
    sendJson(reply, ledgerHistory(ledger).getTransaction(req.params.digest)),
  );
  app.get<{ Params: { epoch: string } }>('/v1/committees/:epoch', (req, reply) =>
    sendJson(
      reply,
      ledgerHistory(ledger).committeeAt(
        /^[0-9]{1,10}$/.test(req.params.epoch) ? Number(req.params.epoch) : -1,
      ),
    ),
  );

  app.post<{ Body: SignedTx }>('/v1/transactions', async (req, reply) => {
    const body = req.body;
    if (body === null || typeof body !== 'object') {
      throw new InvalidTransactionError('expected a JSON body { body, signature }');
    }
    // The Ed25519 signature is checked here, once; the block applies the verified transaction.
    const verified = verifySignedTx(body);
    if (pool) await ledger.preverify(verified, pool);
    const receipt = await blocks.submit(body, verified);
    return sendJson(reply, receipt);
  });

  app.get<{ Querystring: { after?: string; limit?: string; waitMs?: string } }>(
    '/v1/events',
    async (req, reply) => {
      const after = parseCursor(req.query.after);
      const limit = Math.min(Math.max(Number(req.query.limit) || MAX_EVENTS_PAGE, 1), MAX_EVENTS_PAGE);
      const waitMs = Math.min(Math.max(Number(req.query.waitMs) || 0, 0), MAX_EVENTS_WAIT_MS);
      ledger.tick();
      let events = ledger.eventsAfter(after, limit);
      if (events.length === 0 && waitMs > 0) {
        const ac = new AbortController();
        const timer = setTimeout(() => ac.abort(), waitMs);
        const onClose = () => ac.abort();
        req.raw.once('close', onClose);
        try {
          while (events.length === 0 && !ac.signal.aborted) {
            if (!(await waitForCommit(ledger, ac.signal))) break;
            events = ledger.eventsAfter(after, limit);
          }
        } finally {
          clearTimeout(timer);
          req.raw.off('close', onClose);
        }
      }
      const cursor = events.length ? events[events.length - 1].cursor : String(after);
      return sendJson(reply, { events, cursor });
    },
  );

  app.get<{ Querystring: { after?: string } }>('/v1/events/stream', async (req, reply) => {
    let cursor = parseCursor(req.query.after ?? (req.headers['last-event-id'] as string | undefined));
    const ac = new AbortController();
    req.raw.once('close', () => ac.abort());
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write(': walrus-ts chain events\n\n');
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    try {
      while (!ac.signal.aborted) {
        const events = ledger.eventsAfter(cursor, MAX_EVENTS_PAGE);
        for (const e of events) {
          res.write(`id: ${e.cursor}\nevent: ${e.type}\ndata: ${stringify(e)}\n\n`);
          cursor = Number(e.cursor);
        }
        if (events.length === 0 && !(await waitForCommit(ledger, ac.signal))) break;
      }
    } finally {
      clearInterval(keepAlive);
      res.end();
    }
  });

  return app;
}

/**
 * The chain's default number of BLS worker threads: `max(1, floor(cores / 4))` when the native backend is
 * chosen (WALRUS_TS_BLS unset or `blst`) and built, else one per core.
 */
export function defaultBlsWorkers(): number {
  const cores = availableParallelism();
  return blsBackendFromEnv() === 'blst' && nativeBlsAvailable() ? Math.max(1, Math.floor(cores / 4)) : cores;
}

/**
 * Starts the HTTP API for `ledger` and a timer that runs due epoch steps.
 * @returns the server; `close()` stops the timer and the listener (not the ledger)
 */
export async function startChainServer(init: ChainServerInit): Promise<ChainServer> {
  // Certificates checked on the main thread (no pool, or a pool that failed) use the same backend.
  void enableNodeBls();
  const workers = init.blsWorkers ?? defaultBlsWorkers();
  const pool = workers > 0 ? new BlsVerifierPool({ size: workers }) : undefined;
  const app = buildChainApp(init, pool);
  const timer = setInterval(() => {
    try {
      init.ledger.tick();
    } catch {
      // A failed epoch step (e.g. no staked node) is retried on the next tick.
    }
  }, init.tickIntervalMs ?? 250);
  timer.unref();
  await app.listen({ host: init.host ?? '127.0.0.1', port: init.port ?? 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : init.port;
  const host = init.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    fastify: app,
    async close() {
      clearInterval(timer);
      await app.close();
      await pool?.close();
    },
  };
}
