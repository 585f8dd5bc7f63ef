/**
 * The explorer's server side: one {@link Explorer} per process reads the chain (through the chain client),
 * the event index, the storage nodes and the aggregator, and builds the JSON the API routes answer with.
 * Each read method returns the data and its finality (which picks the cache header).
 * @packageDocumentation
 */
import { HttpChainClient } from '../../../node/chain/embedded/http-client.ts';
import { ObjectNotFoundError } from '../../../node/chain/errors.ts';
import type { ChainReader, Committee, SystemState } from '../../../node/chain/types.ts';
import { DAEMON_ROUTES } from '../../../shared/api/daemon.ts';
import { isBlobIdString } from '../../../shared/encoding/blob-id.ts';
import { encodedBlobLength, RS2_ENCODING_TYPE } from '../../../shared/encoding/params.ts';
import {
  AggregatorUnavailableError,
  BlobNotFoundError,
  ContentUnavailableError,
  EpochNotFoundError,
  InvalidQueryError,
  NodeNotFoundError,
  NothingFoundError,
} from '../errors.ts';
import {
  BLOB_FILTERS,
  type BlobDetailDto,
  type BlobFilter,
  type BlobListDto,
  type BlobObjectDto,
  type BlobStatus,
  type CommitteeDto,
  type EpochDetailDto,
  type EpochsDto,
  type HealthDto,
  type MeshDto,
  type NodeChallengesDto,
  type NodeDetailDto,
  type NodeDto,
  type NodesDto,
  type OverviewDto,
  type ProofDto,
  type SearchResultDto,
  type ShardMapDto,
  type ShardMoveDto,
} from '../types.ts';
import type { Finality } from './cache.ts';
import { bestScorecard, mergeEpochScorecards, mergeHistories, summarizeScorecard } from './challenges.ts';
import { configFromEnv, type ExplorerConfig } from './config.ts';
import { ChainIndex } from './indexer.ts';
import { NodeProber, nodeHttpUrl } from './node-api.ts';

/** The chain reads the explorer uses. */
export type ExplorerChain = Pick<
  ChainReader,
  'systemState' | 'getBlob' | 'getBlobIdInfo' | 'storageNodes' | 'getTransaction' | 'committeeAt'
>;

/** A result and how final it is. */
export interface Read<T> {
  data: T;
  finality: Finality;
}

/** Options of {@link Explorer}. */
export interface ExplorerInit {
  config: ExplorerConfig;
  /** @default a read-only HttpChainClient on `config.chainUrl` */
  chain?: ExplorerChain;
}

const OBJECT_ID_RE = /^0x[0-9a-fA-F]{1,64}$/;
/** Largest number of proofs loaded for one blob ID. */
const MAX_PROOFS = 4;
/** Epochs listed on the epochs page. */
const EPOCHS_LISTED = 50;

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A committee in JSON form. */
export function committeeToDto(c: Committee): CommitteeDto {
  return {
    epoch: c.epoch,
    nShards: c.nShards,
    members: c.members.map((m) => ({
      nodeId: m.nodeId,
      name: m.name,
      peerId: m.peerId,
      multiaddrs: [...m.multiaddrs],
      publicKey: b64(m.publicKey),
      weight: m.weight,
      shards: [...m.shards],
    })),
  };
}

/** Shards whose owner differs between `prev` (null for the first epoch) and `next`. */
export function shardMoves(prev: CommitteeDto | null, next: CommitteeDto): ShardMoveDto[] {
  const owner = (c: CommitteeDto) => {
    const m = new Map<number, { nodeId: string; name: string }>();
    for (const mem of c.members) for (const s of mem.shards) m.set(s, { nodeId: mem.nodeId, name: mem.name });
    return m;
  };
  const before = prev ? owner(prev) : new Map<number, { nodeId: string; name: string }>();
  const after = owner(next);
  const moves: ShardMoveDto[] = [];
  for (const [shard, to] of [...after.entries()].sort((a, b) => a[0] - b[0])) {
    const from = before.get(shard) ?? null;
    if (from?.nodeId !== to.nodeId) moves.push({ shard, from, to });
  }
  return moves;
}

/** The explorer's reads. */
export class Explorer {
  readonly config: ExplorerConfig;
  readonly chain: ExplorerChain;
  readonly index: ChainIndex;
  readonly prober: NodeProber;
  #system: { at: number; value: Promise<SystemState> } | null = null;
  readonly #committees = new Map<number, { at: number; value: Promise<CommitteeDto> }>();

  constructor(init: ExplorerInit) {
    this.config = init.config;
    this.chain = init.chain ?? new HttpChainClient({ url: init.config.chainUrl, timeoutMs: 10_000 });
    this.index = new ChainIndex({ chainUrl: init.config.chainUrl });
    this.prober = new NodeProber({ timeoutMs: init.config.probeTimeoutMs });
    this.index.start();
  }

  /** Stops following the chain. */
  async close(): Promise<void> {
    await this.index.stop();
  }

  /** System state, reused for one second. */
  systemState(): Promise<SystemState> {
    const now = Date.now();
    if (this.#system && now - this.#system.at < 1000) return this.#system.value;
    const value = this.chain.systemState();
    value.catch(() => (this.#system = null));
    this.#system = { at: now, value };
    return value;
  }

  /** The committee of `epoch`: kept for good once the epoch is past, 5 s while current. */
  async committee(epoch: number, currentEpoch: number): Promise<CommitteeDto> {
    const now = Date.now();
    const cached = this.#committees.get(epoch);
    if (cached && (epoch < currentEpoch || now - cached.at < 5000)) return cached.value;
    const value = this.chain.committeeAt(epoch).then(committeeToDto);
    value.catch(() => this.#committees.delete(epoch));
    this.#committees.set(epoch, { at: now, value });
    return value;
  }

  /** `GET /api/overview`. */
  async overview(): Promise<Read<OverviewDto>> {
    await this.index.ready();
    const s = await this.systemState();
    return {
      data: {
        epoch: s.epoch,
        epochState: s.epochState.kind,
        epochStartMs: s.epochStartMs,
        epochDurationMs: s.epochDurationMs,
        nShards: s.nShards,
        committeeSize: s.committee.members.length,
        storagePricePerUnit: s.storagePricePerUnit.toString(),
        writePricePerUnit: s.writePricePerUnit.toString(),
        totalCapacity: s.totalCapacity,
        usedCapacity: s.usedCapacity,
        stats: this.index.stats(s.epoch, s.nShards),
        recentEvents: this.index.recentEvents(25),
        latestBlobs: this.index.list('all', s.epoch, 0, 8, s.nShards).items,
        serverTimeMs: Date.now(),
      },
      finality: 'recent',
    };
  }

  /** `GET /api/blobs?filter=&page=&limit=`. @throws InvalidQueryError */
  async blobs(query: {
    filter?: string | null;
    page?: string | null;
    limit?: string | null;
  }): Promise<Read<BlobListDto>> {
    const filter = (query.filter || 'all') as BlobFilter;
    if (!BLOB_FILTERS.includes(filter))
      throw new InvalidQueryError(`unknown filter "${filter.slice(0, 40)}"`);
    const page = query.page ? Number(query.page) : 1;
    const limit = query.limit ? Number(query.limit) : 50;
    if (!Number.isInteger(page) || page < 1 || page > 1e6) throw new InvalidQueryError('page must be >= 1');
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      throw new InvalidQueryError('limit must be in [1, 500]');
    }
    await this.index.ready();
    const s = await this.systemState();
    const r = this.index.list(filter, s.epoch, (page - 1) * limit, limit, s.nShards);
    return { data: { ...r, filter, page, limit }, finality: 'recent' };
  }

  /**
   * `GET /api/blobs/{blobId}`: the blob's objects (live from the chain, deleted ones from the events) and
   * the availability proof of each certified object.
   * @throws InvalidQueryError, BlobNotFoundError
   */
  async blob(blobId: string): Promise<Read<BlobDetailDto>> {
    if (!isBlobIdString(blobId)) {
      throw new InvalidQueryError(`"${blobId.slice(0, 64)}" is not a blob ID (43 characters of base64url)`);
    }
    const [s, info] = await Promise.all([
      this.systemState(),
      this.chain.getBlobIdInfo(blobId),
      this.index.ready(),
    ]);
    const indexed = this.index.blob(blobId);
    if (info.objects.length === 0 && !info.invalidated && !indexed) {
      throw new BlobNotFoundError(`the chain knows no blob with ID ${blobId}`);
    }
    const objects: BlobObjectDto[] = info.objects.map((o) => {
      const io = this.index.object(o.id);
      return {
        id: o.id,
        owner: o.owner,
        live: true,
        registeredEpoch: o.registeredEpoch,
        certifiedEpoch: o.certifiedEpoch,
        endEpoch: o.storage.endEpoch,
        deletable: o.deletable,
        storage: {
          id: o.storage.id,
          startEpoch: o.storage.startEpoch,
          endEpoch: o.storage.endEpoch,
          storageSize: o.storage.storageSize,
        },
        attributes: { ...o.attributes },
        registeredTx: io?.registeredTx ?? null,
        certifiedTx: io?.certifiedTx ?? null,
      };
    });
    const liveIds = new Set(objects.map((o) => o.id));
    for (const io of indexed?.objects ?? []) {
      if (liveIds.has(io.objectId)) continue;
      objects.push({
        id: io.objectId,
        owner: null,
        live: false,
        registeredEpoch: io.registeredEpoch,
        certifiedEpoch: io.certifiedEpoch,
        endEpoch: io.endEpoch,
        deletable: io.deletable,
        storage: null,
        attributes: {},
        registeredTx: io.registeredTx,
        certifiedTx: io.certifiedTx,
      });
    }
    const live = objects.filter((o) => o.live);
    let status: BlobStatus;
    if (info.invalidated) status = 'invalid';
    else if (live.length === 0) status = 'deleted';
    else if (live.some((o) => o.certifiedEpoch !== null && o.endEpoch > s.epoch)) status = 'certified';
    else if (live.some((o) => o.endEpoch > s.epoch)) status = 'registered';
    else status = 'expired';

    const size = info.objects[0]?.size ?? indexed?.objects[0]?.size ?? 0;
    const encodingType =
      info.objects[0]?.encodingType ?? indexed?.objects[0]?.encodingType ?? RS2_ENCODING_TYPE;
    const proofErrors: string[] = [];
    const certified = objects.filter((o) => o.certifiedEpoch !== null).slice(0, MAX_PROOFS);
    const proofs = (
      await Promise.all(
        certified.map(async (o): Promise<ProofDto | null> => {
          if (!o.certifiedTx) {
            proofErrors.push(`object ${o.id}: its certifying transaction is not in the event index`);
            return null;
          }
          try {
            const [tx, committee] = await Promise.all([
              this.chain.getTransaction(o.certifiedTx),
              this.committee(o.certifiedEpoch!, s.epoch),
            ]);
            if (!tx.certificate) {
              proofErrors.push(`transaction ${tx.digest} carries no certificate`);
              return null;
            }
            return {
              objectId: o.id,
              deletable: o.deletable,
              certifiedEpoch: o.certifiedEpoch!,
              tx: {
                digest: tx.digest,
                sender: tx.sender,
                timestampMs: tx.timestampMs,
                epoch: tx.epoch,
                kind: tx.kind,
              },
              certificate: {
                signers: [...tx.certificate.signers],
                message: b64(tx.certificate.serializedMessage),
                signature: b64(tx.certificate.signature),
              },
              committee,
            };
          } catch (e) {
            if (e instanceof ObjectNotFoundError) {
              proofErrors.push(`the chain does not keep the certifying transaction ${o.certifiedTx}`);
              return null;
            }
            throw e;
          }
        }),
      )
    ).filter((p): p is ProofDto => p !== null);
    const contentType =
      live.map((o) => o.attributes['content-type'] ?? o.attributes['Content-Type']).find((v) => !!v) ?? null;
    return {
      data: {
        blobId,
        status,
        invalidated: info.invalidated ? { ...info.invalidated } : null,
        size,
        encodedSize: encodedBlobLength(size, s.nShards),
        encodingType,
        encodingName:
          encodingType === RS2_ENCODING_TYPE ? 'RS2 (Reed-Solomon, RedStuff)' : `type ${encodingType}`,
        nShards: s.nShards,
        currentEpoch: s.epoch,
        objects,
        proofs,
        proofErrors,
        contentType,
        aggregator: this.config.aggregatorUrl !== null,
      },
      finality: status === 'certified' && proofErrors.length === 0 ? 'settled' : 'recent',
    };
  }

  /** `GET /api/blobs/{blobId}/shards`: probes every shard's owner in the current committee. */
  async blobShards(blobId: string): Promise<Read<ShardMapDto>> {
    if (!isBlobIdString(blobId)) throw new InvalidQueryError(`"${blobId.slice(0, 64)}" is not a blob ID`);
    const s = await this.systemState();
    const members = s.committee.members.map((m) => ({
      nodeId: m.nodeId,
      name: m.name,
      shards: m.shards,
      url: nodeHttpUrl(m, this.config.nodeUrls),
    }));
    return { data: await this.prober.probeBlob(blobId, s.epoch, s.nShards, members), finality: 'live' };
  }

  /**
   * The blob's bytes from the aggregator, with a content type safe to show inline (images, PDF, plain
   * text; anything else as application/octet-stream). Content-addressed, so cached as immutable.
   * @throws InvalidQueryError, AggregatorUnavailableError, ContentUnavailableError
   */
  async blobContent(blobId: string, download: boolean): Promise<Response> {
    if (!isBlobIdString(blobId)) throw new InvalidQueryError(`"${blobId.slice(0, 64)}" is not a blob ID`);
    if (!this.config.aggregatorUrl) throw new AggregatorUnavailableError('no aggregator is configured');
    let res: Response;
    try {
      res = await fetch(this.config.aggregatorUrl + DAEMON_ROUTES.getBlob.replace('{blob_id}', blobId), {
        signal: AbortSignal.timeout(60_000),
      });
    } catch (e) {
      throw new AggregatorUnavailableError(`the aggregator does not answer: ${(e as Error).message}`);
    }
    if (!res.ok || !res.body) {
      const text = await res.text().catch(() => '');
      throw new ContentUnavailableError(
        `the aggregator answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
      );
    }
    const reader = res.body.getReader();
    const first = await reader.read();
    const head = first.value ?? new Uint8Array(0);
    const type = safeContentType(res.headers.get('content-type'), head);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (head.length) controller.enqueue(head);
        if (first.done) controller.close();
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${blobId}${extensionOf(type)}"`,
    };
    const len = res.headers.get('content-length');
    if (len) headers['content-length'] = len;
    if (type !== 'application/pdf') headers['content-security-policy'] = "sandbox; default-src 'none'";
    return new Response(body, { status: 200, headers });
  }

  /**
   * Every registered node with its health (in parallel) and its storage challenges in the current epoch
   * (the scorecards of every reachable committee member merged, see challenges.ts).
   */
  async #nodeDtos(s: SystemState): Promise<NodeDto[]> {
    const nodes = await this.chain.storageNodes();
    const members = new Map(s.committee.members.map((m) => [m.nodeId, m]));
    const healths = await Promise.all(
      nodes.map((n) => this.prober.health(nodeHttpUrl(n, this.config.nodeUrls))),
    );
    const answers = await Promise.all(
      healths.map((h, i) =>
        h.state === 'up' && h.url && members.has(nodes[i].nodeId)
          ? this.prober.challengeScorecards(h.url, s.epoch)
          : Promise.resolve(null),
      ),
    );
    const cards = mergeEpochScorecards(
      s.epoch,
      answers.filter((a) => a !== null),
    );
    return nodes.map((n, i) => ({
      nodeId: n.nodeId,
      name: n.name,
      peerId: n.peerId,
      multiaddrs: [...n.multiaddrs],
      publicKey: b64(n.publicKey),
      suiAddress: n.suiAddress,
      stake: n.stake.toString(),
      storagePriceVote: n.storagePriceVote.toString(),
      writePriceVote: n.writePriceVote.toString(),
      nodeCapacityVote: n.nodeCapacityVote,
      inCommittee: members.has(n.nodeId),
      shards: [...(members.get(n.nodeId)?.shards ?? [])],
      health: healths[i],
      challenge: cards.has(n.nodeId) ? summarizeScorecard(cards.get(n.nodeId)!) : null,
    }));
  }

  /** `GET /api/nodes`: every registered node, its health, and the mesh of the committee. */
  async nodes(): Promise<Read<NodesDto>> {
    const s = await this.systemState();
    const nodes = await this.#nodeDtos(s);
    return { data: { epoch: s.epoch, nShards: s.nShards, nodes, mesh: meshOf(nodes) }, finality: 'live' };
  }

  /** `GET /api/nodes/{nodeId}`. @throws NodeNotFoundError */
  async node(nodeId: string): Promise<Read<NodeDetailDto>> {
    if (!OBJECT_ID_RE.test(nodeId)) throw new InvalidQueryError(`"${nodeId.slice(0, 70)}" is not a node ID`);
    const s = await this.systemState();
    const nodes = await this.#nodeDtos(s);
    const node = nodes.find((n) => n.nodeId === nodeId.toLowerCase());
    if (!node) throw new NodeNotFoundError(`no storage node ${nodeId}`);
    const epochs = Array.from({ length: Math.min(s.epoch, 10) }, (_, i) => s.epoch - i);
    const [history, challenges] = await Promise.all([
      Promise.all(
        epochs.map(async (e) => {
          const c = await this.committee(e, s.epoch);
          return { epoch: e, shards: c.members.find((m) => m.nodeId === node.nodeId)?.shards ?? [] };
        }),
      ),
      this.#challenges(node.nodeId, nodes, s.epoch),
    ]);
    return {
      data: {
        epoch: s.epoch,
        nShards: s.nShards,
        node,
        history,
        challenges,
        committeePeerIds: s.committee.members.map((m) => m.peerId),
      },
      finality: 'live',
    };
  }

  /** `nodeId`'s challenge history as every reachable node sees it, merged (see challenges.ts). */
  async #challenges(nodeId: string, nodes: readonly NodeDto[], epoch: number): Promise<NodeChallengesDto> {
    const urls = nodes.filter((n) => n.health.state === 'up' && n.health.url).map((n) => n.health.url!);
    const [histories, current] = await Promise.all([
      Promise.all(urls.map((u) => this.prober.challengeHistory(u, nodeId))),
      Promise.all(urls.map((u) => this.prober.challengeScorecards(u, epoch))),
    ]);
    const answered = histories.filter((h) => h !== null);
    const merged = mergeHistories(answered);
    const params = current.find((c) => c !== null) ?? null;
    // The current epoch's row, even before any verdict (then `unchallenged`).
    const now = mergeEpochScorecards(
      epoch,
      current.filter((c) => c !== null),
    ).get(nodeId);
    if (now) {
      const i = merged.scorecards.findIndex((c) => c.epoch === epoch);
      if (i < 0) merged.scorecards.unshift(now);
      else merged.scorecards[i] = bestScorecard([merged.scorecards[i], now])!;
    }
    return {
      sources: answered.length,
      asked: urls.length,
      samplesPerChallenge: params?.samplesPerChallenge ?? null,
      deadlineMs: params?.deadlineMs ?? null,
      scorecards: merged.scorecards,
      verdicts: merged.verdicts,
      names: Object.fromEntries(nodes.map((n) => [n.nodeId, n.name])),
      serverTimeMs: Date.now(),
    };
  }

  /** `GET /api/epochs`: the latest epochs with their committee size and shards moved. */
  async epochs(): Promise<Read<EpochsDto>> {
    const s = await this.systemState();
    await this.index.ready();
    const list = Array.from({ length: Math.min(s.epoch, EPOCHS_LISTED) }, (_, i) => s.epoch - i);
    const committees = await Promise.all(list.map((e) => this.committee(e, s.epoch)));
    const oldest = list.length ? list[list.length - 1] : 0;
    const before = oldest > 1 ? await this.committee(oldest - 1, s.epoch) : null;
    const epochs = list.map((e, i) => ({
      epoch: e,
      startMs: e === s.epoch ? s.epochStartMs : this.index.epochStart(e),
      members: committees[i].members.length,
      shardsMoved: shardMoves(i + 1 < committees.length ? committees[i + 1] : before, committees[i]).length,
    }));
    return { data: { current: s.epoch, epochState: s.epochState.kind, epochs }, finality: 'recent' };
  }

  /** `GET /api/epochs/{epoch}`. @throws InvalidQueryError, EpochNotFoundError */
  async epoch(epochText: string): Promise<Read<EpochDetailDto>> {
    if (!/^\d{1,10}$/.test(epochText))
      throw new InvalidQueryError(`"${epochText.slice(0, 20)}" is not an epoch`);
    const epoch = Number(epochText);
    const s = await this.systemState();
    if (epoch < 1 || epoch > s.epoch) {
      throw new EpochNotFoundError(`epoch ${epoch} has not happened (current epoch: ${s.epoch})`);
    }
    await this.index.ready();
    const [committee, prev] = await Promise.all([
      this.committee(epoch, s.epoch),
      epoch > 1 ? this.committee(epoch - 1, s.epoch) : Promise.resolve(null),
    ]);
    return {
      data: {
        epoch,
        current: s.epoch,
        startMs: epoch === s.epoch ? s.epochStartMs : this.index.epochStart(epoch),
        committee,
        moved: shardMoves(prev, committee),
      },
      finality: epoch < s.epoch ? 'immutable' : 'recent',
    };
  }

  /**
   * `GET /api/search?q=`: a blob ID, a Blob object ID, a node ID, a node name or an epoch number.
   * @throws InvalidQueryError (empty), NothingFoundError
   */
  async search(q: string): Promise<Read<SearchResultDto>> {
    const query = q.trim();
    if (!query) throw new InvalidQueryError('type a blob ID, an object ID, a node or an epoch');
    if (isBlobIdString(query)) return { data: { kind: 'blob', href: `/blobs/${query}` }, finality: 'live' };
    if (/^\d{1,10}$/.test(query))
      return { data: { kind: 'epoch', href: `/epochs/${query}` }, finality: 'live' };
    if (OBJECT_ID_RE.test(query)) {
      const id = '0x' + query.slice(2).toLowerCase().padStart(64, '0');
      await this.index.ready();
      const indexed = this.index.object(id);
      if (indexed)
        return { data: { kind: 'object', href: `/blobs/${indexed.blobId}?object=${id}` }, finality: 'live' };
      try {
        const blob = await this.chain.getBlob(id);
        return { data: { kind: 'object', href: `/blobs/${blob.blobId}?object=${id}` }, finality: 'live' };
      } catch (e) {
        if (!(e instanceof ObjectNotFoundError)) throw e;
      }
      const nodes = await this.chain.storageNodes();
      if (nodes.some((n) => n.nodeId === id))
        return { data: { kind: 'node', href: `/nodes/${id}` }, finality: 'live' };
      throw new NothingFoundError(`no Blob object or storage node has ID ${id}`);
    }
    const nodes = await this.chain.storageNodes();
    const byName = nodes.find((n) => n.name.toLowerCase() === query.toLowerCase());
    if (byName) return { data: { kind: 'node', href: `/nodes/${byName.nodeId}` }, finality: 'live' };
    throw new NothingFoundError(`"${query.slice(0, 80)}" is not a blob ID, object ID, node or epoch`);
  }
}

/** The committee mesh: reported links where nodes report peers, expected links otherwise. */
export function meshOf(nodes: readonly NodeDto[]): MeshDto {
  const members = nodes.filter((n) => n.inCommittee);
  const edges: MeshDto['edges'] = [];
  const reports = (h: HealthDto) => h.state === 'up' && h.peers !== null;
  for (let a = 0; a < members.length; a++) {
    for (let b = a + 1; b < members.length; b++) {
      const ha = members[a].health;
      const hb = members[b].health;
      const linked =
        (ha.peers?.includes(members[b].peerId) ?? false) || (hb.peers?.includes(members[a].peerId) ?? false);
      if (linked) edges.push({ a, b, kind: 'reported' });
      else if (!reports(ha) && !reports(hb)) edges.push({ a, b, kind: 'expected' });
    }
  }
  return {
    nodes: members.map((m) => ({
      nodeId: m.nodeId,
      name: m.name,
      peerId: m.peerId,
      up: m.health.state === 'up',
    })),
    edges,
  };
}

const PREVIEWABLE = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
]);

/**
 * A content type safe to serve inline from the explorer's origin: the aggregator's if it is an image, PDF
 * or plain text, else sniffed from the first bytes; HTML, SVG and scripts become text/plain or
 * application/octet-stream.
 */
export function safeContentType(declared: string | null, head: Uint8Array): string {
  const d = declared?.split(';')[0].trim().toLowerCase() ?? '';
  if (PREVIEWABLE.has(d)) return d === 'text/plain' ? 'text/plain; charset=utf-8' : d;
  const starts = (...sig: number[]) => sig.every((v, i) => head[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45) return 'image/webp';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  if (head.length > 0 && looksLikeText(head)) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

function looksLikeText(head: Uint8Array): boolean {
  const sample = head.subarray(0, 4096);
  try {
    // stream: a code point cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
  } catch {
    return false;
  }
  for (const b of sample) if (b === 0) return false;
  return true;
}

function extensionOf(type: string): string {
  const t = type.split(';')[0];
  return (
    {
      'image/png': '.png',
      'image/jpeg': '.jpg',
      'image/gif': '.gif',
      'image/webp': '.webp',
      'application/pdf': '.pdf',
      'text/plain': '.txt',
    }[t] ?? ''
  );
}

let singleton: Explorer | null = null;

/** The process's explorer, configured from the environment on first use. */
export function getExplorer(): Explorer {
  singleton ??= new Explorer({ config: configFromEnv() });
  return singleton;
}

/** Closes the process's {@link Explorer}, if one was made (stops the event indexer's long-poll). */
export async function closeExplorer(): Promise<void> {
  const explorer = singleton;
  singleton = null;
  await explorer?.close();
}
