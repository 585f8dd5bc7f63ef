/**
 * Builds the native BLS12-381 binding (node/crypto/blst: our Node-API layer over the vendored blst) into
 * node/crypto/blst/build/blst.node with the system C compiler. Run by `npm install` (postinstall) and by
 * `npm run build:native`.
 *
 * The binding is an accelerator, not a requirement: without a C compiler (or on a platform the build does
 * not know), the install still succeeds, this prints why, and walrus-ts verifies BLS signatures with
 * mcl-wasm instead (~3x slower per certificate; see node/chain/PERFORMANCE.md).
 *
 * Usage (from the repository root):
 *   node scripts/build-native.ts            # build if the sources changed since the last build
 *   node scripts/build-native.ts --force    # rebuild
 *   node scripts/build-native.ts --strict   # exit 1 when the build fails (CI, benchmarks)
 * Environment: CC (compiler, default `cc`), WALRUS_TS_NATIVE=0 (skip the build).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = join(ROOT, 'node/crypto/blst');
const VENDOR = join(DIR, 'vendor');
/** The built module, relative to the repository root. */
export const OUTPUT = 'node/crypto/blst/build/blst.node';

/** Every file the module is built from, in a fixed order (their hash decides whether to rebuild). */
function sources(): string[] {
  const list = (dir: string) =>
    readdirSync(join(VENDOR, dir))
      .sort()
      .map((f) => join(VENDOR, dir, f));
  return [
    join(DIR, 'binding.c'),
    ...list('src'),
    ...list('bindings'),
    ...list('build/elf'),
    join(VENDOR, 'build/assembly.S'),
  ];
}

function nodeApiInclude(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('node-api-headers/package.json')), 'include');
}

/** Compiler flags as blst's own build.sh picks them, plus what a Node addon needs. */
function flags(): string[] {
  const f = ['-O2', '-fno-builtin', '-fPIC', '-shared', '-fvisibility=hidden', '-Wall'];
  f.push(`-I${join(VENDOR, 'bindings')}`, `-I${nodeApiInclude()}`);
  if (arch() === 'x64') {
    f.push('-mno-avx'); // blst: avoid costly AVX transitions
    if (/^flags.*\badx\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'))) f.push('-D__ADX__');
  }
  return f;
}

/**
 * Builds the module unless an up-to-date one exists. Linux on x86-64 or arm64 only: the vendored blst
 * keeps only the ELF assembly (its portable C build is for 32-bit targets).
 * @returns what happened, for the caller to print
 */
export function buildNative(options: { force?: boolean } = {}): {
  built: boolean;
  skipped?: string;
  error?: string;
} {
  const out = join(ROOT, OUTPUT);
  const stamp = `${out}.sources`;
  const hash = createHash('sha256');
  for (const f of sources()) hash.update(f.slice(ROOT.length)).update(readFileSync(f));
  hash.update(`${platform()}-${arch()}-${process.env.CC ?? 'cc'}`);
  const digest = hash.digest('hex');
  if (!options.force && existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
    return { built: false, skipped: 'up to date' };
  }
  if (platform() !== 'linux' || (arch() !== 'x64' && arch() !== 'arm64')) {
    return { built: false, error: `no bundled blst assembly for ${platform()}-${arch()}` };
  }
  const cc = process.env.CC ?? 'cc';
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const files = [join(DIR, 'binding.c'), join(VENDOR, 'src/server.c'), join(VENDOR, 'build/assembly.S')];
  const r = spawnSync(cc, [...flags(), '-o', tmp, ...files], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    rmSync(tmp, { force: true });
    const log = r.error ? r.error.message : `${r.stdout}${r.stderr}`.trim();
    return { built: false, error: `${cc} failed: ${log.split('\n').slice(0, 6).join('\n')}` };
  }
  renameSync(tmp, out);
  writeFileSync(stamp, digest);
  return { built: true };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = new Set(process.argv.slice(2));
  if (process.env.WALRUS_TS_NATIVE === '0') {
    console.log('walrus-ts: native BLS build skipped (WALRUS_TS_NATIVE=0); mcl-wasm will verify signatures');
  } else {
    const t0 = performance.now();
    const r = buildNative({ force: args.has('--force') });
    if (r.error) {
      console.warn(
        `walrus-ts: the native BLS binding was not built (${r.error}).\n` +
          '  Everything works without it; BLS checks use mcl-wasm (slower). Install a C compiler ' +
          '(Debian: apt-get install gcc) and run `npm run build:native` to build it.',
      );
      if (args.has('--strict')) process.exit(1);
    } else if (r.built) {
      console.log(`walrus-ts: built ${OUTPUT} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }
}
