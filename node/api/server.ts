/**
 * The storage node's HTTP API (fastify) at Walrus's routes (shared/api/storage-node.ts), so a Walrus client
 * pointed at the node works: BCS bodies as `application/octet-stream`, JSON success envelopes
 * `{"success":{"code","data"}}`, AIP-193 error envelopes, per-route body limits, permissive CORS,
 * `/v1/health` and Prometheus `/metrics`. Every route is a thin adapter over the {@link StorageService}
 * (the same operations the libp2p protocols serve).
 *
 * @example
 * ```ts
 * const api = new ApiServer({ service, committee, logger, register }, { host: '127.0.0.1', port: 0 })
 * await api.start()
 * await fetch(`${api.url}/v1/blobs/${blobId}/status`)
 * await api.stop()
 * ```
 * @see spec §4
 */
import cors from '@fastify/cors';
import type { ComponentLogger, Logger, Startable } from '@libp2p/interface';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { errorEnvelope, successEnvelope, type StatusName } from '../../shared/api/status.ts';
import {
  isSliverType,
  STORAGE_NODE_ROUTES,
  toRouterPath,
  type SignedMessageJson,
  type SliverType,
} from '../../shared/api/storage-node.ts';
import type { SignedMessage } from '../../shared/bcs/messages.ts';
import { blobIdFromString } from '../../shared/encoding/blob-id.ts';
import { WalrusTsError } from '../../shared/errors.ts';
import type { NodeMetrics, NodeOperation } from '../metrics/metrics.ts';
import { effectiveLimits, type StorageHandlerLimits } from '../service/handlers/index.ts';
import type { CommitteeTracker } from '../service/committee/tracker.ts';
import { MalformedRequestError, StorageServiceError } from '../service/errors.ts';
import type { RecoverySymbolsQuery, StorageService, StoreOutcomeName } from '../service/storage-service.ts';

/** Dependencies of the API server. */
export interface ApiServerComponents {
  service: StorageService;
  committee: Pick<CommitteeTracker, 'nShards' | 'maxSliverBytes'>;
  logger: ComponentLogger;
  metrics?: NodeMetrics;
  /** Registry served at `/metrics`; without it the route answers 404. */
  register?: Registry;
}

/** Options of the API server. */
export interface ApiServerInit {
  /** Bind host. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 picks a free one. @default 9185 */
  port?: number;
  /** Body limits (the committee's sizes cap them). */
  limits: Pick<StorageHandlerLimits, 'maxSliverBytes' | 'maxMetadataBytes' | 'maxBatchBytes'>;
  /** Extra routes registered on the app while it is built (e.g. node/challenge/api.ts). @default [] */
  routes?: readonly ((app: FastifyInstance) => void)[];
}

const OCTET = 'application/octet-stream';

function blobIdParam(text: string): Uint8Array {
  try {
    return blobIdFromString(text);
  } catch (err) {
    throw new MalformedRequestError(`invalid blob ID ${JSON.stringify(text).slice(0, 80)}`, { cause: err });
  }
}

function sliverTypeParam(text: string, what = 'sliver type'): SliverType {
  if (!isSliverType(text))
    throw new MalformedRequestError(
      `${what} must be primary or secondary, got ${JSON.stringify(text).slice(0, 40)}`,
    );
  return text;
}

function u16Param(text: unknown, what: string): number {
  if (typeof text !== 'string' || !/^\d{1,5}$/.test(text) || Number(text) > 0xffff) {
    throw new MalformedRequestError(`${what} must be a u16, got ${JSON.stringify(text)?.slice(0, 40)}`);
  }
  return Number(text);
}

function list(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function boolParam(v: unknown): boolean {
  return v === 'true' || v === '1' || v === '';
}

function bodyBytes(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new MalformedRequestError('the request needs a binary body (application/octet-stream)');
}

function signedJson(s: SignedMessage): SignedMessageJson {
  return {
    serializedMessage: Buffer.from(s.serializedMessage).toString('base64'),
    signature: Buffer.from(s.signature).toString('base64'),
  };
}

const PUT_CODES: Record<StoreOutcomeName, number> = { stored: 201, buffered: 202, alreadyStored: 200 };

const ROUTE_OPERATIONS: Record<string, NodeOperation> = {
  [`GET ${STORAGE_NODE_ROUTES.metadata}`]: 'getMetadata',
  [`PUT ${STORAGE_NODE_ROUTES.metadata}`]: 'putMetadata',
  [`GET ${STORAGE_NODE_ROUTES.metadataStatus}`]: 'metadataStatus',
  [`GET ${STORAGE_NODE_ROUTES.sliver}`]: 'getSlivers',
  [`PUT ${STORAGE_NODE_ROUTES.sliver}`]: 'putSlivers',
  [`GET ${STORAGE_NODE_ROUTES.sliverStatus}`]: 'sliverStatus',
  [`GET ${STORAGE_NODE_ROUTES.permanentConfirmation}`]: 'getConfirmation',
  [`GET ${STORAGE_NODE_ROUTES.deletableConfirmation}`]: 'getConfirmation',
  [`GET ${STORAGE_NODE_ROUTES.recoverySymbols}`]: 'getRecoverySymbols',
  [`GET ${STORAGE_NODE_ROUTES.decodingSymbols}`]: 'getDecodingSymbols',
  [`POST ${STORAGE_NODE_ROUTES.inconsistencyProof}`]: 'postInconsistencyProof',
  [`GET ${STORAGE_NODE_ROUTES.blobStatus}`]: 'getBlobStatus',
  [`GET ${STORAGE_NODE_ROUTES.health}`]: 'getHealth',
  [`POST ${STORAGE_NODE_ROUTES.syncShard}`]: 'syncShard',
};

function sendError(
  reply: FastifyReply,
  status: StatusName,
  message: string,
  reason: string,
  httpCode?: number,
): void {
  const env = errorEnvelope(status, message, reason);
  if (httpCode !== undefined) env.error.code = httpCode;
  void reply.code(env.error.code).type('application/json').send(env);
}

type Params = Record<string, string>;
type Query = Record<string, unknown>;

/** The HTTP API server. */
export class ApiServer implements Startable {
  readonly #c: ApiServerComponents;
  readonly #init: ApiServerInit;
  readonly #log: Logger;
  #app: FastifyInstance | undefined;
  #url: string | undefined;

  constructor(components: ApiServerComponents, init: ApiServerInit) {
    this.#c = components;
    this.#init = init;
    this.#log = components.logger.forComponent('walrus-ts:api:server');
  }

  readonly [Symbol.toStringTag] = 'walrus-ts/api-server';

  /** `http://host:port` once started. */
  get url(): string {
    if (!this.#url) throw new Error('the API server is not started');
    return this.#url;
  }

  /** The fastify instance (for tests and extensions), once started. */
  get app(): FastifyInstance | undefined {
    return this.#app;
  }

  async start(): Promise<void> {
    if (this.#app) return;
    const app = this.#build();
    await app.listen({ host: this.#init.host ?? '127.0.0.1', port: this.#init.port ?? 9185 });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : (this.#init.port ?? 9185);
    const host = this.#init.host ?? '127.0.0.1';
    this.#url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    this.#app = app;
    this.#log('listening on %s', this.#url);
  }

  async stop(): Promise<void> {
    const app = this.#app;
    this.#app = undefined;
    this.#url = undefined;
    await app?.close();
  }

  #build(): FastifyInstance {
    const { service, metrics } = this.#c;
    const limits = effectiveLimits(
      { maxHeaderBytes: 0, maxStreamsPerPeer: 1, idleTimeoutMs: 1, readTimeoutMs: 1, ...this.#init.limits },
      this.#c.committee,
    );
    const app = Fastify({ logger: false, bodyLimit: limits.sliver + 1024, forceCloseConnections: true });
    void app.register(cors, { origin: '*', methods: ['GET', 'PUT', 'POST', 'OPTIONS'], allowedHeaders: '*' });
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    const timers = new WeakMap<FastifyRequest, () => void>();
    app.addHook('onRequest', async (req) => {
      const op = ROUTE_OPERATIONS[`${req.method} ${req.routeOptions.url?.replace(/:(\w+)/g, '{$1}')}`];
      if (op && metrics)
        timers.set(req, metrics.requestDuration.startTimer({ operation: op, transport: 'http' }));
    });
    app.addHook('onResponse', async (req, reply) => {
      const op = ROUTE_OPERATIONS[`${req.method} ${req.routeOptions.url?.replace(/:(\w+)/g, '{$1}')}`];
      if (!op || !metrics) return;
      timers.get(req)?.();
      metrics.requests.inc({
        operation: op,
        transport: 'http',
        outcome: reply.statusCode < 400 ? 'ok' : String(reply.statusCode),
      });
    });

    app.setErrorHandler((err: unknown, _req, reply) => {
      if (err instanceof StorageServiceError)
        return sendError(reply, err.httpStatus, err.message, err.reason);
      const e = err as { code?: string; statusCode?: number; message?: string };
      if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return sendError(
          reply,
          'SIZE_EXCEEDED',
          e.message ?? 'request body too large',
          'BODY_TOO_LARGE',
          413,
        );
      }
      if (err instanceof WalrusTsError) return sendError(reply, 'INVALID_ARGUMENT', err.message, err.code);
      if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
        return sendError(
          reply,
          'INVALID_ARGUMENT',
          e.message ?? 'bad request',
          e.code ?? 'BAD_REQUEST',
          e.statusCode,
        );
      }
      this.#log.error('HTTP handler failed - %e', err);
      return sendError(reply, 'INTERNAL', 'internal error', 'INTERNAL');
    });
    app.setNotFoundHandler((req, reply) =>
      sendError(reply, 'NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`, 'ROUTE_NOT_FOUND'),
    );

    const r = (t: string): string => toRouterPath(t);
    const R = STORAGE_NODE_ROUTES;

    app.get(r(R.apiDocs), async () => successEnvelope({ routes: R }));

    app.get<{ Params: Params }>(r(R.metadata), async (req, reply) => {
      const body = service.getMetadata(blobIdParam(req.params.blob_id));
      return reply.type(OCTET).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    });
    app.put<{ Params: Params; Querystring: Query }>(
      r(R.metadata),
      { bodyLimit: limits.metadata },
      async (req, reply) => {
        const outcome = service.putMetadata(blobIdParam(req.params.blob_id), bodyBytes(req.body), {
          pending: boolParam(req.query.pending),
        });
        const msg = {
          stored: 'metadata successfully stored',
          buffered: 'metadata buffered pending registration',
          alreadyStored: 'metadata already stored',
        }[outcome];
        return reply.code(PUT_CODES[outcome]).send(successEnvelope(msg, PUT_CODES[outcome]));
      },
    );
    app.get<{ Params: Params }>(r(R.metadataStatus), async (req) =>
      successEnvelope(service.metadataStatus(blobIdParam(req.params.blob_id))),
    );

    app.get<{ Params: Params }>(r(R.sliver), async (req, reply) => {
      const blobId = blobIdParam(req.params.blob_id);
      const ref = {
        pairIndex: u16Param(req.params.sliver_pair_index, 'sliver pair index'),
        sliverType: sliverTypeParam(req.params.sliver_type),
      };
      const [data] = await service.getSlivers(blobId, [ref]);
      if (!data) return sendError(reply, 'NOT_FOUND', 'sliver not found', 'SLIVER_NOT_FOUND');
      return reply.type(OCTET).send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    });
    app.put<{ Params: Params; Querystring: Query }>(
      r(R.sliver),
      { bodyLimit: limits.sliver },
      async (req, reply) => {
        const [outcome] = await service.storeSlivers(
          blobIdParam(req.params.blob_id),
          [
            {
              pairIndex: u16Param(req.params.sliver_pair_index, 'sliver pair index'),
              sliverType: sliverTypeParam(req.params.sliver_type),
              data: bodyBytes(req.body),
            },
          ],
          { pending: boolParam(req.query.pending) },
        );
        const msg = {
          stored: 'sliver stored successfully',
          buffered: 'sliver buffered pending registration',
          alreadyStored: 'sliver already stored',
        }[outcome];
        return reply.code(PUT_CODES[outcome]).send(successEnvelope(msg, PUT_CODES[outcome]));
      },
    );
    app.get<{ Params: Params }>(r(R.sliverStatus), async (req) =>
      successEnvelope(
        service.sliverStatus(blobIdParam(req.params.blob_id), {
          pairIndex: u16Param(req.params.sliver_pair_index, 'sliver pair index'),
          sliverType: sliverTypeParam(req.params.sliver_type),
        }),
      ),
    );

    const confirmation = async (
      blobIdText: string,
      objectIdText: string | undefined,
      query: Query,
      signal: AbortSignal,
    ): Promise<unknown> => {
      let persistence;
      if (objectIdText === undefined) persistence = { kind: 'permanent' } as const;
      else {
        if (!/^0x[0-9a-fA-F]{1,64}$/.test(objectIdText))
          throw new MalformedRequestError('object ID must be 0x + hex');
        const objectId = Uint8Array.from(Buffer.from(objectIdText.slice(2).padStart(64, '0'), 'hex'));
        persistence = { kind: 'deletable', objectId } as const;
      }
      const wait = boolParam(query.wait_for_registration)
        ? query.wait_millis !== undefined
          ? Number(query.wait_millis)
          : Number.MAX_SAFE_INTEGER
        : 0;
      if (!Number.isFinite(wait) || wait < 0)
        throw new MalformedRequestError('wait_millis must be a non-negative integer');
      const signed = await service.getConfirmation(blobIdParam(blobIdText), persistence, {
        waitForRegistrationMs: wait,
        signal,
      });
      return successEnvelope({ signed: signedJson(signed) });
    };
    const abortOnClose = (req: FastifyRequest): AbortSignal => {
      const ac = new AbortController();
      req.raw.once('close', () => ac.abort());
      return ac.signal;
    };
    app.get<{ Params: Params; Querystring: Query }>(r(R.permanentConfirmation), async (req) =>
      confirmation(req.params.blob_id, undefined, req.query, abortOnClose(req)),
    );
    app.get<{ Params: Params; Querystring: Query }>(r(R.deletableConfirmation), async (req) =>
      confirmation(req.params.blob_id, req.params.object_id, req.query, abortOnClose(req)),
    );

    app.get<{ Params: Params; Querystring: Query }>(r(R.recoverySymbols), async (req, reply) => {
      const blobId = blobIdParam(req.params.blob_id);
      const q = req.query;
      const proofAxis =
        q.proofAxis !== undefined ? sliverTypeParam(String(q.proofAxis), 'proofAxis') : undefined;
      let query: RecoverySymbolsQuery;
      const ids = list(q.id);
      if (ids.length > 0) {
        query = {
          kind: 'byId',
          ids: ids.map((id) => {
            const m = /^(\d{1,5})-(\d{1,5})$/.exec(id);
            if (!m)
              throw new MalformedRequestError(
                `symbol id must be "row-column", got ${JSON.stringify(id).slice(0, 40)}`,
              );
            return { row: u16Param(m[1], 'symbol row'), column: u16Param(m[2], 'symbol column') };
          }),
        };
      } else if (q.targetSliver !== undefined && q.targetType !== undefined) {
        query = {
          kind: 'byTarget',
          targetSliver: u16Param(String(q.targetSliver), 'targetSliver'),
          targetType: sliverTypeParam(String(q.targetType), 'targetType'),
        };
      } else {
        throw new MalformedRequestError('give id=<row>-<column> (repeatable) or targetSliver and targetType');
      }
      const body = await service.getRecoverySymbols(blobId, query, proofAxis);
      return reply.type(OCTET).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    });
    app.get<{ Params: Params; Querystring: Query }>(r(R.decodingSymbols), async (req, reply) => {
      const blobId = blobIdParam(req.params.blob_id);
      const targets = list(req.query.targetSlivers).map((t) => u16Param(t, 'targetSlivers'));
      const type = sliverTypeParam(String(req.query.targetType), 'targetType');
      const body = await service.getDecodingSymbols(blobId, targets, type);
      return reply.type(OCTET).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    });

    app.post<{ Params: Params }>(r(R.inconsistencyProof), async (req) => {
      const signed = service.postInconsistencyProof(
        blobIdParam(req.params.blob_id),
        sliverTypeParam(req.params.sliver_type),
        bodyBytes(req.body),
      );
      return successEnvelope(signedJson(signed));
    });

    app.get<{ Params: Params }>(r(R.blobStatus), async (req) =>
      successEnvelope(service.blobStatus(blobIdParam(req.params.blob_id))),
    );
    app.get<{ Querystring: Query }>(r(R.health), async (req) =>
      successEnvelope(service.health(boolParam(req.query.detailed))),
    );
    app.post(r(R.syncShard), { bodyLimit: 64 * 1024 }, async (req, reply) => {
      const body = service.syncShard(bodyBytes(req.body));
      return reply.type(OCTET).send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    });
    app.get(r(R.metrics), async (_req, reply) => {
      const register = this.#c.register;
      if (!register) return sendError(reply, 'NOT_FOUND', 'metrics are disabled', 'METRICS_DISABLED');
      return reply.type(register.contentType).send(await register.metrics());
    });
    for (const add of this.#init.routes ?? []) add(app);
    return app;
  }
}
