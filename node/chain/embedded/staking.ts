/**
 * Committee selection and vote aggregation of the embedded chain, following the Walrus Move contracts
 * (`staking_inner.move::dhondt`, `committee.move::transition`, `quorum_below/quorum_above`).
 * Pure functions, no state.
 * @see spec §6.4
 */

/** Nodes at or above this count get a hard cap of n/10 shards each. */
export const MIN_NODES_FOR_SHARDS_LIMIT = 20;
/** Denominator of the per-node shard cap. */
export const SHARDS_LIMIT_DENOMINATOR = 10;

/** 3 * weight >= 2 * n + 1: a quorum of shards. @see spec §6.3 */
export function isQuorum(weight: number, nShards: number): boolean {
  return 3 * weight >= 2 * nShards + 1;
}

/** 3 * weight >= n + 1: at least one correct node among the signers. @see spec §6.3 */
export function includesOneCorrectNode(weight: number, nShards: number): boolean {
  return 3 * weight >= nShards + 1;
}

/** Cap on shards per node: n/10 with >= 20 nodes, else ceil(n * 20 / (nodes * 10)). */
export function maxShardsPerNode(nNodes: number, nShards: number): number {
  if (nNodes >= MIN_NODES_FOR_SHARDS_LIMIT) return Math.floor(nShards / SHARDS_LIMIT_DENOMINATOR);
  return Math.ceil((nShards * MIN_NODES_FOR_SHARDS_LIMIT) / (nNodes * SHARDS_LIMIT_DENOMINATOR));
}

/**
 * D'Hondt (Jefferson) apportionment of `nShards` on `stakes` with the per-node cap: an initial
 * Hagenbach-Bischoff floor `stake / (total / (n + 1) + 1)`, then one shard at a time to the largest
 * quotient `stake / (shards + 1)`; ties go to the earlier node (callers order nodes by priority).
 * @param stakes stake per node (FROST), total > 0
 * @returns shards per node, same order, summing to `nShards`
 * @throws RangeError when the total stake is 0
 */
export function dhondt(stakes: readonly bigint[], nShards: number): number[] {
  const n = stakes.length;
  if (n === 0) return [];
  const total = stakes.reduce((a, b) => a + b, 0n);
  if (total <= 0n) throw new RangeError('no stake to apportion shards on');
  const cap = maxShardsPerNode(n, nShards);
  const divisor = total / BigInt(nShards + 1) + 1n;
  const shards = stakes.map((s) => Math.min(Number(s / divisor), cap));
  let distributed = shards.reduce((a, b) => a + b, 0);
  while (distributed < nShards) {
    // Largest quotient stake / (shards + 1); compare a/b > c/d as a*d > c*b (exact, no rounding).
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (shards[i] >= cap) continue;
      if (best < 0 || stakes[i] * BigInt(shards[best] + 1) > stakes[best] * BigInt(shards[i] + 1)) best = i;
    }
    if (best < 0) throw new RangeError('shard cap too small to distribute every shard');
    shards[best]++;
    distributed++;
  }
  return shards;
}

/**
 * Assigns shard indices for a new committee, keeping as many shards in place as possible
 * (`committee.move::transition`): nodes that shrink give up shards from the end of their list; freed
 * shards go to nodes that grow or are new. The first committee (`previous` empty) gets shards
 * sequentially in node ID order.
 * @param previous node ID -> shard indices of the current committee
 * @param counts node ID -> number of shards in the new committee (0 = not a member)
 * @param nShards total number of shards (sum of `counts`)
 * @returns node ID -> shard indices (ascending), only nodes with at least one shard, sorted by node ID
 */
export function assignShards(
  previous: ReadonlyMap<string, readonly number[]>,
  counts: ReadonlyMap<string, number>,
  nShards: number,
): Map<string, number[]> {
  const ids = [...counts.keys()].filter((id) => (counts.get(id) ?? 0) > 0).sort();
  const out = new Map<string, number[]>();
  if (previous.size === 0) {
    let next = 0;
    for (const id of ids) {
      const k = counts.get(id)!;
      out.set(
        id,
        Array.from({ length: k }, (_, i) => next + i),
      );
      next += k;
    }
    if (next !== nShards) throw new RangeError(`assigned ${next} of ${nShards} shards`);
    return out;
  }
  const toMove: number[] = [];
  const kept = new Map<string, number[]>();
  for (const [id, prev] of [...previous.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const want = counts.get(id) ?? 0;
    const shards = [...prev];
    while (shards.length > want) toMove.push(shards.pop()!);
    kept.set(id, shards);
  }
  for (const id of ids) {
    const shards = kept.get(id) ?? [];
    const want = counts.get(id)!;
    while (shards.length < want) {
      const s = toMove.pop();
      if (s === undefined) throw new RangeError('shard assignment does not add up');
      shards.push(s);
    }
    out.set(
      id,
      shards.sort((a, b) => a - b),
    );
  }
  const total = [...out.values()].reduce((a, s) => a + s.length, 0);
  if (total !== nShards || toMove.length !== 0)
    throw new RangeError(`assigned ${total} of ${nShards} shards`);
  return out;
}

/**
 * The lowest value that a quorum of weight voted at or below (`quorum_below`): walk votes from the
 * highest down, removing their weight, and return the first value at which the remaining weight is no
 * longer a quorum.
 * @param votes value and weight (shards) per committee member; weights sum to `nShards`
 */
export function quorumBelow(votes: readonly { value: bigint; weight: number }[], nShards: number): bigint {
  const sorted = [...votes].sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0));
  let remaining = nShards;
  for (const v of sorted) {
    remaining -= v.weight;
    if (!isQuorum(remaining, nShards)) return v.value;
  }
  return sorted.length ? sorted[sorted.length - 1].value : 0n;
}

/**
 * The highest value that a quorum of weight voted at or above (`quorum_above`): walk votes from the
 * highest down, adding their weight, and return the first value at which the weight is a quorum.
 */
export function quorumAbove(votes: readonly { value: bigint; weight: number }[], nShards: number): bigint {
  const sorted = [...votes].sort((a, b) => (a.value < b.value ? 1 : a.value > b.value ? -1 : 0));
  let sum = 0;
  for (const v of sorted) {
    sum += v.weight;
    if (isQuorum(sum, nShards)) return v.value;
  }
  return sorted.length ? sorted[sorted.length - 1].value : 0n;
}
