/**
 * The HTTP `Range` header as Walrus's aggregator accepts it: exactly one `bytes=<start>-<end>` range with
 * both ends given (inclusive). Open-ended and suffix ranges are refused, as in Walrus.
 * @see spec §5.4; walrus-service `daemon/routes.rs::parse_range_header`
 * @packageDocumentation
 */
import { DaemonRequestError } from './errors.ts';

/** A byte range: `start` and inclusive `end`. */
export interface ByteRange {
  start: number;
  end: number;
}

function bad(message: string): DaemonRequestError {
  return new DaemonRequestError('RANGE_NOT_SATISFIABLE', 'INVALID_BYTE_RANGE', message);
}

/**
 * Parses a Range header value.
 * @throws DaemonRequestError (416 `INVALID_BYTE_RANGE`) for any other form
 */
export function parseRangeHeader(value: string): ByteRange {
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(value);
  if (!m)
    throw bad(`invalid range header ${JSON.stringify(value.slice(0, 80))}: must be bytes=<start>-<end>`);
  const parts = m[1].split(',');
  if (parts.length !== 1) throw bad('only one range per request is supported');
  const r = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(parts[0]);
  if (!r) throw bad(`invalid range ${JSON.stringify(parts[0].slice(0, 80))}`);
  if (r[1] === '') throw bad('must provide start index');
  if (r[2] === '') throw bad('must provide end index');
  const start = Number(r[1]);
  const end = Number(r[2]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) throw bad('range bounds are too large');
  if (start > end) throw bad('start index must not exceed end index');
  return { start, end };
}
