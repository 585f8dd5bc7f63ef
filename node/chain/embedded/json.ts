/**
 * JSON forms of the chain types, used by the embedded chain's database rows and its HTTP API.
 * bigints are decimal strings; bytes (keys, signatures) standard base64; everything else as in
 * node/chain/types.ts.
 */
import type {
  BlobIdInfo,
  BlobObject,
  ChainEvent,
  Committee,
  CommitteeMember,
  StorageNodeInfo,
  StorageResource,
  SystemState,
  TxReceipt,
} from '../types.ts';

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** Standard base64 of bytes. */
export function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Bytes of standard base64. */
export function unb64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** JSON.stringify replacer: bigint -> decimal string, Uint8Array -> base64. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return b64(value);
  return value;
}

/** Serializes any chain value to JSON text with {@link jsonReplacer}. */
export function stringify(value: unknown): string {
  return JSON.stringify(value, jsonReplacer);
}

function o(v: unknown): JsonObject {
  return v as JsonObject;
}

/** CommitteeMember from its JSON form. */
export function memberFromJson(j: unknown): CommitteeMember {
  const m = o(j);
  return {
    nodeId: m.nodeId as string,
    name: m.name as string,
    peerId: m.peerId as string,
    multiaddrs: m.multiaddrs as string[],
    publicKey: unb64(m.publicKey as string),
    suiAddress: m.suiAddress as string,
    shards: m.shards as number[],
    weight: m.weight as number,
  };
}

/** Committee from its JSON form. */
export function committeeFromJson(j: unknown): Committee {
  const c = o(j);
  return {
    epoch: c.epoch as number,
    nShards: c.nShards as number,
    members: (c.members as Json[]).map(memberFromJson),
  };
}

/** SystemState from its JSON form. */
export function systemStateFromJson(j: unknown): SystemState {
  const s = o(j);
  return {
    epoch: s.epoch as number,
    epochState: s.epochState as unknown as SystemState['epochState'],
    nShards: s.nShards as number,
    epochDurationMs: s.epochDurationMs as number,
    epochStartMs: s.epochStartMs as number,
    maxEpochsAhead: s.maxEpochsAhead as number,
    committee: committeeFromJson(s.committee),
    ...(s.previousCommittee ? { previousCommittee: committeeFromJson(s.previousCommittee) } : {}),
    ...(s.nextCommittee ? { nextCommittee: committeeFromJson(s.nextCommittee) } : {}),
    storagePricePerUnit: BigInt(s.storagePricePerUnit as string),
    writePricePerUnit: BigInt(s.writePricePerUnit as string),
    totalCapacity: s.totalCapacity as number,
    usedCapacity: s.usedCapacity as number,
  };
}

/** StorageResource from its JSON form (no conversion needed; copied). */
export function storageFromJson(j: unknown): StorageResource {
  const s = o(j);
  return {
    id: s.id as string,
    owner: s.owner as string,
    startEpoch: s.startEpoch as number,
    endEpoch: s.endEpoch as number,
    storageSize: s.storageSize as number,
  };
}

/** BlobObject from its JSON form. */
export function blobFromJson(j: unknown): BlobObject {
  const b = o(j);
  return {
    id: b.id as string,
    owner: b.owner as string,
    registeredEpoch: b.registeredEpoch as number,
    blobId: b.blobId as string,
    size: b.size as number,
    encodingType: b.encodingType as number,
    certifiedEpoch: (b.certifiedEpoch as number | null) ?? null,
    storage: storageFromJson(b.storage),
    deletable: b.deletable as boolean,
    attributes: { ...(b.attributes as Record<string, string>) },
  };
}

/** BlobIdInfo from its JSON form. */
export function blobIdInfoFromJson(j: unknown): BlobIdInfo {
  const b = o(j);
  return {
    blobId: b.blobId as string,
    objects: (b.objects as Json[]).map(blobFromJson),
    invalidated: (b.invalidated as unknown as BlobIdInfo['invalidated']) ?? null,
  };
}

/** StorageNodeInfo from its JSON form. */
export function storageNodeFromJson(j: unknown): StorageNodeInfo {
  const n = o(j);
  return {
    nodeId: n.nodeId as string,
    name: n.name as string,
    peerId: n.peerId as string,
    multiaddrs: n.multiaddrs as string[],
    publicKey: unb64(n.publicKey as string),
    suiAddress: n.suiAddress as string,
    stake: BigInt(n.stake as string),
    storagePriceVote: BigInt(n.storagePriceVote as string),
    writePriceVote: BigInt(n.writePriceVote as string),
    nodeCapacityVote: n.nodeCapacityVote as number,
  };
}

/** ChainEvent from its JSON form (PricesUpdated prices back to bigint). */
export function eventFromJson(j: unknown): ChainEvent {
  const e = o(j);
  if (e.type === 'PricesUpdated') {
    return {
      ...(e as unknown as ChainEvent),
      storagePrice: BigInt(e.storagePrice as string),
      writePrice: BigInt(e.writePrice as string),
    } as ChainEvent;
  }
  return e as unknown as ChainEvent;
}

/** A transaction receipt with its extra fields from JSON; `extra` names which extra fields hold what. */
export function receiptFromJson(j: unknown): TxReceipt & Record<string, unknown> {
  const r = o(j);
  const out: Record<string, unknown> = {
    digest: r.digest,
    events: (r.events as Json[]).map(eventFromJson),
  };
  if (r.blob) out.blob = blobFromJson(r.blob);
  if (r.storage) out.storage = storageFromJson(r.storage);
  if (r.split) out.split = storageFromJson(r.split);
  if (r.nodeId) out.nodeId = r.nodeId;
  if (r.balance !== undefined) out.balance = BigInt(r.balance as string);
  return out as TxReceipt & Record<string, unknown>;
}
