/**
 * Errors of `walrus-ts blob-id`.
 */
import { InvalidArgumentError } from '../../../../shared/errors.ts';
import { EXIT_BAD_INPUT } from '../../output.ts';

/** The file to compute a blob ID for does not exist or is not a regular file. */
export class BlobFileNotFoundError extends InvalidArgumentError {
  static readonly name = 'BlobFileNotFoundError';
  /** Exit code the CLI uses (bad input). */
  readonly exitCode = EXIT_BAD_INPUT;
  constructor(path: string, reason: string) {
    super(`cannot read '${path}': ${reason}`, 'CLI_FILE_NOT_FOUND');
  }
}
