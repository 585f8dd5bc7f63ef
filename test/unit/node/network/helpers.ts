/** Test fixtures for the network layer: real libp2p nodes on 127.0.0.1, always stopped after the test. */
import { createNetwork } from '../../../../node/network/network.ts';
import type { Network, NetworkInit } from '../../../../node/network/network.ts';

/** Starts a network on an ephemeral loopback TCP port. */
export async function startNetwork(init: NetworkInit = {}): Promise<Network> {
  const net = await createNetwork({ listen: ['/ip4/127.0.0.1/tcp/0'], subscribeGossip: false, ...init });
  await net.start();
  return net;
}

/** Dials `b` from `a` with a timeout so a broken test fails instead of hanging. */
export async function connect(a: Network, b: Network): Promise<void> {
  await a.libp2p.dial(b.getMultiaddrs(), { signal: AbortSignal.timeout(5000) });
}

/** Polls `check` every 50 ms until it returns true, or throws after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Stops every network, ignoring errors of already-stopped ones. */
export async function stopAll(nets: Network[]): Promise<void> {
  await Promise.all(
    nets.map(async (n) => {
      try {
        await n.stop();
      } catch {
        // already stopped
      }
    }),
  );
}
