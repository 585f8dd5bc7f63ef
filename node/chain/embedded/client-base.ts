/**
 * The transaction half of the embedded chain's clients: turns {@link ChainWriter} calls into signed
 * transactions ({@link TxCall}) and hands them to `submitTx`, which the in-process and HTTP clients
 * implement.
 */
import type { Signer } from '@mysten/sui/cryptography';
import { encodeSignersBitmap, InvalidSignersBitmapFormatError } from '../../../shared/bcs/messages.ts';
import { InvalidSignersBitmapError, InvalidTransactionError } from '../errors.ts';
import type {
  AbortOptions,
  BlobIdInfo,
  BlobObject,
  ChainClient,
  ChainEvent,
  ChainTransaction,
  Committee,
  EventsOptions,
  ObjectId,
  ProtocolCertificate,
  RegisterCandidateParams,
  StorageNodeInfo,
  StorageResource,
  SystemState,
  TxReceipt,
} from '../types.ts';
import { b64 } from './json.ts';
import { signTx, type SignedTx, type TxCall } from './tx.ts';

/** Receipt plus the call's result fields, as the ledger returns it. */
export type RawReceipt = TxReceipt & Record<string, unknown>;

/** Default faucet grant: 100 WAL. */
export const DEFAULT_FAUCET_AMOUNT = 100n * 1_000_000_000n;

/** Shared implementation of the write side; subclasses provide transport and reads. */
export abstract class EmbeddedChainClientBase implements ChainClient {
  readonly #signer?: Signer;

  constructor(signer?: Signer) {
    this.#signer = signer;
  }

  get address(): string {
    if (!this.#signer) throw new InvalidTransactionError('this chain client has no signer (read-only)');
    return this.#signer.toSuiAddress();
  }

  /** The chain ID to bind transactions to. */
  protected abstract chainId(options?: AbortOptions): Promise<string>;
  /** The clock transactions' expiry is computed from (the chain's clock where known). */
  protected nowMs(): number {
    return Date.now();
  }
  /** Submits a signed transaction and returns the ledger's receipt. */
  protected abstract send(tx: SignedTx, options?: AbortOptions): Promise<RawReceipt>;

  abstract systemState(options?: AbortOptions): Promise<SystemState>;
  abstract getBlob(objectId: ObjectId, options?: AbortOptions): Promise<BlobObject>;
  abstract getBlobIdInfo(blobId: string, options?: AbortOptions): Promise<BlobIdInfo>;
  abstract getStorage(objectId: ObjectId, options?: AbortOptions): Promise<StorageResource>;
  abstract ownedObjects(
    owner: string,
    options?: AbortOptions,
  ): Promise<{ blobs: readonly BlobObject[]; storage: readonly StorageResource[] }>;
  abstract balance(address: string, options?: AbortOptions): Promise<bigint>;
  abstract storageNodes(options?: AbortOptions): Promise<readonly StorageNodeInfo[]>;
  abstract getTransaction(digest: string, options?: AbortOptions): Promise<ChainTransaction>;
  abstract committeeAt(epoch: number, options?: AbortOptions): Promise<Committee>;
  abstract events(options?: EventsOptions): AsyncIterable<ChainEvent>;
  abstract close(): Promise<void>;

  /** Signs `call` with the client's key and submits it. */
  protected async submitTx(call: TxCall, options?: AbortOptions): Promise<RawReceipt> {
    if (!this.#signer) throw new InvalidTransactionError('this chain client has no signer (read-only)');
    options?.signal?.throwIfAborted();
    const { tx } = await signTx(this.#signer, await this.chainId(options), call, this.nowMs());
    return this.send(tx, options);
  }

  #certificateArgs(certificate: ProtocolCertificate, memberCount: number) {
    let bitmap: Uint8Array;
    try {
      bitmap = encodeSignersBitmap(certificate.signers, memberCount);
    } catch (e) {
      if (e instanceof InvalidSignersBitmapFormatError) throw new InvalidSignersBitmapError(e.message);
      throw e;
    }
    return {
      signature: b64(certificate.signature),
      signersBitmap: b64(bitmap),
      message: b64(certificate.serializedMessage),
    };
  }

  /** Member count of the current committee, for the signers bitmap. */
  async #memberCount(options?: AbortOptions): Promise<number> {
    return (await this.systemState(options)).committee.members.length;
  }

  async faucet(params: { amount?: bigint } & AbortOptions = {}): Promise<TxReceipt & { balance: bigint }> {
    const r = await this.submitTx(
      { kind: 'faucet', amount: String(params.amount ?? DEFAULT_FAUCET_AMOUNT) },
      params,
    );
    return r as unknown as TxReceipt & { balance: bigint };
  }

  transfer(params: { to: string; amount: bigint } & AbortOptions): Promise<TxReceipt> {
    return this.submitTx({ kind: 'transfer', to: params.to, amount: String(params.amount) }, params);
  }

  async registerCandidate(params: RegisterCandidateParams): Promise<TxReceipt & { nodeId: string }> {
    const r = await this.submitTx(
      {
        kind: 'register_candidate',
        name: params.name,
        peerId: params.peerId,
        multiaddrs: [...params.multiaddrs],
        publicKey: b64(params.publicKey),
        proofOfPossession: b64(params.proofOfPossession),
        storagePrice: String(params.storagePrice),
        writePrice: String(params.writePrice),
        nodeCapacity: params.nodeCapacity,
      },
      params,
    );
    return r as unknown as TxReceipt & { nodeId: string };
  }

  updateNodeInfo(
    params: { nodeId: string; name?: string; peerId?: string; multiaddrs?: readonly string[] } & AbortOptions,
  ): Promise<TxReceipt> {
    return this.submitTx(
      {
        kind: 'update_node_info',
        nodeId: params.nodeId,
        ...(params.name !== undefined ? { name: params.name } : {}),
        ...(params.peerId !== undefined ? { peerId: params.peerId } : {}),
        ...(params.multiaddrs !== undefined ? { multiaddrs: [...params.multiaddrs] } : {}),
      },
      params,
    );
  }

  stake(params: { nodeId: string; amount: bigint } & AbortOptions): Promise<TxReceipt> {
    return this.submitTx({ kind: 'stake', nodeId: params.nodeId, amount: String(params.amount) }, params);
  }

  setVotes(
    params: {
      nodeId: string;
      storagePrice?: bigint;
      writePrice?: bigint;
      nodeCapacity?: number;
    } & AbortOptions,
  ): Promise<TxReceipt> {
    return this.submitTx(
      {
        kind: 'set_votes',
        nodeId: params.nodeId,
        ...(params.storagePrice !== undefined ? { storagePrice: String(params.storagePrice) } : {}),
        ...(params.writePrice !== undefined ? { writePrice: String(params.writePrice) } : {}),
        ...(params.nodeCapacity !== undefined ? { nodeCapacity: params.nodeCapacity } : {}),
      },
      params,
    );
  }

  startFirstEpoch(params: AbortOptions = {}): Promise<TxReceipt> {
    return this.submitTx({ kind: 'start_first_epoch' }, params);
  }

  async reserveSpace(
    params: { size: number; epochs: number } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource }> {
    const r = await this.submitTx(
      { kind: 'reserve_space', size: params.size, epochs: params.epochs },
      params,
    );
    return r as unknown as TxReceipt & { storage: StorageResource };
  }

  async splitStorageByEpoch(
    params: { storageId: string; epoch: number } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource; split: StorageResource }> {
    const r = await this.submitTx(
      { kind: 'split_storage_by_epoch', storageId: params.storageId, epoch: params.epoch },
      params,
    );
    return r as unknown as TxReceipt & { storage: StorageResource; split: StorageResource };
  }

  async splitStorageBySize(
    params: { storageId: string; size: number } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource; split: StorageResource }> {
    const r = await this.submitTx(
      { kind: 'split_storage_by_size', storageId: params.storageId, size: params.size },
      params,
    );
    return r as unknown as TxReceipt & { storage: StorageResource; split: StorageResource };
  }

  async fuseStorage(
    params: { storageId: string; other: string } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource }> {
    const r = await this.submitTx(
      { kind: 'fuse_storage', storageId: params.storageId, other: params.other },
      params,
    );
    return r as unknown as TxReceipt & { storage: StorageResource };
  }

  async registerBlob(
    params: {
      storageId: string;
      blobId: string;
      rootHash: Uint8Array;
      size: number;
      encodingType: number;
      deletable: boolean;
    } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }> {
    const r = await this.submitTx(
      {
        kind: 'register_blob',
        storageId: params.storageId,
        blobId: params.blobId,
        rootHash: b64(params.rootHash),
        size: params.size,
        encodingType: params.encodingType,
        deletable: params.deletable,
      },
      params,
    );
    return r as unknown as TxReceipt & { blob: BlobObject };
  }

  async certifyBlob(
    params: { blobObjectId: string; certificate: ProtocolCertificate; memberCount?: number } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }> {
    const count = params.memberCount ?? (await this.#memberCount(params));
    const r = await this.submitTx(
      {
        kind: 'certify_blob',
        blobObjectId: params.blobObjectId,
        ...this.#certificateArgs(params.certificate, count),
      },
      params,
    );
    return r as unknown as TxReceipt & { blob: BlobObject };
  }

  async deleteBlob(
    params: { blobObjectId: string } & AbortOptions,
  ): Promise<TxReceipt & { storage: StorageResource }> {
    const r = await this.submitTx({ kind: 'delete_blob', blobObjectId: params.blobObjectId }, params);
    return r as unknown as TxReceipt & { storage: StorageResource };
  }

  async extendBlob(
    params: { blobObjectId: string; epochs: number } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }> {
    const r = await this.submitTx(
      { kind: 'extend_blob', blobObjectId: params.blobObjectId, epochs: params.epochs },
      params,
    );
    return r as unknown as TxReceipt & { blob: BlobObject };
  }

  burnBlob(params: { blobObjectId: string } & AbortOptions): Promise<TxReceipt> {
    return this.submitTx({ kind: 'burn_blob', blobObjectId: params.blobObjectId }, params);
  }

  async setBlobAttributes(
    params: { blobObjectId: string; attributes: Readonly<Record<string, string>> } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }> {
    const r = await this.submitTx(
      {
        kind: 'set_blob_attributes',
        blobObjectId: params.blobObjectId,
        attributes: { ...params.attributes },
      },
      params,
    );
    return r as unknown as TxReceipt & { blob: BlobObject };
  }

  async removeBlobAttributes(
    params: { blobObjectId: string; keys?: readonly string[] } & AbortOptions,
  ): Promise<TxReceipt & { blob: BlobObject }> {
    const r = await this.submitTx(
      {
        kind: 'remove_blob_attributes',
        blobObjectId: params.blobObjectId,
        ...(params.keys ? { keys: [...params.keys] } : {}),
      },
      params,
    );
    return r as unknown as TxReceipt & { blob: BlobObject };
  }

  async invalidateBlobId(
    params: { certificate: ProtocolCertificate; memberCount?: number } & AbortOptions,
  ): Promise<TxReceipt> {
    const count = params.memberCount ?? (await this.#memberCount(params));
    return this.submitTx(
      { kind: 'invalidate_blob_id', ...this.#certificateArgs(params.certificate, count) },
      params,
    );
  }

  async reportChallengeFailure(
    params: { certificate: ProtocolCertificate; memberCount?: number } & AbortOptions,
  ): Promise<TxReceipt> {
    const count = params.memberCount ?? (await this.#memberCount(params));
    return this.submitTx(
      { kind: 'report_challenge_failure', ...this.#certificateArgs(params.certificate, count) },
      params,
    );
  }

  epochSyncDone(params: { nodeId: string; epoch: number } & AbortOptions): Promise<TxReceipt> {
    return this.submitTx({ kind: 'epoch_sync_done', nodeId: params.nodeId, epoch: params.epoch }, params);
  }
}
