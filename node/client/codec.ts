/**
 * The codec the client flows run on: encoding a blob for a write, the Merkle roots that verify received
 * slivers, and decoding for a read. The flows only see this interface; {@link inlineCodec} runs the shared
 * codec on the calling thread (browsers), node/client/node-codec.ts runs it on the worker pool of
 * node/encoding (Node: the CLI, the daemon).
 * @see spec §1.4-1.8, §2.2
 * @packageDocumentation
 */
import { decodeBlob } from '../../shared/encoding/decoder.ts';
import type { DecodeBlobOptions } from '../../shared/encoding/decoder.ts';
import { encodeBlob } from '../../shared/encoding/encoder.ts';
import type { EncodedBlob } from '../../shared/encoding/encoder.ts';
import { sliverRoots } from '../../shared/encoding/sliver.ts';
import type { BlobMetadataWithId, Sliver } from '../../shared/encoding/types.ts';

/** Encoding, sliver verification and decoding, each asynchronous so an implementation may use threads. */
export interface ClientCodec {
  /**
   * RS2-encodes `blob` for `nShards`: 2n slivers, metadata, root hash, blob ID.
   * @throws DataTooLargeError, InvalidShardCountError
   */
  encode(blob: Uint8Array, nShards: number): Promise<EncodedBlob>;
  /**
   * The Merkle root over each sliver's full expansion (32 bytes each, in order): the value the metadata
   * stores for it. Every sliver must have the same axis and symbol size and a valid shape.
   * @throws SymbolSizeMismatchError, SliverLengthMismatchError, IndexOutOfRangeError
   */
  sliverRoots(slivers: readonly Sliver[], nShards: number): Promise<Uint8Array[]>;
  /**
   * Decodes a blob from slivers of one axis (see shared/encoding `decodeBlob`).
   * @throws NotEnoughSliversError, InconsistentBlobError
   */
  decode(
    metadata: BlobMetadataWithId,
    slivers: readonly Sliver[],
    nShards: number,
    options: DecodeBlobOptions,
  ): Promise<Uint8Array>;
}

/** The shared codec on the calling thread (WASM kernels when available). */
export const inlineCodec: ClientCodec = {
  encode: async (blob, nShards) => encodeBlob(blob, nShards),
  sliverRoots: async (slivers, nShards) => sliverRoots(slivers, nShards),
  decode: async (metadata, slivers, nShards, options) => decodeBlob(metadata, slivers, nShards, options),
};
