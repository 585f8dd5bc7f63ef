import { describe, expect, it } from 'vitest';
import { MALLOC_TRIM_THRESHOLD_ENV, withAllocatorTuning } from '../../../../node/memory/allocator-env.ts';

describe('withAllocatorTuning', () => {
  it("adds glibc's trim threshold to a child's environment, keeps one the caller set, and copies", () => {
    const { name, value } = MALLOC_TRIM_THRESHOLD_ENV;
    const env = { PATH: '/usr/bin' };
    const tuned = withAllocatorTuning(env);
    expect(tuned).toEqual({ PATH: '/usr/bin', [name]: value });
    expect(env).toEqual({ PATH: '/usr/bin' });
    expect(Number(value)).toBe(256 * 1024 * 1024);
    expect(withAllocatorTuning({ [name]: '1048576' })[name]).toBe('1048576');
  });
});
