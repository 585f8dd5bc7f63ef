/**
 * Errors of `walrus-ts challenge`.
 */
import { InvalidArgumentError, WalrusTsError } from '../../../../shared/errors.ts';

/** The node named on the command line is not in the current committee. */
export class UnknownNodeError extends InvalidArgumentError {
  static readonly name = 'UnknownNodeError';
  constructor(node: string) {
    super(
      `no committee member with node ID, peer ID or name ${JSON.stringify(node).slice(0, 80)}`,
      'CLI_UNKNOWN_NODE',
    );
  }
}

/** No other committee member announces an HTTP API to run the challenge (pass --via). */
export class NoVerifierError extends WalrusTsError {
  static readonly name = 'NoVerifierError';
  constructor(message = 'no other committee member announces an HTTP API; pass --via <url>') {
    super(message, 'CLI_NO_VERIFIER');
  }
}

/** The verifier node refused or failed to run the challenge. */
export class ChallengeRequestError extends WalrusTsError {
  static readonly name = 'ChallengeRequestError';
  readonly httpStatus: number;
  constructor(httpStatus: number, message: string, code = 'CLI_CHALLENGE_FAILED') {
    super(message, code);
    this.httpStatus = httpStatus;
  }
}
