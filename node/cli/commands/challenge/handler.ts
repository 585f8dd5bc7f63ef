/**
 * `walrus-ts challenge <node>`: asks a storage node (the verifier: `--via`, or another committee member
 * that announces an HTTP API) to challenge `<node>` now, and prints the signed verdict it gossiped.
 * The verifier draws 459 samples from fresh randomness, checks every symbol's Merkle proof against its
 * metadata and judges passed / failed / late / unreachable (node/challenge/README.md).
 */
import type { ChainReader, CommitteeMember } from '../../../chain/types.ts';
import { nodeHttpUrl } from '../../../client/transport/endpoints.ts';
import { CHALLENGE_ROUTES, type ChallengeVerdictJson } from '../../../../shared/protocol/challenge.ts';
import { ChallengeRequestError, NoVerifierError, UnknownNodeError } from './errors.ts';

/** Inputs of {@link runChallenge}. */
export interface RunChallengeOptions {
  chain: Pick<ChainReader, 'systemState'>;
  /** Node ID, peer ID or name of the node to challenge. */
  node: string;
  /** HTTP API of the verifier node. @default another committee member's announced API */
  via?: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** What {@link runChallenge} returns. */
export interface ChallengeRun {
  target: CommitteeMember;
  /** The verifier's API URL. */
  via: string;
  verdict: ChallengeVerdictJson;
}

/**
 * Finds the target in the current committee, picks a verifier and runs the challenge there.
 * @throws UnknownNodeError, NoVerifierError, ChallengeRequestError (the verifier's error code and message)
 */
export async function runChallenge(opts: RunChallengeOptions): Promise<ChallengeRun> {
  const state = await opts.chain.systemState({ signal: opts.signal });
  const members = state.committee.members;
  const target = members.find(
    (m) => m.nodeId === opts.node.toLowerCase() || m.peerId === opts.node || m.name === opts.node,
  );
  if (!target) throw new UnknownNodeError(opts.node);
  let via = opts.via?.replace(/\/+$/, '');
  if (!via) {
    for (const m of members) {
      const url = m.nodeId !== target.nodeId ? nodeHttpUrl(m) : undefined;
      if (url) {
        via = url;
        break;
      }
    }
  }
  if (!via) throw new NoVerifierError();
  const f = opts.fetch ?? fetch;
  const res = await f(`${via}${CHALLENGE_ROUTES.run.replace('{nodeId}', target.nodeId)}`, {
    method: 'POST',
    signal: opts.signal,
  });
  const body = (await res.json().catch(() => undefined)) as
    | {
        success?: { data: ChallengeVerdictJson };
        error?: { message?: string; details?: { reason?: string }[] };
      }
    | undefined;
  if (!res.ok || !body?.success) {
    const reason = body?.error?.details?.find((d) => d.reason)?.reason;
    throw new ChallengeRequestError(
      res.status,
      `${via} could not run the challenge: ${body?.error?.message ?? `HTTP ${res.status}`}`,
      reason,
    );
  }
  return { target, via, verdict: body.success.data };
}

/** One line per fact, for humans. */
export function formatChallengeRun(run: ChallengeRun): string {
  const v = run.verdict;
  const lines = [
    `verdict:  ${v.outcome.toUpperCase()}`,
    `node:     ${run.target.name} (${v.target})`,
    `verifier: ${v.verifier} via ${run.via}`,
    `epoch:    ${v.epoch}`,
    `samples:  ${v.samples} (${v.passed} passed, ${v.failed} failed)`,
    `latency:  ${v.latencyMs} ms`,
    `signed:   ${v.attested ? 'BLS failure attestation + gossip signature' : 'gossip signature (libp2p key)'}`,
  ];
  for (const s of v.failedSamples.slice(0, 10)) {
    lines.push(`  failed: blob ${s.blobId} ${s.axis} sliver ${s.sliverIndex} symbol ${s.position}`);
  }
  return lines.join('\n');
}
