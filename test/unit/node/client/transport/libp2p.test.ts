import { describe, expect, it } from 'vitest';
import { serializeSliverData } from '../../../../../shared/bcs/sliver.ts';
import { sliverDataBodyParts } from '../../../../../node/client/transport/libp2p.ts';

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('putSlivers body parts', () => {
  it('are the concatenated BCS SliverData of every sliver, without copying the slivers', () => {
    const slivers = [0, 1, 127, 128, 300, 16_384, 70_000].map((len, i) => ({
      data: Uint8Array.from({ length: len }, (_, j) => (j * 7 + i) & 0xff),
      symbolSize: 2 * (i + 1) + 256 * i,
      index: 1000 * i + 3,
    }));
    const parts = sliverDataBodyParts(slivers);
    expect(concat(parts)).toEqual(concat(slivers.map((s) => serializeSliverData(s))));
    for (const s of slivers) if (s.data.length > 0) expect(parts).toContain(s.data);
  });
  it('is empty for no slivers', () => {
    expect(sliverDataBodyParts([])).toEqual([]);
  });
});
