/**
 * Inconsistent blobs: turning an inconsistency proof into an on-chain invalidation.
 *
 * The node that rebuilt a sliver whose root does not match the metadata holds a proof (exactly C or R
 * verified recovery symbols that decode to a different sliver). It signs an InvalidBlobIdMsg itself,
 * posts the proof to every other member of the current committee (`postInconsistencyProof`), checks each
 * returned BLS signature against the member's key and the expected message, and once the signers' weight
 * reaches f+1 (`3 * weight >= n + 1`, the chain's "one correct node" rule) aggregates the signatures and
 * calls `invalidate_blob_id`. The chain then emits `InvalidBlobID`: every node's event follower drops the
 * blob's slivers and its status reads `invalid`.
 *
 * @see spec §3.3, §6.3; W `inconsistency.rs`, `messages/invalid_blob_id.rs`
 */
import type { ComponentLogger, Logger } from '@libp2p/interface';
import { encodeInvalidBlobIdMessage, type SignedMessage } from '../../shared/bcs/messages.ts';
import { serializeInconsistencyProof } from '../../shared/bcs/symbol.ts';
import { aggregateSignatures, verify as blsVerify } from '../../shared/crypto/bls.ts';
import { blobIdToString, bytesEqual } from '../../shared/encoding/blob-id.ts';
import type { InconsistencyProof, SliverAxis } from '../../shared/encoding/types.ts';
import type { ChainReader, ChainWriter, TxReceipt } from '../chain/types.ts';
import type { CommitteeView } from '../service/committee/tracker.ts';
import { NoChainWriterError, NotEnoughAttestationsError } from './errors.ts';
import type { SyncPeers } from './peers.ts';

/** What the reporter needs. */
export interface InvalidBlobReporterComponents {
  committee: { readonly view: CommitteeView };
  peers: Pick<SyncPeers, 'postInconsistencyProof'>;
  /** This node's own verification and signature (the storage service's `postInconsistencyProof`). */
  local: { postInconsistencyProof(blobId: Uint8Array, axis: SliverAxis, proof: Uint8Array): SignedMessage };
  /** Sends `invalidate_blob_id` with this node's chain account. */
  chainWriter?: Pick<ChainWriter, 'invalidateBlobId'>;
  /** Skips the work when the chain already marked the blob invalid. */
  chain?: Pick<ChainReader, 'getBlobIdInfo'>;
  logger: ComponentLogger;
}

/** Result of {@link InvalidBlobReporter.report}. */
export interface InvalidBlobReport {
  /** `invalidated`: this node sent the transaction; `alreadyInvalid`: the chain knew it already. */
  outcome: 'invalidated' | 'alreadyInvalid';
  /** Committee member indices that signed. */
  signers: number[];
  /** Their shard weight. */
  weight: number;
  receipt?: TxReceipt;
}

/** Collects f+1 invalid-blob attestations and invalidates the blob on chain. */
export class InvalidBlobReporter {
  readonly #c: InvalidBlobReporterComponents;
  readonly #log: Logger;
  readonly #inFlight = new Map<string, Promise<InvalidBlobReport>>();

  constructor(components: InvalidBlobReporterComponents) {
    this.#c = components;
    this.#log = components.logger.forComponent('walrus-ts:sync:invalid-blob');
  }

  /**
   * Posts `proof` (for a sliver of `axis`) to the committee, gathers signed InvalidBlobIdMsg until f+1
   * weight and invalidates the blob on chain. Concurrent calls for one blob share one run.
   * @throws NoChainWriterError, NotEnoughAttestationsError, chain errors
   */
  report(
    blobId: Uint8Array,
    axis: SliverAxis,
    proof: InconsistencyProof,
    signal?: AbortSignal,
  ): Promise<InvalidBlobReport> {
    const key = blobIdToString(blobId);
    let p = this.#inFlight.get(key);
    if (!p) {
      p = this.#report(blobId, axis, proof, signal).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, p);
    }
    return p;
  }

  async #report(
    blobId: Uint8Array,
    axis: SliverAxis,
    proof: InconsistencyProof,
    signal?: AbortSignal,
  ): Promise<InvalidBlobReport> {
    const id = blobIdToString(blobId);
    if (this.#c.chain && (await this.#c.chain.getBlobIdInfo(id, { signal })).invalidated) {
      return { outcome: 'alreadyInvalid', signers: [], weight: 0 };
    }
    const writer = this.#c.chainWriter;
    if (!writer) throw new NoChainWriterError(`invalidate blob ${id}`);
    const view = this.#c.committee.view;
    const committee = view.current;
    const message = encodeInvalidBlobIdMessage(view.epoch, blobId);
    const proofBytes = serializeInconsistencyProof(proof);
    const signatures = new Map<number, Uint8Array>();
    const accept = (index: number, signed: SignedMessage): void => {
      const member = committee.members[index];
      if (!bytesEqual(signed.serializedMessage, message)) return;
      if (!blsVerify(signed.signature, message, member.publicKey)) return;
      signatures.set(index, signed.signature);
    };
    const selfIndex = committee.members.findIndex((m) => view.self && m.nodeId === view.self.nodeId);
    if (selfIndex >= 0) accept(selfIndex, this.#c.local.postInconsistencyProof(blobId, axis, proofBytes));
    await Promise.allSettled(
      committee.members.map(async (m, i) => {
        if (i === selfIndex) return;
        const signed = await this.#c.peers.postInconsistencyProof(m, blobId, axis, proofBytes, signal);
        accept(i, signed);
      }),
    );
    const signers = [...signatures.keys()].sort((a, b) => a - b);
    const weight = signers.reduce((w, i) => w + committee.members[i].weight, 0);
    const needed = Math.ceil((committee.nShards + 1) / 3);
    if (3 * weight < committee.nShards + 1) throw new NotEnoughAttestationsError(id, weight, needed);
    const signature = aggregateSignatures(signers.map((i) => signatures.get(i)!));
    const receipt = await writer.invalidateBlobId({
      certificate: { signers, serializedMessage: message, signature },
      signal,
    });
    this.#log('invalidated blob %s with %d signers (weight %d)', id, signers.length, weight);
    return { outcome: 'invalidated', signers, weight, receipt };
  }
}
