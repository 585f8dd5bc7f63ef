/**
 * The embedded chain's ledger: the semantics of the Walrus Move contracts (system, staking, storage,
 * blobs) over one node:sqlite database.
 *
 * - Every transaction is applied in one SQL transaction: on any error it rolls back and the in-memory
 *   caches are restored, so a rejected transaction leaves the ledger unchanged.
 * - Group commit ({@link Ledger.block}): the transactions that arrive together (the HTTP server's block
 *   of one event-loop turn) share one SQL transaction and one commit; each is still all-or-nothing (a
 *   SAVEPOINT per transaction) and its caller learns the outcome only after the block committed.
 * - The database runs in WAL mode with synchronous=NORMAL: a committed transaction (or block) survives the
 *   process being killed (kill -9); only an OS crash or power loss may lose the last few.
 * - Time-driven epoch steps (voting end, epoch change start) run as "system transactions" from
 *   {@link Ledger.tick}, which {@link Ledger.submit} calls first and a timer calls periodically.
 * - Genesis: the chain starts in state NotStarted at epoch 0; nodes register and stake; a
 *   `start_first_epoch` transaction (anyone, or only `adminAddress` when configured) selects the first
 *   committee and starts epoch 1 directly in EpochChangeDone (there is nothing to sync yet).
 * - Not modelled: rewards and commission (payments are burned), StakedWal objects and withdrawals,
 *   shared blobs, storage pools, deny lists, event blobs, protocol upgrades.
 *
 * @see spec §6 (on-chain side), §3.3 (invalidation), §4 "Signed messages"
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { fromBase58, toBase58 } from '@mysten/bcs';
import { blake2b } from '@noble/hashes/blake2.js';
import {
  decodeInvalidBlobIdMessage,
  decodeProtocolMessage,
  decodeSignersBitmap,
  decodeStorageConfirmation,
  encodeProofOfPossessionMessage,
  INTENT_VERSION,
  IntentType,
  STORAGE_APP_ID,
} from '../../../shared/bcs/messages.ts';
import { WalrusTsError } from '../../../shared/errors.ts';
import { decodeChallengeFailureMessage, nodeIdFromBytes } from '../../../shared/protocol/challenge.ts';
import { BlsAggregateKey, parsePublicKey, verify as blsVerify } from '../../../shared/crypto/bls.ts';
import { blobIdFromString, blobIdToString, bytesEqual } from '../../../shared/encoding/blob-id.ts';
import {
  encodedBlobLength,
  MIN_N_SHARDS,
  RS2_ENCODING_TYPE,
  storageUnits,
} from '../../../shared/encoding/params.ts';
import {
  BlobAlreadyCertifiedError,
  BlobExpiredError,
  BlobIdMismatchError,
  BlobNotCertifiedError,
  BlobNotDeletableError,
  ChainError,
  ChallengeAlreadyReportedError,
  EpochStateError,
  InsufficientBalanceError,
  InsufficientCapacityError,
  InvalidCertificateError,
  InvalidMessageError,
  InvalidProofOfPossessionError,
  InvalidSignersBitmapError,
  InvalidTransactionError,
  NotOwnerError,
  ObjectNotFoundError,
  QuorumNotReachedError,
  StorageExpiredError,
  StorageMismatchError,
  StorageTooSmallError,
  TransactionExpiredError,
  TransactionReplayedError,
  WrongEpochError,
} from '../errors.ts';
import type {
  BlobIdInfo,
  BlobObject,
  ChainEvent,
  ChainEventData,
  Committee,
  CommitteeMember,
  EpochState,
  EventId,
  StorageNodeInfo,
  StorageResource,
  SystemState,
  TxReceipt,
} from '../types.ts';
import {
  blobFromJson,
  committeeFromJson,
  eventFromJson,
  storageFromJson,
  storageNodeFromJson,
  stringify,
  unb64,
} from './json.ts';
import {
  assignShards,
  dhondt,
  includesOneCorrectNode,
  isQuorum,
  quorumAbove,
  quorumBelow,
} from './staking.ts';
import {
  isObjectId,
  MAX_TX_LIFETIME_MS,
  type SignedTx,
  type TxCall,
  type VerifiedTx,
  verifySignedTx,
} from './tx.ts';

/** 1 WAL in FROST. */
export const FROST_PER_WAL = 1_000_000_000n;
/** Largest active set (committee size), as the dev Move contracts. @see spec §6.4 */
export const ACTIVE_SET_SIZE_LIMIT = 150;

/** Options of {@link Ledger}. */
export interface LedgerInit {
  /** SQLite file, or ':memory:'. @default ':memory:' */
  path?: string;
  /** Number of shards (fixed at creation). @default 10 */
  nShards?: number;
  /** Epoch length in ms (fixed at creation). @default 60_000 */
  epochDurationMs?: number;
  /** Max epochs ahead for storage. @default 53 */
  maxEpochsAhead?: number;
  /** Largest faucet grant per transaction, FROST. @default 1000 WAL; 0n disables the faucet */
  faucetMax?: bigint;
  /** When set, only this address may send start_first_epoch. */
  adminAddress?: string;
  /**
   * Mark every new committee member synced at once at each epoch change (for devnets whose nodes do not
   * call epoch_sync_done). @default false
   */
  autoEpochSyncDone?: boolean;
  /** Clock (ms since Unix epoch). @default Date.now */
  now?: () => number;
  /**
   * Verifies an aggregate BLS signature (`key` = committee aggregate for the signers). Replaceable for
   * a faster backend. @default noble (shared/crypto/bls.ts)
   */
  blsVerify?: (
    signature: Uint8Array,
    message: Uint8Array,
    key: BlsAggregateKey,
    signed: boolean[],
  ) => boolean;
}

interface StoredNode {
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
}

interface SysRow {
  chainId: string;
  nShards: number;
  epochDurationMs: number;
  maxEpochsAhead: number;
  epoch: number;
  epochState: EpochState;
  epochStartMs: number;
  storagePrice: string;
  writePrice: string;
  totalCapacity: number;
  next?: { storagePrice: string; writePrice: string; totalCapacity: number };
  synced: string[];
  nextEventSeq: number;
}

type Extra = Record<string, unknown>;

/** What {@link Ledger.submit} returns: the receipt plus the call's result fields. */
export type LedgerReceipt = TxReceipt & Extra;

const U32_MAX = 0xffffffff;

function assertInt(v: unknown, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new InvalidTransactionError(`${what} must be an integer in [${min}, ${max}]`);
  }
  return v;
}

function assertAmount(v: unknown, what: string): bigint {
  if (typeof v !== 'string' || !/^(0|[1-9][0-9]{0,38})$/.test(v)) {
    throw new InvalidTransactionError(`${what} must be a decimal string`);
  }
  const n = BigInt(v);
  if (n >= 1n << 64n) throw new InvalidTransactionError(`${what} exceeds u64`);
  return n;
}

function assertId(v: unknown, what: string): string {
  if (!isObjectId(v)) throw new InvalidTransactionError(`${what} must be 0x + 64 lowercase hex`);
  return v;
}

function assertString(v: unknown, what: string, max: number): string {
  if (typeof v !== 'string' || v.length > max) {
    throw new InvalidTransactionError(`${what} must be a string of at most ${max} characters`);
  }
  return v;
}

function assertStrings(v: unknown, what: string, maxItems: number, maxLen: number): string[] {
  if (!Array.isArray(v) || v.length > maxItems) {
    throw new InvalidTransactionError(`${what} must be a list of at most ${maxItems} strings`);
  }
  return v.map((s, i) => assertString(s, `${what}[${i}]`, maxLen));
}

function assertBytes(v: unknown, what: string, length?: number, maxLength = 4096): Uint8Array {
  if (typeof v !== 'string' || v.length > (maxLength * 4) / 3 + 4) {
    throw new InvalidTransactionError(`${what} must be base64`);
  }
  const bytes = unb64(v);
  if (length !== undefined && bytes.length !== length) {
    throw new InvalidTransactionError(`${what} must be ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}

function hexToBytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex.slice(2), 'hex'));
}

/** Context of one transaction being applied: collects events and numbers new objects. */
class TxCtx {
  readonly digest: string;
  readonly nowMs: number;
  readonly sender: string;
  readonly events: ChainEvent[] = [];
  #objects = 0;
  readonly #ledger: Ledger;

  constructor(ledger: Ledger, digest: string, nowMs: number, sender: string) {
    this.#ledger = ledger;
    this.digest = digest;
    this.nowMs = nowMs;
    this.sender = sender;
  }

  /** A fresh object ID: blake2b256(digest bytes || u32 LE counter). */
  newObjectId(): string {
    const d = fromBase58(this.digest);
    const buf = new Uint8Array(d.length + 4);
    buf.set(d);
    new DataView(buf.buffer).setUint32(d.length, this.#objects++, true);
    return '0x' + Buffer.from(blake2b(buf, { dkLen: 32 })).toString('hex');
  }

  emit(data: ChainEventData): void {
    const seq = this.#ledger.allocEventSeq();
    const id: EventId = { txDigest: this.digest, eventSeq: String(this.events.length) };
    this.events.push({ ...data, id, cursor: String(seq), timestampMs: this.nowMs } as ChainEvent);
  }
}

/**
 * The embedded chain's state machine. Synchronous and single-threaded: callers in one process share one
 * instance (the HTTP server and the in-process client both wrap it).
 */
export class Ledger {
  readonly db: DatabaseSync;
  readonly #now: () => number;
  readonly #faucetMax: bigint;
  readonly #adminAddress?: string;
  readonly #autoSync: boolean;
  readonly #blsVerify: NonNullable<LedgerInit['blsVerify']>;
  #sys: SysRow;
  readonly #committees = new Map<number, { committee: Committee; key?: BlsAggregateKey }>();
  readonly #listeners = new Set<() => void>();
  /**
   * Certificates whose signature a worker already checked (see {@link preverify}), with the verdict;
   * used once by the transaction that carries the certificate.
   */
  readonly #preverified = new Map<string, boolean>();
  readonly #st: Record<string, StatementSync>;
  #inTx = false;
  /** Set while {@link block} runs: transactions use savepoints and the block commits once. */
  #block: { events: boolean } | undefined;

  constructor(init: LedgerInit = {}) {
    this.#now = init.now ?? Date.now;
    this.#faucetMax = init.faucetMax ?? 1000n * FROST_PER_WAL;
    this.#adminAddress = init.adminAddress;
    this.#autoSync = init.autoEpochSyncDone ?? false;
    this.#blsVerify = init.blsVerify ?? ((sig, msg, key, signed) => key.verify(sig, msg, signed));
    this.db = new DatabaseSync(init.path ?? ':memory:');
    this.db.exec(`
      PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
      CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS accounts (address TEXT PRIMARY KEY, balance TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS nodes (node_id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS committees (epoch INTEGER PRIMARY KEY, json TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS storage (id TEXT PRIMARY KEY, owner TEXT NOT NULL, json TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS storage_owner ON storage(owner);
      CREATE TABLE IF NOT EXISTS blobs (id TEXT PRIMARY KEY, owner TEXT NOT NULL, blob_id TEXT NOT NULL,
        json TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS blobs_owner ON blobs(owner);
      CREATE INDEX IF NOT EXISTS blobs_blob_id ON blobs(blob_id);
      CREATE TABLE IF NOT EXISTS invalid_blob_ids (blob_id TEXT PRIMARY KEY, event TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS future_used (epoch INTEGER PRIMARY KEY, used INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, json TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS txs (digest TEXT PRIMARY KEY, expires_ms INTEGER NOT NULL) WITHOUT ROWID;
    `);
    const p = (sql: string) => this.db.prepare(sql);
    this.#st = {
      kvGet: p('SELECT v FROM kv WHERE k = ?'),
      kvPut: p('INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)'),
      balGet: p('SELECT balance FROM accounts WHERE address = ?'),
      balPut: p('INSERT OR REPLACE INTO accounts (address, balance) VALUES (?, ?)'),
      nodeGet: p('SELECT json FROM nodes WHERE node_id = ?'),
      nodePut: p('INSERT OR REPLACE INTO nodes (node_id, json) VALUES (?, ?)'),
      nodeAll: p('SELECT json FROM nodes ORDER BY node_id'),
      cmtGet: p('SELECT json FROM committees WHERE epoch = ?'),
      cmtPut: p('INSERT OR REPLACE INTO committees (epoch, json) VALUES (?, ?)'),
      stGet: p('SELECT json FROM storage WHERE id = ?'),
      stPut: p('INSERT OR REPLACE INTO storage (id, owner, json) VALUES (?, ?, ?)'),
      stDel: p('DELETE FROM storage WHERE id = ?'),
      stByOwner: p('SELECT json FROM storage WHERE owner = ? ORDER BY id'),
      blobGet: p('SELECT json FROM blobs WHERE id = ?'),
      blobPut: p('INSERT OR REPLACE INTO blobs (id, owner, blob_id, json) VALUES (?, ?, ?, ?)'),
      blobDel: p('DELETE FROM blobs WHERE id = ?'),
      blobByOwner: p('SELECT json FROM blobs WHERE owner = ? ORDER BY id'),
      blobByBlobId: p('SELECT json FROM blobs WHERE blob_id = ? ORDER BY id'),
      invGet: p('SELECT event FROM invalid_blob_ids WHERE blob_id = ?'),
      invPut: p('INSERT OR IGNORE INTO invalid_blob_ids (blob_id, event) VALUES (?, ?)'),
      usedGet: p('SELECT used FROM future_used WHERE epoch = ?'),
      usedPut: p('INSERT OR REPLACE INTO future_used (epoch, used) VALUES (?, ?)'),
      usedPrune: p('DELETE FROM future_used WHERE epoch < ?'),
      evPut: p('INSERT INTO events (seq, json) VALUES (?, ?)'),
      evAfter: p('SELECT json FROM events WHERE seq > ? ORDER BY seq LIMIT ?'),
      txGet: p('SELECT 1 AS x FROM txs WHERE digest = ?'),
      txPut: p('INSERT INTO txs (digest, expires_ms) VALUES (?, ?)'),
      txPrune: p('DELETE FROM txs WHERE expires_ms < ?'),
    };
    const row = this.#st.kvGet.get('system') as { v: string } | undefined;
    if (row) {
      this.#sys = JSON.parse(row.v) as SysRow;
    } else {
      const nShards = init.nShards ?? 10;
      if (!Number.isInteger(nShards) || nShards < MIN_N_SHARDS || nShards > 65535) {
        throw new InvalidTransactionError(`n_shards must be an integer in [${MIN_N_SHARDS}, 65535]`);
      }
      this.#sys = {
        chainId: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('hex'),
        nShards,
        epochDurationMs: init.epochDurationMs ?? 60_000,
        maxEpochsAhead: init.maxEpochsAhead ?? 53,
        epoch: 0,
        epochState: { kind: 'NotStarted' },
        epochStartMs: 0,
        storagePrice: '0',
        writePrice: '0',
        totalCapacity: 0,
        synced: [],
        nextEventSeq: 1,
      };
      this.#st.kvPut.run('system', JSON.stringify(this.#sys));
    }
  }

  /** Random ID of this chain, bound into every transaction. */
  get chainId(): string {
    return this.#sys.chainId;
  }

  /** The current epoch (0 before the first one started). */
  get epoch(): number {
    return this.#sys.epoch;
  }

  /** The ledger's clock (ms since Unix epoch). */
  now(): number {
    return this.#now();
  }

  /** Subscribes to "new events were committed"; returns the unsubscribe function. */
  onCommit(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** @internal Next global event sequence number (part of the transaction's state). */
  allocEventSeq(): number {
    return this.#sys.nextEventSeq++;
  }

  close(): void {
    this.db.close();
  }

  // ------------------------------------------------------------------ transactions

  /**
   * Verifies and applies one signed transaction atomically.
   * @returns the receipt and the call's result fields (`blob`, `storage`, `split`, `nodeId`, `balance`)
   * @throws a ChainError subclass; the ledger is then unchanged
   */
  submit(tx: SignedTx): LedgerReceipt {
    return this.submitVerified(verifySignedTx(tx));
  }

  /**
   * {@link submit} for a transaction whose signature the caller already checked with
   * {@link verifySignedTx} (the HTTP server checks it once, before the certificate pre-verification).
   * Pass only what `verifySignedTx` returned: the signature is not checked again.
   * @throws a ChainError subclass; the ledger is then unchanged
   */
  submitVerified(v: VerifiedTx): LedgerReceipt {
    const now = this.#now();
    if (v.body.chainId !== this.#sys.chainId)
      throw new TransactionExpiredError('transaction is for another chain');
    if (v.body.expiresAtMs <= now) throw new TransactionExpiredError();
    if (v.body.expiresAtMs > now + MAX_TX_LIFETIME_MS + 60_000) {
      throw new TransactionExpiredError('transaction expiry is too far ahead');
    }
    if (this.#st.txGet.get(v.digest)) throw new TransactionReplayedError();
    this.tick();
    return this.#atomic(v.digest, now, v.body.sender, (ctx) => {
      const extra = this.#apply(ctx, v.body.call);
      this.#st.txPut.run(v.digest, v.body.expiresAtMs);
      return extra;
    });
  }

  /**
   * Runs the time-driven epoch steps that are due (voting end, epoch change start), each as its own
   * system transaction. Called by {@link submit} and by a timer. @see spec §6.5
   * @returns the receipts of the steps taken
   */
  tick(): LedgerReceipt[] {
    const out: LedgerReceipt[] = [];
    for (let guard = 0; guard < 4; guard++) {
      const now = this.#now();
      const s = this.#sys;
      const half = s.epochStartMs + Math.floor(s.epochDurationMs / 2);
      let step: ((ctx: TxCtx) => Extra) | undefined;
      if (s.epochState.kind === 'EpochChangeDone' && now >= half) step = (ctx) => this.#votingEnd(ctx);
      else if (s.epochState.kind === 'NextParamsSelected' && now >= s.epochStartMs + s.epochDurationMs) {
        step = (ctx) => this.#epochChangeStart(ctx);
      }
      if (!step) break;
      const digest = this.#systemDigest(now);
      out.push(this.#atomic(digest, now, '0x' + '0'.repeat(64), step));
    }
    if (out.length && this.#sys.nextEventSeq % 64 === 0) this.#st.txPrune.run(this.#now());
    return out;
  }

  #systemDigest(now: number): string {
    const d = blake2b(
      new TextEncoder().encode(`system:${this.#sys.chainId}:${this.#sys.nextEventSeq}:${now}`),
      {
        dkLen: 32,
      },
    );
    return toBase58(d);
  }

  /**
   * Group commit: runs `fn`, in which any number of {@link submit} / {@link submitVerified} calls (and
   * writes of the history table) happen, inside one SQL transaction that commits once at the end. Each
   * transaction in it stays atomic (a SAVEPOINT: a rejected one is rolled back alone and its call
   * throws as usual). Event listeners are told after the commit. A caller must acknowledge the
   * transactions of a block only after `block` returned: that is when they are durable.
   * Nested calls run inside the outer block.
   * @throws what `fn` throws, or the commit's error; the whole block is then rolled back
   */
  block<T>(fn: () => T): T {
    if (this.#block) return fn();
    if (this.#inTx) throw new ChainError('re-entrant transaction');
    const snapshot = structuredClone(this.#sys);
    const cmtSnapshot = new Map(this.#committees);
    const block = { events: false };
    this.db.exec('BEGIN IMMEDIATE');
    this.#block = block;
    let result: T;
    try {
      result = fn();
      this.#block = undefined;
      this.db.exec('COMMIT');
    } catch (e) {
      this.#block = undefined;
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      this.#restore(snapshot, cmtSnapshot);
      throw e;
    }
    if (block.events) for (const l of this.#listeners) l();
    return result;
  }

  #restore(snapshot: SysRow, cmtSnapshot: Map<number, { committee: Committee; key?: BlsAggregateKey }>) {
    this.#sys = snapshot;
    this.#committees.clear();
    for (const [k, val] of cmtSnapshot) this.#committees.set(k, val);
  }

  #atomic(digest: string, now: number, sender: string, fn: (ctx: TxCtx) => Extra): LedgerReceipt {
    if (this.#inTx) throw new ChainError('re-entrant transaction');
    const snapshot = structuredClone(this.#sys);
    const cmtSnapshot = new Map(this.#committees);
    const ctx = new TxCtx(this, digest, now, sender);
    const block = this.#block;
    this.#inTx = true;
    this.db.exec(block ? 'SAVEPOINT tx' : 'BEGIN IMMEDIATE');
    try {
      const extra = fn(ctx);
      for (const e of ctx.events) this.#st.evPut.run(Number(e.cursor), stringify(e));
      this.#st.kvPut.run('system', JSON.stringify(this.#sys));
      this.db.exec(block ? 'RELEASE tx' : 'COMMIT');
      this.#inTx = false;
      if (ctx.events.length) {
        if (block) block.events = true;
        else for (const l of this.#listeners) l();
      }
      return { digest: ctx.digest, events: ctx.events, ...extra };
    } catch (e) {
      this.db.exec(block ? 'ROLLBACK TO tx; RELEASE tx' : 'ROLLBACK');
      this.#inTx = false;
      this.#restore(snapshot, cmtSnapshot);
      if (e instanceof ChainError) throw e;
      if (e instanceof WalrusTsError || e instanceof RangeError) {
        // Codec errors (e.g. DataTooLargeError) and range errors of the staking math are bad arguments.
        throw new InvalidTransactionError(e.message);
      }
      throw e;
    }
  }

  #apply(ctx: TxCtx, call: TxCall): Extra {
    switch (call.kind) {
      case 'faucet':
        return this.#faucet(ctx, assertAmount(call.amount, 'amount'));
      case 'transfer': {
        const amount = assertAmount(call.amount, 'amount');
        const to = assertId(call.to, 'to');
        this.#debit(ctx.sender, amount);
        this.#credit(to, amount);
        return {};
      }
      case 'register_candidate':
        return this.#registerCandidate(ctx, call);
      case 'update_node_info': {
        const node = this.#operatedNode(ctx, call.nodeId);
        if (call.name !== undefined) node.name = assertString(call.name, 'name', 100);
        if (call.peerId !== undefined) node.peerId = assertString(call.peerId, 'peerId', 128);
        if (call.multiaddrs !== undefined)
          node.multiaddrs = assertStrings(call.multiaddrs, 'multiaddrs', 16, 256);
        this.#putNode(node);
        this.#refreshMemberInfo(node);
        return {};
      }
      case 'stake': {
        const amount = assertAmount(call.amount, 'amount');
        if (amount === 0n) throw new InvalidTransactionError('stake amount must be positive');
        const node = this.#node(assertId(call.nodeId, 'nodeId'));
        this.#debit(ctx.sender, amount);
        node.stake = (BigInt(node.stake) + amount).toString();
        this.#putNode(node);
        return {};
      }
      case 'set_votes': {
        const node = this.#operatedNode(ctx, call.nodeId);
        if (call.storagePrice !== undefined)
          node.storagePriceVote = assertAmount(call.storagePrice, 'storagePrice').toString();
        if (call.writePrice !== undefined)
          node.writePriceVote = assertAmount(call.writePrice, 'writePrice').toString();
        if (call.nodeCapacity !== undefined)
          node.nodeCapacityVote = assertInt(call.nodeCapacity, 'nodeCapacity');
        this.#putNode(node);
        this.#updatePrices(ctx);
        return {};
      }
      case 'start_first_epoch':
        return this.#startFirstEpoch(ctx);
      case 'reserve_space':
        return this.#reserveSpace(ctx, call.size, call.epochs);
      case 'split_storage_by_epoch': {
        const st = this.#ownedStorage(ctx, call.storageId);
        const epoch = assertInt(call.epoch, 'epoch', 0, U32_MAX);
        if (!(st.startEpoch < epoch && epoch < st.endEpoch)) {
          throw new StorageMismatchError(
            `split epoch ${epoch} not inside (${st.startEpoch}, ${st.endEpoch})`,
          );
        }
        const split = { ...st, id: ctx.newObjectId(), startEpoch: epoch };
        const storage = { ...st, endEpoch: epoch };
        this.#putStorage(storage);
        this.#putStorage(split);
        return { storage, split };
      }
      case 'split_storage_by_size': {
        const st = this.#ownedStorage(ctx, call.storageId);
        const size = assertInt(call.size, 'size');
        if (!(size > 0 && size < st.storageSize)) {
          throw new StorageMismatchError(`split size ${size} not inside (0, ${st.storageSize})`);
        }
        const split = { ...st, id: ctx.newObjectId(), storageSize: size };
        const storage = { ...st, storageSize: st.storageSize - size };
        this.#putStorage(storage);
        this.#putStorage(split);
        return { storage, split };
      }
      case 'fuse_storage': {
        const a = this.#ownedStorage(ctx, call.storageId);
        const b = this.#ownedStorage(ctx, call.other);
        if (a.id === b.id) throw new StorageMismatchError('cannot fuse a storage resource with itself');
        let storage: StorageResource;
        if (a.startEpoch === b.startEpoch && a.endEpoch === b.endEpoch) {
          storage = { ...a, storageSize: a.storageSize + b.storageSize };
        } else if (
          a.storageSize === b.storageSize &&
          (a.endEpoch === b.startEpoch || b.endEpoch === a.startEpoch)
        ) {
          storage = {
            ...a,
            startEpoch: Math.min(a.startEpoch, b.startEpoch),
            endEpoch: Math.max(a.endEpoch, b.endEpoch),
          };
        } else {
          throw new StorageMismatchError('fuse needs the same period, or the same size and adjacent periods');
        }
        this.#st.stDel.run(b.id);
        this.#putStorage(storage);
        return { storage };
      }
      case 'register_blob':
        return this.#registerBlob(ctx, call);
      case 'certify_blob':
        return this.#certifyBlob(ctx, call);
      case 'delete_blob': {
        const blob = this.#ownedBlob(ctx, call.blobObjectId);
        if (!blob.deletable) throw new BlobNotDeletableError();
        if (this.#sys.epoch >= blob.storage.endEpoch) throw new BlobExpiredError();
        this.#st.blobDel.run(blob.id);
        const storage = { ...blob.storage, owner: ctx.sender };
        this.#putStorage(storage);
        ctx.emit({
          type: 'BlobDeleted',
          epoch: this.#sys.epoch,
          blobId: blob.blobId,
          endEpoch: blob.storage.endEpoch,
          objectId: blob.id,
          wasCertified: blob.certifiedEpoch !== null,
        });
        return { storage };
      }
      case 'extend_blob':
        return this.#extendBlob(ctx, call.blobObjectId, call.epochs);
      case 'burn_blob': {
        const blob = this.#ownedBlob(ctx, call.blobObjectId);
        this.#st.blobDel.run(blob.id);
        return {};
      }
      case 'set_blob_attributes': {
        const blob = this.#ownedBlob(ctx, call.blobObjectId);
        if (
          call.attributes === null ||
          typeof call.attributes !== 'object' ||
          Array.isArray(call.attributes)
        ) {
          throw new InvalidTransactionError('attributes must be an object of strings');
        }
        const attributes = { ...blob.attributes };
        for (const [k, val] of Object.entries(call.attributes)) {
          attributes[assertString(k, 'attribute key', 1024)] = assertString(val, `attribute ${k}`, 64 * 1024);
        }
        if (Object.keys(attributes).length > 100) throw new InvalidTransactionError('at most 100 attributes');
        const updated = { ...blob, attributes };
        this.#putBlob(updated);
        return { blob: updated };
      }
      case 'remove_blob_attributes': {
        const blob = this.#ownedBlob(ctx, call.blobObjectId);
        let attributes: Record<string, string> = {};
        if (call.keys !== undefined) {
          attributes = { ...blob.attributes };
          for (const k of assertStrings(call.keys, 'keys', 100, 1024)) delete attributes[k];
        }
        const updated = { ...blob, attributes };
        this.#putBlob(updated);
        return { blob: updated };
      }
      case 'invalidate_blob_id':
        return this.#invalidateBlobId(ctx, call);
      case 'report_challenge_failure':
        return this.#reportChallengeFailure(ctx, call);
      case 'epoch_sync_done':
        return this.#epochSyncDone(ctx, call.nodeId, call.epoch);
      default:
        throw new InvalidTransactionError(`unknown call kind "${String((call as { kind: unknown }).kind)}"`);
    }
  }

  // ------------------------------------------------------------------ balances

  #balance(address: string): bigint {
    const r = this.#st.balGet.get(address) as { balance: string } | undefined;
    return r ? BigInt(r.balance) : 0n;
  }

  #credit(address: string, amount: bigint): void {
    this.#st.balPut.run(address, (this.#balance(address) + amount).toString());
  }

  #debit(address: string, amount: bigint): void {
    const bal = this.#balance(address);
    if (bal < amount) {
      throw new InsufficientBalanceError(`balance ${bal} FROST is less than the ${amount} FROST needed`);
    }
    this.#st.balPut.run(address, (bal - amount).toString());
  }

  #faucet(ctx: TxCtx, amount: bigint): Extra {
    if (this.#faucetMax === 0n) throw new InvalidTransactionError('the faucet is disabled on this chain');
    if (amount === 0n || amount > this.#faucetMax) {
      throw new InvalidTransactionError(`faucet amount must be in (0, ${this.#faucetMax}] FROST`);
    }
    this.#credit(ctx.sender, amount);
    return { balance: this.#balance(ctx.sender) };
  }

  // ------------------------------------------------------------------ staking

  #node(nodeId: string): StoredNode {
    const r = this.#st.nodeGet.get(nodeId) as { json: string } | undefined;
    if (!r) throw new ObjectNotFoundError(`no storage node ${nodeId}`);
    return JSON.parse(r.json) as StoredNode;
  }

  #operatedNode(ctx: TxCtx, nodeId: unknown): StoredNode {
    const node = this.#node(assertId(nodeId, 'nodeId'));
    if (node.suiAddress !== ctx.sender) throw new NotOwnerError('sender does not operate this storage node');
    return node;
  }

  #putNode(node: StoredNode): void {
    this.#st.nodePut.run(node.nodeId, JSON.stringify(node));
  }

  #registerCandidate(ctx: TxCtx, call: Extract<TxCall, { kind: 'register_candidate' }>): Extra {
    const name = assertString(call.name, 'name', 100);
    const peerId = assertString(call.peerId, 'peerId', 128);
    const multiaddrs = assertStrings(call.multiaddrs, 'multiaddrs', 16, 256);
    const publicKey = assertBytes(call.publicKey, 'publicKey', 48);
    const pop = assertBytes(call.proofOfPossession, 'proofOfPossession', 96);
    const storagePrice = assertAmount(call.storagePrice, 'storagePrice');
    const writePrice = assertAmount(call.writePrice, 'writePrice');
    const nodeCapacity = assertInt(call.nodeCapacity, 'nodeCapacity');
    let key;
    try {
      key = parsePublicKey(publicKey);
    } catch (e) {
      throw new InvalidProofOfPossessionError((e as Error).message);
    }
    const msg = encodeProofOfPossessionMessage(this.#sys.epoch, ctx.sender, publicKey);
    if (!blsVerify(pop, msg, key)) throw new InvalidProofOfPossessionError();
    const pkB64 = call.publicKey;
    for (const r of this.#st.nodeAll.all() as { json: string }[]) {
      if ((JSON.parse(r.json) as StoredNode).publicKey === pkB64) {
        throw new InvalidTransactionError('a storage node with this BLS public key is already registered');
      }
    }
    const nodeId = ctx.newObjectId();
    this.#putNode({
      nodeId,
      name,
      peerId,
      multiaddrs,
      publicKey: pkB64,
      suiAddress: ctx.sender,
      stake: '0',
      storagePriceVote: storagePrice.toString(),
      writePriceVote: writePrice.toString(),
      nodeCapacityVote: nodeCapacity,
    });
    return { nodeId };
  }

  /** Keeps committee member info (name, peer ID, addresses) in step with the node's registration. */
  #refreshMemberInfo(node: StoredNode): void {
    for (const e of [this.#sys.epoch, this.#sys.epoch + 1]) {
      const c = this.#committee(e);
      if (!c) continue;
      const i = c.members.findIndex((m) => m.nodeId === node.nodeId);
      if (i < 0) continue;
      const members = [...c.members];
      members[i] = { ...members[i], name: node.name, peerId: node.peerId, multiaddrs: node.multiaddrs };
      this.#putCommittee({ ...c, members });
    }
  }

  #committee(epoch: number): Committee | undefined {
    const cached = this.#committees.get(epoch);
    if (cached) return cached.committee;
    const r = this.#st.cmtGet.get(epoch) as { json: string } | undefined;
    if (!r) return undefined;
    const committee = committeeFromJson(JSON.parse(r.json));
    this.#committees.set(epoch, { committee });
    return committee;
  }

  #committeeKey(epoch: number): { committee: Committee; key: BlsAggregateKey } {
    const committee = this.#committee(epoch);
    if (!committee || committee.members.length === 0) throw new EpochStateError('no committee in this epoch');
    const entry = this.#committees.get(epoch)!;
    entry.key ??= new BlsAggregateKey(committee.members.map((m) => m.publicKey));
    return { committee, key: entry.key };
  }

  #putCommittee(c: Committee): void {
    this.#st.cmtPut.run(c.epoch, stringify(c));
    this.#committees.set(c.epoch, { committee: c });
  }

  /** Selects the committee for `epoch` by stake (D'Hondt, shards kept in place) and computes its params. */
  #selectCommittee(epoch: number): { committee: Committee; params: NonNullable<SysRow['next']> } {
    const nodes = (this.#st.nodeAll.all() as { json: string }[])
      .map((r) => JSON.parse(r.json) as StoredNode)
      .filter((n) => BigInt(n.stake) > 0n)
      .sort((a, b) => {
        const d = BigInt(b.stake) - BigInt(a.stake);
        return d > 0n ? 1 : d < 0n ? -1 : a.nodeId < b.nodeId ? -1 : 1;
      })
      .slice(0, ACTIVE_SET_SIZE_LIMIT);
    if (nodes.length === 0) throw new EpochStateError('no staked storage node to form a committee');
    const nShards = this.#sys.nShards;
    const counts = dhondt(
      nodes.map((n) => BigInt(n.stake)),
      nShards,
    );
    const prev = this.#committee(epoch - 1);
    const previous = new Map<string, number[]>(
      prev ? prev.members.map((m) => [m.nodeId, [...m.shards]]) : [],
    );
    const assignment = assignShards(previous, new Map(nodes.map((n, i) => [n.nodeId, counts[i]])), nShards);
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const members: CommitteeMember[] = [...assignment.entries()].map(([id, shards]) => {
      const n = byId.get(id)!;
      return {
        nodeId: id,
        name: n.name,
        peerId: n.peerId,
        multiaddrs: n.multiaddrs,
        publicKey: unb64(n.publicKey),
        suiAddress: n.suiAddress,
        shards,
        weight: shards.length,
      };
    });
    const committee: Committee = { epoch, nShards, members };
    const votes = (f: (n: StoredNode, weight: number) => bigint) =>
      members.map((m) => ({ value: f(byId.get(m.nodeId)!, m.weight), weight: m.weight }));
    const capacity = quorumAbove(
      votes((n, w) => (BigInt(n.nodeCapacityVote) * BigInt(nShards)) / BigInt(w)),
      nShards,
    );
    return {
      committee,
      params: {
        storagePrice: quorumBelow(
          votes((n) => BigInt(n.storagePriceVote)),
          nShards,
        ).toString(),
        writePrice: quorumBelow(
          votes((n) => BigInt(n.writePriceVote)),
          nShards,
        ).toString(),
        totalCapacity: Number(
          capacity > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : capacity,
        ),
      },
    };
  }

  /** Recomputes prices from the current committee's votes (`update_prices`); emits PricesUpdated if changed. */
  #updatePrices(ctx: TxCtx): void {
    const c = this.#committee(this.#sys.epoch);
    if (!c || c.members.length === 0) return;
    const nodes = c.members.map((m) => ({ node: this.#node(m.nodeId), weight: m.weight }));
    const sp = quorumBelow(
      nodes.map((x) => ({ value: BigInt(x.node.storagePriceVote), weight: x.weight })),
      c.nShards,
    ).toString();
    const wp = quorumBelow(
      nodes.map((x) => ({ value: BigInt(x.node.writePriceVote), weight: x.weight })),
      c.nShards,
    ).toString();
    this.#setPrices(ctx, sp, wp);
  }

  #setPrices(ctx: TxCtx, storagePrice: string, writePrice: string): void {
    if (storagePrice === this.#sys.storagePrice && writePrice === this.#sys.writePrice) return;
    this.#sys.storagePrice = storagePrice;
    this.#sys.writePrice = writePrice;
    ctx.emit({
      type: 'PricesUpdated',
      epoch: this.#sys.epoch,
      storagePrice: BigInt(storagePrice),
      writePrice: BigInt(writePrice),
    });
  }

  #startFirstEpoch(ctx: TxCtx): Extra {
    if (this.#sys.epochState.kind !== 'NotStarted')
      throw new EpochStateError('the first epoch has already started');
    if (this.#adminAddress && ctx.sender !== this.#adminAddress) {
      throw new NotOwnerError('only the admin address may start the first epoch');
    }
    const { committee, params } = this.#selectCommittee(1);
    this.#putCommittee(committee);
    ctx.emit({ type: 'EpochParametersSelected', nextEpoch: 1 });
    this.#sys.epoch = 1;
    this.#sys.epochStartMs = ctx.nowMs;
    this.#sys.totalCapacity = params.totalCapacity;
    ctx.emit({ type: 'EpochChangeStart', epoch: 1 });
    this.#setPrices(ctx, params.storagePrice, params.writePrice);
    this.#sys.epochState = { kind: 'EpochChangeDone', sinceMs: ctx.nowMs };
    ctx.emit({ type: 'EpochChangeDone', epoch: 1 });
    return {};
  }

  #votingEnd(ctx: TxCtx): Extra {
    const next = this.#sys.epoch + 1;
    const { committee, params } = this.#selectCommittee(next);
    this.#putCommittee(committee);
    this.#sys.next = params;
    this.#sys.epochState = { kind: 'NextParamsSelected', sinceMs: ctx.nowMs };
    ctx.emit({ type: 'EpochParametersSelected', nextEpoch: next });
    return {};
  }

  #epochChangeStart(ctx: TxCtx): Extra {
    const params = this.#sys.next!;
    this.#sys.epoch += 1;
    this.#sys.epochStartMs = ctx.nowMs;
    this.#sys.totalCapacity = params.totalCapacity;
    this.#sys.next = undefined;
    this.#sys.synced = [];
    this.#sys.epochState = { kind: 'EpochChangeSync', syncedWeight: 0, sinceMs: ctx.nowMs };
    this.#st.usedPrune.run(this.#sys.epoch);
    this.#committees.delete(this.#sys.epoch - 2);
    ctx.emit({ type: 'EpochChangeStart', epoch: this.#sys.epoch });
    this.#setPrices(ctx, params.storagePrice, params.writePrice);
    if (this.#autoSync) {
      this.#sys.epochState = { kind: 'EpochChangeDone', sinceMs: ctx.nowMs };
      ctx.emit({ type: 'EpochChangeDone', epoch: this.#sys.epoch });
    }
    return {};
  }

  #epochSyncDone(ctx: TxCtx, nodeIdArg: unknown, epochArg: unknown): Extra {
    const node = this.#operatedNode(ctx, nodeIdArg);
    const epoch = assertInt(epochArg, 'epoch', 0, U32_MAX);
    const s = this.#sys;
    if (epoch !== s.epoch)
      throw new EpochStateError(`epoch_sync_done for epoch ${epoch}, current is ${s.epoch}`);
    const member = this.#committee(epoch)?.members.find((m) => m.nodeId === node.nodeId);
    if (!member) throw new EpochStateError('node is not in the current committee');
    // Late calls (sync already done) are accepted and change nothing, as in Move.
    if (s.epochState.kind !== 'EpochChangeSync' || s.synced.includes(node.nodeId)) return {};
    s.synced.push(node.nodeId);
    const weight = s.epochState.syncedWeight + member.weight;
    ctx.emit({ type: 'ShardsReceived', epoch, shards: member.shards });
    if (isQuorum(weight, s.nShards)) {
      s.epochState = { kind: 'EpochChangeDone', sinceMs: ctx.nowMs };
      ctx.emit({ type: 'EpochChangeDone', epoch });
    } else {
      s.epochState = { kind: 'EpochChangeSync', syncedWeight: weight, sinceMs: s.epochState.sinceMs };
    }
    return {};
  }

  // ------------------------------------------------------------------ storage

  #assertStarted(): void {
    if (this.#sys.epochState.kind === 'NotStarted')
      throw new EpochStateError('the first epoch has not started');
  }

  #used(epoch: number): number {
    return (this.#st.usedGet.get(epoch) as { used: number } | undefined)?.used ?? 0;
  }

  /** Reserves `size` bytes in epochs [start, end), checking capacity in each. */
  #reserveCapacity(size: number, start: number, end: number): void {
    for (let e = start; e < end; e++) {
      const used = this.#used(e);
      if (used + size > this.#sys.totalCapacity) {
        throw new InsufficientCapacityError(
          `epoch ${e}: ${used} of ${this.#sys.totalCapacity} bytes used, ${size} more requested`,
        );
      }
    }
    for (let e = start; e < end; e++) this.#st.usedPut.run(e, this.#used(e) + size);
  }

  #reserveSpace(ctx: TxCtx, sizeArg: unknown, epochsArg: unknown): Extra {
    this.#assertStarted();
    const size = assertInt(sizeArg, 'size', 1);
    const epochs = assertInt(epochsArg, 'epochs', 1, this.#sys.maxEpochsAhead);
    const cost = BigInt(this.#sys.storagePrice) * BigInt(storageUnits(size)) * BigInt(epochs);
    this.#debit(ctx.sender, cost);
    const start = this.#sys.epoch;
    this.#reserveCapacity(size, start, start + epochs);
    const storage: StorageResource = {
      id: ctx.newObjectId(),
      owner: ctx.sender,
      startEpoch: start,
      endEpoch: start + epochs,
      storageSize: size,
    };
    this.#putStorage(storage);
    return { storage };
  }

  #ownedStorage(ctx: TxCtx, id: unknown): StorageResource {
    const r = this.#st.stGet.get(assertId(id, 'storageId')) as { json: string } | undefined;
    if (!r) throw new ObjectNotFoundError(`no storage resource ${String(id)}`);
    const st = storageFromJson(JSON.parse(r.json));
    if (st.owner !== ctx.sender) throw new NotOwnerError('sender does not own this storage resource');
    return st;
  }

  #putStorage(st: StorageResource): void {
    this.#st.stPut.run(st.id, st.owner, JSON.stringify(st));
  }

  // ------------------------------------------------------------------ blobs

  #blob(id: string): BlobObject {
    const r = this.#st.blobGet.get(id) as { json: string } | undefined;
    if (!r) throw new ObjectNotFoundError(`no blob object ${id}`);
    return blobFromJson(JSON.parse(r.json));
  }

  #ownedBlob(ctx: TxCtx, id: unknown): BlobObject {
    const blob = this.#blob(assertId(id, 'blobObjectId'));
    if (blob.owner !== ctx.sender) throw new NotOwnerError('sender does not own this blob object');
    return blob;
  }

  #putBlob(blob: BlobObject): void {
    this.#st.blobPut.run(blob.id, blob.owner, blob.blobId, JSON.stringify(blob));
  }

  #registerBlob(ctx: TxCtx, call: Extract<TxCall, { kind: 'register_blob' }>): Extra {
    this.#assertStarted();
    const storage = this.#ownedStorage(ctx, call.storageId);
    let blobIdBytes: Uint8Array;
    try {
      blobIdBytes = blobIdFromString(assertString(call.blobId, 'blobId', 64));
    } catch (e) {
      throw new InvalidTransactionError((e as Error).message);
    }
    const rootHash = assertBytes(call.rootHash, 'rootHash', 32);
    const size = assertInt(call.size, 'size');
    const encodingType = assertInt(call.encodingType, 'encodingType', 0, 255);
    if (encodingType !== RS2_ENCODING_TYPE) {
      throw new InvalidTransactionError(`unsupported encoding type ${encodingType} (only RS2 = 1)`);
    }
    if (typeof call.deletable !== 'boolean') throw new InvalidTransactionError('deletable must be a boolean');
    // blob_id = blake2b256(u8 encoding type || u64 LE size || root hash[32])  (spec §2.4)
    const derivation = new Uint8Array(41);
    derivation[0] = encodingType;
    new DataView(derivation.buffer).setBigUint64(1, BigInt(size), true);
    derivation.set(rootHash, 9);
    if (!bytesEqual(blake2b(derivation, { dkLen: 32 }), blobIdBytes)) throw new BlobIdMismatchError();
    const encoded = encodedBlobLength(size, this.#sys.nShards);
    if (encoded > storage.storageSize) {
      throw new StorageTooSmallError(
        `encoded length ${encoded} exceeds the storage size ${storage.storageSize}`,
      );
    }
    const epoch = this.#sys.epoch;
    if (!(storage.startEpoch <= epoch && epoch < storage.endEpoch)) {
      throw new StorageExpiredError(
        `storage covers epochs [${storage.startEpoch}, ${storage.endEpoch}), current is ${epoch}`,
      );
    }
    this.#debit(ctx.sender, BigInt(this.#sys.writePrice) * BigInt(storageUnits(encoded)));
    this.#st.stDel.run(storage.id);
    const blob: BlobObject = {
      id: ctx.newObjectId(),
      owner: ctx.sender,
      registeredEpoch: epoch,
      blobId: blobIdToString(blobIdBytes),
      size,
      encodingType,
      certifiedEpoch: null,
      storage,
      deletable: call.deletable,
      attributes: {},
    };
    this.#putBlob(blob);
    ctx.emit({
      type: 'BlobRegistered',
      epoch,
      blobId: blob.blobId,
      size,
      encodingType,
      endEpoch: storage.endEpoch,
      deletable: blob.deletable,
      objectId: blob.id,
    });
    return { blob };
  }

  /**
   * The cheap part of a certificate check (spec §6.3): message header (version 0, app 3, epoch =
   * current), signers bitmap and signer weight against `required`. Returns what the pairing check needs.
   */
  #certificatePrecheck(
    signatureArg: unknown,
    bitmapArg: unknown,
    messageArg: unknown,
    required: 'quorum' | 'oneCorrect',
  ): {
    signature: Uint8Array;
    message: Uint8Array;
    key: BlsAggregateKey;
    signed: boolean[];
    cacheKey: string;
  } {
    this.#assertStarted();
    const signature = assertBytes(signatureArg, 'signature', 96);
    const bitmap = assertBytes(bitmapArg, 'signersBitmap', undefined, 8192);
    const message = assertBytes(messageArg, 'message', undefined, 4096);
    let header;
    try {
      header = decodeProtocolMessage(message);
    } catch (e) {
      throw new InvalidMessageError((e as Error).message);
    }
    if (header.intentVersion !== INTENT_VERSION || header.appId !== STORAGE_APP_ID) {
      throw new InvalidMessageError('message intent version or app id is wrong');
    }
    const epoch = this.#sys.epoch;
    if (header.epoch !== epoch)
      throw new WrongEpochError(`message epoch ${header.epoch}, current epoch ${epoch}`);
    const { committee, key } = this.#committeeKey(epoch);
    let signers: number[];
    try {
      signers = decodeSignersBitmap(bitmap, committee.members.length);
    } catch (e) {
      throw new InvalidSignersBitmapError((e as Error).message);
    }
    const signed = new Array<boolean>(committee.members.length).fill(false);
    let weight = 0;
    for (const i of signers) {
      signed[i] = true;
      weight += committee.members[i].weight;
    }
    const ok =
      required === 'quorum'
        ? isQuorum(weight, committee.nShards)
        : includesOneCorrectNode(weight, committee.nShards);
    if (!ok) {
      throw new QuorumNotReachedError(`signer weight ${weight} of ${committee.nShards} shards is not enough`);
    }
    const cacheKey = `${epoch}|${String(signatureArg)}|${String(bitmapArg)}|${String(messageArg)}`;
    return { signature, message, key, signed, cacheKey };
  }

  /** Full certificate check: {@link #certificatePrecheck}, then the aggregate signature. */
  #verifyCertificate(
    signatureArg: unknown,
    bitmapArg: unknown,
    messageArg: unknown,
    required: 'quorum' | 'oneCorrect',
  ): Uint8Array {
    const c = this.#certificatePrecheck(signatureArg, bitmapArg, messageArg, required);
    const known = this.#preverified.get(c.cacheKey);
    if (known !== undefined) {
      this.#preverified.delete(c.cacheKey);
      if (!known) throw new InvalidCertificateError();
      return c.message;
    }
    if (!this.#blsVerify(c.signature, c.message, c.key, c.signed)) throw new InvalidCertificateError();
    return c.message;
  }

  /**
   * Checks the BLS signature of a certify_blob / invalidate_blob_id transaction in `pool` (worker threads)
   * ahead of {@link submit}, so that several certificates are verified in parallel and the ledger's
   * single thread does not wait on pairings. The verdict is remembered (per epoch, signature, bitmap and
   * message) and used once by `submit`, which rejects a certificate the pool found invalid with
   * InvalidCertificateError without checking it again (the pool's batches fall back to one-by-one checks,
   * so a false is the certificate's own). Anything else (another kind, a malformed certificate, a pool
   * that failed) is left for `submit` to check, so results and errors are the same as without
   * pre-verification.
   * @param tx what {@link verifySignedTx} returned for the transaction
   */
  async preverify(
    tx: VerifiedTx,
    pool: { verify(s: Uint8Array, m: Uint8Array, k: Uint8Array): Promise<boolean> },
  ) {
    const call: TxCall = tx.body.call;
    if (
      call.kind !== 'certify_blob' &&
      call.kind !== 'invalidate_blob_id' &&
      call.kind !== 'report_challenge_failure'
    ) {
      return;
    }
    let c;
    try {
      c = this.#certificatePrecheck(
        call.signature,
        call.signersBitmap,
        call.message,
        call.kind === 'invalidate_blob_id' ? 'oneCorrect' : 'quorum',
      );
    } catch {
      return;
    }
    if (this.#preverified.has(c.cacheKey)) return;
    let ok: boolean;
    try {
      ok = await pool.verify(c.signature, c.message, c.key.keyBytesFor(c.signed));
    } catch {
      return;
    }
    this.#preverified.set(c.cacheKey, ok);
    if (this.#preverified.size > 10_000) {
      this.#preverified.delete(this.#preverified.keys().next().value as string);
    }
  }

  #certifyBlob(ctx: TxCtx, call: Extract<TxCall, { kind: 'certify_blob' }>): Extra {
    const blob = this.#ownedBlob(ctx, call.blobObjectId);
    if (blob.certifiedEpoch !== null) throw new BlobAlreadyCertifiedError();
    if (this.#sys.epoch >= blob.storage.endEpoch) throw new BlobExpiredError();
    const message = this.#verifyCertificate(call.signature, call.signersBitmap, call.message, 'quorum');
    let conf;
    try {
      conf = decodeStorageConfirmation(message);
    } catch (e) {
      throw new InvalidMessageError((e as Error).message);
    }
    if (blobIdToString(conf.blobId) !== blob.blobId) {
      throw new InvalidMessageError('certified blob ID is not the blob object`s');
    }
    if (blob.deletable) {
      if (
        conf.persistence.kind !== 'deletable' ||
        !bytesEqual(conf.persistence.objectId, hexToBytes(blob.id))
      ) {
        throw new InvalidMessageError('a deletable blob needs a deletable confirmation for its object ID');
      }
    } else if (conf.persistence.kind !== 'permanent') {
      throw new InvalidMessageError('a permanent blob needs a permanent confirmation');
    }
    const updated = { ...blob, certifiedEpoch: this.#sys.epoch };
    this.#putBlob(updated);
    ctx.emit({
      type: 'BlobCertified',
      epoch: this.#sys.epoch,
      blobId: blob.blobId,
      endEpoch: blob.storage.endEpoch,
      deletable: blob.deletable,
      objectId: blob.id,
      isExtension: false,
    });
    return { blob: updated };
  }

  #extendBlob(ctx: TxCtx, id: unknown, epochsArg: unknown): Extra {
    const blob = this.#ownedBlob(ctx, id);
    const epochs = assertInt(epochsArg, 'epochs', 1, this.#sys.maxEpochsAhead);
    if (blob.certifiedEpoch === null) throw new BlobNotCertifiedError();
    const cur = this.#sys.epoch;
    if (cur >= blob.storage.endEpoch) throw new BlobExpiredError();
    const newEnd = blob.storage.endEpoch + epochs;
    if (newEnd - cur > this.#sys.maxEpochsAhead) {
      throw new InvalidTransactionError(`extension past ${this.#sys.maxEpochsAhead} epochs ahead`);
    }
    const size = blob.storage.storageSize;
    this.#debit(ctx.sender, BigInt(this.#sys.storagePrice) * BigInt(storageUnits(size)) * BigInt(epochs));
    this.#reserveCapacity(size, blob.storage.endEpoch, newEnd);
    const updated = { ...blob, storage: { ...blob.storage, endEpoch: newEnd } };
    this.#putBlob(updated);
    ctx.emit({
      type: 'BlobCertified',
      epoch: cur,
      blobId: blob.blobId,
      endEpoch: newEnd,
      deletable: blob.deletable,
      objectId: blob.id,
      isExtension: true,
    });
    return { blob: updated };
  }

  #invalidateBlobId(ctx: TxCtx, call: Extract<TxCall, { kind: 'invalidate_blob_id' }>): Extra {
    const message = this.#verifyCertificate(call.signature, call.signersBitmap, call.message, 'oneCorrect');
    if (message[0] !== IntentType.INVALID_BLOB_ID)
      throw new InvalidMessageError('expected intent 2 (invalid blob ID)');
    let blobId: string;
    try {
      blobId = blobIdToString(decodeInvalidBlobIdMessage(message).blobId);
    } catch (e) {
      throw new InvalidMessageError((e as Error).message);
    }
    ctx.emit({ type: 'InvalidBlobID', epoch: this.#sys.epoch, blobId });
    this.#st.invPut.run(blobId, JSON.stringify(ctx.events[ctx.events.length - 1].id));
    return {};
  }

  /**
   * report_challenge_failure: a quorum certificate over `intent(64,0,3) || epoch || node_id` of the current
   * epoch naming a current committee member; once per node and epoch. Emits NodeChallengeFailed.
   */
  #reportChallengeFailure(ctx: TxCtx, call: Extract<TxCall, { kind: 'report_challenge_failure' }>): Extra {
    const message = this.#verifyCertificate(call.signature, call.signersBitmap, call.message, 'quorum');
    let report;
    try {
      report = decodeChallengeFailureMessage(message);
    } catch (e) {
      throw new InvalidMessageError((e as Error).message);
    }
    const nodeId = nodeIdFromBytes(report.target);
    const committee = this.#committee(this.#sys.epoch);
    if (!committee?.members.some((m) => m.nodeId === nodeId)) {
      throw new InvalidMessageError('the reported node is not a member of the current committee');
    }
    const key = `challenge_failure:${this.#sys.epoch}:${nodeId}`;
    if (this.#st.kvGet.get(key)) throw new ChallengeAlreadyReportedError();
    ctx.emit({ type: 'NodeChallengeFailed', epoch: this.#sys.epoch, nodeId });
    this.#st.kvPut.run(key, JSON.stringify(ctx.events[ctx.events.length - 1].id));
    return {};
  }

  // ------------------------------------------------------------------ reads

  /** The current system state. */
  systemState(): SystemState {
    this.tick();
    const s = this.#sys;
    const empty: Committee = { epoch: s.epoch, nShards: s.nShards, members: [] };
    const committee = this.#committee(s.epoch) ?? empty;
    return {
      epoch: s.epoch,
      epochState: s.epochState,
      nShards: s.nShards,
      epochDurationMs: s.epochDurationMs,
      epochStartMs: s.epochStartMs,
      maxEpochsAhead: s.maxEpochsAhead,
      committee,
      ...(s.epochState.kind === 'EpochChangeSync' && this.#committee(s.epoch - 1)
        ? { previousCommittee: this.#committee(s.epoch - 1) }
        : {}),
      ...(s.epochState.kind === 'NextParamsSelected' ? { nextCommittee: this.#committee(s.epoch + 1) } : {}),
      storagePricePerUnit: BigInt(s.storagePrice),
      writePricePerUnit: BigInt(s.writePrice),
      totalCapacity: s.totalCapacity,
      usedCapacity: this.#used(s.epoch),
    };
  }

  /** A Blob object. @throws ObjectNotFoundError */
  getBlob(id: string): BlobObject {
    return this.#blob(id);
  }

  /** Live Blob objects with this blob ID and its invalidation event. */
  getBlobIdInfo(blobId: string): BlobIdInfo {
    const objects = (this.#st.blobByBlobId.all(blobId) as { json: string }[]).map((r) =>
      blobFromJson(JSON.parse(r.json)),
    );
    const inv = this.#st.invGet.get(blobId) as { event: string } | undefined;
    return { blobId, objects, invalidated: inv ? (JSON.parse(inv.event) as EventId) : null };
  }

  /** A storage resource. @throws ObjectNotFoundError */
  getStorage(id: string): StorageResource {
    const r = this.#st.stGet.get(id) as { json: string } | undefined;
    if (!r) throw new ObjectNotFoundError(`no storage resource ${id}`);
    return storageFromJson(JSON.parse(r.json));
  }

  /** Blobs and free storage resources of `owner`. */
  ownedObjects(owner: string): { blobs: BlobObject[]; storage: StorageResource[] } {
    return {
      blobs: (this.#st.blobByOwner.all(owner) as { json: string }[]).map((r) =>
        blobFromJson(JSON.parse(r.json)),
      ),
      storage: (this.#st.stByOwner.all(owner) as { json: string }[]).map((r) =>
        storageFromJson(JSON.parse(r.json)),
      ),
    };
  }

  /** WAL balance in FROST. */
  balance(address: string): bigint {
    return this.#balance(address);
  }

  /** All registered storage nodes, by node ID. */
  storageNodes(): StorageNodeInfo[] {
    return (this.#st.nodeAll.all() as { json: string }[]).map((r) => storageNodeFromJson(JSON.parse(r.json)));
  }

  /** Up to `limit` events after global sequence `after` (0 = from the start). */
  eventsAfter(after: number, limit = 1000): ChainEvent[] {
    return (this.#st.evAfter.all(after, limit) as { json: string }[]).map((r) =>
      eventFromJson(JSON.parse(r.json)),
    );
  }
}
