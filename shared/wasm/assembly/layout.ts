// Fixed memory layout of the kernels module (AssemblyScript source; built by scripts/build-wasm.ts).
//
// Everything below FREE belongs to the module: static data (< 64 KiB, checked at start), hashing
// scratch, the Reed-Solomon erasure buffer and the GF(2^16) tables. The JS wrapper owns [FREE, end).
// Absolute addresses keep every pointer an immediate in the generated code.

/** Hashing scratch: chaining values and message blocks (4 KiB). */
export const SCRATCH: usize = 0x10000;
/** 8 x u64 chaining value of the scalar hash (64 bytes). */
export const H1: usize = SCRATCH;
/** 8 x v128 chaining values of the two-lane hash (128 bytes). */
export const H2: usize = SCRATCH + 128;
/** Message block of lane A (128 bytes). */
export const BLOCK_A: usize = SCRATCH + 256;
/** Message block of lane B (128 bytes). */
export const BLOCK_B: usize = SCRATCH + 384;
/** A 32-byte zero node (never written). */
export const ZERO_NODE: usize = SCRATCH + 512;
/** Inner-node message blocks for lanes A and B: 0x01, left (32), right (32), then zeros (128 each). */
export const NODE_A: usize = SCRATCH + 640;
export const NODE_B: usize = SCRATCH + 768;
/** Leaf batches: first block (prefix + symbol head) and last block (zero-padded tail), per lane. */
export const FIRST_A: usize = SCRATCH + 1024;
export const FIRST_B: usize = SCRATCH + 1152;
export const LAST_A: usize = SCRATCH + 1280;
export const LAST_B: usize = SCRATCH + 1408;
/** Reed-Solomon decoder erasure locator (u16 x 65536). */
export const ERASURES: usize = 0x20000;
/** GF(2^16) exp table (u16 x 65536). */
export const EXP: usize = 0x40000;
/** GF(2^16) log table (u16 x 65536). */
export const LOG: usize = 0x60000;
/** FFT skew factors in log form (u16 x 65535, one spare entry). */
export const SKEW: usize = 0x80000;
/** Decoder's FWHT of the log table (u16 x 65536). */
export const LOG_WALSH: usize = 0xa0000;
/** Nibble lookup tables, 128 bytes per log_m: lo[0..3] then hi[0..3], 16 bytes each (8 MiB). */
export const MUL128: usize = 0xc0000;
/** First byte the JS side may use. */
export const FREE: usize = 0x8c0000;
