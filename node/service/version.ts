/**
 * The walrus-ts version a node reports in its health (`/v1/health` `version`): the `version` of the
 * repository's package.json, read once at load.
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    // bundled or installed without package.json next to the sources
    return 'unknown';
  }
}

/** The walrus-ts package version (`package.json` `version`), or `'unknown'` when it cannot be read. */
export const WALRUS_TS_VERSION: string = readVersion();
