/**
 * Reed-Solomon erasure code over GF(2^16), byte-compatible with reed-solomon-simd 3.1 as used by Walrus
 * RS2: systematic, any k of the n = k + m symbols recover the originals.
 *
 * Entry points: {@link reedSolomonCode} (cached per (k, m)) returning a {@link ReedSolomonCode} with
 * `encode`, `encodeMany`, `encodeSymbols`, `decode`, `decodeSymbols` and `decoderFor` (a reusable
 * {@link ReedSolomonDecodePlan} for many codewords with the same received indices).
 *
 * @see spec §1.7
 * @packageDocumentation
 */
export {
  ReedSolomonCode,
  ReedSolomonDecodePlan,
  reedSolomonCode,
  type IndexedSymbol,
  type SymbolLayout,
} from './code.ts';
export { useHighRate } from './rate.ts';
export * from './errors.ts';
