/**
 * Errors of node configuration loading. Every error names the field (dotted path such as `api.port`) and
 * where the bad value came from (`file <path>`, `env WALRUS_TS_API_PORT`, `flag --api.port`).
 *
 * @packageDocumentation
 */
import { WalrusTsError } from '../../shared/errors.ts';

/** Root of the config errors. These are the user's input: the CLI exits with code 2 for them. */
export class ConfigError extends WalrusTsError {
  static readonly name: string = 'ConfigError';
  /** Read by the CLI's error reporter: configuration problems are bad input. */
  readonly exitCode = 2;
  constructor(message: string, code: string, options?: ErrorOptions) {
    super(message, code, options);
  }
}

/** The config file does not exist or cannot be read. */
export class ConfigFileNotFoundError extends ConfigError {
  static readonly name = 'ConfigFileNotFoundError';
  readonly path: string;
  constructor(path: string, options?: ErrorOptions) {
    super(`config file not found: ${path}`, 'CONFIG_FILE_NOT_FOUND', options);
    this.path = path;
  }
}

/** The config file is not valid YAML (or not a mapping at the top). `line`/`col` are 1-based when known. */
export class ConfigParseError extends ConfigError {
  static readonly name = 'ConfigParseError';
  readonly path: string;
  readonly line: number | undefined;
  readonly col: number | undefined;
  constructor(path: string, why: string, line?: number, col?: number, options?: ErrorOptions) {
    super(
      `cannot parse config ${path}${line !== undefined ? `:${line}:${col ?? 1}` : ''}: ${why}`,
      'CONFIG_PARSE_ERROR',
      options,
    );
    this.path = path;
    this.line = line;
    this.col = col;
  }
}

/** A field has a value of the wrong type or out of range. */
export class InvalidConfigValueError extends ConfigError {
  static readonly name = 'InvalidConfigValueError';
  /** Dotted field path, e.g. `limits.maxStreamsPerPeer`. */
  readonly field: string;
  /** Where the value came from. */
  readonly source: string;
  constructor(field: string, why: string, source: string) {
    super(`invalid config value for ${field} (from ${source}): ${why}`, 'CONFIG_INVALID_VALUE');
    this.field = field;
    this.source = source;
  }
}

/** A field that does not exist (a typo in the file or an unknown flag). */
export class UnknownConfigFieldError extends ConfigError {
  static readonly name = 'UnknownConfigFieldError';
  readonly field: string;
  readonly source: string;
  constructor(field: string, source: string, suggestion?: string) {
    super(
      `unknown config field ${field} (from ${source})${suggestion ? `; did you mean ${suggestion}?` : ''}`,
      'CONFIG_UNKNOWN_FIELD',
    );
    this.field = field;
    this.source = source;
  }
}
