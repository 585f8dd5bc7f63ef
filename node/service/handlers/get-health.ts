/**
 * `getHealth`: header empty, or one byte (1 = detailed); response body JSON `ServiceHealthInfo` (spec §4).
 */
import type { RequestHandler } from '../../network/reqresp/reqresp.ts';
import type { NodeMetrics } from '../../metrics/metrics.ts';
import type { StorageService } from '../storage-service.ts';
import { jsonBytes, serviceHandler } from './adapter.ts';

/** Handler of `/walrus-ts/health/get/1.0.0`. */
export function getHealthHandler(service: StorageService, metrics?: NodeMetrics): RequestHandler {
  return serviceHandler('getHealth', metrics, ({ header }) => ({
    body: jsonBytes(service.health(header.length === 1 && header[0] === 1)),
  }));
}
