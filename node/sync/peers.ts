/**
 * Talking to the other committee members during sync: their order (random, weighted by shards), a per-peer
 * cap on requests in flight, address resolution, and the four calls sync needs over the storage protocols
 * (metadata, recovery symbols, a sync-shard page, an inconsistency proof). Every response is parsed here;
 * callers verify content against metadata.
 *
 * @see spec §3.2 ("nodes are visited in random order weighted by shard count"), §3.3, §3.4
 */
import type { ComponentLogger, Logger } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { parseBlobMetadataWithId } from '../../shared/bcs/blob.ts';
import { SignedMessageBcs, type SignedMessage } from '../../shared/bcs/messages.ts';
import { parseBcs } from '../../shared/bcs/parse.ts';
import { parseSliverData } from '../../shared/bcs/sliver.ts';
import { parseGeneralRecoverySymbols } from '../../shared/bcs/symbol.ts';
import {
  BlobIdHeaderBcs,
  encodeHeader,
  GetRecoverySymbolsHeaderBcs,
  PostInconsistencyProofHeaderBcs,
} from '../../shared/protocol/headers.ts';
import { StorageProtocol } from '../../shared/protocol/ids.ts';
import {
  GetSymbolBatchHeaderBcs,
  MAX_SYMBOL_BATCH_BYTES,
  parseSymbolBatch,
  toRuns,
  type SymbolBatch,
} from '../../shared/protocol/symbol-batch.ts';
import type { BlobMetadata, GeneralRecoverySymbol, Sliver, SliverAxis } from '../../shared/encoding/types.ts';
import { bytesEqual } from '../../shared/encoding/blob-id.ts';
import type { CommitteeMember } from '../chain/types.ts';
import type { Network } from '../network/network.ts';
import type { InboundResponse } from '../network/reqresp/reqresp.ts';

const MiB = 1024 * 1024;

/** What the peer layer needs. */
export interface SyncPeersComponents {
  network: Pick<Network, 'reqResp' | 'resolvePeer' | 'peerId'>;
  logger: ComponentLogger;
}

/** Options of {@link SyncPeers}. */
export interface SyncPeersInit {
  /** Deadline of one request, ms. @default 30_000 */
  requestTimeoutMs?: number;
  /** Time allowed to resolve a member's addresses through the DHT, ms. @default 5_000 */
  resolveTimeoutMs?: number;
  /**
   * Requests in flight to one peer at once (the storage handlers cap concurrent streams per peer and
   * protocol at 8 by default).
   * @default 4
   */
  maxInFlightPerPeer?: number;
  /** Random source in [0, 1) (tests). @default Math.random */
  random?: () => number;
}

/** Bytes received per kind of sync traffic since the start (for the recovery benchmark and metrics). */
export interface SyncTrafficStats {
  metadataBytes: number;
  /** Response bodies of both symbol protocols (with proofs, and the proof-less batches). */
  symbolBytes: number;
  /** Proof-less symbol batch requests sent (part of `requests`). */
  batchRequests: number;

  shardBytes: number;
  requests: number;
  failures: number;
}

/**
 * Orders `members` randomly with probability proportional to their weight (Efraimidis-Spirakis: key
 * u^(1/w), highest first). Members of weight 0 come last.
 */
export function weightedRandomOrder<T extends { weight: number }>(
  members: readonly T[],
  random: () => number = Math.random,
): T[] {
  return members
    .map((m) => ({ m, k: m.weight > 0 ? Math.pow(random(), 1 / m.weight) : -1 }))
    .sort((a, b) => b.k - a.k)
    .map((x) => x.m);
}

class Semaphore {
  #free: number;
  readonly #waiters: (() => void)[] = [];
  constructor(n: number) {
    this.#free = n;
  }
  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }
  release(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#free++;
  }
}

/** Remote calls to committee members for sync. */
export class SyncPeers {
  readonly #c: SyncPeersComponents;
  readonly #log: Logger;
  readonly #timeoutMs: number;
  readonly #resolveMs: number;
  readonly #perPeer: number;
  readonly #random: () => number;
  readonly #limits = new Map<string, Semaphore>();
  readonly stats: SyncTrafficStats = {
    metadataBytes: 0,
    symbolBytes: 0,
    batchRequests: 0,
    shardBytes: 0,
    requests: 0,
    failures: 0,
  };

  constructor(components: SyncPeersComponents, init: SyncPeersInit = {}) {
    this.#c = components;
    this.#log = components.logger.forComponent('walrus-ts:sync:peers');
    this.#timeoutMs = init.requestTimeoutMs ?? 30_000;
    this.#resolveMs = init.resolveTimeoutMs ?? 5_000;
    this.#perPeer = init.maxInFlightPerPeer ?? 4;
    this.#random = init.random ?? Math.random;
  }

  /** `members` without this node, in random order weighted by shards. */
  order(members: readonly CommitteeMember[]): CommitteeMember[] {
    const self = this.#c.network.peerId.toString();
    return weightedRandomOrder(
      members.filter((m) => m.peerId !== self),
      this.#random,
    );
  }

  async #addresses(member: CommitteeMember, signal?: AbortSignal): Promise<Multiaddr[]> {
    try {
      return await this.#c.network.resolvePeer(peerIdFromString(member.peerId), {
        timeoutMs: this.#resolveMs,
        signal,
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      const fallback: Multiaddr[] = [];
      for (const a of member.multiaddrs) {
        try {
          const ma = multiaddr(a);
          fallback.push(
            ma.getComponents().some((c) => c.name === 'p2p') ? ma : ma.encapsulate(`/p2p/${member.peerId}`),
          );
        } catch {
          // skip unparsable addresses registered on chain
        }
      }
      if (fallback.length === 0) throw err;
      return fallback;
    }
  }

  /** One request to `member`, within the per-peer cap and the deadline. */
  async request(
    member: CommitteeMember,
    protocol: string,
    header: Uint8Array,
    body: Uint8Array,
    maxResponseBodyBytes: number,
    signal?: AbortSignal,
  ): Promise<InboundResponse> {
    let sem = this.#limits.get(member.peerId);
    if (!sem) this.#limits.set(member.peerId, (sem = new Semaphore(this.#perPeer)));
    await sem.acquire();
    this.stats.requests++;
    try {
      const signals = [AbortSignal.timeout(this.#timeoutMs)];
      if (signal) signals.push(signal);
      const s = AbortSignal.any(signals);
      const t0 = Date.now();
      const target = await this.#addresses(member, s);
      const t1 = Date.now();
      const res = await this.#c.network.reqResp.request(target, protocol, header, body, {
        maxResponseBodyBytes,
        timeoutMs: this.#timeoutMs,
        signal: s,
      });
      this.#log.trace(
        '%s to %s: resolve %d ms, request %d ms',
        protocol,
        member.name,
        t1 - t0,
        Date.now() - t1,
      );
      return res;
    } catch (err) {
      this.stats.failures++;
      this.#log.trace('%s to %s failed - %e', protocol, member.name, err);
      throw err;
    } finally {
      sem.release();
    }
  }

  /**
   * Metadata of `blobId` from `member`, parsed (NOT verified; the caller verifies against the blob ID).
   * @throws the request's errors; BCS errors for a malformed answer
   */
  async fetchMetadata(
    member: CommitteeMember,
    blobId: Uint8Array,
    signal?: AbortSignal,
  ): Promise<{ metadata: BlobMetadata; bytes: Uint8Array }> {
    const res = await this.request(
      member,
      StorageProtocol.getMetadata,
      encodeHeader(BlobIdHeaderBcs, { blobId }),
      new Uint8Array(0),
      16 * MiB,
      signal,
    );
    this.stats.metadataBytes += res.body.length;
    const withId = parseBlobMetadataWithId(res.body);
    if (!bytesEqual(withId.blobId, blobId)) throw new Error('metadata for another blob ID');
    return { metadata: withId.metadata, bytes: res.body.subarray(32) };
  }

  /**
   * Every recovery symbol `member`'s shards give for target sliver (`axis`, `targetIndex`), with proofs
   * in the source slivers' trees (parsed, NOT verified).
   */
  async fetchRecoverySymbols(
    member: CommitteeMember,
    blobId: Uint8Array,
    axis: SliverAxis,
    targetIndex: number,
    signal?: AbortSignal,
  ): Promise<GeneralRecoverySymbol[]> {
    const res = await this.request(
      member,
      StorageProtocol.getRecoverySymbols,
      encodeHeader(GetRecoverySymbolsHeaderBcs, {
        blobId,
        query: { ByTarget: { targetSliver: targetIndex, targetType: axis } },
        proofAxis: axis === 'primary' ? 'secondary' : 'primary',
      }),
      new Uint8Array(0),
      64 * MiB,
      signal,
    );
    this.stats.symbolBytes += res.body.length;
    return parseGeneralRecoverySymbols(res.body);
  }

  /**
   * Proof-less recovery symbols that `member`'s source slivers (axis orthogonal to `targetType`) give for
   * each of `targets`, in one request (shared/protocol/symbol-batch.ts). Parsed and shape-checked: the
   * sources served are a subset of `sources` (when given) and the data is targets x sources x S bytes.
   * NOT verified: the caller checks what it rebuilds against the metadata.
   * @param sources ascending source sliver indices wanted (undefined = all the member holds)
   * @throws the request's errors; BCS errors for a malformed answer; Error for unrequested sources
   */
  async fetchSymbolBatch(
    member: CommitteeMember,
    blobId: Uint8Array,
    targetType: SliverAxis,
    targets: readonly number[],
    nShards: number,
    sources?: readonly number[],
    signal?: AbortSignal,
  ): Promise<SymbolBatch> {
    this.stats.batchRequests++;
    const res = await this.request(
      member,
      StorageProtocol.getSymbolBatch,
      encodeHeader(GetSymbolBatchHeaderBcs, {
        blobId,
        targetType,
        targets: [...targets],
        sources: sources ? toRuns(sources) : [],
      }),
      new Uint8Array(0),
      MAX_SYMBOL_BATCH_BYTES + 4 * nShards + 16,
      signal,
    );
    this.stats.symbolBytes += res.body.length;
    const batch = parseSymbolBatch(res.body, targets.length, nShards);
    if (sources) {
      const asked = new Set(sources);
      if (batch.sources.some((i) => !asked.has(i))) throw new Error('symbol batch has unrequested sources');
    }
    return batch;
  }

  /**
   * One page of a shard from its previous owner: `signed` is the BCS SignedMessage over the SyncShard
   * request. Returns (blob ID, sliver) pairs in blob ID order (slivers parsed, NOT verified).
   */
  async fetchShardPage(
    member: CommitteeMember,
    signed: Uint8Array,
    signal?: AbortSignal,
  ): Promise<{ blobId: Uint8Array; sliver: Sliver; data: Uint8Array }[]> {
    const res = await this.request(
      member,
      StorageProtocol.syncShard,
      signed,
      new Uint8Array(0),
      192 * MiB,
      signal,
    );
    this.stats.shardBytes += res.body.length;
    return parseSyncShardResponse(res.body);
  }

  /** Posts an inconsistency proof; returns the member's signed InvalidBlobIdMsg (NOT verified). */
  async postInconsistencyProof(
    member: CommitteeMember,
    blobId: Uint8Array,
    axis: SliverAxis,
    proof: Uint8Array,
    signal?: AbortSignal,
  ): Promise<SignedMessage> {
    const res = await this.request(
      member,
      StorageProtocol.postInconsistencyProof,
      encodeHeader(PostInconsistencyProofHeaderBcs, { blobId, sliverType: axis }),
      proof,
      64 * 1024,
      signal,
    );
    return parseBcs(SignedMessageBcs, res.body);
  }
}

function readUleb(b: Uint8Array, o: number): [number, number] {
  let v = 0;
  let shift = 0;
  for (;;) {
    if (o >= b.length) throw new Error('truncated ULEB128');
    const x = b[o++];
    v += (x & 0x7f) * 2 ** shift;
    if ((x & 0x80) === 0) return [v, o];
    shift += 7;
    if (shift > 35) throw new Error('ULEB128 too long');
  }
}

/**
 * Parses BCS `SyncShardResponse::V1(Vec<(BlobId, Sliver)>)` without copying the sliver bytes: each entry
 * is a 32-byte blob ID, the `Sliver` enum tag (0 primary, 1 secondary) and a `SliverData`.
 * @throws Error for a malformed response
 */
export function parseSyncShardResponse(
  body: Uint8Array,
): { blobId: Uint8Array; sliver: Sliver; data: Uint8Array }[] {
  if (body[0] !== 0) throw new Error('unknown SyncShardResponse version');
  let [count, o] = readUleb(body, 1);
  const out: { blobId: Uint8Array; sliver: Sliver; data: Uint8Array }[] = [];
  for (; count > 0; count--) {
    if (o + 33 > body.length) throw new Error('truncated sync shard entry');
    const blobId = body.slice(o, o + 32);
    const tag = body[o + 32];
    if (tag !== 0 && tag !== 1) throw new Error(`unknown sliver tag ${tag}`);
    o += 33;
    // SliverData = Symbols { data: vector<u8>, symbol_size: u16 }, index: u16
    const [len, dataStart] = readUleb(body, o);
    const end = dataStart + len + 4;
    if (end > body.length) throw new Error('truncated sliver data');
    const data = body.subarray(o, end);
    out.push({ blobId, sliver: parseSliverData(data, tag === 0 ? 'primary' : 'secondary'), data });
    o = end;
  }
  if (o !== body.length) throw new Error('trailing bytes after sync shard response');
  return out;
}
