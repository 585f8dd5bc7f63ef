import { describe, it, expect } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatFrost,
  formatInt,
  formatLatency,
  formatPercent,
  formatWal,
  shortId,
} from '../../../../explorer/lib/format.ts';
import { describeEvent } from '../../../../explorer/lib/events.ts';

describe('explorer formatting', () => {
  it('formats bytes, amounts, durations and IDs', () => {
    expect([0, 1023, 1536, 5 * 1024 ** 2, 300 * 1024 ** 3].map(formatBytes)).toEqual([
      '0 B',
      '1023 B',
      '1.5 KiB',
      '5.0 MiB',
      '300 GiB',
    ]);
    expect(formatInt(1234567)).toBe('1,234,567');
    expect(formatWal('1500000000')).toBe('1.5 WAL');
    expect(formatWal(100_000_000_000n)).toBe('100 WAL');
    expect(formatFrost('2000')).toBe('2,000 FROST');
    expect(formatDuration(3_723_000)).toBe('1h 2m');
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(86_400_000)).toBe('1d');
    expect(shortId('0x' + 'a'.repeat(64), 6, 4)).toBe('0xaaaa…aaaa');
    expect([1, 0.9996, 0.5, 0.0412, 0.00001, 0, null].map(formatPercent)).toEqual([
      '100%',
      '99.9%',
      '50%',
      '4.1%',
      '<0.1%',
      '0%',
      '—',
    ]);
    expect([0.4, 85.4, 1250, 12_500, null].map(formatLatency)).toEqual([
      '<1 ms',
      '85 ms',
      '1.25 s',
      '12.5 s',
      '—',
    ]);
  });

  it('describes events for the feed', () => {
    const base = { cursor: '1', txDigest: 'x', eventSeq: '0', timestampMs: 0 };
    expect(
      describeEvent({ ...base, type: 'BlobCertified', blobId: 'b', endEpoch: 4, isExtension: false }),
    ).toMatchObject({
      label: 'certified',
      tone: 'ok',
      blobId: 'b',
    });
    expect(
      describeEvent({ ...base, type: 'PricesUpdated', storagePrice: '1000', writePrice: '2000' }).detail,
    ).toBe('storage 1,000 FROST, write 2,000 FROST');
    expect(
      describeEvent({ ...base, type: 'NodeChallengeFailed', epoch: 3, nodeId: '0x' + 'ab'.repeat(32) }),
    ).toMatchObject({
      label: 'challenge',
      tone: 'bad',
      detail: 'failed its storage challenges in epoch 3',
      nodeId: '0x' + 'ab'.repeat(32),
    });
  });
});
