/**
 * Optional Prometheus metrics of the network layer. Build them once with {@link createNetworkMetrics} and
 * pass them as `components.metrics`; every service works without them.
 *
 * Labels are bounded: `protocol` (registered ids), `direction` (`inbound`|`outbound`) and `status` (a
 * {@link ResponseStatus} name or `APP` for application statuses, or an error code on the client side).
 */
import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import { ResponseStatus } from './reqresp/status.ts';

const STATUS_NAMES = new Map<number, string>(Object.entries(ResponseStatus).map(([k, v]) => [v, k]));

/** Bounded label for a wire status. */
export function statusLabel(status: number): string {
  return STATUS_NAMES.get(status) ?? 'APP';
}

/** Creates and registers the network metrics on `register`. */
export function createNetworkMetrics(register: Registry) {
  const registers = [register];
  return {
    requests: new Counter({
      name: 'walrus_ts_network_reqresp_requests_total',
      help: 'Request/response exchanges finished, by protocol, direction and status',
      labelNames: ['protocol', 'direction', 'status'] as const,
      registers,
    }),
    bytes: new Counter({
      name: 'walrus_ts_network_reqresp_bytes_total',
      help: 'Bytes of request/response traffic, by protocol and direction (in = received)',
      labelNames: ['protocol', 'direction'] as const,
      registers,
    }),
    duration: new Histogram({
      name: 'walrus_ts_network_reqresp_duration_seconds',
      help: 'Duration of request/response exchanges',
      labelNames: ['protocol', 'direction'] as const,
      buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    activeStreams: new Gauge({
      name: 'walrus_ts_network_reqresp_active_streams',
      help: 'Inbound request/response streams being served, by protocol',
      labelNames: ['protocol'] as const,
      registers,
    }),
  };
}

/** The metrics object; its type is whatever {@link createNetworkMetrics} returns. */
export type NetworkMetrics = ReturnType<typeof createNetworkMetrics>;
