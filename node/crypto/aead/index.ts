/**
 * ChaCha20-Poly1305 (RFC 8439) over the OpenSSL that Node links, through our Node-API binding
 * (./binding.c, built at `npm install` by scripts/build-native.ts when a C compiler is present). It is the
 * AEAD of libp2p's Noise channels (node/network/noise-crypto.ts): against node:crypto's Cipher objects it
 * reuses one OpenSSL context per thread, writes into memory the caller gives it and decrypts in place, so
 * a 64 KiB Noise message costs no allocation and no copy besides the cipher itself.
 *
 * Node only; where the binding is not built, or with `WALRUS_TS_NATIVE_AEAD=0` in the environment (to
 * compare), callers fall back to node:crypto (same bytes).
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Bytes of a Poly1305 tag. */
export const AEAD_TAG_LENGTH = 16;

/** The functions binding.c exports (see its header for the contract). */
export interface AeadBinding {
  /**
   * Encrypts `plaintext` (one array, or pieces taken as their concatenation) into `out`: the ciphertext,
   * then the 16-byte tag. `out.length` must be the plaintext length + 16; key 32 bytes, nonce 12.
   * @returns true
   * @throws TypeError for a non-Uint8Array argument, RangeError for a wrong length
   */
  seal(
    out: Uint8Array,
    plaintext: Uint8Array | readonly Uint8Array[],
    nonce: Uint8Array,
    ad: Uint8Array,
    key: Uint8Array,
  ): boolean;
  /**
   * Decrypts `ciphertext` (without its tag; one array or pieces, at most 64) into `out` (its total
   * length), checking `tag`. `out` may be the single ciphertext array itself.
   * @returns false, with `out` zeroed, when the tag does not authenticate
   * @throws TypeError for a non-Uint8Array argument, RangeError for a wrong length or an overlap that is
   *   not exactly in place
   */
  open(
    out: Uint8Array,
    ciphertext: Uint8Array | readonly Uint8Array[],
    tag: Uint8Array,
    nonce: Uint8Array,
    ad: Uint8Array,
    key: Uint8Array,
  ): boolean;
}

/** Where scripts/build-native.ts writes the binding. */
export const AEAD_BINDING_PATH = fileURLToPath(new URL('./build/aead.node', import.meta.url));

/** RFC 8439 section 2.8.2's test vector: the binding must reproduce it before it is used. */
const SELF_TEST = {
  key: '808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f',
  nonce: '070000004041424344454647',
  ad: '50515253c0c1c2c3c4c5c6c7',
  plaintext:
    "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
  tag: '1ae10b594f09e26a7e902ecbd0600691',
  ciphertextStart: 'd31a8d34648e60db7b86afbc53ef7ec2',
};

let loaded: AeadBinding | Error | undefined;

function hex(s: string): Buffer {
  return Buffer.from(s, 'hex');
}

function selfTest(b: AeadBinding): boolean {
  const t = SELF_TEST;
  const text = Buffer.from(t.plaintext, 'latin1');
  const sealed = Buffer.alloc(text.length + AEAD_TAG_LENGTH);
  const key = hex(t.key);
  const nonce = hex(t.nonce);
  const ad = hex(t.ad);
  if (!b.seal(sealed, [text.subarray(0, 7), text.subarray(7)], nonce, ad, key)) return false;
  const body = sealed.subarray(0, text.length);
  const tag = sealed.subarray(text.length);
  if (!tag.equals(hex(t.tag)) || !body.subarray(0, 16).equals(hex(t.ciphertextStart))) return false;
  const copy = Buffer.from(body);
  if (!b.open(copy, copy, tag, nonce, ad, key) || !copy.equals(text)) return false;
  const forged = Buffer.from(tag);
  forged[0] ^= 1;
  return !b.open(Buffer.alloc(body.length), body, forged, nonce, ad, key);
}

/**
 * The binding, loaded once per thread and checked against RFC 8439's test vector.
 * @returns the binding, or an Error saying why it is not available (not built, failed to load, failed
 *   its self-test)
 */
export function loadAead(): AeadBinding | Error {
  if (loaded) return loaded;
  if (process.env.WALRUS_TS_NATIVE_AEAD === '0') {
    loaded = new Error('the native ChaCha20-Poly1305 binding is turned off (WALRUS_TS_NATIVE_AEAD=0)');
    return loaded;
  }
  if (!existsSync(AEAD_BINDING_PATH)) {
    loaded = new Error(`the native ChaCha20-Poly1305 binding is not built (${AEAD_BINDING_PATH})`);
    return loaded;
  }
  try {
    const b = createRequire(import.meta.url)(AEAD_BINDING_PATH) as AeadBinding;
    loaded = selfTest(b)
      ? b
      : new Error('the native ChaCha20-Poly1305 binding failed the RFC 8439 test vector');
  } catch (e) {
    loaded = new Error(`the native ChaCha20-Poly1305 binding could not be loaded: ${(e as Error).message}`);
  }
  return loaded;
}
