/**
 * Errors of storage challenges. Each has a stable `code`, used as the metric label of failures.
 * @see ./README.md
 */
import { InvalidArgumentError, WalrusTsError } from '../../shared/errors.ts';

/** The node is not in the current committee, so it neither challenges nor signs verdicts. */
export class NotACommitteeMemberError extends WalrusTsError {
  static readonly name = 'NotACommitteeMemberError';
  constructor(message = 'this node is not a member of the current committee') {
    super(message, 'CHALLENGE_NOT_A_MEMBER');
  }
}

/** The node to challenge is not in the current committee, owns no shard, or is this node itself. */
export class UnknownChallengeTargetError extends InvalidArgumentError {
  static readonly name = 'UnknownChallengeTargetError';
  constructor(target: string) {
    super(
      `${target.slice(0, 80)} is not another member of the current committee with shards`,
      'CHALLENGE_UNKNOWN_TARGET',
    );
  }
}

/** There is no certified, unexpired blob to sample from. */
export class NothingToChallengeError extends WalrusTsError {
  static readonly name = 'NothingToChallengeError';
  constructor(message = 'no certified, unexpired blob to sample') {
    super(message, 'CHALLENGE_NOTHING_TO_SAMPLE');
  }
}

/** An on-demand challenge was asked while another one is running (one at a time per node). */
export class ChallengeBusyError extends WalrusTsError {
  static readonly name = 'ChallengeBusyError';
  constructor(message = 'an on-demand challenge is already running on this node; retry shortly') {
    super(message, 'CHALLENGE_BUSY');
  }
}

/** The challenge service is not started. */
export class ChallengeServiceStoppedError extends WalrusTsError {
  static readonly name = 'ChallengeServiceStoppedError';
  constructor(message = 'the challenge service is not running') {
    super(message, 'CHALLENGE_STOPPED');
  }
}
