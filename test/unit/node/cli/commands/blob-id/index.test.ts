import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { blobIdToString } from '../../../../../../shared/encoding/blob-id.ts';
import { seededBytes } from '../../../../../fixtures/random.ts';
import { referenceBlobId } from '../../../../../fixtures/walrus-wasm.ts';

const dir = mkdtempSync(join(tmpdir(), 'walrus-ts-blob-id-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['node/cli/bin.ts', 'blob-id', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('walrus-ts blob-id', () => {
  it('prints the published Testnet blob ID of "some other string" with the default 1000 shards', () => {
    const file = join(dir, 'sos.txt');
    writeFileSync(file, 'some other string');
    const r = cli(file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Blob ID: M4hsZGQ1oCktdzegB6HnI6Mi28S2nqOPHxK-W7_4BUk');
    expect(r.stdout).toContain('Unencoded size: 17');
    expect(r.stdout).toContain('Encoding type: RS2');
  });

  it('--n-shards and --json: the same blob ID as @mysten/walrus-wasm', () => {
    const data = seededBytes(5000, 99);
    const file = join(dir, 'random.bin');
    writeFileSync(file, data);
    const r = cli(file, '--n-shards', '10', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      blobId: blobIdToString(referenceBlobId(data, 10)),
      unencodedLength: 5000,
      encodingType: 'RS2',
      nShards: 10,
    });
  });

  it('fails clearly on a missing file, a blob above the maximum size and a bad shard count', () => {
    const missing = cli(join(dir, 'nope.bin'), '--n-shards', '10');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file.*CLI_FILE_NOT_FOUND/);

    const big = join(dir, 'big.bin');
    writeFileSync(big, new Uint8Array(6 * 65534 + 1));
    const tooLarge = cli(big, '--n-shards', '4', '--json');
    expect(tooLarge.code).toBe(2);
    expect(JSON.parse(tooLarge.stdout)).toMatchObject({
      error: { name: 'DataTooLargeError', code: 'ENCODING_DATA_TOO_LARGE' },
    });

    const badN = cli(big, '--n-shards', '3');
    expect(badN.code).toBe(2);
    expect(badN.stderr).toContain('ENCODING_INVALID_N_SHARDS');
  });
});
