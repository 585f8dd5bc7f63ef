// Entry point of the kernels module (AssemblyScript). Built by scripts/build-wasm.ts into
// shared/wasm/kernels.generated.ts; the typed wrapper is shared/wasm/index.ts.
import { FREE, SCRATCH } from './layout';
import { initMerkle } from './merkle';
import { hashPrefixed } from './blake2b';

export { hashLeaves, merkleLevel, merkleProof, merkleRoot, merkleRoots, setTwoLanes } from './merkle';
export {
  decodeHighRate,
  decodeLowRate,
  encodeHighRate,
  encodeLowRate,
  evalPoly,
  fft,
  formalDerivative,
  gfMul,
  ifft,
  mulSlice,
  pack,
  rsInit,
  unpack,
  xorSlice,
} from './rs';

/** First byte of memory the caller may use; everything below belongs to the module. */
export function freeStart(): usize {
  return FREE;
}

/** Blake2b-256 of `data[0, len)` written to `out`. */
export function blake2b256(data: usize, len: usize, out: usize): void {
  hashPrefixed(-1, data, len, out);
}

// Start: static data must end below the scratch area, and the fixed regions must exist.
if (__heap_base > SCRATCH) unreachable();
const pages = <i32>((FREE + 0xffff) >> 16);
if (memory.size() < pages) memory.grow(pages - memory.size());
initMerkle();
