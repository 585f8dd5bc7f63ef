import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('../../../../node/network/gc-tuning.ts', import.meta.url));

/**
 * Runs a child process that allocates `mib` MiB of short-lived 64 KiB buffers (the shape of Noise/Yamux
 * traffic) on top of a ~20 MB heap, after `tuneGcForBulkTransfers()` when `tune`, and returns how many full
 * (mark-compact) collections it ran. A child keeps the flag out of the test runner's own process.
 */
function majorGcs(tune: boolean, mib: number): number {
  const script = `
    import { PerformanceObserver, constants } from 'node:perf_hooks';
    import { tuneGcForBulkTransfers } from ${JSON.stringify(MODULE)};
    if (${tune}) tuneGcForBulkTransfers();
    const keep = [];
    for (let i = 0; i < 200000; i++) keep.push({ i, s: String(i) });
    let major = 0;
    const obs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) major++;
    });
    obs.observe({ entryTypes: ['gc'] });
    let sum = 0;
    for (let i = 0; i < ${mib} * 16; i++) sum += new Uint8Array(65536)[0];
    await new Promise((r) => setTimeout(r, 50));
    process.stdout.write(String(major + sum + keep.length - 200000));
  `;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}

describe('tuneGcForBulkTransfers', () => {
  it('stops short-lived buffers from forcing a full GC every 64 MiB', () => {
    // 1 GiB of 64 KiB buffers: V8's default runs a mark-compact every ~64 MiB of them
    expect(majorGcs(false, 1024)).toBeGreaterThanOrEqual(8);
    expect(majorGcs(true, 1024)).toBeLessThanOrEqual(2);
  }, 60_000);
});
