import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createNodeMetrics } from '../../../../node/metrics/metrics.ts';

describe('createNodeMetrics', () => {
  it('registers walrus_ts_node_* metrics with bounded labels', async () => {
    const register = new Registry();
    const m = createNodeMetrics(register);
    m.requests.inc({ operation: 'putSlivers', transport: 'libp2p', outcome: 'ok' });
    m.sliversStored.inc({ axis: 'primary' }, 3);
    m.epoch.set(7);
    const names = (await register.getMetricsAsJSON()).map((x) => x.name);
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) expect(n).toMatch(/^walrus_ts_node_[a-z_]+$/);
    const text = await register.metrics();
    expect(text).toContain('walrus_ts_node_slivers_stored_total{axis="primary"} 3');
    expect(text).toContain('walrus_ts_node_epoch 7');
    // A second registry gets its own set (no global state).
    expect(() => createNodeMetrics(new Registry())).not.toThrow();
  });
});
