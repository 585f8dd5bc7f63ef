/**
 * Builds the native Node-API modules with the system C compiler. Run by `npm install` (postinstall) and by
 * `npm run build:native`:
 * - node/crypto/blst/build/blst.node: our BLS12-381 binding over the vendored blst (node/crypto/blst);
 * - node/crypto/aead/build/aead.node: ChaCha20-Poly1305 for Noise over the OpenSSL inside Node
 *   (node/crypto/aead);
 * - node/crypto/blake2b/build/blake2b.node: Merkle leaf hashes four at a time with AVX2 (x86-64).
 *
 * Both are accelerators, not requirements: without a C compiler (or on a platform the build does not know),
 * the install still succeeds, this prints why, and walrus-ts uses the slower paths instead (mcl-wasm for
 * BLS, ~3x slower per certificate, see node/chain/PERFORMANCE.md; node:crypto Cipher objects for Noise;
 * the WASM kernels for leaf hashes).
 *
 * Usage (from the repository root):
 *   node scripts/build-native.ts            # build what changed since the last build
 *   node scripts/build-native.ts --force    # rebuild
 *   node scripts/build-native.ts --strict   # exit 1 when a build fails (CI, benchmarks)
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
const BLST = join(ROOT, 'node/crypto/blst');
const VENDOR = join(BLST, 'vendor');
const AEAD = join(ROOT, 'node/crypto/aead');
const BLAKE2B = join(ROOT, 'node/crypto/blake2b');

/** One native module: what it is built from and how. */
interface NativeModule {
  /** Short name for messages. */
  name: string;
  /** The built module, relative to the repository root. */
  output: string;
  /** Every file the module depends on, in a fixed order (their hash decides whether to rebuild). */
  sources(): string[];
  /** The files handed to the compiler. */
  compile(): string[];
  /** Compiler flags. */
  flags(): string[];
  /** Why this platform cannot build it, if it cannot. */
  unsupported(): string | undefined;
}

function nodeApiInclude(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('node-api-headers/package.json')), 'include');
}

const COMMON_FLAGS = ['-O2', '-fPIC', '-shared', '-fvisibility=hidden', '-Wall'];

function blstSources(): string[] {
  const list = (dir: string) =>
    readdirSync(join(VENDOR, dir))
      .sort()
      .map((f) => join(VENDOR, dir, f));
  return [
    join(BLST, 'binding.c'),
    ...list('src'),
    ...list('bindings'),
    ...list('build/elf'),
    join(VENDOR, 'build/assembly.S'),
  ];
}

/** The modules `npm install` builds, in order. */
export const NATIVE_MODULES: readonly NativeModule[] = [
  {
    name: 'BLS (blst)',
    output: 'node/crypto/blst/build/blst.node',
    sources: blstSources,
    compile: () => [join(BLST, 'binding.c'), join(VENDOR, 'src/server.c'), join(VENDOR, 'build/assembly.S')],
    /** Flags as blst's own build.sh picks them, plus what a Node addon needs. */
    flags() {
      const f = [...COMMON_FLAGS, '-fno-builtin', `-I${join(VENDOR, 'bindings')}`, `-I${nodeApiInclude()}`];
      if (arch() === 'x64') {
        f.push('-mno-avx'); // blst: avoid costly AVX transitions
        if (/^flags.*\badx\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'))) f.push('-D__ADX__');
      }
      return f;
    },
    // The vendored blst keeps only the ELF assembly (its portable C build is for 32-bit targets).
    unsupported: () =>
      platform() !== 'linux' || (arch() !== 'x64' && arch() !== 'arm64')
        ? `no bundled blst assembly for ${platform()}-${arch()}`
        : undefined,
  },
  {
    name: 'ChaCha20-Poly1305 (OpenSSL in Node)',
    output: 'node/crypto/aead/build/aead.node',
    sources: () => [join(AEAD, 'binding.c')],
    compile: () => [join(AEAD, 'binding.c')],
    flags: () => [...COMMON_FLAGS, `-I${nodeApiInclude()}`],
    // The binding resolves OpenSSL's symbols against the Node executable, which ELF platforms allow.
    unsupported: () => (platform() !== 'linux' ? `not built on ${platform()}` : undefined),
  },
  {
    name: 'Blake2b leaf hashes (AVX2)',
    output: 'node/crypto/blake2b/build/blake2b.node',
    sources: () => [join(BLAKE2B, 'binding.c')],
    compile: () => [join(BLAKE2B, 'binding.c')],
    // With the rounds unrolled: 1.9 GB/s at -O3, 1.6 at -O2.
    flags: () => [...COMMON_FLAGS.filter((f) => f !== '-O2'), '-O3', `-I${nodeApiInclude()}`],
    unsupported: () =>
      platform() !== 'linux' || arch() !== 'x64'
        ? `AVX2 kernel, x86-64 Linux only (not ${platform()}-${arch()})`
        : undefined,
  },
];

/** What happened to one module, for the caller to print. */
export interface BuildResult {
  module: NativeModule;
  built: boolean;
  skipped?: string;
  error?: string;
}

/**
 * Builds one module unless an up-to-date one exists.
 * @returns what happened
 */
export function buildModule(m: NativeModule, options: { force?: boolean } = {}): BuildResult {
  const out = join(ROOT, m.output);
  const stamp = `${out}.sources`;
  const hash = createHash('sha256');
  for (const f of m.sources()) hash.update(f.slice(ROOT.length)).update(readFileSync(f));
  hash.update(`${platform()}-${arch()}-${process.env.CC ?? 'cc'}`);
  const digest = hash.digest('hex');
  if (!options.force && existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
    return { module: m, built: false, skipped: 'up to date' };
  }
  const unsupported = m.unsupported();
  if (unsupported) return { module: m, built: false, error: unsupported };
  const cc = process.env.CC ?? 'cc';
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const r = spawnSync(cc, [...m.flags(), '-o', tmp, ...m.compile()], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    rmSync(tmp, { force: true });
    const log = r.error ? r.error.message : `${r.stdout}${r.stderr}`.trim();
    return { module: m, built: false, error: `${cc} failed: ${log.split('\n').slice(0, 6).join('\n')}` };
  }
  renameSync(tmp, out);
  writeFileSync(stamp, digest);
  return { module: m, built: true };
}

/** Builds every module in {@link NATIVE_MODULES}; see {@link buildModule}. */
export function buildNative(options: { force?: boolean } = {}): BuildResult[] {
  return NATIVE_MODULES.map((m) => buildModule(m, options));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = new Set(process.argv.slice(2));
  if (process.env.WALRUS_TS_NATIVE === '0') {
    console.log(
      'walrus-ts: native builds skipped (WALRUS_TS_NATIVE=0); BLS checks use mcl-wasm, Noise node:crypto',
    );
  } else {
    let failed = false;
    for (const m of NATIVE_MODULES) {
      const t0 = performance.now();
      const r = buildModule(m, { force: args.has('--force') });
      if (r.error) {
        failed = true;
        console.warn(
          `walrus-ts: the native ${m.name} module was not built (${r.error}).\n` +
            '  Everything works without it, only slower. Install a C compiler ' +
            '(Debian: apt-get install gcc) and run `npm run build:native` to build it.',
        );
      } else if (r.built) {
        console.log(`walrus-ts: built ${m.output} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      }
    }
    if (failed && args.has('--strict')) process.exit(1);
  }
}
