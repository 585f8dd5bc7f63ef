/**
 * JSON shapes of the explorer's own API (explorer/routes/api/**), shared by the server routes and the
 * pages. JSON conventions: WAL amounts and prices are FROST as decimal strings, keys, signatures and
 * messages standard base64, blob IDs their 43-character text form, object and node IDs `0x` + 64 hex,
 * times ms since the Unix epoch, sizes bytes.
 * @packageDocumentation
 */
import type {
  ChallengeScorecardJson,
  ChallengeScorecardStatus,
  ChallengeVerdictJson,
} from '../../shared/protocol/challenge.ts';

/** A node's storage-challenge record in one epoch, as a storage node serves it (node/challenge). */
export type ScorecardDto = ChallengeScorecardJson;
/** One verifier's verdict on one challenge (node/challenge). */
export type VerdictDto = ChallengeVerdictJson;
/** `unchallenged` · `passing` · `suspect` · `failing` · `reported` (see {@link ChallengeScorecardJson}). */
export type ScorecardStatus = ChallengeScorecardStatus;

/** A committee member as the explorer shows it. */
export interface MemberDto {
  nodeId: string;
  name: string;
  peerId: string;
  multiaddrs: string[];
  /** BLS public key, 48 bytes, base64. */
  publicKey: string;
  weight: number;
  shards: number[];
}

/** The committee of one epoch. */
export interface CommitteeDto {
  epoch: number;
  nShards: number;
  members: MemberDto[];
}

/** A chain event, with bigints as decimal strings. `type`-specific fields as in node/chain/types.ts. */
export interface EventDto {
  type: string;
  cursor: string;
  txDigest: string;
  eventSeq: string;
  timestampMs: number;
  epoch?: number;
  blobId?: string;
  objectId?: string;
  [field: string]: unknown;
}

/** Totals over the indexed blobs. */
export interface BlobStatsDto {
  /** Blob IDs with a live, certified, unexpired Blob object. */
  certifiedBlobs: number;
  /** Every blob ID seen in events. */
  indexedBlobs: number;
  /** Blob objects seen (live or not). */
  objects: number;
  /** Unencoded bytes of the certified blobs (each blob ID once). */
  storedBytes: number;
  /** Encoded bytes (all slivers and metadata across shards) of the certified blobs. */
  encodedBytes: number;
}

/** `GET /api/overview`. */
export interface OverviewDto {
  epoch: number;
  /** `EpochState.kind`. */
  epochState: string;
  epochStartMs: number;
  epochDurationMs: number;
  nShards: number;
  committeeSize: number;
  storagePricePerUnit: string;
  writePricePerUnit: string;
  totalCapacity: number;
  usedCapacity: number;
  stats: BlobStatsDto;
  recentEvents: EventDto[];
  latestBlobs: BlobListItemDto[];
  serverTimeMs: number;
}

/** The status of a blob ID at the current epoch. */
export type BlobStatus = 'certified' | 'registered' | 'expired' | 'deleted' | 'invalid';

/** The filters of the blob list. */
export const BLOB_FILTERS = ['all', 'certified', 'registered', 'expired', 'deletable', 'invalid'] as const;
/** One of {@link BLOB_FILTERS}. */
export type BlobFilter = (typeof BLOB_FILTERS)[number];

/** A row of the blob list (one per blob ID). */
export interface BlobListItemDto {
  blobId: string;
  status: BlobStatus;
  size: number;
  encodedSize: number;
  deletable: boolean;
  /** Blob objects seen for this blob ID (live or deleted). */
  objects: number;
  registeredEpoch: number;
  certifiedEpoch: number | null;
  /** Largest end epoch (exclusive) of its live objects. */
  endEpoch: number;
  lastEventMs: number;
}

/** `GET /api/blobs?filter=&page=&limit=`. */
export interface BlobListDto {
  items: BlobListItemDto[];
  filter: BlobFilter;
  page: number;
  limit: number;
  total: number;
  counts: Record<BlobFilter, number>;
}

/** A storage resource. */
export interface StorageDto {
  id: string;
  startEpoch: number;
  endEpoch: number;
  storageSize: number;
}

/** A Blob object of a blob ID (live on chain, or known deleted from events). */
export interface BlobObjectDto {
  id: string;
  owner: string | null;
  live: boolean;
  registeredEpoch: number;
  certifiedEpoch: number | null;
  endEpoch: number;
  deletable: boolean;
  storage: StorageDto | null;
  attributes: Record<string, string>;
  registeredTx: string | null;
  certifiedTx: string | null;
}

/** The certifying transaction of a Blob object with its certificate and the committee that signed it. */
export interface ProofDto {
  objectId: string;
  deletable: boolean;
  certifiedEpoch: number;
  tx: { digest: string; sender: string; timestampMs: number; epoch: number; kind: string };
  certificate: {
    /** Indices into `committee.members`. */
    signers: number[];
    /** Base64 of the serialized storage confirmation. */
    message: string;
    /** Base64 of the 96-byte aggregate BLS signature. */
    signature: string;
  };
  committee: CommitteeDto;
}

/** `GET /api/blobs/{blobId}`. */
export interface BlobDetailDto {
  blobId: string;
  status: BlobStatus;
  invalidated: { txDigest: string; eventSeq: string } | null;
  size: number;
  encodedSize: number;
  encodingType: number;
  encodingName: string;
  nShards: number;
  currentEpoch: number;
  objects: BlobObjectDto[];
  /** One per certified object whose certifying transaction is known (first = the primary one). */
  proofs: ProofDto[];
  /** Errors met while loading proofs (e.g. the chain does not keep the transaction). */
  proofErrors: string[];
  /** Content type from the attributes, if any. */
  contentType: string | null;
  /** Whether an aggregator is configured (download and preview). */
  aggregator: boolean;
}

/** What a node answered for one sliver: a StoredOnNodeStatus, or why there is no answer. */
export type SliverProbe = 'stored' | 'buffered' | 'nonexistent' | 'unreachable' | 'no-url' | 'error';

/** One shard of a blob in the live sliver map. */
export interface ShardProbeDto {
  shard: number;
  pair: number;
  nodeId: string;
  nodeName: string;
  primary: SliverProbe;
  secondary: SliverProbe;
}

/** `GET /api/blobs/{blobId}/shards`. */
export interface ShardMapDto {
  blobId: string;
  epoch: number;
  nShards: number;
  shards: ShardProbeDto[];
  nodes: { nodeId: string; name: string; url: string | null; reachable: boolean; error: string | null }[];
  probedAtMs: number;
  elapsedMs: number;
}

/** A node's `/v1/health`, reduced to what the explorer shows. */
export interface HealthDto {
  /** `up`: answered; `down`: no answer or an error; `unknown`: no HTTP address known. */
  state: 'up' | 'down' | 'unknown';
  url: string | null;
  error: string | null;
  latencyMs: number | null;
  uptimeSecs: number | null;
  epoch: number | null;
  nodeStatus: string | null;
  version: string | null;
  shards: {
    owned: number;
    ready: number;
    inTransfer: number;
    inRecovery: number;
    unknown: number;
    readOnly: number;
  } | null;
  events: { persisted: number; pending: number } | null;
  /** Peer IDs the node reports as connected (walrus-ts extension; null when not reported). */
  peers: string[] | null;
}

/** A registered storage node with its committee role and health. */
export interface NodeDto {
  nodeId: string;
  name: string;
  peerId: string;
  multiaddrs: string[];
  publicKey: string;
  suiAddress: string;
  stake: string;
  storagePriceVote: string;
  writePriceVote: string;
  nodeCapacityVote: number;
  inCommittee: boolean;
  shards: number[];
  health: HealthDto;
  /** The node's storage challenges in the current epoch; null when no node serves scorecards. */
  challenge: ChallengeSummaryDto | null;
}

/** A node's storage challenges in one epoch, in brief (the nodes list). */
export interface ChallengeSummaryDto {
  epoch: number;
  status: ScorecardStatus;
  challenges: number;
  samples: number;
  passed: number;
  failed: number;
  /** `passed / samples` in [0, 1]; null when no sample was asked. */
  passRate: number | null;
  /** Mean answer latency, ms; null when no answer arrived. */
  latencyMeanMs: number | null;
}

/** A node's storage challenges: scorecards per epoch and the latest verdicts, merged over the nodes asked. */
export interface NodeChallengesDto {
  /** Nodes whose challenge API answered (their views were merged). */
  sources: number;
  /** Nodes asked. */
  asked: number;
  /** Samples per challenge and the answer deadline (ms) of the first node that answered; null if none. */
  samplesPerChallenge: number | null;
  deadlineMs: number | null;
  /** One per epoch the nodes keep, newest first. */
  scorecards: ScorecardDto[];
  /** Newest first. */
  verdicts: VerdictDto[];
  /** Names of the registered nodes by node ID (verifiers). */
  names: Record<string, string>;
  /** Server time of the answer, ms (for relative times). */
  serverTimeMs: number;
}

/** The libp2p mesh picture: committee nodes and links. */
export interface MeshDto {
  nodes: { nodeId: string; name: string; peerId: string; up: boolean }[];
  /** `reported`: a node says it is connected; `expected`: committee members should be (not reported). */
  edges: { a: number; b: number; kind: 'reported' | 'expected' }[];
}

/** `GET /api/nodes`. */
export interface NodesDto {
  epoch: number;
  nShards: number;
  nodes: NodeDto[];
  mesh: MeshDto;
}

/** `GET /api/nodes/{nodeId}`. */
export interface NodeDetailDto {
  epoch: number;
  nShards: number;
  node: NodeDto;
  /** Shards held in each recent epoch, newest first. */
  history: { epoch: number; shards: number[] }[];
  challenges: NodeChallengesDto;
  /** libp2p peer IDs of the current committee's members (to count the node's committee links). */
  committeePeerIds: string[];
}

/** A shard that changed owner between two epochs. */
export interface ShardMoveDto {
  shard: number;
  from: { nodeId: string; name: string } | null;
  to: { nodeId: string; name: string };
}

/** A row of `GET /api/epochs`. */
export interface EpochSummaryDto {
  epoch: number;
  startMs: number | null;
  members: number;
  shardsMoved: number;
}

/** `GET /api/epochs`. */
export interface EpochsDto {
  current: number;
  epochState: string;
  epochs: EpochSummaryDto[];
}

/** `GET /api/epochs/{epoch}`. */
export interface EpochDetailDto {
  epoch: number;
  current: number;
  startMs: number | null;
  committee: CommitteeDto;
  moved: ShardMoveDto[];
}

/** `GET /api/search?q=`: where the query leads. */
export interface SearchResultDto {
  kind: 'blob' | 'object' | 'node' | 'epoch';
  href: string;
}

/** Body of every error answer of the explorer API. */
export interface ApiErrorDto {
  error: { code: string; message: string; status: number };
}
