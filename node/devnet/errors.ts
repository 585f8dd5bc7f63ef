/**
 * Errors of the local devnet (node/devnet): one class per condition, each with a stable `code`.
 */
import { InvalidArgumentError, WalrusTsError } from '../../shared/errors.ts';

/** A devnet option is out of range or inconsistent (`--nodes 0`, `--shards 3`, …). */
export class InvalidDevnetOptionError extends InvalidArgumentError {
  static readonly name = 'InvalidDevnetOptionError';
  constructor(message: string) {
    super(message, 'DEVNET_INVALID_OPTION');
  }
  /** CLI exit code: bad input. */
  readonly exitCode = 2;
}

/**
 * The data directory holds a devnet created with other parameters (node count, shards, epoch length or
 * ports) than the ones given now. Start it with its own parameters, or pass `--fresh`.
 */
export class DevnetMismatchError extends InvalidArgumentError {
  static readonly name = 'DevnetMismatchError';
  constructor(message: string) {
    super(message, 'DEVNET_MISMATCH');
  }
  /** CLI exit code: bad input. */
  readonly exitCode = 2;
}

/** Another devnet process is already running on this data directory. */
export class DevnetAlreadyRunningError extends WalrusTsError {
  static readonly name = 'DevnetAlreadyRunningError';
  readonly pid: number;
  constructor(dataDir: string, pid: number) {
    super(
      `a devnet (pid ${pid}) is already running on ${dataDir}; stop it first (Ctrl-C or kill ${pid})`,
      'DEVNET_ALREADY_RUNNING',
    );
    this.pid = pid;
  }
}

/** A port the devnet needs is taken by another program. */
export class PortInUseError extends WalrusTsError {
  static readonly name = 'PortInUseError';
  readonly port: number;
  constructor(port: number, what: string) {
    super(
      `port ${port} (${what}) is already in use; stop the program using it or pick other ports with --base-port`,
      'DEVNET_PORT_IN_USE',
    );
    this.port = port;
  }
}

/** A devnet process exited while the devnet was starting. */
export class DevnetProcessExitedError extends WalrusTsError {
  static readonly name = 'DevnetProcessExitedError';
  readonly process: string;
  constructor(name: string, how: string, logFile: string, tail: string) {
    super(
      `${name} exited during startup (${how}); its log is ${logFile}${tail ? `; last lines:\n${tail}` : ''}`,
      'DEVNET_PROCESS_EXITED',
    );
    this.process = name;
  }
}

/** A readiness condition did not hold within its deadline. */
export class DevnetTimeoutError extends WalrusTsError {
  static readonly name = 'DevnetTimeoutError';
  constructor(what: string, timeoutMs: number, lastProblem?: string) {
    super(
      `timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${lastProblem ? ` (last check: ${lastProblem})` : ''}`,
      'DEVNET_TIMEOUT',
    );
  }
}

/** The explorer build (`vite build`) failed. */
export class ExplorerBuildError extends WalrusTsError {
  static readonly name = 'ExplorerBuildError';
  constructor(logFile: string, tail: string) {
    super(`building the explorer failed; see ${logFile}${tail ? `:\n${tail}` : ''}`, 'DEVNET_EXPLORER_BUILD');
  }
}

/** `devnet status` found no devnet in the data directory. */
export class DevnetNotFoundError extends InvalidArgumentError {
  static readonly name = 'DevnetNotFoundError';
  constructor(dataDir: string) {
    super(`no devnet in ${dataDir} (start one with: npm start)`, 'DEVNET_NOT_FOUND');
  }
  /** CLI exit code: bad input. */
  readonly exitCode = 2;
}
