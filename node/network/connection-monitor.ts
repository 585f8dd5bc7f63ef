/**
 * Settings of libp2p's connection monitor for walrus-ts processes. libp2p 3 pings every connection every
 * 10 s and aborts it when a ping takes longer than an adaptive timeout of at least 5 s. On a storage
 * network that bound is too tight: a ping stream waits behind the bulk data already queued on the same
 * TCP connection (a 32 MiB sliver batch on a 50 Mbit/s link takes 5.4 s) and behind a busy event loop, and
 * the abort kills every transfer on that connection. `bench:ingest` lost its connection this way on the
 * 2-core benchmark VM (`libp2p:connection-monitor:error aborting connection due to ping failure`). With a
 * 30 s floor (adaptive up to libp2p's 60 s) a dead peer is still found within a minute.
 */
import type { Libp2pInit } from 'libp2p';

/** Smallest ping timeout before a connection is judged dead, ms. */
export const PING_TIMEOUT_MIN_MS = 30_000;

/** The `connectionMonitor` option of `createLibp2p` for storage nodes and clients. */
export const CONNECTION_MONITOR: NonNullable<Libp2pInit['connectionMonitor']> = {
  pingTimeout: { minTimeout: PING_TIMEOUT_MIN_MS },
};
