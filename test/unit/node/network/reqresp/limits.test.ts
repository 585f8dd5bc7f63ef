import { describe, expect, it } from 'vitest';
import {
  SLIVER_BCS_OVERHEAD_BYTES,
  sliverProtocolLimits,
} from '../../../../../node/network/reqresp/limits.ts';

describe('sliverProtocolLimits', () => {
  it('allows one sliver in the transfer direction and nothing in the other', () => {
    expect(sliverProtocolLimits('upload', 1000, 64 << 20, 4096)).toEqual({
      maxRequestHeaderBytes: 4096,
      maxResponseHeaderBytes: 4096,
      maxRequestBodyBytes: 1000 + SLIVER_BCS_OVERHEAD_BYTES,
      maxResponseBodyBytes: 0,
    });
    const d = sliverProtocolLimits('download', 1 << 30, 16 << 20, 4096);
    expect(d.maxResponseBodyBytes).toBe((16 << 20) + SLIVER_BCS_OVERHEAD_BYTES);
    expect(d.maxRequestBodyBytes).toBe(0);
  });

  it('rejects bad sizes', () => {
    expect(() => sliverProtocolLimits('upload', -1, 1, 1)).toThrow(RangeError);
  });
});
