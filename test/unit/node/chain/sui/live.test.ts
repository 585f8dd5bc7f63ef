/**
 * Live read test against a real Sui network where Walrus is deployed. Skipped unless SUI_RPC_URL is set:
 *   SUI_RPC_URL=https://fullnode.testnet.sui.io:443 \
 *   WALRUS_SYSTEM_OBJECT=0x6c25… WALRUS_STAKING_OBJECT=0xbe46… \
 *   [WALRUS_WAL_COIN_TYPE=0x…::wal::WAL] npx vitest run test/unit/node/chain/sui/live.test.ts
 * Without WALRUS_SYSTEM_OBJECT/WALRUS_STAKING_OBJECT the testnet deployment is used.
 */
import { describe, it, expect } from 'vitest';
import { createSuiChainClient, TESTNET_DEPLOYMENT } from '../../../../../node/chain/sui/index.ts';
import type { ChainEvent } from '../../../../../node/chain/types.ts';

const env = process.env;

describe.skipIf(!env.SUI_RPC_URL)('Sui adapter against a live network', () => {
  // Built lazily: the describe body runs at collection even when skipped.
  const chain = () =>
    createSuiChainClient({
      rpcUrl: env.SUI_RPC_URL,
      systemObjectId: env.WALRUS_SYSTEM_OBJECT ?? TESTNET_DEPLOYMENT.systemObjectId,
      stakingObjectId: env.WALRUS_STAKING_OBJECT ?? TESTNET_DEPLOYMENT.stakingObjectId,
      // Only balance() uses the coin type; SUI stands in when WAL's is not given.
      walCoinType:
        env.WALRUS_WAL_COIN_TYPE ??
        (env.WALRUS_SYSTEM_OBJECT ? '0x2::sui::SUI' : TESTNET_DEPLOYMENT.walCoinType),
    });

  it('reads the system state and a consistent committee', { timeout: 60_000 }, async () => {
    const s = await chain().systemState({ signal: AbortSignal.timeout(55_000) });
    expect(s.epoch).toBeGreaterThan(0);
    expect(s.nShards).toBeGreaterThan(0);
    expect(s.committee.epoch).toBeLessThanOrEqual(s.epoch);
    expect(s.committee.members.length).toBeGreaterThan(0);
    expect(s.committee.members.reduce((a, m) => a + m.weight, 0)).toBe(s.committee.nShards);
    if (s.committee.epoch === s.epoch) {
      const shards = s.committee.members.flatMap((m) => m.shards).sort((a, b) => a - b);
      expect(shards).toEqual(Array.from({ length: s.nShards }, (_, i) => i));
    }
    for (const m of s.committee.members) {
      expect(m.publicKey).toHaveLength(48);
      expect(m.nodeId).toMatch(/^0x[0-9a-f]{64}$/);
    }
    expect(s.storagePricePerUnit).toBeGreaterThan(0n);
    expect(s.maxEpochsAhead).toBeGreaterThan(0);
    expect(s.totalCapacity).toBeGreaterThanOrEqual(s.usedCapacity);
  });

  it('reads the first Walrus events', { timeout: 60_000 }, async () => {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), 55_000);
    const events: ChainEvent[] = [];
    for await (const e of chain().events({ signal: ac.signal })) {
      events.push(e);
      if (events.length === 3) ac.abort();
    }
    clearTimeout(timer);
    expect(events.length).toBe(3);
    for (const e of events) expect(e.cursor.startsWith('sui1.')).toBe(true);
  });
});
