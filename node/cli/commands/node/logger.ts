/**
 * The `walrus-ts node` process logger: a libp2p `ComponentLogger` that writes timestamped lines to stdout
 * and, optionally, appends them to a file. Errors are always written; other lines only for components
 * enabled by the `DEBUG`-style pattern (default `walrus-ts:*`, so libp2p's own chatter stays off).
 */
import { appendFileSync } from 'node:fs';
import { format } from 'node:util';
import type { ComponentLogger, Logger } from '@libp2p/interface';

/** Options of {@link createCliLogger}. */
export interface CliLoggerInit {
  /** Append every line to this file as well. */
  file?: string;
  /**
   * Comma-separated namespaces to log (`*` wildcard, `-` prefix excludes).
   * @default process.env.DEBUG ?? 'walrus-ts:*'
   */
  namespaces?: string;
  /** Where lines go. @default process.stdout */
  out?: { write(line: string): unknown };
}

function matcher(patterns: string): (name: string) => boolean {
  const inc: RegExp[] = [];
  const exc: RegExp[] = [];
  for (const raw of patterns.split(/[\s,]+/).filter(Boolean)) {
    const neg = raw.startsWith('-');
    const re = new RegExp(
      `^${(neg ? raw.slice(1) : raw).replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`,
    );
    (neg ? exc : inc).push(re);
  }
  return (name) => !exc.some((r) => r.test(name)) && inc.some((r) => r.test(name));
}

function render(formatter: unknown, args: unknown[]): string {
  if (typeof formatter !== 'string') return format(formatter, ...args);
  let i = 0;
  const out = formatter.replace(/%([a-zA-Z%])/g, (m, k: string) => {
    if (k === '%') return '%';
    const v = args[i++];
    switch (k) {
      case 'e':
        return v instanceof Error ? (v.stack ?? v.message) : String(v);
      case 'p':
      case 'a':
      case 'c':
      case 'k':
        return String(v);
      case 'b':
      case 't':
        return v instanceof Uint8Array ? Buffer.from(v).toString('hex') : String(v);
      default:
        return format(m, v);
    }
  });
  return args.length > i ? format(out, ...args.slice(i)) : out;
}

/** A logger plus a direct `info` line writer for the command itself. */
export interface CliLogger {
  logger: ComponentLogger;
  /** Writes one line (always). */
  info(component: string, formatter: string, ...args: unknown[]): void;
}

/** Builds the CLI logger. */
export function createCliLogger(init: CliLoggerInit = {}): CliLogger {
  const enabled = matcher(init.namespaces ?? process.env.DEBUG ?? 'walrus-ts:*');
  const out = init.out ?? process.stdout;
  const write = (level: string, name: string, formatter: unknown, args: unknown[]): void => {
    const line = `${new Date().toISOString()} ${level} ${name} ${render(formatter, args)}\n`;
    out.write(line);
    if (init.file) {
      try {
        appendFileSync(init.file, line);
      } catch {
        // A broken log file must not stop the node; stdout still has the line.
      }
    }
  };
  const make = (name: string): Logger => {
    const on = enabled(name);
    const log = ((formatter: unknown, ...args: unknown[]) => {
      if (on) write('INFO', name, formatter, args);
    }) as Logger;
    log.error = (formatter: unknown, ...args: unknown[]) => write('ERROR', name, formatter, args);
    log.trace = (formatter: unknown, ...args: unknown[]) => {
      if (on && enabled(`${name}:trace`)) write('TRACE', name, formatter, args);
    };
    log.enabled = on;
    log.newScope = (scope: string) => make(`${name}:${scope}`);
    return log;
  };
  return {
    logger: { forComponent: make },
    info: (component, formatter, ...args) => write('INFO', component, formatter, args),
  };
}
