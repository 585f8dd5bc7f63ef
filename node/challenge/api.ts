/**
 * The challenge routes of the storage node's HTTP API ({@link CHALLENGE_ROUTES}), for the explorer and
 * the CLI. JSON in the node API's success envelope `{"success":{"code","data"}}`; errors as AIP-193
 * envelopes (404 unknown node, 409 nothing to sample, 429 an on-demand challenge is already running).
 *
 * @example
 * ```ts
 * const api = new ApiServer({ ... }, { ..., routes: [challengeRoutes(challenges)] })
 * // GET /v1/challenges?epoch=3 -> { epoch, samplesPerChallenge, deadlineMs, nodes: [scorecard...] }
 * ```
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { errorEnvelope, successEnvelope, type StatusName } from '../../shared/api/status.ts';
import {
  CHALLENGE_ROUTES,
  type ChallengeNodeHistoryJson,
  type ChallengeScorecardsJson,
} from '../../shared/protocol/challenge.ts';
import { WalrusTsError } from '../../shared/errors.ts';
import type { ChallengeService } from './service.ts';
import { verdictToJson } from './service.ts';

const NODE_ID = /^0x[0-9a-f]{64}$/;

function fastifyPath(template: string): string {
  return template.replace(/\{(\w+)\}/g, ':$1');
}

function fail(reply: FastifyReply, status: StatusName, message: string, reason: string, http?: number) {
  const env = errorEnvelope(status, message, reason);
  if (http !== undefined) env.error.code = http;
  return reply.code(env.error.code).type('application/json').send(env);
}

/** Registers the challenge routes on a fastify app (the node's API server calls it while building). */
export function challengeRoutes(
  service: Pick<
    ChallengeService,
    'scorecards' | 'history' | 'challengeNode' | 'samplesPerChallenge' | 'deadlineMs'
  > & { readonly currentEpoch: number },
): (app: FastifyInstance) => void {
  return (app) => {
    app.get<{ Querystring: { epoch?: string } }>(
      fastifyPath(CHALLENGE_ROUTES.scorecards),
      async (req, reply) => {
        let epoch = service.currentEpoch;
        if (req.query.epoch !== undefined) {
          if (!/^\d{1,10}$/.test(req.query.epoch)) {
            return fail(reply, 'INVALID_ARGUMENT', 'epoch must be a non-negative integer', 'BAD_EPOCH');
          }
          epoch = Number(req.query.epoch);
        }
        const data: ChallengeScorecardsJson = {
          epoch,
          samplesPerChallenge: service.samplesPerChallenge,
          deadlineMs: service.deadlineMs,
          nodes: service.scorecards(epoch),
        };
        return reply.header('cache-control', 'no-store').send(successEnvelope(data));
      },
    );
    app.get<{ Params: { nodeId: string } }>(fastifyPath(CHALLENGE_ROUTES.node), async (req, reply) => {
      const nodeId = req.params.nodeId.toLowerCase();
      if (!NODE_ID.test(nodeId)) return fail(reply, 'INVALID_ARGUMENT', 'not a node ID', 'BAD_NODE_ID');
      const h = service.history(nodeId);
      const data: ChallengeNodeHistoryJson = { nodeId, ...h };
      return reply.header('cache-control', 'no-store').send(successEnvelope(data));
    });
    app.post<{ Params: { nodeId: string } }>(fastifyPath(CHALLENGE_ROUTES.run), async (req, reply) => {
      try {
        const v = await service.challengeNode(req.params.nodeId.toLowerCase());
        return reply.send(successEnvelope(verdictToJson(v)));
      } catch (err) {
        if (!(err instanceof WalrusTsError)) throw err;
        switch (err.code) {
          case 'CHALLENGE_UNKNOWN_TARGET':
            return fail(reply, 'NOT_FOUND', err.message, err.code);
          case 'CHALLENGE_BUSY':
            return fail(reply, 'RESOURCE_EXHAUSTED', err.message, err.code);
          case 'CHALLENGE_NOTHING_TO_SAMPLE':
          case 'CHALLENGE_NOT_A_MEMBER':
            return fail(reply, 'FAILED_PRECONDITION', err.message, err.code, 409);
          default:
            return fail(reply, 'UNAVAILABLE', err.message, err.code);
        }
      }
    });
  };
}
