/**
 * Display formatting of the explorer (isomorphic, no DOM): bytes, WAL amounts, durations, times and IDs.
 * @packageDocumentation
 */

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** `1536` -> `1.5 KiB`; binary units, one decimal from KiB on. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${UNITS[u]}`;
}

/** Thousands separators: `1234567` -> `1,234,567`. */
export function formatInt(n: number | bigint | string): string {
  const s = String(n);
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  return (neg ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** FROST (decimal string or bigint) as WAL with up to 4 decimals: `1500000000` -> `1.5 WAL`. */
export function formatWal(frost: string | bigint): string {
  const v = BigInt(frost);
  const whole = v / 1_000_000_000n;
  const frac = (v % 1_000_000_000n).toString().padStart(9, '0').slice(0, 4).replace(/0+$/, '');
  return `${formatInt(whole)}${frac ? '.' + frac : ''} WAL`;
}

/** FROST amounts below 1 WAL read better as FROST: `2000` -> `2,000 FROST`. */
export function formatFrost(frost: string | bigint): string {
  const v = BigInt(frost);
  return v >= 1_000_000_000n ? formatWal(v) : `${formatInt(v)} FROST`;
}

/** A duration in ms as `2d 3h`, `5m 12s` or `42s` (two most significant units). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.floor(ms / 1000));
  const parts: [number, string][] = [
    [Math.floor(s / 86400), 'd'],
    [Math.floor((s % 86400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'm'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([v]) => v > 0);
  if (first < 0) return '0s';
  return parts
    .slice(first, first + 2)
    .filter(([v], i) => i === 0 || v > 0)
    .map(([v, u]) => `${v}${u}`)
    .join(' ');
}

/** `timestampMs` relative to `nowMs`: `12s ago`, `3m ago`, `in 5m`. */
export function formatAgo(timestampMs: number, nowMs: number): string {
  const d = nowMs - timestampMs;
  if (Math.abs(d) < 1000) return 'just now';
  return d > 0 ? `${formatDuration(d)} ago` : `in ${formatDuration(-d)}`;
}

/** UTC date and time, `2026-11-22 14:03:07 UTC`. */
export function formatTime(timestampMs: number): string {
  if (!timestampMs) return '—';
  return new Date(timestampMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
}

/** Middle-truncates an ID: `0x1234…cdef` (keeps `head` and `tail` characters). */
export function shortId(id: string, head = 6, tail = 4): string {
  if (id.length <= head + tail + 1) return id;
  return `${id.slice(0, head)}…${id.slice(-tail)}`;
}

/** Bytes as lowercase hex. */
export function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Percentage with one decimal, `0` for an empty total. */
export function percent(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 1000) / 10 : 0;
}

/**
 * A fraction in [0, 1] as a percentage for display, rounded down to one decimal (`99.6%`, `50%`): `100%`
 * only when exact, a tiny non-zero share as `<0.1%`, `—` for null.
 */
export function formatPercent(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  if (fraction >= 1) return '100%';
  if (fraction <= 0) return '0%';
  const p = fraction * 100;
  if (p < 0.1) return '<0.1%';
  const floored = Math.floor(p * 10) / 10;
  return `${Number.isInteger(floored) ? floored : floored.toFixed(1)}%`;
}

/** A latency in ms: `<1 ms`, `85 ms`, `1.25 s`, `12.5 s`; `—` for null. */
export function formatLatency(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${s.toFixed(s < 10 ? 2 : 1)} s`;
}
