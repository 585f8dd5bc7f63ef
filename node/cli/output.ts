/**
 * Shared CLI output helpers: JSON vs human output and error reporting with exit codes.
 */
import { WalrusTsError } from '../../shared/errors.ts';

/** Exit codes used by every command. 1: operation failed; 2: bad input (usage, arguments, files). */
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

/** Codes of errors that come from what the user passed in; they exit with {@link EXIT_BAD_INPUT}. */
const BAD_INPUT_NAMES = new Set(['InvalidArgumentError', 'InvalidBlobIdError', 'DataTooLargeError']);

/**
 * Prints an error for a human (or as JSON when `--json` was given) and returns the exit code.
 * @param err anything thrown
 * @param json print `{"error":{"name","code","message"}}` to stdout instead of a line to stderr
 */
export function reportCliError(err: unknown, json = process.argv.includes('--json')): number {
  const e = err instanceof Error ? err : new Error(String(err));
  const code = e instanceof WalrusTsError ? e.code : 'UNEXPECTED';
  if (json) {
    process.stdout.write(JSON.stringify({ error: { name: e.name, code, message: e.message } }) + '\n');
  } else {
    process.stderr.write(`walrus-ts: ${e.message}${e instanceof WalrusTsError ? ` (${code})` : ''}\n`);
    if (!(e instanceof WalrusTsError) && process.env.DEBUG) process.stderr.write(`${e.stack}\n`);
  }
  return BAD_INPUT_NAMES.has(e.name) || (e as { exitCode?: number }).exitCode === EXIT_BAD_INPUT
    ? EXIT_BAD_INPUT
    : EXIT_FAILURE;
}

/** Writes `value` as one JSON line (bigints as decimal strings, Uint8Array as base64). */
export function printJson(value: unknown): void {
  process.stdout.write(
    JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
    ) + '\n',
  );
}
