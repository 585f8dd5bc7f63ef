/**
 * The storage node's keystore: its three private keys in one JSON file.
 *
 * - **libp2p** Ed25519 key: the node's peer ID on the p2p network.
 * - **BLS12-381 min-pk** protocol key: signs storage confirmations and other protocol messages (spec §4).
 * - **Sui** Ed25519 account key: pays for and signs the node's chain transactions.
 *
 * File format, version 1 (every key's encoding is named in the file; public values are stored too and must
 * match the private keys on read):
 * ```json
 * {
 *   "version": 1,
 *   "kind": "walrus-ts-keystore",
 *   "libp2p": { "keyType": "Ed25519", "encoding": "libp2p-protobuf-base64", "privateKey": "CAES…", "peerId": "12D3Koo…" },
 *   "bls": { "scheme": "bls12381-min-pk", "encoding": "hex", "secretKey": "<32 bytes BE>", "publicKey": "<48 bytes compressed G1>" },
 *   "sui": { "scheme": "ED25519", "encoding": "suiprivkey-bech32", "privateKey": "suiprivkey1…", "address": "0x…" }
 * }
 * ```
 * The file is written with mode 0600 (atomically: temp file, fsync, rename) and refused on read when group
 * or others can access it.
 *
 * @example
 * ```ts
 * const ks = await generateKeystore()
 * await writeKeystore('/var/lib/walrus-ts/keystore.json', ks)
 * const again = await readKeystore('/var/lib/walrus-ts/keystore.json')
 * again.peerId.equals(ks.peerId) // true
 * ```
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys';
import type { PeerId, PrivateKey } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { decodeSuiPrivateKey } from '@mysten/sui/cryptography';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import {
  KeystoreError,
  KeystoreExistsError,
  KeystoreFormatError,
  KeystoreKeyMismatchError,
  KeystoreNotFoundError,
  KeystorePermissionsError,
  KeystoreVersionError,
} from './errors.ts';

/** Keystore file format version written and read by this build. */
export const KEYSTORE_VERSION = 1;
/** Value of the `kind` field. */
export const KEYSTORE_KIND = 'walrus-ts-keystore';
/** Files larger than this are not keystores (bytes). */
const MAX_KEYSTORE_FILE_BYTES = 64 * 1024;

const BLS = bls12_381.longSignatures;

/** The node's keys, decoded. Treat as secret. */
export interface Keystore {
  /** libp2p Ed25519 private key (pass to libp2p as `privateKey`). */
  readonly libp2pKey: PrivateKey;
  /** Peer ID derived from {@link libp2pKey}. */
  readonly peerId: PeerId;
  /** BLS12-381 min-pk secret key, 32 bytes big-endian. */
  readonly blsSecretKey: Uint8Array;
  /** Compressed G1 public key, 48 bytes. */
  readonly blsPublicKey: Uint8Array;
  /** Sui Ed25519 account key pair. */
  readonly suiKeypair: Ed25519Keypair;
  /** Sui address of {@link suiKeypair} (`0x` + 64 hex). */
  readonly suiAddress: string;
}

/** Options of {@link writeKeystore}. */
export interface WriteKeystoreOptions {
  /** Replace an existing file. @default false */
  overwrite?: boolean;
}

function buildKeystore(
  libp2pKey: PrivateKey,
  blsSecretKey: Uint8Array,
  suiKeypair: Ed25519Keypair,
): Keystore {
  return Object.freeze({
    libp2pKey,
    peerId: peerIdFromPrivateKey(libp2pKey),
    blsSecretKey,
    blsPublicKey: BLS.getPublicKey(blsSecretKey).toBytes(true),
    suiKeypair,
    suiAddress: suiKeypair.toSuiAddress(),
  });
}

/** Generates three fresh keys from the system CSPRNG. */
export async function generateKeystore(): Promise<Keystore> {
  const libp2pKey = await generateKeyPair('Ed25519');
  const { secretKey } = BLS.keygen(); // noble draws the seed from the platform CSPRNG
  return buildKeystore(libp2pKey, secretKey, Ed25519Keypair.generate());
}

/** The JSON document for `ks` (see the module docs for the layout). Contains private keys. */
export function keystoreToJson(ks: Keystore): Record<string, unknown> {
  return {
    version: KEYSTORE_VERSION,
    kind: KEYSTORE_KIND,
    libp2p: {
      keyType: 'Ed25519',
      encoding: 'libp2p-protobuf-base64',
      privateKey: Buffer.from(privateKeyToProtobuf(ks.libp2pKey)).toString('base64'),
      peerId: ks.peerId.toString(),
    },
    bls: {
      scheme: 'bls12381-min-pk',
      encoding: 'hex',
      secretKey: Buffer.from(ks.blsSecretKey).toString('hex'),
      publicKey: Buffer.from(ks.blsPublicKey).toString('hex'),
    },
    sui: {
      scheme: 'ED25519',
      encoding: 'suiprivkey-bech32',
      privateKey: ks.suiKeypair.getSecretKey(),
      address: ks.suiAddress,
    },
  };
}

/**
 * Writes `ks` to `path` with mode 0600: a temp file in the same directory is written, fsynced and renamed
 * over `path`, so a crash never leaves a half-written keystore.
 * @throws KeystoreExistsError when `path` exists and `overwrite` is not set; fs errors (e.g. ENOENT for a
 *   missing directory).
 */
export async function writeKeystore(
  path: string,
  ks: Keystore,
  opts: WriteKeystoreOptions = {},
): Promise<void> {
  if (!opts.overwrite) {
    const exists = await stat(path).then(
      () => true,
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return false;
        throw err;
      },
    );
    if (exists) throw new KeystoreExistsError(path);
  }
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const text = JSON.stringify(keystoreToJson(ks), null, 2) + '\n';
  const fh = await open(tmp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o600);
  try {
    await fh.chmod(0o600);
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } catch (err) {
    await fh.close();
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
  // make the rename itself durable
  const dir = await open(dirname(path), 'r').catch(() => undefined);
  if (dir) {
    await dir.sync().catch(() => {});
    await dir.close();
  }
}

function field(obj: unknown, name: string, path: string | undefined): Record<string, unknown> {
  const v = (obj as Record<string, unknown>)[name];
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new KeystoreFormatError(name, 'missing or not an object', path);
  }
  return v as Record<string, unknown>;
}

function str(obj: Record<string, unknown>, section: string, name: string, path: string | undefined): string {
  const v = obj[name];
  if (typeof v !== 'string' || v.length === 0) {
    throw new KeystoreFormatError(`${section}.${name}`, 'missing or not a non-empty string', path);
  }
  return v;
}

function expect(
  obj: Record<string, unknown>,
  section: string,
  name: string,
  want: string,
  path?: string,
): void {
  const v = str(obj, section, name, path);
  if (v !== want) {
    throw new KeystoreFormatError(
      `${section}.${name}`,
      `expected ${JSON.stringify(want)}, got ${JSON.stringify(v)}`,
      path,
    );
  }
}

function hexBytes(text: string, bytes: number, fieldName: string, path?: string): Uint8Array {
  if (!new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(text)) {
    throw new KeystoreFormatError(fieldName, `expected ${bytes} bytes of lower-case hex`, path);
  }
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

/**
 * Decodes and validates a keystore JSON document (as produced by {@link keystoreToJson}).
 * @param path only used in error messages
 * @throws KeystoreVersionError, KeystoreFormatError (naming the field), KeystoreKeyMismatchError
 */
export function keystoreFromJson(doc: unknown, path?: string): Keystore {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new KeystoreFormatError('file', 'not a JSON object', path);
  }
  const top = doc as Record<string, unknown>;
  if (top.version !== KEYSTORE_VERSION) throw new KeystoreVersionError(top.version, KEYSTORE_VERSION, path);
  if (top.kind !== KEYSTORE_KIND) {
    throw new KeystoreFormatError('kind', `expected ${JSON.stringify(KEYSTORE_KIND)}`, path);
  }

  const p2p = field(top, 'libp2p', path);
  expect(p2p, 'libp2p', 'keyType', 'Ed25519', path);
  expect(p2p, 'libp2p', 'encoding', 'libp2p-protobuf-base64', path);
  const p2pText = str(p2p, 'libp2p', 'privateKey', path);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(p2pText)) {
    throw new KeystoreFormatError('libp2p.privateKey', 'not base64', path);
  }
  let libp2pKey: PrivateKey;
  try {
    libp2pKey = privateKeyFromProtobuf(Buffer.from(p2pText, 'base64'));
  } catch (err) {
    throw new KeystoreFormatError('libp2p.privateKey', 'not a libp2p protobuf private key', path, {
      cause: err,
    });
  }
  if (libp2pKey.type !== 'Ed25519') {
    throw new KeystoreFormatError(
      'libp2p.privateKey',
      `expected an Ed25519 key, got ${libp2pKey.type}`,
      path,
    );
  }

  const blsSection = field(top, 'bls', path);
  expect(blsSection, 'bls', 'scheme', 'bls12381-min-pk', path);
  expect(blsSection, 'bls', 'encoding', 'hex', path);
  const blsSecretKey = hexBytes(str(blsSection, 'bls', 'secretKey', path), 32, 'bls.secretKey', path);
  try {
    BLS.getPublicKey(blsSecretKey);
  } catch (err) {
    throw new KeystoreFormatError('bls.secretKey', 'not a valid BLS12-381 scalar', path, { cause: err });
  }

  const suiSection = field(top, 'sui', path);
  expect(suiSection, 'sui', 'scheme', 'ED25519', path);
  expect(suiSection, 'sui', 'encoding', 'suiprivkey-bech32', path);
  let suiKeypair: Ed25519Keypair;
  try {
    const decoded = decodeSuiPrivateKey(str(suiSection, 'sui', 'privateKey', path));
    if (decoded.scheme !== 'ED25519') throw new Error(`scheme ${decoded.scheme}`);
    suiKeypair = Ed25519Keypair.fromSecretKey(decoded.secretKey);
  } catch (err) {
    if (err instanceof KeystoreError) throw err;
    throw new KeystoreFormatError('sui.privateKey', 'not a suiprivkey1… Ed25519 key', path, { cause: err });
  }

  const ks = buildKeystore(libp2pKey, blsSecretKey, suiKeypair);
  if (str(p2p, 'libp2p', 'peerId', path) !== ks.peerId.toString()) {
    throw new KeystoreKeyMismatchError('libp2p.peerId', path);
  }
  const storedBlsPk = hexBytes(str(blsSection, 'bls', 'publicKey', path), 48, 'bls.publicKey', path);
  if (Buffer.compare(storedBlsPk, ks.blsPublicKey) !== 0)
    throw new KeystoreKeyMismatchError('bls.publicKey', path);
  if (str(suiSection, 'sui', 'address', path).toLowerCase() !== ks.suiAddress) {
    throw new KeystoreKeyMismatchError('sui.address', path);
  }
  return ks;
}

/**
 * Reads and validates the keystore at `path`.
 * @throws KeystoreNotFoundError, KeystorePermissionsError (group/other bits set; not checked on Windows),
 *   KeystoreFormatError, KeystoreVersionError, KeystoreKeyMismatchError
 */
export async function readKeystore(path: string): Promise<Keystore> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new KeystoreNotFoundError(path, { cause: err });
    throw err;
  }
  if (!info.isFile()) throw new KeystoreFormatError('file', 'not a regular file', path);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    throw new KeystorePermissionsError(path, info.mode);
  }
  if (info.size > MAX_KEYSTORE_FILE_BYTES) {
    throw new KeystoreFormatError('file', `larger than ${MAX_KEYSTORE_FILE_BYTES} bytes`, path);
  }
  const text = await readFile(path, 'utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new KeystoreFormatError('file', 'not valid JSON', path, { cause: err });
  }
  return keystoreFromJson(doc, path);
}
