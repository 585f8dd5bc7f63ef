import { describe, it, expect } from 'vitest';
import { EpochStateError } from '../../../../../node/chain/errors.ts';
import { Ledger } from '../../../../../node/chain/embedded/ledger.ts';
import { InProcessChainClient } from '../../../../../node/chain/embedded/in-process-client.ts';
import { createChain, registerNodes } from './fixtures.ts';

describe('epoch state machine (spec §6.5)', () => {
  it('genesis needs an explicit start with a staked node, and happens once', async () => {
    const ledger = new Ledger({ nShards: 10 });
    const nodes = await registerNodes(ledger, [0n]);
    await expect(nodes[0].client.startFirstEpoch()).rejects.toBeInstanceOf(EpochStateError);
    expect((await nodes[0].client.systemState()).epochState.kind).toBe('NotStarted');
    await nodes[0].client.stake({ nodeId: nodes[0].nodeId, amount: 1n });
    const r = await nodes[0].client.startFirstEpoch();
    expect(r.events.map((e) => e.type)).toEqual([
      'EpochParametersSelected',
      'EpochChangeStart',
      'PricesUpdated',
      'EpochChangeDone',
    ]);
    await expect(nodes[0].client.startFirstEpoch()).rejects.toBeInstanceOf(EpochStateError);
  });

  it('voting end, epoch change start, sync done by a quorum of weight, then EpochChangeDone', async () => {
    let clock = 1_000_000;
    const { ledger, nodes, user } = await createChain({ now: () => clock, epochDurationMs: 10_000 });
    const events = new InProcessChainClient(ledger);
    const ac = new AbortController();
    const seen: string[] = [];
    const collector = (async () => {
      for await (const e of events.events({ signal: ac.signal })) seen.push(`${e.type}`);
    })();

    // A new node joins with a big stake: it gets shards in the next committee.
    const [late] = await registerNodes(ledger, [400n], 10);
    clock += 5_000;
    let s = await user.systemState();
    expect(s.epochState.kind).toBe('NextParamsSelected');
    expect(s.nextCommittee?.members.some((m) => m.nodeId === late.nodeId)).toBe(true);
    const before = new Map(s.committee.members.map((m) => [m.nodeId, m.shards]));
    // Shards stay in place: each old member keeps a subset of its shards.
    for (const m of s.nextCommittee!.members) {
      const old = before.get(m.nodeId);
      if (old)
        expect(old.filter((x) => m.shards.includes(x)).length).toBe(Math.min(old.length, m.shards.length));
    }
    clock += 5_000;
    s = await user.systemState();
    expect(s.epoch).toBe(2);
    expect(s.epochState.kind).toBe('EpochChangeSync');
    expect(s.previousCommittee?.epoch).toBe(1);

    const all = [...nodes, late];
    const byWeight = s.committee.members.map((m) => ({ m, n: all.find((x) => x.nodeId === m.nodeId)! }));
    await expect(
      byWeight[0].n.client.epochSyncDone({ nodeId: byWeight[0].m.nodeId, epoch: 1 }),
    ).rejects.toBeInstanceOf(EpochStateError);
    let synced = 0;
    for (const { m, n } of byWeight) {
      const r = await n.client.epochSyncDone({ nodeId: m.nodeId, epoch: 2 });
      synced += m.weight;
      expect(r.events[0]).toMatchObject({ type: 'ShardsReceived', epoch: 2, shards: m.shards });
      if (3 * synced >= 21) {
        expect(r.events[1]).toMatchObject({ type: 'EpochChangeDone', epoch: 2 });
        break;
      }
    }
    s = await user.systemState();
    expect(s.epochState.kind).toBe('EpochChangeDone');
    expect(s.previousCommittee).toBeUndefined();
    // Let the collector catch up, then stop it.
    await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    await collector;
    expect(seen).toContain('EpochParametersSelected');
    expect(seen.filter((t) => t === 'EpochChangeStart').length).toBe(2);
    expect(seen.at(-1)).toBe('EpochChangeDone');
  });

  it('events resume from a cursor without repeats', async () => {
    const { ledger } = await createChain();
    const all = ledger.eventsAfter(0);
    const client = new InProcessChainClient(ledger);
    const ac = new AbortController();
    const got = [];
    for await (const e of client.events({ after: all[1].cursor, signal: ac.signal })) {
      got.push(e);
      if (got.length === all.length - 2) ac.abort();
    }
    expect(got.map((e) => e.cursor)).toEqual(all.slice(2).map((e) => e.cursor));
  });
});
