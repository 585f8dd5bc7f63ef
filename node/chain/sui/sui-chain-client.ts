/**
 * {@link ChainClient} over a Sui network where the Walrus Move packages are published.
 *
 * Reads go through the Sui core API (`client.core`, any transport; the factory uses `SuiGrpcClient`);
 * objects are decoded from BCS with the layouts of ./contracts.ts and mapped by ./decode.ts. Writes build
 * one programmable transaction per method (./transactions.ts), sign it with the configured keypair,
 * execute it, wait until the full node has indexed it and map Move aborts to chain errors
 * (./abort-errors.ts).
 *
 * Limits of Sui (documented in README.md):
 * - `getBlobIdInfo`: Sui cannot query objects by a field. Objects are found among the blobs the client's
 *   own account owns plus those seen in events this client instance has followed (`events()`); complete
 *   only for a follower that has caught up from the first event.
 * - `faucet` and libp2p peer ID updates have no Walrus equivalent: UnsupportedOnSuiError.
 * - Events in a {@link TxReceipt} have an empty `cursor` (Sui gives no per-event cursor for them).
 * @see spec §6
 * @packageDocumentation
 */
import type { ClientWithCoreApi, SuiClientTypes } from '@mysten/sui/client';
import { ObjectError } from '@mysten/sui/client';
import { bcs, TypeTagSerializer } from '@mysten/sui/bcs';
import type { Signer } from '@mysten/sui/cryptography';
import { Transaction } from '@mysten/sui/transactions';
import { deriveDynamicFieldID, normalizeSuiAddress, parseStructTag } from '@mysten/sui/utils';
import { blobIdFromString, blobIdToU256 } from '../../../shared/encoding/blob-id.ts';
import { encodeSignersBitmap } from '../../../shared/bcs/messages.ts';
import {
  ChainError,
  ChainUnavailableError,
  InsufficientBalanceError,
  InvalidSignersBitmapError,
  InvalidTransactionError,
  NotOwnerError,
  ObjectNotFoundError,
} from '../errors.ts';
import type {
  AbortOptions,
  BlobIdInfo,
  BlobObject,
  ChainClient,
  ChainEvent,
  ChainTransaction,
  Committee,
  EventId,
  EventsOptions,
  ObjectId,
  ProtocolCertificate,
  RegisterCandidateParams,
  StorageNodeInfo,
  StorageResource,
  SuiAddress,
  SystemState,
  TxReceipt,
} from '../types.ts';
import { chainErrorFromExecution } from './abort-errors.ts';
import type { ResolvedSuiConfig } from './config.ts';
import {
  BLOB_ATTRIBUTES_FIELD_NAME,
  ExtendedFieldKey,
  Staking,
  StakingInnerV1,
  StorageNodeCap,
  System,
  SystemStateInnerV1,
} from './contracts.ts';
import {
  decodeBlob,
  decodeBlobAttributes,
  decodeNodeLibp2pInfo,
  decodeStakingPool,
  decodeStorage,
  MULTIADDRS_METADATA_KEY,
  multiaddrsToNetworkAddress,
  nodeIdsToLoad,
  ownerOf,
  PEER_ID_METADATA_KEY,
  toChainEventData,
  toStorageNodeInfo,
  toSystemState,
  walrusEventName,
  type NodeLibp2pInfo,
  type StakingInner,
  type StakingPoolData,
  type SystemStateInner,
} from './decode.ts';
import { SuiConfigError, MissingSignerError, UnsupportedOnSuiError } from './errors.ts';
import { followWalrusEvents } from './events.ts';
import * as moves from './transactions.ts';

/** Dependencies of {@link SuiChainClient}. */
export interface SuiChainClientComponents {
  /** Any Sui client with the core API (SuiGrpcClient, SuiGraphQLClient, SuiJsonRpcClient). */
  readonly client: ClientWithCoreApi;
  /** Signs transactions; without it the client is read-only. */
  readonly signer?: Signer;
}

/** IDs resolved once from the chain. */
export interface ResolvedDeploymentInfo {
  readonly targets: moves.WalrusTargets;
  readonly originalPackageId: string;
  readonly walCoinType: string;
}

type LoadedObject = SuiClientTypes.Object<{ content: true }>;

const BATCH = 50;
const BYTES_PER_UNIT = 1024 * 1024;
const MAX_PAYMENT_COINS = 250;

function toChainUnavailable(e: unknown): unknown {
  if (e instanceof ChainError || (e instanceof Error && e.name === 'AbortError')) return e;
  const err = new ChainUnavailableError(`Sui request failed: ${(e as Error)?.message ?? String(e)}`);
  (err as { cause?: unknown }).cause = e;
  return err;
}

/** The Walrus ChainClient over Sui. Build it with createSuiChainClient (./index.ts). */
export class SuiChainClient implements ChainClient {
  readonly address: SuiAddress;
  readonly #client: ClientWithCoreApi;
  readonly #signer?: Signer;
  readonly #config: ResolvedSuiConfig;
  readonly #closed = new AbortController();
  #deployment?: Promise<ResolvedDeploymentInfo>;
  /** Blob ID text → Blob object IDs seen in BlobRegistered events (insertion order = eviction order). */
  readonly #blobIndex = new Map<string, Set<string>>();
  /** Blob ID text → InvalidBlobID event seen. */
  readonly #invalidated = new Map<string, EventId>();

  constructor(components: SuiChainClientComponents, config: ResolvedSuiConfig) {
    this.#client = components.client;
    this.#signer = components.signer;
    this.#config = config;
    this.address = components.signer
      ? normalizeSuiAddress(components.signer.toSuiAddress())
      : normalizeSuiAddress('0x0');
  }

  /** The resolved configuration (IDs normalized, defaults applied). */
  get config(): ResolvedSuiConfig {
    return this.#config;
  }

  // ---------------------------------------------------------------- plumbing

  async #call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw toChainUnavailable(e);
    }
  }

  /** Objects by ID with BCS content, in order; null for a missing or deleted object. */
  async #getObjects(ids: readonly string[], signal?: AbortSignal): Promise<(LoadedObject | null)[]> {
    const out: (LoadedObject | null)[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const { objects } = await this.#call(() =>
        this.#client.core.getObjects({
          objectIds: ids.slice(i, i + BATCH),
          include: { content: true },
          signal,
        }),
      );
      for (const o of objects) {
        if (o instanceof ObjectError && (o.reason === 'notFound' || o.reason === 'deleted')) out.push(null);
        else if (o instanceof Error) throw toChainUnavailable(o);
        else out.push(o);
      }
    }
    return out;
  }

  /**
   * IDs resolved from the System and Staking objects (cached): package to call (config or System.package_id),
   * original package (config or the System type's address), initial shared versions.
   */
  deployment(options: AbortOptions = {}): Promise<ResolvedDeploymentInfo> {
    this.#deployment ??= (async () => {
      const d = this.#config.deployment;
      const [sys, stk] = await this.#getObjects([d.systemObjectId, d.stakingObjectId], options.signal);
      if (!sys || !stk)
        throw new ObjectNotFoundError('Walrus System or Staking object not found on this network');
      const shared = (o: LoadedObject, what: string): moves.SharedObject => {
        if (o.owner.$kind !== 'Shared')
          throw new SuiConfigError(`${what} ${o.objectId} is not a shared object`);
        return {
          objectId: normalizeSuiAddress(o.objectId),
          initialSharedVersion: o.owner.Shared.initialSharedVersion,
        };
      };
      return {
        targets: {
          packageId: d.packageId ?? normalizeSuiAddress(System.parse(sys.content).package_id),
          system: shared(sys, 'systemObjectId'),
          staking: shared(stk, 'stakingObjectId'),
        },
        originalPackageId: d.originalPackageId ?? normalizeSuiAddress(parseStructTag(sys.type).address),
        walCoinType: d.walCoinType,
      };
    })();
    this.#deployment.catch(() => (this.#deployment = undefined));
    return this.#deployment;
  }

  #isType(obj: { type: string }, originalPackageId: string, module: string, name: string): boolean {
    try {
      const tag = parseStructTag(obj.type);
      return (
        normalizeSuiAddress(tag.address) === originalPackageId && tag.module === module && tag.name === name
      );
    } catch {
      return false;
    }
  }

  async #innerStates(signal?: AbortSignal): Promise<{ system: SystemStateInner; staking: StakingInner }> {
    const d = this.#config.deployment;
    const [sys, stk] = await this.#getObjects([d.systemObjectId, d.stakingObjectId], signal);
    if (!sys || !stk) throw new ObjectNotFoundError('Walrus System or Staking object not found');
    const field = (parentId: string, version: string) =>
      this.#call(() =>
        this.#client.core.getDynamicField({
          parentId,
          name: { type: 'u64', bcs: bcs.u64().serialize(version).toBytes() },
          signal,
        }),
      );
    const [s, k] = await Promise.all([
      field(d.systemObjectId, System.parse(sys.content).version),
      field(d.stakingObjectId, Staking.parse(stk.content).version),
    ]);
    return {
      system: SystemStateInnerV1.parse(s.dynamicField.value.bcs),
      staking: StakingInnerV1.parse(k.dynamicField.value.bcs),
    };
  }

  async #pools(nodeIds: readonly string[], signal?: AbortSignal): Promise<Map<string, StakingPoolData>> {
    const objects = await this.#getObjects(nodeIds, signal);
    const out = new Map<string, StakingPoolData>();
    objects.forEach((o, i) => {
      if (o) out.set(nodeIds[i], decodeStakingPool(o.content));
    });
    return out;
  }

  /** Values of dynamic fields (one per parent, same name) in one batched read; null where absent. */
  async #fieldValues(
    parents: readonly string[],
    name: { type: string; bcs: Uint8Array },
    signal?: AbortSignal,
  ): Promise<(Uint8Array | null)[]> {
    const tag = TypeTagSerializer.parseFromStr(name.type, true);
    const ids = parents.map((p) => deriveDynamicFieldID(p, tag, name.bcs));
    const objects = await this.#getObjects(ids, signal);
    // A Field<K, V> object's content: UID (32 bytes) ‖ name ‖ value.
    return objects.map((o) => (o ? o.content.slice(32 + name.bcs.length) : null));
  }

  async #libp2p(pools: ReadonlyMap<string, StakingPoolData>, signal?: AbortSignal) {
    if (!this.#config.readNodeMetadata || pools.size === 0) return undefined;
    const d = await this.deployment({ signal });
    const ids = [...pools.keys()];
    const values = await this.#fieldValues(
      ids.map((id) => pools.get(id)!.node_info.metadata.id),
      {
        type: `${d.originalPackageId}::extended_field::Key`,
        bcs: ExtendedFieldKey.serialize({ dummy_field: false }).toBytes(),
      },
      signal,
    );
    const out = new Map<string, NodeLibp2pInfo>();
    values.forEach((v, i) => {
      if (v) out.set(ids[i], decodeNodeLibp2pInfo(v));
    });
    return out;
  }

  async #blobsFromObjects(objects: readonly LoadedObject[], signal?: AbortSignal): Promise<BlobObject[]> {
    const attrs = await this.#fieldValues(
      objects.map((o) => o.objectId),
      BLOB_ATTRIBUTES_FIELD_NAME,
      signal,
    );
    return objects.map((o, i) => {
      const a = attrs[i];
      return decodeBlob(o.content, ownerOf(o.owner), a ? decodeBlobAttributes(a) : {});
    });
  }

  async #listOwned(owner: string, type: string, signal?: AbortSignal): Promise<LoadedObject[]> {
    const out: LoadedObject[] = [];
    let cursor: string | null = null;
    do {
      const page: SuiClientTypes.ListOwnedObjectsResponse<{ content: true }> = await this.#call(() =>
        this.#client.core.listOwnedObjects({ owner, type, cursor, include: { content: true }, signal }),
      );
      out.push(...page.objects);
      cursor = page.hasNextPage ? page.cursor : null;
    } while (cursor !== null);
    return out;
  }

  // ---------------------------------------------------------------- reads

  /** @see ChainReader.systemState */
  async systemState(options: AbortOptions = {}): Promise<SystemState> {
    const { system, staking } = await this.#innerStates(options.signal);
    const pools = await this.#pools(nodeIdsToLoad(system, staking), options.signal);
    const libp2p = await this.#libp2p(pools, options.signal);
    return toSystemState(system, staking, { pools, ...(libp2p ? { libp2p } : {}) });
  }

  /** @see ChainReader.getBlob */
  async getBlob(objectId: ObjectId, options: AbortOptions = {}): Promise<BlobObject> {
    const d = await this.deployment(options);
    const [o] = await this.#getObjects([objectId], options.signal);
    if (!o || !this.#isType(o, d.originalPackageId, 'blob', 'Blob')) {
      throw new ObjectNotFoundError(`no Blob object ${objectId}`);
    }
    return (await this.#blobsFromObjects([o], options.signal))[0];
  }

  /** @see ChainReader.getStorage */
  async getStorage(objectId: ObjectId, options: AbortOptions = {}): Promise<StorageResource> {
    const d = await this.deployment(options);
    const [o] = await this.#getObjects([objectId], options.signal);
    if (!o || !this.#isType(o, d.originalPackageId, 'storage_resource', 'Storage')) {
      throw new ObjectNotFoundError(`no Storage object ${objectId}`);
    }
    return decodeStorage(o.content, ownerOf(o.owner));
  }

  /**
   * @see ChainReader.getBlobIdInfo. On Sui: the client account's own blobs plus blobs seen in events this
   * client followed; `invalidated` only if this client saw the InvalidBlobID event.
   */
  async getBlobIdInfo(blobId: string, options: AbortOptions = {}): Promise<BlobIdInfo> {
    blobIdFromString(blobId);
    const ids = new Set(this.#blobIndex.get(blobId) ?? []);
    const objects: BlobObject[] = [];
    if (this.#signer) {
      for (const b of (await this.ownedObjects(this.address, options)).blobs) {
        if (b.blobId === blobId) {
          objects.push(b);
          ids.delete(b.id);
        }
      }
    }
    if (ids.size > 0) {
      const d = await this.deployment(options);
      const found = (await this.#getObjects([...ids], options.signal)).filter(
        (o): o is LoadedObject => o !== null && this.#isType(o, d.originalPackageId, 'blob', 'Blob'),
      );
      for (const b of await this.#blobsFromObjects(found, options.signal))
        if (b.blobId === blobId) objects.push(b);
    }
    objects.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { blobId, objects, invalidated: this.#invalidated.get(blobId) ?? null };
  }

  /** @see ChainReader.ownedObjects */
  async ownedObjects(
    owner: SuiAddress,
    options: AbortOptions = {},
  ): Promise<{ blobs: readonly BlobObject[]; storage: readonly StorageResource[] }> {
    const d = await this.deployment(options);
    const addr = normalizeSuiAddress(owner);
    const [blobObjs, storageObjs] = await Promise.all([
      this.#listOwned(addr, `${d.originalPackageId}::blob::Blob`, options.signal),
      this.#listOwned(addr, `${d.originalPackageId}::storage_resource::Storage`, options.signal),
    ]);
    return {
      blobs: await this.#blobsFromObjects(blobObjs, options.signal),
      storage: storageObjs.map((o) => decodeStorage(o.content, ownerOf(o.owner))),
    };
  }

  /** @see ChainReader.balance (WAL coins of the address, FROST). */
  async balance(address: SuiAddress, options: AbortOptions = {}): Promise<bigint> {
    const { balance } = await this.#call(() =>
      this.#client.core.getBalance({
        owner: normalizeSuiAddress(address),
        coinType: this.#config.deployment.walCoinType,
        signal: options.signal,
      }),
    );
    return BigInt(balance.balance);
  }

  /** Not supported yet on Sui (the explorer's transaction lookup); throws UnsupportedOnSuiError. */
  getTransaction(_digest: string, _options?: AbortOptions): Promise<ChainTransaction> {
    return Promise.reject(new UnsupportedOnSuiError('getTransaction: not implemented for Sui yet'));
  }

  /** Not supported yet on Sui (past committees); throws UnsupportedOnSuiError. */
  committeeAt(_epoch: number, _options?: AbortOptions): Promise<Committee> {
    return Promise.reject(new UnsupportedOnSuiError('committeeAt: not implemented for Sui yet'));
  }

  /** @see ChainReader.storageNodes: every pool of the Staking pools table. */
  async storageNodes(options: AbortOptions = {}): Promise<readonly StorageNodeInfo[]> {
    const { staking } = await this.#innerStates(options.signal);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: SuiClientTypes.ListDynamicFieldsResponse = await this.#call(() =>
        this.#client.core.listDynamicFields({ parentId: staking.pools.id, cursor, signal: options.signal }),
      );
      for (const f of page.dynamicFields)
        if (f.$kind === 'DynamicObject') ids.push(normalizeSuiAddress(f.childId));
      cursor = page.hasNextPage ? page.cursor : null;
    } while (cursor !== null);
    const pools = await this.#pools(ids, options.signal);
    const libp2p = await this.#libp2p(pools, options.signal);
    return [...pools.entries()]
      .map(([id, p]) => toStorageNodeInfo(p, libp2p?.get(id)))
      .sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
  }

  #remember(event: ChainEvent): void {
    if (event.type === 'BlobRegistered') {
      let set = this.#blobIndex.get(event.blobId);
      if (!set) {
        if (this.#blobIndex.size >= this.#config.maxIndexedBlobIds) {
          const oldest = this.#blobIndex.keys().next().value;
          if (oldest !== undefined) this.#blobIndex.delete(oldest);
        }
        set = new Set();
        this.#blobIndex.set(event.blobId, set);
      }
      set.add(event.objectId);
    } else if (event.type === 'InvalidBlobID' && !this.#invalidated.has(event.blobId)) {
      this.#invalidated.set(event.blobId, event.id);
    }
  }

  /** @see ChainReader.events; cursors are this adapter's (InvalidSuiCursorError for others). */
  async *events(options: EventsOptions = {}): AsyncIterable<ChainEvent> {
    const signal = options.signal
      ? AbortSignal.any([options.signal, this.#closed.signal])
      : this.#closed.signal;
    const d = await this.deployment({ signal });
    yield* followWalrusEvents(this.#client.core, {
      originalPackageId: d.originalPackageId,
      ...(options.after !== undefined ? { after: options.after } : {}),
      pageSize: this.#config.eventPageSize,
      pollIntervalMs: this.#config.pollIntervalMs,
      signal,
      onEvent: (e) => this.#remember(e),
    });
  }

  // ---------------------------------------------------------------- writes

  #requireSigner(): Signer {
    if (!this.#signer) throw new MissingSignerError();
    return this.#signer;
  }

  /** WAL coins of the sender as transaction inputs (merged into one), checking they hold `atLeast`. */
  async #walPayment(tx: Transaction, atLeast: bigint, signal?: AbortSignal): Promise<moves.ObjectArg> {
    const coins: SuiClientTypes.Coin[] = [];
    let cursor: string | null = null;
    let total = 0n;
    do {
      const page: SuiClientTypes.ListCoinsResponse = await this.#call(() =>
        this.#client.core.listCoins({
          owner: this.address,
          coinType: this.#config.deployment.walCoinType,
          cursor,
          signal,
        }),
      );
      for (const c of page.objects) {
        if (coins.length >= MAX_PAYMENT_COINS) break;
        coins.push(c);
        total += BigInt(c.balance);
      }
      cursor = page.hasNextPage && coins.length < MAX_PAYMENT_COINS ? page.cursor : null;
    } while (cursor !== null);
    if (coins.length === 0 || total < atLeast) {
      throw new InsufficientBalanceError(`WAL balance ${total} FROST is below the ${atLeast} FROST needed`);
    }
    return moves.mergeCoins(
      tx,
      coins.map((c) => tx.objectRef({ objectId: c.objectId, version: c.version, digest: c.digest })),
    );
  }

  async #capFor(nodeId: string, signal?: AbortSignal): Promise<string> {
    const d = await this.deployment({ signal });
    const want = normalizeSuiAddress(nodeId);
    for (const o of await this.#listOwned(
      this.address,
      `${d.originalPackageId}::storage_node::StorageNodeCap`,
      signal,
    )) {
      if (normalizeSuiAddress(StorageNodeCap.parse(o.content).node_id) === want) return o.objectId;
    }
    throw new NotOwnerError(`the sender holds no StorageNodeCap for node ${nodeId}`);
  }

  #receiptEvents(tx: SuiClientTypes.Transaction<{ events: true }>, originalPackageId: string): ChainEvent[] {
    const out: ChainEvent[] = [];
    tx.events.forEach((ev, i) => {
      const name = walrusEventName(ev.eventType, originalPackageId);
      if (name === null) return;
      const event = {
        ...toChainEventData(name, ev.bcs),
        id: { txDigest: tx.digest, eventSeq: String(i) },
        cursor: '',
        timestampMs: tx.timestampMs ?? Date.now(),
      } as ChainEvent;
      this.#remember(event);
      out.push(event);
    });
    return out;
  }

  /**
   * Builds, signs and executes one transaction; resolves once the full node has indexed it.
   * @returns the receipt and the IDs of objects that appeared (created or unwrapped) by Move type name
   *   (`module::Name`, Walrus types only)
   * @throws MissingSignerError; the mapped chain error of a failed transaction; ChainUnavailableError
   */
  async #execute(
    op: string,
    signal: AbortSignal | undefined,
    build: (tx: Transaction, d: ResolvedDeploymentInfo) => Promise<void> | void,
  ): Promise<{ receipt: TxReceipt; appeared: Map<string, string[]> }> {
    const signer = this.#requireSigner();
    const d = await this.deployment({ signal });
    const tx = new Transaction();
    tx.setSender(this.address);
    await build(tx, d);
    const include = { effects: true, events: true, objectTypes: true } as const;
    const result = await this.#call(() =>
      this.#client.core.signAndExecuteTransaction({ transaction: tx, signer, include, signal }),
    );
    if (result.$kind === 'FailedTransaction') {
      const status = result.FailedTransaction.status;
      throw status.success
        ? new InvalidTransactionError(`${op} failed`)
        : chainErrorFromExecution(status.error, op);
    }
    const done = await this.#call(() => this.#client.core.waitForTransaction({ result, include, signal }));
    const final = done.Transaction ?? result.Transaction;
    const appeared = new Map<string, string[]>();
    for (const c of final.effects.changedObjects) {
      if (c.inputState !== 'DoesNotExist' || c.outputState !== 'ObjectWrite') continue;
      const type = final.objectTypes[c.objectId];
      if (!type) continue;
      let tag;
      try {
        tag = parseStructTag(type);
      } catch {
        continue;
      }
      if (normalizeSuiAddress(tag.address) !== d.originalPackageId) continue;
      const key = `${tag.module}::${tag.name}`;
      appeared.set(key, [...(appeared.get(key) ?? []), normalizeSuiAddress(c.objectId)]);
    }
    return {
      receipt: { digest: final.digest, events: this.#receiptEvents(final, d.originalPackageId) },
      appeared,
    };
  }

  #one(appeared: Map<string, string[]>, type: string, op: string): string {
    const ids = appeared.get(type);
    if (!ids || ids.length === 0) throw new ChainUnavailableError(`${op}: no ${type} object in the effects`);
    return ids[0];
  }

  async #memberCount(signal?: AbortSignal): Promise<number> {
    const { system } = await this.#innerStates(signal);
    return system.committee.members.length;
  }

  #bitmap(cert: ProtocolCertificate, memberCount: number): Uint8Array {
    try {
      return encodeSignersBitmap(cert.signers, memberCount);
    } catch (e) {
      throw new InvalidSignersBitmapError((e as Error).message);
    }
  }

  /** Not on Sui: WAL has no faucet there (testnet WAL comes from the WAL exchange). */
  faucet(): Promise<TxReceipt & { balance: bigint }> {
    return Promise.reject(
      new UnsupportedOnSuiError('faucet: Sui has no WAL faucet (use the testnet WAL exchange)'),
    );
  }

  /** @see ChainWriter.transfer: splits `amount` FROST off the sender's WAL coins. */
  async transfer(params: { to: SuiAddress; amount: bigint } & AbortOptions): Promise<TxReceipt> {
    if (params.amount <= 0n) throw new InvalidTransactionError('transfer amount must be positive');
    const { receipt } = await this.#execute('transfer', params.signal, async (tx) => {
      const coin = await this.#walPayment(tx, params.amount, params.signal);
      const [part] = tx.splitCoins(coin, [tx.pure.u64(params.amount)]);
      tx.transferObjects([part], tx.pure.address(normalizeSuiAddress(params.to)));
    });
    return receipt;
  }

  /**
   * @see ChainWriter.registerCandidate. Sui specifics: the network address is the first multiaddr of the
   * form `/ip4|ip6|dns*\/host/tcp/port`; the peer ID and multiaddrs go to NodeMetadata extra fields; the
   * network public key comes from `params.networkPublicKey` or the config; commission from the config.
   * @throws SuiConfigError without a network public key; InvalidTransactionError without a usable multiaddr
   */
  async registerCandidate(
    params: RegisterCandidateParams & { networkPublicKey?: Uint8Array },
  ): Promise<TxReceipt & { nodeId: ObjectId }> {
    const networkPublicKey = params.networkPublicKey ?? this.#config.networkPublicKey;
    if (!networkPublicKey || networkPublicKey.length !== 33) {
      throw new SuiConfigError('registerCandidate on Sui needs a 33-byte secp256r1 networkPublicKey');
    }
    const networkAddress = multiaddrsToNetworkAddress(params.multiaddrs);
    if (networkAddress === null) {
      throw new InvalidTransactionError(
        'registerCandidate: no multiaddr of the form /ip4|ip6|dns/<host>/tcp/<port>',
      );
    }
    const { receipt, appeared } = await this.#execute('registerCandidate', params.signal, (tx, d) => {
      const metadata = moves.nodeMetadata(tx, d.targets, {
        extraFields: {
          [PEER_ID_METADATA_KEY]: params.peerId,
          [MULTIADDRS_METADATA_KEY]: params.multiaddrs.join(' '),
        },
      });
      const cap = moves.registerCandidate(tx, d.targets, {
        name: params.name,
        networkAddress,
        metadata,
        publicKey: params.publicKey,
        networkPublicKey,
        proofOfPossession: params.proofOfPossession,
        commissionRate: this.#config.commissionRateBps,
        storagePrice: params.storagePrice,
        writePrice: params.writePrice,
        nodeCapacity: params.nodeCapacity,
      });
      tx.transferObjects([cap], tx.pure.address(this.address));
    });
    return { ...receipt, nodeId: this.#one(appeared, 'staking_pool::StakingPool', 'registerCandidate') };
  }

  /**
   * @see ChainWriter.updateNodeInfo: name → set_name, multiaddrs → set_network_address.
   * @throws UnsupportedOnSuiError for `peerId` (Walrus stores no libp2p peer ID to update)
   */
  async updateNodeInfo(
    params: {
      nodeId: ObjectId;
      name?: string;
      peerId?: string;
      multiaddrs?: readonly string[];
    } & AbortOptions,
  ): Promise<TxReceipt> {
    if (params.peerId !== undefined) {
      throw new UnsupportedOnSuiError('updateNodeInfo: the libp2p peer ID cannot be updated on Sui');
    }
    let networkAddress: string | undefined;
    if (params.multiaddrs !== undefined) {
      networkAddress = multiaddrsToNetworkAddress(params.multiaddrs) ?? undefined;
      if (networkAddress === undefined)
        throw new InvalidTransactionError('updateNodeInfo: no usable multiaddr');
    }
    if (params.name === undefined && networkAddress === undefined) {
      throw new InvalidTransactionError('updateNodeInfo: nothing to update');
    }
    const capId = await this.#capFor(params.nodeId, params.signal);
    const { receipt } = await this.#execute('updateNodeInfo', params.signal, (tx, d) => {
      moves.updateNode(tx, d.targets, {
        cap: tx.object(capId),
        ...(params.name !== undefined ? { name: params.name } : {}),
        ...(networkAddress !== undefined ? { networkAddress } : {}),
      });
    });
    return receipt;
  }

  /** @see ChainWriter.stake: stake_with_pool; the StakedWal goes to the sender. */
  async stake(params: { nodeId: ObjectId; amount: bigint } & AbortOptions): Promise<TxReceipt> {
    if (params.amount <= 0n) throw new InvalidTransactionError('stake amount must be positive');
    const { receipt } = await this.#execute('stake', params.signal, async (tx, d) => {
      const coin = await this.#walPayment(tx, params.amount, params.signal);
      const [part] = tx.splitCoins(coin, [tx.pure.u64(params.amount)]);
      const staked = moves.stakeWithPool(tx, d.targets, {
        coin: part,
        nodeId: normalizeSuiAddress(params.nodeId),
      });
      tx.transferObjects([staked], tx.pure.address(this.address));
    });
    return receipt;
  }

  /** @see ChainWriter.setVotes: set_storage_price_vote / set_write_price_vote / set_node_capacity_vote. */
  async setVotes(
    params: {
      nodeId: ObjectId;
      storagePrice?: bigint;
      writePrice?: bigint;
      nodeCapacity?: number;
    } & AbortOptions,
  ): Promise<TxReceipt> {
    if (
      params.storagePrice === undefined &&
      params.writePrice === undefined &&
      params.nodeCapacity === undefined
    ) {
      throw new InvalidTransactionError('setVotes: nothing to update');
    }
    const capId = await this.#capFor(params.nodeId, params.signal);
    const { receipt } = await this.#execute('setVotes', params.signal, (tx, d) => {
      moves.updateNode(tx, d.targets, {
        cap: tx.object(capId),
        ...(params.storagePrice !== undefined ? { storagePrice: params.storagePrice } : {}),
        ...(params.writePrice !== undefined ? { writePrice: params.writePrice } : {}),
        ...(params.nodeCapacity !== undefined ? { nodeCapacity: params.nodeCapacity } : {}),
      });
    });
    return receipt;
  }

  /** @see ChainWriter.reserveSpace: system::reserve_space; pays storagePrice × ceil(size / 1 MiB) × epochs. */
  async reserveSpace(
    params: { size: number; epochs: number } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource }> {
    if (!Number.isSafeInteger(params.size) || params.size <= 0)
      throw new InvalidTransactionError('size must be positive');
    if (!Number.isInteger(params.epochs) || params.epochs <= 0)
      throw new InvalidTransactionError('epochs must be positive');
    const { system } = await this.#innerStates(params.signal);
    const cost =
      BigInt(system.storage_price_per_unit_size) *
      BigInt(Math.ceil(params.size / BYTES_PER_UNIT)) *
      BigInt(params.epochs);
    const { receipt, appeared } = await this.#execute('reserveSpace', params.signal, async (tx, d) => {
      const payment = await this.#walPayment(tx, cost, params.signal);
      const storage = moves.reserveSpace(tx, d.targets, {
        size: params.size,
        epochs: params.epochs,
        payment,
      });
      tx.transferObjects([storage], tx.pure.address(this.address));
    });
    const storage = await this.getStorage(
      this.#one(appeared, 'storage_resource::Storage', 'reserveSpace'),
      params,
    );
    return { ...receipt, storage };
  }

  async #splitStorage(
    op: string,
    params: { storageId: ObjectId } & AbortOptions,
    split: (tx: Transaction, t: moves.WalrusTargets, storage: moves.ObjectArg) => moves.ObjectArg,
  ): Promise<TxReceipt & { storage: StorageResource; split: StorageResource }> {
    const { receipt, appeared } = await this.#execute(op, params.signal, (tx, d) => {
      const part = split(tx, d.targets, tx.object(params.storageId));
      tx.transferObjects([part], tx.pure.address(this.address));
    });
    const [storage, part] = await Promise.all([
      this.getStorage(params.storageId, params),
      this.getStorage(this.#one(appeared, 'storage_resource::Storage', op), params),
    ]);
    return { ...receipt, storage, split: part };
  }

  /** @see ChainWriter.splitStorageByEpoch */
  splitStorageByEpoch(
    params: { storageId: ObjectId; epoch: number } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource; split: StorageResource }> {
    return this.#splitStorage('splitStorageByEpoch', params, (tx, t, storage) =>
      moves.splitStorageByEpoch(tx, t, { storage, epoch: params.epoch }),
    );
  }

  /** @see ChainWriter.splitStorageBySize */
  splitStorageBySize(
    params: { storageId: ObjectId; size: number } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource; split: StorageResource }> {
    return this.#splitStorage('splitStorageBySize', params, (tx, t, storage) =>
      moves.splitStorageBySize(tx, t, { storage, size: params.size }),
    );
  }

  /** @see ChainWriter.fuseStorage: storage_resource::fuse(storageId, other). */
  async fuseStorage(
    params: { storageId: ObjectId; other: ObjectId } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource }> {
    const { receipt } = await this.#execute('fuseStorage', params.signal, (tx, d) => {
      moves.fuseStorage(tx, d.targets, {
        first: tx.object(params.storageId),
        second: tx.object(params.other),
      });
    });
    return { ...receipt, storage: await this.getStorage(params.storageId, params) };
  }

  /** @see ChainWriter.registerBlob: system::register_blob; the Blob goes to the sender. */
  async registerBlob(
    params: {
      storageId: ObjectId;
      blobId: string;
      rootHash: Uint8Array;
      size: number;
      encodingType: number;
      deletable: boolean;
    } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }> {
    if (params.rootHash.length !== 32) throw new InvalidTransactionError('rootHash must be 32 bytes');
    const blobId = blobIdToU256(blobIdFromString(params.blobId));
    const rootHash = moves.u256FromLeBytes(params.rootHash);
    const { receipt, appeared } = await this.#execute('registerBlob', params.signal, async (tx, d) => {
      const payment = await this.#walPayment(tx, 0n, params.signal);
      const blob = moves.registerBlob(tx, d.targets, {
        storage: tx.object(params.storageId),
        blobId,
        rootHash,
        size: params.size,
        encodingType: params.encodingType,
        deletable: params.deletable,
        payment,
      });
      tx.transferObjects([blob], tx.pure.address(this.address));
    });
    return {
      ...receipt,
      blob: await this.getBlob(this.#one(appeared, 'blob::Blob', 'registerBlob'), params),
    };
  }

  /** @see ChainWriter.certifyBlob: system::certify_blob(signature, signers bitmap, message). */
  async certifyBlob(
    params: { blobObjectId: ObjectId; certificate: ProtocolCertificate } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }> {
    const bitmap = this.#bitmap(params.certificate, await this.#memberCount(params.signal));
    const { receipt } = await this.#execute('certifyBlob', params.signal, (tx, d) => {
      moves.certifyBlob(tx, d.targets, {
        blob: tx.object(params.blobObjectId),
        signature: params.certificate.signature,
        signersBitmap: bitmap,
        message: params.certificate.serializedMessage,
      });
    });
    return { ...receipt, blob: await this.getBlob(params.blobObjectId, params) };
  }

  /** @see ChainWriter.deleteBlob: system::delete_blob; the freed Storage goes to the sender. */
  async deleteBlob(
    params: { blobObjectId: ObjectId } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource }> {
    const { receipt, appeared } = await this.#execute('deleteBlob', params.signal, (tx, d) => {
      const storage = moves.deleteBlob(tx, d.targets, { blob: tx.object(params.blobObjectId) });
      tx.transferObjects([storage], tx.pure.address(this.address));
    });
    const storage = await this.getStorage(
      this.#one(appeared, 'storage_resource::Storage', 'deleteBlob'),
      params,
    );
    return { ...receipt, storage };
  }

  /** @see ChainWriter.extendBlob: system::extend_blob. */
  async extendBlob(
    params: { blobObjectId: ObjectId; epochs: number } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }> {
    if (!Number.isInteger(params.epochs) || params.epochs <= 0)
      throw new InvalidTransactionError('epochs must be positive');
    const { receipt } = await this.#execute('extendBlob', params.signal, async (tx, d) => {
      const payment = await this.#walPayment(tx, 0n, params.signal);
      moves.extendBlob(tx, d.targets, {
        blob: tx.object(params.blobObjectId),
        epochs: params.epochs,
        payment,
      });
    });
    return { ...receipt, blob: await this.getBlob(params.blobObjectId, params) };
  }

  /** @see ChainWriter.burnBlob: blob::burn. */
  async burnBlob(params: { blobObjectId: ObjectId } & AbortOptions): Promise<TxReceipt> {
    const { receipt } = await this.#execute('burnBlob', params.signal, (tx, d) => {
      moves.burnBlob(tx, d.targets, { blob: tx.object(params.blobObjectId) });
    });
    return receipt;
  }

  /** @see ChainWriter.setBlobAttributes: blob::insert_or_update_metadata_pair per key. */
  async setBlobAttributes(
    params: { blobObjectId: ObjectId; attributes: Readonly<Record<string, string>> } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }> {
    if (Object.keys(params.attributes).length === 0)
      throw new InvalidTransactionError('no attributes to set');
    const { receipt } = await this.#execute('setBlobAttributes', params.signal, (tx, d) => {
      moves.setBlobAttributes(tx, d.targets, {
        blob: tx.object(params.blobObjectId),
        attributes: params.attributes,
      });
    });
    return { ...receipt, blob: await this.getBlob(params.blobObjectId, params) };
  }

  /** @see ChainWriter.removeBlobAttributes: blob::remove_metadata_pair_if_exists per key. */
  async removeBlobAttributes(
    params: { blobObjectId: ObjectId; keys?: readonly string[] } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }> {
    const keys = params.keys ?? Object.keys((await this.getBlob(params.blobObjectId, params)).attributes);
    if (keys.length === 0) throw new InvalidTransactionError('no attributes to remove');
    const { receipt } = await this.#execute('removeBlobAttributes', params.signal, (tx, d) => {
      moves.removeBlobAttributes(tx, d.targets, { blob: tx.object(params.blobObjectId), keys });
    });
    return { ...receipt, blob: await this.getBlob(params.blobObjectId, params) };
  }

  /** @see ChainWriter.invalidateBlobId: system::invalidate_blob_id. */
  async invalidateBlobId(params: { certificate: ProtocolCertificate } & AbortOptions): Promise<TxReceipt> {
    const bitmap = this.#bitmap(params.certificate, await this.#memberCount(params.signal));
    const { receipt } = await this.#execute('invalidateBlobId', params.signal, (tx, d) => {
      moves.invalidateBlobId(tx, d.targets, {
        signature: params.certificate.signature,
        signersBitmap: bitmap,
        message: params.certificate.serializedMessage,
      });
    });
    return receipt;
  }

  /** Not on Sui: Walrus's Move contracts have no storage-challenge report; throws UnsupportedOnSuiError. */
  reportChallengeFailure(_params: { certificate: ProtocolCertificate } & AbortOptions): Promise<TxReceipt> {
    return Promise.reject(
      new UnsupportedOnSuiError('reportChallengeFailure: Walrus contracts have no storage-challenge report'),
    );
  }

  /** Not on Sui: a Walrus deployment's genesis happens when its packages are published. */
  startFirstEpoch(): Promise<TxReceipt> {
    return Promise.reject(
      new UnsupportedOnSuiError('startFirstEpoch: genesis of a Sui deployment happens at publication'),
    );
  }

  /** @see ChainWriter.epochSyncDone: staking::epoch_sync_done with the node's StorageNodeCap. */
  async epochSyncDone(params: { nodeId: ObjectId; epoch: number } & AbortOptions): Promise<TxReceipt> {
    const capId = await this.#capFor(params.nodeId, params.signal);
    const { receipt } = await this.#execute('epochSyncDone', params.signal, (tx, d) => {
      moves.epochSyncDone(tx, d.targets, { cap: tx.object(capId), epoch: params.epoch });
    });
    return receipt;
  }

  /** Stops every events() iteration of this client. */
  async close(): Promise<void> {
    this.#closed.abort();
  }
}
