/**
 * The RS2 codec of walrus-ts: parameters and sizes, blob IDs, Blake2b-256 and Merkle trees, the blob
 * encoder and decoder, sliver verification, recovery symbols and inconsistency proofs. Byte-compatible
 * with Walrus (walrus-core) and the official TS SDK; isomorphic (Node and browser).
 *
 * @example
 * ```ts
 * import { encodeBlob, decodeBlob, blobIdToString } from '#shared/encoding/index.ts';
 * // Reed-Solomon and hashing run in the WebAssembly SIMD kernels of shared/wasm when available.
 * const encoded = encodeBlob(bytes, 1000);
 * blobIdToString(encoded.blobId); // same as `walrus blob-id`
 * const back = decodeBlob(
 *   { blobId: encoded.blobId, metadata: encoded.metadata },
 *   encoded.primarySlivers.slice(0, 334),
 *   1000,
 * );
 * ```
 * @see spec §1-§3
 * @packageDocumentation
 */
export * from './params.ts';
export * from './blob-id.ts';
export * from './errors.ts';
export * from './types.ts';
export * from './hashing.ts';
export * from './merkle.ts';
export * from './metadata.ts';
export * from './sliver.ts';
export * from './encoder.ts';
export * from './decoder.ts';
export * from './recovery.ts';
export * from './backend.ts';
export * from './encode-plan.ts';
export * from './decode-plan.ts';
export * from './tasks.ts';
