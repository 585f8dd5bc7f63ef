import { beforeAll, describe, expect, it } from 'vitest';
import { blobIdToString } from '../../../../shared/encoding/blob-id.ts';
import { computeBlobId } from '../../../../shared/encoding/encoder.ts';
import { initHashing } from '../../../../shared/encoding/hashing.ts';
import { testBlob } from '../../../fixtures/random.ts';

beforeAll(() => initHashing());

const ascii = (s: string) => new TextEncoder().encode(s);

/** The published blob IDs of spec §2.6 (walrus-core regression test, TS SDK snapshots, Testnet docs). */
const PUBLISHED: [string, number, Uint8Array, string][] = [
  [
    'walrus-core regression',
    10,
    ascii('walrus blob id v1 regression test'),
    'RcU82Mwf-CFkv1LaI_2qcpANwpGUuG3TMwnVzZxD2kY',
  ],
  ['empty', 1000, new Uint8Array(0), '3GPQL3HZNnFhN_F7l5Aa-X1VOtAKwIsg9zuWk8R81v4'],
  ['1000 x 0x00', 1000, new Uint8Array(1000), 'rJL4lspyN0zWTbMDnPGLIJSPbLBeCplfOuyIm05AhdU'],
  ['1000 x 0xFF', 1000, new Uint8Array(1000).fill(0xff), '8mzGoDlAnqk6s5W2teu28iilOet8TJ_8O4Mwc2jQMkE'],
  ['[42]', 1000, Uint8Array.of(42), '0niAAmr9-Q_YFFeP-P6wFZtbwUhk-b7hPwAfCPvW2VE'],
  ['tb(100,1)', 1000, testBlob(100, 1), '5a9PFTKPcQ4DbDE-2MDwT5B38qkTxhHaKgfM1xKzmU4'],
  ['tb(10000,42)', 1000, testBlob(10000, 42), 'DT8sosEzCz5bWLenUKGdt7j5zmIvlw5snOECpXQViII'],
  ['tb(100000,123)', 1000, testBlob(100000, 123), '5mAQjSq3hwcpxdqrIPL9ACnCJuTNt3fS_E6TCOZQntM'],
  ['tb(4096,4096)', 1000, testBlob(4096, 4096), 'hxwiGUrFX3dLC6I_zpMq8XBUpA1iT_RK_q2Tf1b3f6s'],
  [
    'Testnet "some other string"',
    1000,
    ascii('some other string'),
    'M4hsZGQ1oCktdzegB6HnI6Mi28S2nqOPHxK-W7_4BUk',
  ],
];

describe('published blob IDs (spec §2.6)', () => {
  it.each(PUBLISHED)('%s (n=%i)', (_name, n, data, expected) => {
    expect(blobIdToString(computeBlobId(data, n))).toBe(expected);
  });
});
