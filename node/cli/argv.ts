/**
 * Command-line argument fix-ups applied before commander parses `process.argv`.
 * @packageDocumentation
 */
import type { Command } from 'commander';

/** A blob ID (43 characters of URL-safe base64, spec §3) that starts with '-'. */
const DASHED_BLOB_ID = /^-[A-Za-z0-9_-]{42}$/;

/**
 * One blob ID in 64 starts with '-' (URL-safe base64), which commander would read as an unknown option
 * (`walrus-ts read -ed6M...` failed with "unknown option"). For the subcommand named in `argv`, moves every
 * positional argument that is such a blob ID behind a `--` at the end, where commander takes it as an
 * operand. A dashed ID given as the value of an option that takes one (`--blob-id -ed6M...`) is left
 * alone: commander already reads it as that value. Nothing changes when `argv` already has `--` or names
 * no known subcommand.
 * @param argv `process.argv` shape: runtime, script, then the arguments
 * @returns the arguments to parse (a new array when something moved, else `argv`)
 */
export function protectDashedBlobIds(program: Command, argv: readonly string[]): readonly string[] {
  const at = argv.findIndex((a, i) => i >= 2 && !a.startsWith('-'));
  const cmd = at < 0 ? undefined : program.commands.find((c) => c.name() === argv[at]);
  if (!cmd || argv.includes('--')) return argv;
  const flags = (o: (typeof cmd.options)[number]) => [o.long, o.short].filter((f): f is string => !!f);
  const known = new Set(cmd.options.flatMap(flags));
  const takesValue = new Set(cmd.options.filter((o) => o.required || o.optional).flatMap(flags));
  const kept: string[] = [];
  const moved: string[] = [];
  argv.forEach((a, i) => {
    const dashedId = i > at && DASHED_BLOB_ID.test(a) && !known.has(a) && !takesValue.has(argv[i - 1]);
    (dashedId ? moved : kept).push(a);
  });
  return moved.length ? [...kept, '--', ...moved] : argv;
}
