/**
 * report_challenge_failure on the embedded chain: a quorum certificate over the challenge-failure message
 * of the current epoch emits NodeChallengeFailed once per node and epoch; anything less is refused and
 * leaves the ledger unchanged. The HTTP client rebuilds the typed duplicate error.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  ChallengeAlreadyReportedError,
  InvalidCertificateError,
  InvalidMessageError,
  QuorumNotReachedError,
  WrongEpochError,
  chainErrorFromCode,
} from '../../../../../node/chain/errors.ts';
import type { InProcessChainClient } from '../../../../../node/chain/embedded/in-process-client.ts';
import type { Ledger } from '../../../../../node/chain/embedded/ledger.ts';
import type { Committee } from '../../../../../node/chain/types.ts';
import { encodeInvalidBlobIdMessage } from '../../../../../shared/bcs/messages.ts';
import { encodeChallengeFailureMessage, nodeIdToBytes } from '../../../../../shared/protocol/challenge.ts';
import { certify, createChain, snapshot, type TestNode } from './fixtures.ts';

describe('report_challenge_failure', () => {
  let ledger: Ledger;
  let nodes: TestNode[];
  let user: InProcessChainClient;
  let committee: Committee;

  beforeEach(async () => {
    ({ ledger, nodes, user } = await createChain());
    committee = (await user.systemState()).committee;
  });

  /** The test nodes other than the one owning `nodeId`, heaviest first. */
  const others = (nodeId: string) =>
    nodes
      .filter((n) => n.nodeId !== nodeId)
      .sort(
        (a, b) =>
          committee.members.find((m) => m.nodeId === b.nodeId)!.weight -
          committee.members.find((m) => m.nodeId === a.nodeId)!.weight,
      );

  it('emits NodeChallengeFailed for a quorum certificate, once per node and epoch', async () => {
    const target = committee.members[0].nodeId;
    const msg = encodeChallengeFailureMessage(1, nodeIdToBytes(target));
    const signers = others(target);
    const r = await user.reportChallengeFailure({ certificate: certify(committee, nodes, signers, msg) });
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ type: 'NodeChallengeFailed', epoch: 1, nodeId: target });
    const tx = await user.getTransaction(r.digest);
    expect(tx.kind).toBe('report_challenge_failure');
    expect(tx.certificate?.serializedMessage).toEqual(msg);

    const before = snapshot(ledger);
    await expect(
      user.reportChallengeFailure({ certificate: certify(committee, nodes, signers, msg) }),
    ).rejects.toBeInstanceOf(ChallengeAlreadyReportedError);
    expect(snapshot(ledger)).toBe(before);
  });

  it('refuses less than a quorum, a wrong epoch, a wrong intent, a non-member and a bad signature', async () => {
    const target = committee.members[0].nodeId;
    const signers = others(target);
    const msg = encodeChallengeFailureMessage(1, nodeIdToBytes(target));
    const before = snapshot(ledger);
    // One verifier of weight <= 3 of 10 shards is no quorum (3w >= 21 needs w >= 7).
    await expect(
      user.reportChallengeFailure({ certificate: certify(committee, nodes, signers.slice(0, 1), msg) }),
    ).rejects.toBeInstanceOf(QuorumNotReachedError);
    await expect(
      user.reportChallengeFailure({
        certificate: certify(
          committee,
          nodes,
          signers,
          encodeChallengeFailureMessage(2, nodeIdToBytes(target)),
        ),
      }),
    ).rejects.toBeInstanceOf(WrongEpochError);
    await expect(
      user.reportChallengeFailure({
        certificate: certify(committee, nodes, signers, encodeInvalidBlobIdMessage(1, new Uint8Array(32))),
      }),
    ).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(
      user.reportChallengeFailure({
        certificate: certify(
          committee,
          nodes,
          signers,
          encodeChallengeFailureMessage(1, new Uint8Array(32).fill(7)),
        ),
      }),
    ).rejects.toBeInstanceOf(InvalidMessageError);
    const forged = certify(committee, nodes, signers, msg);
    const other = certify(
      committee,
      nodes,
      signers,
      encodeChallengeFailureMessage(1, nodeIdToBytes(signers[0].nodeId)),
    );
    await expect(
      user.reportChallengeFailure({ certificate: { ...forged, signature: other.signature } }),
    ).rejects.toBeInstanceOf(InvalidCertificateError);
    expect(snapshot(ledger)).toBe(before);
  });

  it('has a stable error code that the HTTP client maps back to the class', () => {
    const e = chainErrorFromCode('CHAIN_CHALLENGE_ALREADY_REPORTED', 'again');
    expect(e).toBeInstanceOf(ChallengeAlreadyReportedError);
    expect(e.code).toBe('CHAIN_CHALLENGE_ALREADY_REPORTED');
  });
});
