/**
 * The native BLS12-381 min-pk backend: supranational's blst (vendored in ./vendor) behind our Node-API
 * binding (./binding.c), built at `npm install` by scripts/build-native.ts when a C compiler is present.
 * Per certificate it costs a fifth to a quarter of mcl-wasm (batches of 32 with one signer set: 0.67 vs
 * 3.18 ms; 16 distinct keys: 0.89 vs 4.96 ms); signing ~0.6 ms vs ~3.8 ms. Same answers as the noble and mcl backends (unit-tested against both).
 *
 * - Public keys: 48-byte compressed G1, decoded, subgroup-checked, identity rejected; signatures: 96-byte
 *   compressed G2, decoded and subgroup-checked; DST `BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_`
 *   (compiled in; checked against {@link BLS_DST} at load).
 * - {@link BlsVerifier.verifyMany}: one randomized check (64-bit scalars from `crypto.getRandomValues`,
 *   one Miller loop per distinct public key, one final exponentiation), then item by item when it fails.
 *
 * Node only (the binding is a `.node` file); browsers and machines without the build use mcl-wasm or noble.
 *
 * @see spec §4 "Signed messages", §6.3
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  BLS_DST,
  BLS_SELF_TEST,
  type BlsVerifier,
  type BlsVerifyItem,
} from '../../../shared/crypto/bls-backend.ts';
import { enableFastBls, nobleBlsVerifier, setBlsVerifier } from '../../../shared/crypto/bls.ts';
import { BlsBackendUnavailableError } from '../../../shared/crypto/errors.ts';

/** The functions binding.c exports. */
interface BlstBinding {
  dst(): Uint8Array;
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  verifyAggregate(signature: Uint8Array, message: Uint8Array, publicKeys: readonly Uint8Array[]): boolean;
  verifyMany(
    signatures: readonly Uint8Array[],
    messages: readonly Uint8Array[],
    publicKeys: readonly Uint8Array[],
    random: Uint8Array,
  ): Uint8Array;
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  hashToG2(message: Uint8Array): Uint8Array;
}

/** Where scripts/build-native.ts writes the binding. */
export const BLST_BINDING_PATH = fileURLToPath(new URL('./build/blst.node', import.meta.url));

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

function isUint8Array(x: unknown): x is Uint8Array {
  return x instanceof Uint8Array;
}

class BlstVerifier implements NativeBlsVerifier {
  readonly name = 'blst' as const;
  readonly #b: BlstBinding;

  constructor(binding: BlstBinding) {
    this.#b = binding;
  }

  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
    return this.#b.verify(signature, message, publicKey);
  }

  verifyAggregate(signature: Uint8Array, message: Uint8Array, publicKeys: readonly Uint8Array[]): boolean {
    return this.#b.verifyAggregate(signature, message, publicKeys);
  }

  verifyMany(items: readonly BlsVerifyItem[]): boolean[] {
    const n = items.length;
    if (n === 0) return [];
    const sigs = new Array<Uint8Array>(n);
    const msgs = new Array<Uint8Array>(n);
    const keys = new Array<Uint8Array>(n);
    const empty = new Uint8Array(0);
    for (let i = 0; i < n; i++) {
      const it = items[i];
      // Anything that is not bytes becomes an empty array: the binding answers false for it.
      sigs[i] = isUint8Array(it?.signature) ? it.signature : empty;
      msgs[i] = isUint8Array(it?.message) ? it.message : empty;
      keys[i] = isUint8Array(it?.publicKey) ? it.publicKey : empty;
    }
    const random = crypto.getRandomValues(new Uint8Array(8 * n));
    const r = this.#b.verifyMany(sigs, msgs, keys, random);
    return Array.from(r, (x) => x === 1);
  }

  /**
   * `H(message) * secretKey`, compressed (96 bytes; the same bytes as noble's `sign`).
   * @throws TypeError for a secret key that is not 32 bytes, zero, or not below the group order
   */
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
    return this.#b.sign(message, secretKey);
  }

  /** Hash-to-G2 of `message` with the Walrus DST, compressed (96 bytes). */
  hashToG2(message: Uint8Array): Uint8Array {
    return this.#b.hashToG2(message);
  }
}

/** The native backend: a {@link BlsVerifier} that always signs, and exposes hash-to-G2 for tests. */
export interface NativeBlsVerifier extends BlsVerifier {
  readonly name: 'blst';
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  hashToG2(message: Uint8Array): Uint8Array;
}

let loaded: BlstVerifier | undefined;

/**
 * Loads the native binding (once per thread) and returns a verifier on it, after a known-answer self-test
 * (the DST, hash-to-G2 bytes and one signature made by noble).
 * @throws BlsBackendUnavailableError when the binding was not built (no C compiler at install: run
 *   `npm run build:native`), cannot be loaded, or fails the self-test
 */
export function loadBlstVerifier(): NativeBlsVerifier {
  if (loaded) return loaded;
  if (!existsSync(BLST_BINDING_PATH)) {
    throw new BlsBackendUnavailableError(
      `the native BLS binding is not built (${BLST_BINDING_PATH}); run \`npm run build:native\``,
    );
  }
  let binding: BlstBinding;
  try {
    binding = createRequire(import.meta.url)(BLST_BINDING_PATH) as BlstBinding;
  } catch (e) {
    throw new BlsBackendUnavailableError(
      `the native BLS binding could not be loaded: ${(e as Error).message}`,
    );
  }
  const v = new BlstVerifier(binding);
  const t = BLS_SELF_TEST;
  const dst = new TextDecoder().decode(binding.dst());
  if (
    dst !== BLS_DST ||
    Buffer.compare(v.hashToG2(t.message), fromHex(t.hash)) !== 0 ||
    !v.verify(fromHex(t.signature), t.message, fromHex(t.publicKey)) ||
    v.verify(fromHex(t.signature), binding.dst(), fromHex(t.publicKey))
  ) {
    throw new BlsBackendUnavailableError('the native BLS binding failed the known-answer self-test');
  }
  loaded = v;
  return v;
}

/** True when the native binding is built here and passes its self-test (loads it once). */
export function nativeBlsAvailable(): boolean {
  try {
    loadBlstVerifier();
    return true;
  } catch {
    return false;
  }
}

/** Which BLS backend a Node process should use: the `WALRUS_TS_BLS` environment variable, else the fastest. */
export type BlsBackendChoice = 'blst' | 'mcl' | 'noble';

/**
 * The backend named by `WALRUS_TS_BLS` (`blst`, `mcl` or `noble`), or `blst` when unset.
 * @throws Error for another value
 */
export function blsBackendFromEnv(env: NodeJS.ProcessEnv = process.env): BlsBackendChoice {
  const v = env.WALRUS_TS_BLS;
  if (v === undefined || v === '') return 'blst';
  if (v === 'blst' || v === 'mcl' || v === 'noble') return v;
  throw new Error(`WALRUS_TS_BLS must be blst, mcl or noble, not ${JSON.stringify(v)}`);
}

/**
 * Makes the fastest available backend the process's BLS verifier and signer (shared/crypto/bls.ts):
 * native blst, else mcl-wasm, else noble; `preferred` (default: {@link blsBackendFromEnv}) caps the
 * choice ('mcl' skips blst, 'noble' keeps pure JS). Never rejects.
 * @returns the backend now active
 */
export async function enableNodeBls(preferred: BlsBackendChoice = blsBackendFromEnv()): Promise<BlsVerifier> {
  if (preferred === 'blst') {
    try {
      const v = loadBlstVerifier();
      setBlsVerifier(v);
      return v;
    } catch {
      // not built here: mcl-wasm
    }
  }
  if (preferred === 'noble') {
    setBlsVerifier(nobleBlsVerifier);
    return nobleBlsVerifier;
  }
  return enableFastBls();
}
