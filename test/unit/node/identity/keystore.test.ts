import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  KeystoreExistsError,
  KeystoreFormatError,
  KeystoreKeyMismatchError,
  KeystoreNotFoundError,
  KeystorePermissionsError,
  KeystoreVersionError,
} from '../../../../node/identity/errors.ts';
import {
  generateKeystore,
  keystoreFromJson,
  keystoreToJson,
  readKeystore,
  writeKeystore,
} from '../../../../node/identity/keystore.ts';
import type { Keystore } from '../../../../node/identity/keystore.ts';

describe('keystore', () => {
  let dir: string;
  let ks: Keystore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'walrus-ts-ks-'));
    ks = await generateKeystore();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('generates the three keys with consistent public values', () => {
    expect(ks.peerId.type).toBe('Ed25519');
    expect(ks.blsSecretKey.byteLength).toBe(32);
    expect(ks.blsPublicKey.byteLength).toBe(48);
    expect(ks.suiAddress).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it('writes mode 0600 and reads back the same keys', async () => {
    const path = join(dir, 'keystore.json');
    await writeKeystore(path, ks);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const doc = JSON.parse(await readFile(path, 'utf8'));
    expect(doc.version).toBe(1);
    expect(doc.bls.encoding).toBe('hex');
    const back = await readKeystore(path);
    expect(back.peerId.equals(ks.peerId)).toBe(true);
    expect(Buffer.from(back.blsSecretKey).equals(Buffer.from(ks.blsSecretKey))).toBe(true);
    expect(back.suiAddress).toBe(ks.suiAddress);
    const msg = new TextEncoder().encode('hello');
    expect(await back.suiKeypair.sign(msg)).toEqual(await ks.suiKeypair.sign(msg));
    expect(back.libp2pKey.equals(ks.libp2pKey)).toBe(true);
  });

  it('refuses to overwrite unless asked', async () => {
    const path = join(dir, 'keystore.json');
    await writeKeystore(path, ks);
    const other = await generateKeystore();
    await expect(writeKeystore(path, other)).rejects.toBeInstanceOf(KeystoreExistsError);
    await writeKeystore(path, other, { overwrite: true });
    expect((await readKeystore(path)).peerId.equals(other.peerId)).toBe(true);
  });

  it('refuses group/world-readable files with a clear message', async () => {
    const path = join(dir, 'keystore.json');
    await writeKeystore(path, ks);
    await chmod(path, 0o644);
    const err = await readKeystore(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeystorePermissionsError);
    expect((err as Error).message).toContain('chmod 600');
    expect((err as KeystorePermissionsError).mode).toBe(0o644);
  });

  it('reports a missing file', async () => {
    await expect(readKeystore(join(dir, 'nope.json'))).rejects.toBeInstanceOf(KeystoreNotFoundError);
  });

  it('rejects bad JSON, wrong versions and bad fields naming the field', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{ not json', { mode: 0o600 });
    await expect(readKeystore(path)).rejects.toBeInstanceOf(KeystoreFormatError);

    const good = keystoreToJson(ks) as Record<string, Record<string, unknown>>;
    expect(() => keystoreFromJson({ ...good, version: 2 })).toThrow(KeystoreVersionError);
    const cases: [string, (d: Record<string, Record<string, unknown>>) => void][] = [
      ['bls.secretKey', (d) => (d.bls.secretKey = 'zz')],
      ['bls.secretKey', (d) => (d.bls.secretKey = '00'.repeat(32))],
      ['bls.encoding', (d) => (d.bls.encoding = 'base64')],
      ['libp2p.privateKey', (d) => (d.libp2p.privateKey = 'AAAA')],
      ['sui.privateKey', (d) => (d.sui.privateKey = 'suiprivkey1notreally')],
      ['sui', (d) => delete (d as Record<string, unknown>).sui],
    ];
    for (const [fieldName, mutate] of cases) {
      const doc = structuredClone(good);
      mutate(doc);
      const err = (() => {
        try {
          keystoreFromJson(doc);
        } catch (e) {
          return e;
        }
      })();
      expect(err, fieldName).toBeInstanceOf(KeystoreFormatError);
      expect((err as KeystoreFormatError).field).toBe(fieldName);
    }
  });

  it('detects public values that do not match the private keys', async () => {
    const other = keystoreToJson(await generateKeystore()) as Record<string, Record<string, unknown>>;
    for (const [section, key] of [
      ['libp2p', 'peerId'],
      ['bls', 'publicKey'],
      ['sui', 'address'],
    ] as const) {
      const doc = structuredClone(keystoreToJson(ks)) as Record<string, Record<string, unknown>>;
      doc[section][key] = other[section][key];
      expect(() => keystoreFromJson(doc)).toThrow(KeystoreKeyMismatchError);
    }
  });
});
