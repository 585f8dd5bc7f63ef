/**
 * The storage node's HTTP contract: route templates (identical to Walrus's `routes.rs`) and the JSON types
 * its endpoints return, shared by the node's server and the clients (node/client, explorer).
 * @see spec §4
 */

/** Default storage-node REST port in Walrus. walrus-ts devnets pick their own ports. */
export const DEFAULT_STORAGE_NODE_PORT = 9185;

/** Route templates, as Walrus writes them (`{name}` placeholders). @see spec §4 table */
export const STORAGE_NODE_ROUTES = {
  apiDocs: '/v1/api',
  metadata: '/v1/blobs/{blob_id}/metadata',
  metadataStatus: '/v1/blobs/{blob_id}/metadata/status',
  sliver: '/v1/blobs/{blob_id}/slivers/{sliver_pair_index}/{sliver_type}',
  sliverStatus: '/v1/blobs/{blob_id}/slivers/{sliver_pair_index}/{sliver_type}/status',
  permanentConfirmation: '/v1/blobs/{blob_id}/confirmation/permanent',
  deletableConfirmation: '/v1/blobs/{blob_id}/confirmation/deletable/{object_id}',
  recoverySymbols: '/v1/blobs/{blob_id}/recoverySymbols',
  decodingSymbols: '/v1/blobs/{blob_id}/decodingSymbols',
  inconsistencyProof: '/v1/blobs/{blob_id}/inconsistencyProof/{sliver_type}',
  blobStatus: '/v1/blobs/{blob_id}/status',
  health: '/v1/health',
  syncShard: '/v1/migrate/sync_shard',
  metrics: '/metrics',
} as const;

/** Name of a storage-node route. */
export type StorageNodeRoute = keyof typeof STORAGE_NODE_ROUTES;

/** `primary` or `secondary`, as in the `{sliver_type}` path segment. */
export type SliverType = 'primary' | 'secondary';

/** True when `s` is a valid `{sliver_type}` segment. */
export function isSliverType(s: string): s is SliverType {
  return s === 'primary' || s === 'secondary';
}

/**
 * Fills a route template. Every `{name}` must be given; values are URI-encoded.
 * @example storageNodePath('sliver', { blob_id, sliver_pair_index: 3, sliver_type: 'primary' })
 */
export function storageNodePath(
  route: StorageNodeRoute,
  params: Record<string, string | number> = {},
): string {
  return STORAGE_NODE_ROUTES[route].replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`missing path parameter ${name} for route ${route}`);
    return encodeURIComponent(String(v));
  });
}

/**
 * Converts a Walrus template (`{blob_id}`) to the `:blob_id` form that fastify and most routers use.
 */
export function toRouterPath(template: string): string {
  return template.replace(/\{(\w+)\}/g, ':$1');
}

/** Sui-style event ID: transaction digest (base58) and the event's sequence number as a decimal string. */
export interface EventId {
  txDigest: string;
  eventSeq: string;
}

/** Counts of deletable blob objects for one blob ID (snake_case: Walrus does not rename this struct). */
export interface DeletableCounts {
  count_deletable_total: number;
  count_deletable_certified: number;
}

/**
 * A blob's status as one storage node sees it. Clients take the status vouched by f+1 shard weight.
 * @see spec §4 `BlobStatus`
 */
export type BlobStatus =
  | 'nonexistent'
  | { invalid: { event: EventId } }
  | {
      permanent: {
        endEpoch: number;
        isCertified: boolean;
        statusEvent: EventId;
        deletableCounts: DeletableCounts;
        initialCertifiedEpoch: number | null;
      };
    }
  | { deletable: { initialCertifiedEpoch: number | null; deletableCounts: DeletableCounts } };

/** Whether a node holds metadata or a sliver: `buffered` means held pending the blob's registration. */
export type StoredOnNodeStatus = 'nonexistent' | 'buffered' | 'stored';

/** A signed protocol message as JSON (both fields standard base64). @see spec §4 "Signed messages" */
export interface SignedMessageJson {
  serializedMessage: string;
  signature: string;
}

/** Response data of the confirmation endpoints. */
export interface ConfirmationResponse {
  signed: SignedMessageJson;
}

/** Per-state shard counts in a health report. */
export interface OwnedShardStatus {
  unknown: number;
  ready: number;
  inTransfer: number;
  inRecovery: number;
}

/** Status of one shard on a node. */
export type ShardStatus = 'unknown' | 'ready' | 'inTransfer' | 'inRecovery' | 'readOnly';

/**
 * `GET /v1/health` data. `uptime` follows serde's Duration form `{secs, nanos}`; `publicKey` is the node's
 * BLS public key. @see spec §4 `ServiceHealthInfo`
 */
export interface ServiceHealthInfo {
  uptime: { secs: number; nanos: number };
  epoch: number;
  publicKey: string;
  nodeStatus: string;
  eventProgress: { persisted: number; pending: number; highestFinishedEventIndex: number | null };
  shardSummary: { owned: number; ownedShardStatus: OwnedShardStatus; readOnly: number };
  shardDetail?: {
    owned: { shard: number; status: ShardStatus }[];
    other: { shard: number; status: ShardStatus }[];
  };
  latestCheckpointSequenceNumber?: number;
  /** walrus-ts extension: libp2p peer IDs (base58 text) the node is connected to now. */
  peers?: string[];
  /** walrus-ts extension: the walrus-ts package version the node runs (`package.json` `version`). */
  version?: string;
}

/**
 * Total order on statuses that Walrus uses to pick the "latest" of several node answers:
 * nonexistent < deletable < permanent < invalid; permanent by (certified, end epoch, counts).
 */
export function compareBlobStatus(a: BlobStatus, b: BlobStatus): number {
  const rank = (s: BlobStatus): number =>
    s === 'nonexistent' ? 0 : 'deletable' in s ? 1 : 'permanent' in s ? 2 : 3;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  const counts = (c: DeletableCounts) => [c.count_deletable_certified, c.count_deletable_total];
  const lex = (x: number[], y: number[]) => {
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return 0;
  };
  // Rust compares `Reverse(Option<Epoch>)`: an earlier certification ranks higher and `None` ranks highest.
  const rev = (e: number | null) => (e === null ? Number.POSITIVE_INFINITY : -e);
  if (typeof a === 'object' && typeof b === 'object' && 'permanent' in a && 'permanent' in b) {
    const pa = a.permanent;
    const pb = b.permanent;
    return lex(
      [Number(pa.isCertified), pa.endEpoch, ...counts(pa.deletableCounts), rev(pa.initialCertifiedEpoch)],
      [Number(pb.isCertified), pb.endEpoch, ...counts(pb.deletableCounts), rev(pb.initialCertifiedEpoch)],
    );
  }
  if (typeof a === 'object' && typeof b === 'object' && 'deletable' in a && 'deletable' in b) {
    return lex(
      [...counts(a.deletable.deletableCounts), rev(a.deletable.initialCertifiedEpoch)],
      [...counts(b.deletable.deletableCounts), rev(b.deletable.initialCertifiedEpoch)],
    );
  }
  return 0;
}
