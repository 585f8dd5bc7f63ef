/**
 * The publisher/aggregator daemon: Walrus's HTTP API (`walrus daemon`, `publisher`, `aggregator`) on
 * fastify, backed by a {@link WalrusClient}.
 *
 * Publisher: `PUT /v1/blobs?epochs=&permanent=&deletable=&force=&send_object_to=` with the raw blob as
 * body (limit `maxBodySize`, default 10 MiB) answers Walrus's `BlobStoreResult` JSON.
 * Aggregator: `GET /v1/blobs/{blob_id}` (one `Range: bytes=a-b` -> 206), `GET
 * /v1/blobs/by-object-id/{object_id}` (attributes as headers), `GET /v1/blobs/{blob_id}/byte-range?start=
 * &length=`; bodies are streamed in chunks, certified blobs are sent `Cache-Control: immutable` with the
 * blob ID as ETag. Both: `GET /status` ("OK"), permissive CORS, AIP-193 errors (errors.ts).
 *
 * @example
 * ```ts
 * const daemon = await startDaemon({ client }, { mode: 'daemon', port: 31415 })
 * await fetch(`${daemon.url}/v1/blobs`, { method: 'PUT', body: bytes })
 * await daemon.close()
 * ```
 * @see spec §5.3, §5.4
 * @packageDocumentation
 */
import { Readable } from 'node:stream';
import cors from '@fastify/cors';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DAEMON_ROUTES, DEFAULT_DAEMON_PORT, DEFAULT_MAX_BODY_SIZE } from '../../shared/api/daemon.ts';
import { toRouterPath } from '../../shared/api/storage-node.ts';
import { isBlobIdString } from '../../shared/encoding/blob-id.ts';
import type { ConsistencyCheck } from '../../shared/encoding/decoder.ts';
import type { WalrusClient } from '../client/client.ts';
import { toBlobStoreResult } from '../client/results.ts';
import type { ReadBlobOptions, ReadBlobResult } from '../client/types.ts';
import { sharedEncodingPool } from '../encoding/pool.ts';
import { BufferPool } from '../memory/buffer-pool.ts';
import { DaemonRequestError, toHttpError } from './errors.ts';
import { parseRangeHeader } from './range.ts';

/** Which route sets the daemon serves. */
export type DaemonMode = 'daemon' | 'publisher' | 'aggregator';

/** What the daemon needs. */
export interface DaemonComponents {
  client: Pick<WalrusClient, 'writeBlob' | 'readBlob' | 'getBlobObject'> & {
    chain: { address?: string };
  };
  /** Log of failed requests (never throws). */
  log?: (message: string) => void;
}

/** Options of the daemon. */
export interface DaemonInit {
  /** @default 'daemon' (publisher + aggregator) */
  mode?: DaemonMode;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 31415 */
  port?: number;
  /** Largest `PUT /v1/blobs` body, bytes. @default 10 MiB */
  maxBodySize?: number;
  /**
   * Accept an empty `PUT /v1/blobs` body (Walrus stores a 0-byte blob). walrus-ts refuses it with 400
   * `EMPTY_BLOB` by default: an empty upload is almost always a client mistake, and still costs a
   * registration.
   * @default false
   */
  allowEmptyBlobs?: boolean;
  /** Default `epochs` of a store. @default 1 */
  defaultEpochs?: number;
  /**
   * Blob attributes returned as response headers by `by-object-id` reads.
   * @default content-type, content-disposition, content-encoding, content-language, content-location, link
   */
  allowedHeaders?: readonly string[];
  /** Chunk size of streamed response bodies, bytes. @default 1 MiB */
  streamChunkBytes?: number;
  /**
   * Memory kept for reuse by blob reads, bytes: a read goes into a buffer a finished response gave back
   * instead of fresh memory (whose page faults cost more than the copy into it). Blobs whose buffer (a
   * power of two) is larger get fresh memory. 0 turns reuse off.
   * @default 268_435_456 (256 MiB)
   */
  readMemoryBytes?: number;
}

const DEFAULT_ALLOWED_HEADERS = [
  'content-type',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-location',
  'link',
];
/** Certified blob content never changes for a blob ID. */
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

function bool(v: unknown, name: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === 'true' || v === '') return true;
  if (v === 'false') return false;
  throw new DaemonRequestError('INVALID_ARGUMENT', 'MALFORMED_REQUEST', `${name} must be true or false`);
}

function positiveInt(v: unknown, name: string, allowZero = false): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d{1,15}$/.test(v) || (!allowZero && Number(v) === 0)) {
    throw new DaemonRequestError(
      'INVALID_ARGUMENT',
      'MALFORMED_REQUEST',
      `${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer`,
    );
  }
  return Number(v);
}

function blobIdParam(text: string): string {
  if (!isBlobIdString(text)) {
    throw new DaemonRequestError(
      'INVALID_ARGUMENT',
      'INVALID_BLOB_ID',
      `invalid blob ID ${JSON.stringify(text.slice(0, 80))}: expected 43 characters of URL-safe base64`,
    );
  }
  return text;
}

function consistencyOf(query: Record<string, unknown>): ConsistencyCheck {
  const strict = bool(query.strict_consistency_check, 'strict_consistency_check');
  const skip = bool(query.skip_consistency_check, 'skip_consistency_check');
  if (strict && skip) {
    throw new DaemonRequestError(
      'INVALID_ARGUMENT',
      'INVALID_CONSISTENCY_CHECK',
      'strict_consistency_check and skip_consistency_check cannot both be set',
    );
  }
  return strict ? 'strict' : skip ? 'skip' : 'default';
}

/** Aborts when the client goes away before the response was written. */
function disconnectSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('client disconnected'));
  });
  return controller.signal;
}

function sendError(reply: FastifyReply, err: unknown): FastifyReply {
  const { httpCode, body } = toHttpError(err);
  return reply.code(httpCode).header('cache-control', 'no-store').type('application/json').send(body);
}

/** Builds the fastify app (not listening). Use `app.inject()` in tests or {@link startDaemon}. */
export function buildDaemonApp(components: DaemonComponents, init: DaemonInit = {}): FastifyInstance {
  const mode = init.mode ?? 'daemon';
  const maxBodySize = init.maxBodySize ?? DEFAULT_MAX_BODY_SIZE;
  const chunkBytes = init.streamChunkBytes ?? 1024 * 1024;
  const allowed = new Set((init.allowedHeaders ?? DEFAULT_ALLOWED_HEADERS).map((h) => h.toLowerCase()));
  const { client } = components;
  const app = Fastify({ bodyLimit: maxBodySize, logger: false });

  void app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD', 'PUT', 'OPTIONS'],
    allowedHeaders: '*',
    exposedHeaders: ['content-range', 'content-length', 'etag', 'accept-ranges'],
    maxAge: 86_400,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBodySize }, (_req, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((err: unknown, req, reply) => {
    const { httpCode } = toHttpError(err);
    if (httpCode >= 500) components.log?.(`${req.method} ${req.url}: ${(err as Error).message}`);
    return sendError(reply, err);
  });
  app.setNotFoundHandler((req, reply) =>
    sendError(
      reply,
      new DaemonRequestError(
        'NOT_FOUND',
        'ROUTE_NOT_FOUND',
        `no route ${req.method} ${req.url.split('?')[0]}`,
      ),
    ),
  );

  app.get(DAEMON_ROUTES.status, async (_req, reply) => reply.type('text/plain').send('OK'));

  if (mode !== 'aggregator') {
    app.put(DAEMON_ROUTES.putBlob, async (req: FastifyRequest, reply) => {
      const q = req.query as Record<string, unknown>;
      const epochs = positiveInt(q.epochs, 'epochs') ?? init.defaultEpochs ?? 1;
      const permanent = bool(q.permanent, 'permanent');
      const deletableFlag = bool(q.deletable, 'deletable');
      const force = bool(q.force, 'force') ?? false;
      if (permanent && deletableFlag) {
        throw new DaemonRequestError(
          'INVALID_ARGUMENT',
          'INVALID_BLOB_PERSISTENCE',
          'a blob cannot be both permanent and deletable',
        );
      }
      const to = q.send_object_to;
      if (to !== undefined) {
        if (typeof to !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(to)) {
          throw new DaemonRequestError(
            'INVALID_ARGUMENT',
            'MALFORMED_REQUEST',
            'send_object_to must be a Sui address',
          );
        }
        const own = client.chain.address;
        const normalized = '0x' + to.slice(2).toLowerCase().padStart(64, '0');
        if (normalized !== own) {
          throw new DaemonRequestError(
            'INVALID_ARGUMENT',
            'UNSUPPORTED',
            'send_object_to other than the publisher address is not supported by this chain',
          );
        }
      }
      const body = req.body;
      const bytes = body instanceof Uint8Array ? body : new Uint8Array(0);
      if (bytes.length === 0 && !init.allowEmptyBlobs) {
        throw new DaemonRequestError(
          'INVALID_ARGUMENT',
          'EMPTY_BLOB',
          'the request body is empty: nothing to store',
        );
      }
      const result = await client.writeBlob(bytes, {
        epochs,
        deletable: !permanent,
        force,
        signal: disconnectSignal(reply),
        // Answer at certification (the point of availability); the remaining nodes get their slivers in
        // the background instead of holding the response for up to the tail timeout.
        tailHandling: 'detached',
      });
      if (result.kind === 'markedInvalid') {
        throw new DaemonRequestError(
          'INTERNAL',
          'INTERNAL_ERROR',
          `the blob ${result.blobId} was marked invalid, which is likely a system error, please report it`,
        );
      }
      return reply.code(200).send(toBlobStoreResult(result));
    });
  }

  if (mode !== 'publisher') {
    const readMemoryBytes = init.readMemoryBytes ?? 256 * 1024 * 1024;
    const memory =
      readMemoryBytes > 0
        ? new BufferPool({ maxIdleBytes: readMemoryBytes, maxPooledBytes: readMemoryBytes })
        : undefined;
    /** Reads a blob into reused memory, which goes back to the pool once `reply` has closed. */
    const readBlob = async (
      reply: FastifyReply,
      blobId: string,
      options: ReadBlobOptions,
    ): Promise<ReadBlobResult> => {
      const read = await client.readBlob(blobId, { ...options, memory, signal: disconnectSignal(reply) });
      // 'close' follows the last byte handed to the socket, or an abort (no byte is written after it)
      if (memory) reply.raw.once('close', () => memory.give(read.data));
      return read;
    };
    const stream = (reply: FastifyReply, data: Uint8Array): FastifyReply => {
      function* chunks(): Generator<Uint8Array> {
        for (let o = 0; o < data.length; o += chunkBytes) yield data.subarray(o, o + chunkBytes);
      }
      reply.header('content-length', String(data.length));
      return reply.send(Readable.from(chunks(), { objectMode: false }));
    };
    const blobHeaders = (req: FastifyRequest, reply: FastifyReply, etag: string): void => {
      reply.header('x-content-type-options', 'nosniff');
      reply.header('cache-control', IMMUTABLE_CACHE);
      reply.header('etag', `"${etag}"`);
      reply.header('accept-ranges', 'bytes');
      const accept = req.headers.accept;
      reply.type(accept && !accept.includes('*') ? accept : 'application/octet-stream');
    };
    const notModified = (req: FastifyRequest, etag: string): boolean => {
      const inm = req.headers['if-none-match'];
      return (
        typeof inm === 'string' && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === `"${etag}"`)
      );
    };

    const serveBlob = async (
      req: FastifyRequest,
      reply: FastifyReply,
      blobId: string,
      extraHeaders: Record<string, string> = {},
    ): Promise<FastifyReply> => {
      const consistencyCheck = consistencyOf(req.query as Record<string, unknown>);
      const rangeHeader = req.headers.range;
      const range = typeof rangeHeader === 'string' ? parseRangeHeader(rangeHeader) : undefined;
      if (!range && notModified(req, blobId)) {
        blobHeaders(req, reply, blobId);
        return reply.code(304).send();
      }
      const read = await readBlob(reply, blobId, { consistencyCheck });
      blobHeaders(req, reply, blobId);
      // Blob attributes (by-object-id reads) override the defaults, content type included.
      for (const [k, v] of Object.entries(extraHeaders)) reply.header(k, v);
      const size = read.data.length;
      if (!range) return stream(reply.code(200), read.data);
      if (range.start >= size) {
        reply.header('content-range', `bytes */${size}`);
        throw new DaemonRequestError(
          'RANGE_NOT_SATISFIABLE',
          'INVALID_BYTE_RANGE',
          `range starts at ${range.start} but the blob has ${size} bytes`,
        );
      }
      const end = Math.min(range.end, size - 1);
      reply.header('content-range', `bytes ${range.start}-${end}/${size}`);
      return stream(reply.code(206), read.data.subarray(range.start, end + 1));
    };

    app.get(toRouterPath(DAEMON_ROUTES.getBlobByObjectId), async (req, reply) => {
      const { object_id: objectId } = req.params as { object_id: string };
      if (!/^0x[0-9a-fA-F]{1,64}$/.test(objectId)) {
        throw new DaemonRequestError(
          'INVALID_ARGUMENT',
          'INVALID_OBJECT_ID',
          `invalid object ID ${JSON.stringify(objectId.slice(0, 80))}`,
        );
      }
      const normalized = '0x' + objectId.slice(2).toLowerCase().padStart(64, '0');
      const blob = await client.getBlobObject(normalized);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(blob.attributes)) {
        const key = k.toLowerCase();
        if (allowed.has(key) && /^[\t\x20-\x7e]*$/.test(v)) headers[key] = v;
      }
      return serveBlob(req, reply, blob.blobId, headers);
    });

    app.get(toRouterPath(DAEMON_ROUTES.getBlobByteRange), async (req, reply) => {
      const { blob_id: raw } = req.params as { blob_id: string };
      const blobId = blobIdParam(raw);
      const q = req.query as Record<string, unknown>;
      const start = positiveInt(q.start, 'start', true);
      const length = positiveInt(q.length, 'length', true);
      if (start === undefined || length === undefined) {
        throw new DaemonRequestError(
          'INVALID_ARGUMENT',
          'MALFORMED_REQUEST',
          'start and length are required',
        );
      }
      if (length === 0) {
        throw new DaemonRequestError(
          'RANGE_NOT_SATISFIABLE',
          'INVALID_BYTE_RANGE',
          'length must be greater than 0',
        );
      }
      const read = await readBlob(reply, blobId, {});
      const size = read.data.length;
      if (start >= size) {
        throw new DaemonRequestError(
          'RANGE_NOT_SATISFIABLE',
          'INVALID_BYTE_RANGE',
          `range starts at ${start} but the blob has ${size} bytes`,
        );
      }
      blobHeaders(req, reply, `${blobId}-${start}-${length}`);
      // 200, not 206, so CDNs cache it (as Walrus does).
      return stream(reply.code(200), read.data.subarray(start, Math.min(size, start + length)));
    });

    app.get(toRouterPath(DAEMON_ROUTES.getBlob), async (req, reply) => {
      const { blob_id: raw } = req.params as { blob_id: string };
      return serveBlob(req, reply, blobIdParam(raw));
    });
  }
  return app;
}

/** A listening daemon. */
export interface RunningDaemon {
  app: FastifyInstance;
  /** `http://host:port`. */
  url: string;
  close(): Promise<void>;
}

/** Builds the app and starts listening. */
export async function startDaemon(
  components: DaemonComponents,
  init: DaemonInit = {},
): Promise<RunningDaemon> {
  // Boot the codec workers (the Node client's codec runs on this process-wide pool) now rather than inside
  // the first PUT or GET: each worker loads its modules and WASM kernels, 0.3-1.9 s of CPU on a loaded box.
  sharedEncodingPool();
  const app = buildDaemonApp(components, init);
  const host = init.host ?? '127.0.0.1';
  await app.listen({ host, port: init.port ?? DEFAULT_DAEMON_PORT });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (init.port ?? DEFAULT_DAEMON_PORT);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    app,
    url: `http://${shownHost}:${port}`,
    async close() {
      await app.close();
    },
  };
}
