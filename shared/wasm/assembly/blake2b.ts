// Blake2b-256 (RFC 7693, digest length 32, no key) in AssemblyScript: a scalar compression and a
// two-lane (i64x2) compression that hashes two equal-length messages at once.
//
// The round code is written out in full (12 rounds x 8 G steps) so that the state and message words
// stay in locals.
import { H1, H2, BLOCK_A, BLOCK_B } from './layout';

// @ts-ignore: decorator
@inline const IV0: u64 = 0x6a09e667f3bcc908;
// @ts-ignore: decorator
@inline const IV1: u64 = 0xbb67ae8584caa73b;
// @ts-ignore: decorator
@inline const IV2: u64 = 0x3c6ef372fe94f82b;
// @ts-ignore: decorator
@inline const IV3: u64 = 0xa54ff53a5f1d36f1;
// @ts-ignore: decorator
@inline const IV4: u64 = 0x510e527fade682d1;
// @ts-ignore: decorator
@inline const IV5: u64 = 0x9b05688c2b3e6c1f;
// @ts-ignore: decorator
@inline const IV6: u64 = 0x1f83d9abfb41bd6b;
// @ts-ignore: decorator
@inline const IV7: u64 = 0x5be0cd19137e2179;
/** Parameter block word 0: digest length 32, key length 0, fanout 1, depth 1. */
// @ts-ignore: decorator
@inline const PARAM0: u64 = 0x01010020;

/** Sets the scalar chaining value at `h` to the Blake2b-256 initial value. */
// @ts-ignore: decorator
@inline export function initState(h: usize): void {
  store<u64>(h, IV0 ^ PARAM0, 0);
  store<u64>(h, IV1, 8);
  store<u64>(h, IV2, 16);
  store<u64>(h, IV3, 24);
  store<u64>(h, IV4, 32);
  store<u64>(h, IV5, 40);
  store<u64>(h, IV6, 48);
  store<u64>(h, IV7, 56);
}

/** Sets the two-lane chaining value at `h` (8 x v128) to the initial value in both lanes. */
// @ts-ignore: decorator
@inline export function initState2(h: usize): void {
  v128.store(h, i64x2.splat(IV0 ^ PARAM0), 0);
  v128.store(h, i64x2.splat(IV1), 16);
  v128.store(h, i64x2.splat(IV2), 32);
  v128.store(h, i64x2.splat(IV3), 48);
  v128.store(h, i64x2.splat(IV4), 64);
  v128.store(h, i64x2.splat(IV5), 80);
  v128.store(h, i64x2.splat(IV6), 96);
  v128.store(h, i64x2.splat(IV7), 112);
}

/**
 * One Blake2b compression: chaining value at `h` (8 x u64), 128-byte block at `m` (any alignment),
 * byte counter `t` (messages here stay below 2^64 bytes), `last` marks the final block.
 */
export function compress(h: usize, m: usize, t: u64, last: bool): void {
  const m0 = load<u64>(m, 0);
  const m1 = load<u64>(m, 8);
  const m2 = load<u64>(m, 16);
  const m3 = load<u64>(m, 24);
  const m4 = load<u64>(m, 32);
  const m5 = load<u64>(m, 40);
  const m6 = load<u64>(m, 48);
  const m7 = load<u64>(m, 56);
  const m8 = load<u64>(m, 64);
  const m9 = load<u64>(m, 72);
  const m10 = load<u64>(m, 80);
  const m11 = load<u64>(m, 88);
  const m12 = load<u64>(m, 96);
  const m13 = load<u64>(m, 104);
  const m14 = load<u64>(m, 112);
  const m15 = load<u64>(m, 120);
  let v0 = load<u64>(h, 0);
  let v1 = load<u64>(h, 8);
  let v2 = load<u64>(h, 16);
  let v3 = load<u64>(h, 24);
  let v4 = load<u64>(h, 32);
  let v5 = load<u64>(h, 40);
  let v6 = load<u64>(h, 48);
  let v7 = load<u64>(h, 56);
  let v8 = IV0;
  let v9 = IV1;
  let v10 = IV2;
  let v11 = IV3;
  let v12 = IV4 ^ t;
  let v13 = IV5;
  let v14 = last ? ~IV6 : IV6;
  let v15 = IV7;
  // round 0
  v0 += v4 + m0; v12 = rotr<u64>(v12 ^ v0, 32); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 24);
  v0 += v4 + m1; v12 = rotr<u64>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 63);
  v1 += v5 + m2; v13 = rotr<u64>(v13 ^ v1, 32); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 24);
  v1 += v5 + m3; v13 = rotr<u64>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 63);
  v2 += v6 + m4; v14 = rotr<u64>(v14 ^ v2, 32); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 24);
  v2 += v6 + m5; v14 = rotr<u64>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 63);
  v3 += v7 + m6; v15 = rotr<u64>(v15 ^ v3, 32); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 24);
  v3 += v7 + m7; v15 = rotr<u64>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 63);
  v0 += v5 + m8; v15 = rotr<u64>(v15 ^ v0, 32); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 24);
  v0 += v5 + m9; v15 = rotr<u64>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 63);
  v1 += v6 + m10; v12 = rotr<u64>(v12 ^ v1, 32); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 24);
  v1 += v6 + m11; v12 = rotr<u64>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 63);
  v2 += v7 + m12; v13 = rotr<u64>(v13 ^ v2, 32); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 24);
  v2 += v7 + m13; v13 = rotr<u64>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 63);
  v3 += v4 + m14; v14 = rotr<u64>(v14 ^ v3, 32); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 24);
  v3 += v4 + m15; v14 = rotr<u64>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 63);
  // round 1
  v0 += v4 + m14; v12 = rotr<u64>(v12 ^ v0, 32); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 24);
  v0 += v4 + m10; v12 = rotr<u64>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 63);
  v1 += v5 + m4; v13 = rotr<u64>(v13 ^ v1, 32); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 24);
  v1 += v5 + m8; v13 = rotr<u64>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 63);
  v2 += v6 + m9; v14 = rotr<u64>(v14 ^ v2, 32); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 24);
  v2 += v6 + m15; v14 = rotr<u64>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 63);
  v3 += v7 + m13; v15 = rotr<u64>(v15 ^ v3, 32); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 24);
  v3 += v7 + m6; v15 = rotr<u64>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 63);
  v0 += v5 + m1; v15 = rotr<u64>(v15 ^ v0, 32); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 24);
  v0 += v5 + m12; v15 = rotr<u64>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 63);
  v1 += v6 + m0; v12 = rotr<u64>(v12 ^ v1, 32); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 24);
  v1 += v6 + m2; v12 = rotr<u64>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 63);
  v2 += v7 + m11; v13 = rotr<u64>(v13 ^ v2, 32); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 24);
  v2 += v7 + m7; v13 = rotr<u64>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 63);
  v3 += v4 + m5; v14 = rotr<u64>(v14 ^ v3, 32); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 24);
  v3 += v4 + m3; v14 = rotr<u64>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 63);
  // round 2
  v0 += v4 + m11; v12 = rotr<u64>(v12 ^ v0, 32); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 24);
  v0 += v4 + m8; v12 = rotr<u64>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 63);
  v1 += v5 + m12; v13 = rotr<u64>(v13 ^ v1, 32); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 24);
  v1 += v5 + m0; v13 = rotr<u64>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 63);
  v2 += v6 + m5; v14 = rotr<u64>(v14 ^ v2, 32); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 24);
  v2 += v6 + m2; v14 = rotr<u64>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 63);
  v3 += v7 + m15; v15 = rotr<u64>(v15 ^ v3, 32); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 24);
  v3 += v7 + m13; v15 = rotr<u64>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 63);
  v0 += v5 + m10; v15 = rotr<u64>(v15 ^ v0, 32); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 24);
  v0 += v5 + m14; v15 = rotr<u64>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 63);
  v1 += v6 + m3; v12 = rotr<u64>(v12 ^ v1, 32); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 24);
  v1 += v6 + m6; v12 = rotr<u64>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 63);
  v2 += v7 + m7; v13 = rotr<u64>(v13 ^ v2, 32); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 24);
  v2 += v7 + m1; v13 = rotr<u64>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 63);
  v3 += v4 + m9; v14 = rotr<u64>(v14 ^ v3, 32); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 24);
  v3 += v4 + m4; v14 = rotr<u64>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 63);
  // round 3
  v0 += v4 + m7; v12 = rotr<u64>(v12 ^ v0, 32); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 24);
  v0 += v4 + m9; v12 = rotr<u64>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 63);
  v1 += v5 + m3; v13 = rotr<u64>(v13 ^ v1, 32); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 24);
  v1 += v5 + m1; v13 = rotr<u64>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 63);
  v2 += v6 + m13; v14 = rotr<u64>(v14 ^ v2, 32); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 24);
  v2 += v6 + m12; v14 = rotr<u64>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 63);
  v3 += v7 + m11; v15 = rotr<u64>(v15 ^ v3, 32); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 24);
  v3 += v7 + m14; v15 = rotr<u64>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 63);
  v0 += v5 + m2; v15 = rotr<u64>(v15 ^ v0, 32); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 24);
  v0 += v5 + m6; v15 = rotr<u64>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 63);
  v1 += v6 + m5; v12 = rotr<u64>(v12 ^ v1, 32); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 24);
  v1 += v6 + m10; v12 = rotr<u64>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 63);
  v2 += v7 + m4; v13 = rotr<u64>(v13 ^ v2, 32); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 24);
  v2 += v7 + m0; v13 = rotr<u64>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 63);
  v3 += v4 + m15; v14 = rotr<u64>(v14 ^ v3, 32); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 24);
  v3 += v4 + m8; v14 = rotr<u64>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 63);
  // round 4
  v0 += v4 + m9; v12 = rotr<u64>(v12 ^ v0, 32); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 24);
  v0 += v4 + m0; v12 = rotr<u64>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 63);
  v1 += v5 + m5; v13 = rotr<u64>(v13 ^ v1, 32); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 24);
  v1 += v5 + m7; v13 = rotr<u64>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 63);
  v2 += v6 + m2; v14 = rotr<u64>(v14 ^ v2, 32); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 24);
  v2 += v6 + m4; v14 = rotr<u64>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 63);
  v3 += v7 + m10; v15 = rotr<u64>(v15 ^ v3, 32); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 24);
  v3 += v7 + m15; v15 = rotr<u64>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 63);
  v0 += v5 + m14; v15 = rotr<u64>(v15 ^ v0, 32); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 24);
  v0 += v5 + m1; v15 = rotr<u64>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 63);
  v1 += v6 + m11; v12 = rotr<u64>(v12 ^ v1, 32); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 24);
  v1 += v6 + m12; v12 = rotr<u64>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 63);
  v2 += v7 + m6; v13 = rotr<u64>(v13 ^ v2, 32); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 24);
  v2 += v7 + m8; v13 = rotr<u64>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 63);
  v3 += v4 + m3; v14 = rotr<u64>(v14 ^ v3, 32); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 24);
  v3 += v4 + m13; v14 = rotr<u64>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 63);
  // round 5
  v0 += v4 + m2; v12 = rotr<u64>(v12 ^ v0, 32); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 24);
  v0 += v4 + m12; v12 = rotr<u64>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 63);
  v1 += v5 + m6; v13 = rotr<u64>(v13 ^ v1, 32); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 24);
  v1 += v5 + m10; v13 = rotr<u64>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 63);
  v2 += v6 + m0; v14 = rotr<u64>(v14 ^ v2, 32); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 24);
  v2 += v6 + m11; v14 = rotr<u64>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 63);
  v3 += v7 + m8; v15 = rotr<u64>(v15 ^ v3, 32); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 24);
  v3 += v7 + m3; v15 = rotr<u64>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 63);
  v0 += v5 + m4; v15 = rotr<u64>(v15 ^ v0, 32); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 24);
  v0 += v5 + m13; v15 = rotr<u64>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 63);
  v1 += v6 + m7; v12 = rotr<u64>(v12 ^ v1, 32); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 24);
  v1 += v6 + m5; v12 = rotr<u64>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 63);
  v2 += v7 + m15; v13 = rotr<u64>(v13 ^ v2, 32); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 24);
  v2 += v7 + m14; v13 = rotr<u64>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 63);
  v3 += v4 + m1; v14 = rotr<u64>(v14 ^ v3, 32); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 24);
  v3 += v4 + m9; v14 = rotr<u64>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 63);
  // round 6
  v0 += v4 + m12; v12 = rotr<u64>(v12 ^ v0, 32); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 24);
  v0 += v4 + m5; v12 = rotr<u64>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 63);
  v1 += v5 + m1; v13 = rotr<u64>(v13 ^ v1, 32); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 24);
  v1 += v5 + m15; v13 = rotr<u64>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 63);
  v2 += v6 + m14; v14 = rotr<u64>(v14 ^ v2, 32); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 24);
  v2 += v6 + m13; v14 = rotr<u64>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 63);
  v3 += v7 + m4; v15 = rotr<u64>(v15 ^ v3, 32); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 24);
  v3 += v7 + m10; v15 = rotr<u64>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 63);
  v0 += v5 + m0; v15 = rotr<u64>(v15 ^ v0, 32); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 24);
  v0 += v5 + m7; v15 = rotr<u64>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 63);
  v1 += v6 + m6; v12 = rotr<u64>(v12 ^ v1, 32); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 24);
  v1 += v6 + m3; v12 = rotr<u64>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 63);
  v2 += v7 + m9; v13 = rotr<u64>(v13 ^ v2, 32); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 24);
  v2 += v7 + m2; v13 = rotr<u64>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 63);
  v3 += v4 + m8; v14 = rotr<u64>(v14 ^ v3, 32); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 24);
  v3 += v4 + m11; v14 = rotr<u64>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 63);
  // round 7
  v0 += v4 + m13; v12 = rotr<u64>(v12 ^ v0, 32); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 24);
  v0 += v4 + m11; v12 = rotr<u64>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 63);
  v1 += v5 + m7; v13 = rotr<u64>(v13 ^ v1, 32); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 24);
  v1 += v5 + m14; v13 = rotr<u64>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 63);
  v2 += v6 + m12; v14 = rotr<u64>(v14 ^ v2, 32); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 24);
  v2 += v6 + m1; v14 = rotr<u64>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 63);
  v3 += v7 + m3; v15 = rotr<u64>(v15 ^ v3, 32); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 24);
  v3 += v7 + m9; v15 = rotr<u64>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 63);
  v0 += v5 + m5; v15 = rotr<u64>(v15 ^ v0, 32); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 24);
  v0 += v5 + m0; v15 = rotr<u64>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 63);
  v1 += v6 + m15; v12 = rotr<u64>(v12 ^ v1, 32); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 24);
  v1 += v6 + m4; v12 = rotr<u64>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 63);
  v2 += v7 + m8; v13 = rotr<u64>(v13 ^ v2, 32); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 24);
  v2 += v7 + m6; v13 = rotr<u64>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 63);
  v3 += v4 + m2; v14 = rotr<u64>(v14 ^ v3, 32); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 24);
  v3 += v4 + m10; v14 = rotr<u64>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 63);
  // round 8
  v0 += v4 + m6; v12 = rotr<u64>(v12 ^ v0, 32); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 24);
  v0 += v4 + m15; v12 = rotr<u64>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 63);
  v1 += v5 + m14; v13 = rotr<u64>(v13 ^ v1, 32); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 24);
  v1 += v5 + m9; v13 = rotr<u64>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 63);
  v2 += v6 + m11; v14 = rotr<u64>(v14 ^ v2, 32); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 24);
  v2 += v6 + m3; v14 = rotr<u64>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 63);
  v3 += v7 + m0; v15 = rotr<u64>(v15 ^ v3, 32); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 24);
  v3 += v7 + m8; v15 = rotr<u64>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 63);
  v0 += v5 + m12; v15 = rotr<u64>(v15 ^ v0, 32); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 24);
  v0 += v5 + m2; v15 = rotr<u64>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 63);
  v1 += v6 + m13; v12 = rotr<u64>(v12 ^ v1, 32); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 24);
  v1 += v6 + m7; v12 = rotr<u64>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 63);
  v2 += v7 + m1; v13 = rotr<u64>(v13 ^ v2, 32); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 24);
  v2 += v7 + m4; v13 = rotr<u64>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 63);
  v3 += v4 + m10; v14 = rotr<u64>(v14 ^ v3, 32); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 24);
  v3 += v4 + m5; v14 = rotr<u64>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 63);
  // round 9
  v0 += v4 + m10; v12 = rotr<u64>(v12 ^ v0, 32); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 24);
  v0 += v4 + m2; v12 = rotr<u64>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 63);
  v1 += v5 + m8; v13 = rotr<u64>(v13 ^ v1, 32); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 24);
  v1 += v5 + m4; v13 = rotr<u64>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 63);
  v2 += v6 + m7; v14 = rotr<u64>(v14 ^ v2, 32); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 24);
  v2 += v6 + m6; v14 = rotr<u64>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 63);
  v3 += v7 + m1; v15 = rotr<u64>(v15 ^ v3, 32); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 24);
  v3 += v7 + m5; v15 = rotr<u64>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 63);
  v0 += v5 + m15; v15 = rotr<u64>(v15 ^ v0, 32); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 24);
  v0 += v5 + m11; v15 = rotr<u64>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 63);
  v1 += v6 + m9; v12 = rotr<u64>(v12 ^ v1, 32); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 24);
  v1 += v6 + m14; v12 = rotr<u64>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 63);
  v2 += v7 + m3; v13 = rotr<u64>(v13 ^ v2, 32); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 24);
  v2 += v7 + m12; v13 = rotr<u64>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 63);
  v3 += v4 + m13; v14 = rotr<u64>(v14 ^ v3, 32); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 24);
  v3 += v4 + m0; v14 = rotr<u64>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 63);
  // round 10
  v0 += v4 + m0; v12 = rotr<u64>(v12 ^ v0, 32); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 24);
  v0 += v4 + m1; v12 = rotr<u64>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 63);
  v1 += v5 + m2; v13 = rotr<u64>(v13 ^ v1, 32); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 24);
  v1 += v5 + m3; v13 = rotr<u64>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 63);
  v2 += v6 + m4; v14 = rotr<u64>(v14 ^ v2, 32); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 24);
  v2 += v6 + m5; v14 = rotr<u64>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 63);
  v3 += v7 + m6; v15 = rotr<u64>(v15 ^ v3, 32); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 24);
  v3 += v7 + m7; v15 = rotr<u64>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 63);
  v0 += v5 + m8; v15 = rotr<u64>(v15 ^ v0, 32); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 24);
  v0 += v5 + m9; v15 = rotr<u64>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 63);
  v1 += v6 + m10; v12 = rotr<u64>(v12 ^ v1, 32); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 24);
  v1 += v6 + m11; v12 = rotr<u64>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 63);
  v2 += v7 + m12; v13 = rotr<u64>(v13 ^ v2, 32); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 24);
  v2 += v7 + m13; v13 = rotr<u64>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 63);
  v3 += v4 + m14; v14 = rotr<u64>(v14 ^ v3, 32); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 24);
  v3 += v4 + m15; v14 = rotr<u64>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 63);
  // round 11
  v0 += v4 + m14; v12 = rotr<u64>(v12 ^ v0, 32); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 24);
  v0 += v4 + m10; v12 = rotr<u64>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u64>(v4 ^ v8, 63);
  v1 += v5 + m4; v13 = rotr<u64>(v13 ^ v1, 32); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 24);
  v1 += v5 + m8; v13 = rotr<u64>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u64>(v5 ^ v9, 63);
  v2 += v6 + m9; v14 = rotr<u64>(v14 ^ v2, 32); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 24);
  v2 += v6 + m15; v14 = rotr<u64>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u64>(v6 ^ v10, 63);
  v3 += v7 + m13; v15 = rotr<u64>(v15 ^ v3, 32); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 24);
  v3 += v7 + m6; v15 = rotr<u64>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u64>(v7 ^ v11, 63);
  v0 += v5 + m1; v15 = rotr<u64>(v15 ^ v0, 32); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 24);
  v0 += v5 + m12; v15 = rotr<u64>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u64>(v5 ^ v10, 63);
  v1 += v6 + m0; v12 = rotr<u64>(v12 ^ v1, 32); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 24);
  v1 += v6 + m2; v12 = rotr<u64>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u64>(v6 ^ v11, 63);
  v2 += v7 + m11; v13 = rotr<u64>(v13 ^ v2, 32); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 24);
  v2 += v7 + m7; v13 = rotr<u64>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u64>(v7 ^ v8, 63);
  v3 += v4 + m5; v14 = rotr<u64>(v14 ^ v3, 32); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 24);
  v3 += v4 + m3; v14 = rotr<u64>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u64>(v4 ^ v9, 63);

  store<u64>(h, load<u64>(h, 0) ^ v0 ^ v8, 0);
  store<u64>(h, load<u64>(h, 8) ^ v1 ^ v9, 8);
  store<u64>(h, load<u64>(h, 16) ^ v2 ^ v10, 16);
  store<u64>(h, load<u64>(h, 24) ^ v3 ^ v11, 24);
  store<u64>(h, load<u64>(h, 32) ^ v4 ^ v12, 32);
  store<u64>(h, load<u64>(h, 40) ^ v5 ^ v13, 40);
  store<u64>(h, load<u64>(h, 48) ^ v6 ^ v14, 48);
  store<u64>(h, load<u64>(h, 56) ^ v7 ^ v15, 56);
}

// @ts-ignore: decorator
@inline function rot32(x: v128): v128 {
  return i32x4.shuffle(x, x, 1, 0, 3, 2);
}
// @ts-ignore: decorator
@inline function rot24(x: v128): v128 {
  return i8x16.shuffle(x, x, 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10);
}
// @ts-ignore: decorator
@inline function rot16(x: v128): v128 {
  return i8x16.shuffle(x, x, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9);
}
// @ts-ignore: decorator
@inline function rot63(x: v128): v128 {
  return v128.or(i64x2.shr_u(x, 63), i64x2.add(x, x));
}

/**
 * Two Blake2b compressions at once: lane 0 hashes block `ma`, lane 1 block `mb`, both with byte
 * counter `t` and final flag `last`; the chaining values are interleaved at `h` (8 x v128).
 */
export function compress2(h: usize, ma: usize, mb: usize, t: u64, last: bool): void {
  const m0 = v128.load64_lane(mb, v128.load64_zero(ma, 0), 1, 0);
  const m1 = v128.load64_lane(mb, v128.load64_zero(ma, 8), 1, 8);
  const m2 = v128.load64_lane(mb, v128.load64_zero(ma, 16), 1, 16);
  const m3 = v128.load64_lane(mb, v128.load64_zero(ma, 24), 1, 24);
  const m4 = v128.load64_lane(mb, v128.load64_zero(ma, 32), 1, 32);
  const m5 = v128.load64_lane(mb, v128.load64_zero(ma, 40), 1, 40);
  const m6 = v128.load64_lane(mb, v128.load64_zero(ma, 48), 1, 48);
  const m7 = v128.load64_lane(mb, v128.load64_zero(ma, 56), 1, 56);
  const m8 = v128.load64_lane(mb, v128.load64_zero(ma, 64), 1, 64);
  const m9 = v128.load64_lane(mb, v128.load64_zero(ma, 72), 1, 72);
  const m10 = v128.load64_lane(mb, v128.load64_zero(ma, 80), 1, 80);
  const m11 = v128.load64_lane(mb, v128.load64_zero(ma, 88), 1, 88);
  const m12 = v128.load64_lane(mb, v128.load64_zero(ma, 96), 1, 96);
  const m13 = v128.load64_lane(mb, v128.load64_zero(ma, 104), 1, 104);
  const m14 = v128.load64_lane(mb, v128.load64_zero(ma, 112), 1, 112);
  const m15 = v128.load64_lane(mb, v128.load64_zero(ma, 120), 1, 120);
  let v0 = v128.load(h, 0);
  let v1 = v128.load(h, 16);
  let v2 = v128.load(h, 32);
  let v3 = v128.load(h, 48);
  let v4 = v128.load(h, 64);
  let v5 = v128.load(h, 80);
  let v6 = v128.load(h, 96);
  let v7 = v128.load(h, 112);
  let v8 = i64x2.splat(IV0);
  let v9 = i64x2.splat(IV1);
  let v10 = i64x2.splat(IV2);
  let v11 = i64x2.splat(IV3);
  let v12 = i64x2.splat(IV4 ^ t);
  let v13 = i64x2.splat(IV5);
  let v14 = i64x2.splat(last ? ~IV6 : IV6);
  let v15 = i64x2.splat(IV7);
  // round 0
  v0 = i64x2.add(i64x2.add(v0, v4), m0); v12 = rot32(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot24(v128.xor(v4, v8));
  v0 = i64x2.add(i64x2.add(v0, v4), m1); v12 = rot16(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot63(v128.xor(v4, v8));
  v1 = i64x2.add(i64x2.add(v1, v5), m2); v13 = rot32(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot24(v128.xor(v5, v9));
  v1 = i64x2.add(i64x2.add(v1, v5), m3); v13 = rot16(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot63(v128.xor(v5, v9));
  v2 = i64x2.add(i64x2.add(v2, v6), m4); v14 = rot32(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot24(v128.xor(v6, v10));
  v2 = i64x2.add(i64x2.add(v2, v6), m5); v14 = rot16(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot63(v128.xor(v6, v10));
  v3 = i64x2.add(i64x2.add(v3, v7), m6); v15 = rot32(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot24(v128.xor(v7, v11));
  v3 = i64x2.add(i64x2.add(v3, v7), m7); v15 = rot16(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot63(v128.xor(v7, v11));
  v0 = i64x2.add(i64x2.add(v0, v5), m8); v15 = rot32(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot24(v128.xor(v5, v10));
  v0 = i64x2.add(i64x2.add(v0, v5), m9); v15 = rot16(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot63(v128.xor(v5, v10));
  v1 = i64x2.add(i64x2.add(v1, v6), m10); v12 = rot32(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot24(v128.xor(v6, v11));
  v1 = i64x2.add(i64x2.add(v1, v6), m11); v12 = rot16(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot63(v128.xor(v6, v11));
  v2 = i64x2.add(i64x2.add(v2, v7), m12); v13 = rot32(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot24(v128.xor(v7, v8));
  v2 = i64x2.add(i64x2.add(v2, v7), m13); v13 = rot16(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot63(v128.xor(v7, v8));
  v3 = i64x2.add(i64x2.add(v3, v4), m14); v14 = rot32(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot24(v128.xor(v4, v9));
  v3 = i64x2.add(i64x2.add(v3, v4), m15); v14 = rot16(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot63(v128.xor(v4, v9));
  // round 1
  v0 = i64x2.add(i64x2.add(v0, v4), m14); v12 = rot32(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot24(v128.xor(v4, v8));
  v0 = i64x2.add(i64x2.add(v0, v4), m10); v12 = rot16(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot63(v128.xor(v4, v8));
  v1 = i64x2.add(i64x2.add(v1, v5), m4); v13 = rot32(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot24(v128.xor(v5, v9));
  v1 = i64x2.add(i64x2.add(v1, v5), m8); v13 = rot16(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot63(v128.xor(v5, v9));
  v2 = i64x2.add(i64x2.add(v2, v6), m9); v14 = rot32(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot24(v128.xor(v6, v10));
  v2 = i64x2.add(i64x2.add(v2, v6), m15); v14 = rot16(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot63(v128.xor(v6, v10));
  v3 = i64x2.add(i64x2.add(v3, v7), m13); v15 = rot32(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot24(v128.xor(v7, v11));
  v3 = i64x2.add(i64x2.add(v3, v7), m6); v15 = rot16(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot63(v128.xor(v7, v11));
  v0 = i64x2.add(i64x2.add(v0, v5), m1); v15 = rot32(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot24(v128.xor(v5, v10));
  v0 = i64x2.add(i64x2.add(v0, v5), m12); v15 = rot16(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot63(v128.xor(v5, v10));
  v1 = i64x2.add(i64x2.add(v1, v6), m0); v12 = rot32(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot24(v128.xor(v6, v11));
  v1 = i64x2.add(i64x2.add(v1, v6), m2); v12 = rot16(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot63(v128.xor(v6, v11));
  v2 = i64x2.add(i64x2.add(v2, v7), m11); v13 = rot32(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot24(v128.xor(v7, v8));
  v2 = i64x2.add(i64x2.add(v2, v7), m7); v13 = rot16(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot63(v128.xor(v7, v8));
  v3 = i64x2.add(i64x2.add(v3, v4), m5); v14 = rot32(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot24(v128.xor(v4, v9));
  v3 = i64x2.add(i64x2.add(v3, v4), m3); v14 = rot16(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot63(v128.xor(v4, v9));
  // round 2
  v0 = i64x2.add(i64x2.add(v0, v4), m11); v12 = rot32(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot24(v128.xor(v4, v8));
  v0 = i64x2.add(i64x2.add(v0, v4), m8); v12 = rot16(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot63(v128.xor(v4, v8));
  v1 = i64x2.add(i64x2.add(v1, v5), m12); v13 = rot32(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot24(v128.xor(v5, v9));
  v1 = i64x2.add(i64x2.add(v1, v5), m0); v13 = rot16(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot63(v128.xor(v5, v9));
  v2 = i64x2.add(i64x2.add(v2, v6), m5); v14 = rot32(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot24(v128.xor(v6, v10));
  v2 = i64x2.add(i64x2.add(v2, v6), m2); v14 = rot16(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot63(v128.xor(v6, v10));
  v3 = i64x2.add(i64x2.add(v3, v7), m15); v15 = rot32(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot24(v128.xor(v7, v11));
  v3 = i64x2.add(i64x2.add(v3, v7), m13); v15 = rot16(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot63(v128.xor(v7, v11));
  v0 = i64x2.add(i64x2.add(v0, v5), m10); v15 = rot32(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot24(v128.xor(v5, v10));
  v0 = i64x2.add(i64x2.add(v0, v5), m14); v15 = rot16(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot63(v128.xor(v5, v10));
  v1 = i64x2.add(i64x2.add(v1, v6), m3); v12 = rot32(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot24(v128.xor(v6, v11));
  v1 = i64x2.add(i64x2.add(v1, v6), m6); v12 = rot16(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot63(v128.xor(v6, v11));
  v2 = i64x2.add(i64x2.add(v2, v7), m7); v13 = rot32(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot24(v128.xor(v7, v8));
  v2 = i64x2.add(i64x2.add(v2, v7), m1); v13 = rot16(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot63(v128.xor(v7, v8));
  v3 = i64x2.add(i64x2.add(v3, v4), m9); v14 = rot32(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot24(v128.xor(v4, v9));
  v3 = i64x2.add(i64x2.add(v3, v4), m4); v14 = rot16(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot63(v128.xor(v4, v9));
  // round 3
  v0 = i64x2.add(i64x2.add(v0, v4), m7); v12 = rot32(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot24(v128.xor(v4, v8));
  v0 = i64x2.add(i64x2.add(v0, v4), m9); v12 = rot16(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot63(v128.xor(v4, v8));
  v1 = i64x2.add(i64x2.add(v1, v5), m3); v13 = rot32(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot24(v128.xor(v5, v9));
  v1 = i64x2.add(i64x2.add(v1, v5), m1); v13 = rot16(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot63(v128.xor(v5, v9));
  v2 = i64x2.add(i64x2.add(v2, v6), m13); v14 = rot32(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot24(v128.xor(v6, v10));
  v2 = i64x2.add(i64x2.add(v2, v6), m12); v14 = rot16(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot63(v128.xor(v6, v10));
  v3 = i64x2.add(i64x2.add(v3, v7), m11); v15 = rot32(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot24(v128.xor(v7, v11));
  v3 = i64x2.add(i64x2.add(v3, v7), m14); v15 = rot16(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot63(v128.xor(v7, v11));
  v0 = i64x2.add(i64x2.add(v0, v5), m2); v15 = rot32(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot24(v128.xor(v5, v10));
  v0 = i64x2.add(i64x2.add(v0, v5), m6); v15 = rot16(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot63(v128.xor(v5, v10));
  v1 = i64x2.add(i64x2.add(v1, v6), m5); v12 = rot32(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot24(v128.xor(v6, v11));
  v1 = i64x2.add(i64x2.add(v1, v6), m10); v12 = rot16(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot63(v128.xor(v6, v11));
  v2 = i64x2.add(i64x2.add(v2, v7), m4); v13 = rot32(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot24(v128.xor(v7, v8));
  v2 = i64x2.add(i64x2.add(v2, v7), m0); v13 = rot16(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot63(v128.xor(v7, v8));
  v3 = i64x2.add(i64x2.add(v3, v4), m15); v14 = rot32(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot24(v128.xor(v4, v9));
  v3 = i64x2.add(i64x2.add(v3, v4), m8); v14 = rot16(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot63(v128.xor(v4, v9));
  // round 4
  v0 = i64x2.add(i64x2.add(v0, v4), m9); v12 = rot32(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot24(v128.xor(v4, v8));
  v0 = i64x2.add(i64x2.add(v0, v4), m0); v12 = rot16(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot63(v128.xor(v4, v8));
  v1 = i64x2.add(i64x2.add(v1, v5), m5); v13 = rot32(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot24(v128.xor(v5, v9));
  v1 = i64x2.add(i64x2.add(v1, v5), m7); v13 = rot16(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot63(v128.xor(v5, v9));
  v2 = i64x2.add(i64x2.add(v2, v6), m2); v14 = rot32(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot24(v128.xor(v6, v10));
  v2 = i64x2.add(i64x2.add(v2, v6), m4); v14 = rot16(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot63(v128.xor(v6, v10));
  v3 = i64x2.add(i64x2.add(v3, v7), m10); v15 = rot32(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot24(v128.xor(v7, v11));
  v3 = i64x2.add(i64x2.add(v3, v7), m15); v15 = rot16(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot63(v128.xor(v7, v11));
  v0 = i64x2.add(i64x2.add(v0, v5), m14); v15 = rot32(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot24(v128.xor(v5, v10));
  v0 = i64x2.add(i64x2.add(v0, v5), m1); v15 = rot16(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot63(v128.xor(v5, v10));
  v1 = i64x2.add(i64x2.add(v1, v6), m11); v12 = rot32(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot24(v128.xor(v6, v11));
  v1 = i64x2.add(i64x2.add(v1, v6), m12); v12 = rot16(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot63(v128.xor(v6, v11));
  v2 = i64x2.add(i64x2.add(v2, v7), m6); v13 = rot32(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot24(v128.xor(v7, v8));
  v2 = i64x2.add(i64x2.add(v2, v7), m8); v13 = rot16(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot63(v128.xor(v7, v8));
  v3 = i64x2.add(i64x2.add(v3, v4), m3); v14 = rot32(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot24(v128.xor(v4, v9));
  v3 = i64x2.add(i64x2.add(v3, v4), m13); v14 = rot16(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot63(v128.xor(v4, v9));
  // round 5
  v0 = i64x2.add(i64x2.add(v0, v4), m2); v12 = rot32(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot24(v128.xor(v4, v8));
  v0 = i64x2.add(i64x2.add(v0, v4), m12); v12 = rot16(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot63(v128.xor(v4, v8));
  v1 = i64x2.add(i64x2.add(v1, v5), m6); v13 = rot32(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot24(v128.xor(v5, v9));
  v1 = i64x2.add(i64x2.add(v1, v5), m10); v13 = rot16(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot63(v128.xor(v5, v9));
  v2 = i64x2.add(i64x2.add(v2, v6), m0); v14 = rot32(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot24(v128.xor(v6, v10));
  v2 = i64x2.add(i64x2.add(v2, v6), m11); v14 = rot16(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot63(v128.xor(v6, v10));
  v3 = i64x2.add(i64x2.add(v3, v7), m8); v15 = rot32(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot24(v128.xor(v7, v11));
  v3 = i64x2.add(i64x2.add(v3, v7), m3); v15 = rot16(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot63(v128.xor(v7, v11));
  v0 = i64x2.add(i64x2.add(v0, v5), m4); v15 = rot32(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot24(v128.xor(v5, v10));
  v0 = i64x2.add(i64x2.add(v0, v5), m13); v15 = rot16(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot63(v128.xor(v5, v10));
  v1 = i64x2.add(i64x2.add(v1, v6), m7); v12 = rot32(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot24(v128.xor(v6, v11));
  v1 = i64x2.add(i64x2.add(v1, v6), m5); v12 = rot16(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot63(v128.xor(v6, v11));
  v2 = i64x2.add(i64x2.add(v2, v7), m15); v13 = rot32(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot24(v128.xor(v7, v8));
  v2 = i64x2.add(i64x2.add(v2, v7), m14); v13 = rot16(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot63(v128.xor(v7, v8));
  v3 = i64x2.add(i64x2.add(v3, v4), m1); v14 = rot32(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot24(v128.xor(v4, v9));
  v3 = i64x2.add(i64x2.add(v3, v4), m9); v14 = rot16(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot63(v128.xor(v4, v9));
  // round 6
  v0 = i64x2.add(i64x2.add(v0, v4), m12); v12 = rot32(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot24(v128.xor(v4, v8));
  v0 = i64x2.add(i64x2.add(v0, v4), m5); v12 = rot16(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot63(v128.xor(v4, v8));
  v1 = i64x2.add(i64x2.add(v1, v5), m1); v13 = rot32(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot24(v128.xor(v5, v9));
  v1 = i64x2.add(i64x2.add(v1, v5), m15); v13 = rot16(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot63(v128.xor(v5, v9));
  v2 = i64x2.add(i64x2.add(v2, v6), m14); v14 = rot32(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot24(v128.xor(v6, v10));
  v2 = i64x2.add(i64x2.add(v2, v6), m13); v14 = rot16(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot63(v128.xor(v6, v10));
  v3 = i64x2.add(i64x2.add(v3, v7), m4); v15 = rot32(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot24(v128.xor(v7, v11));
  v3 = i64x2.add(i64x2.add(v3, v7), m10); v15 = rot16(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot63(v128.xor(v7, v11));
  v0 = i64x2.add(i64x2.add(v0, v5), m0); v15 = rot32(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot24(v128.xor(v5, v10));
  v0 = i64x2.add(i64x2.add(v0, v5), m7); v15 = rot16(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot63(v128.xor(v5, v10));
  v1 = i64x2.add(i64x2.add(v1, v6), m6); v12 = rot32(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot24(v128.xor(v6, v11));
  v1 = i64x2.add(i64x2.add(v1, v6), m3); v12 = rot16(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot63(v128.xor(v6, v11));
  v2 = i64x2.add(i64x2.add(v2, v7), m9); v13 = rot32(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot24(v128.xor(v7, v8));
  v2 = i64x2.add(i64x2.add(v2, v7), m2); v13 = rot16(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot63(v128.xor(v7, v8));
  v3 = i64x2.add(i64x2.add(v3, v4), m8); v14 = rot32(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot24(v128.xor(v4, v9));
  v3 = i64x2.add(i64x2.add(v3, v4), m11); v14 = rot16(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot63(v128.xor(v4, v9));
  // round 7
  v0 = i64x2.add(i64x2.add(v0, v4), m13); v12 = rot32(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot24(v128.xor(v4, v8));
  v0 = i64x2.add(i64x2.add(v0, v4), m11); v12 = rot16(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot63(v128.xor(v4, v8));
  v1 = i64x2.add(i64x2.add(v1, v5), m7); v13 = rot32(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot24(v128.xor(v5, v9));
  v1 = i64x2.add(i64x2.add(v1, v5), m14); v13 = rot16(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot63(v128.xor(v5, v9));
  v2 = i64x2.add(i64x2.add(v2, v6), m12); v14 = rot32(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot24(v128.xor(v6, v10));
  v2 = i64x2.add(i64x2.add(v2, v6), m1); v14 = rot16(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot63(v128.xor(v6, v10));
  v3 = i64x2.add(i64x2.add(v3, v7), m3); v15 = rot32(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot24(v128.xor(v7, v11));
  v3 = i64x2.add(i64x2.add(v3, v7), m9); v15 = rot16(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot63(v128.xor(v7, v11));
  v0 = i64x2.add(i64x2.add(v0, v5), m5); v15 = rot32(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot24(v128.xor(v5, v10));
  v0 = i64x2.add(i64x2.add(v0, v5), m0); v15 = rot16(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot63(v128.xor(v5, v10));
  v1 = i64x2.add(i64x2.add(v1, v6), m15); v12 = rot32(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot24(v128.xor(v6, v11));
  v1 = i64x2.add(i64x2.add(v1, v6), m4); v12 = rot16(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot63(v128.xor(v6, v11));
  v2 = i64x2.add(i64x2.add(v2, v7), m8); v13 = rot32(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot24(v128.xor(v7, v8));
  v2 = i64x2.add(i64x2.add(v2, v7), m6); v13 = rot16(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot63(v128.xor(v7, v8));
  v3 = i64x2.add(i64x2.add(v3, v4), m2); v14 = rot32(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot24(v128.xor(v4, v9));
  v3 = i64x2.add(i64x2.add(v3, v4), m10); v14 = rot16(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot63(v128.xor(v4, v9));
  // round 8
  v0 = i64x2.add(i64x2.add(v0, v4), m6); v12 = rot32(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot24(v128.xor(v4, v8));
  v0 = i64x2.add(i64x2.add(v0, v4), m15); v12 = rot16(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot63(v128.xor(v4, v8));
  v1 = i64x2.add(i64x2.add(v1, v5), m14); v13 = rot32(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot24(v128.xor(v5, v9));
  v1 = i64x2.add(i64x2.add(v1, v5), m9); v13 = rot16(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot63(v128.xor(v5, v9));
  v2 = i64x2.add(i64x2.add(v2, v6), m11); v14 = rot32(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot24(v128.xor(v6, v10));
  v2 = i64x2.add(i64x2.add(v2, v6), m3); v14 = rot16(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot63(v128.xor(v6, v10));
  v3 = i64x2.add(i64x2.add(v3, v7), m0); v15 = rot32(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot24(v128.xor(v7, v11));
  v3 = i64x2.add(i64x2.add(v3, v7), m8); v15 = rot16(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot63(v128.xor(v7, v11));
  v0 = i64x2.add(i64x2.add(v0, v5), m12); v15 = rot32(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot24(v128.xor(v5, v10));
  v0 = i64x2.add(i64x2.add(v0, v5), m2); v15 = rot16(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot63(v128.xor(v5, v10));
  v1 = i64x2.add(i64x2.add(v1, v6), m13); v12 = rot32(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot24(v128.xor(v6, v11));
  v1 = i64x2.add(i64x2.add(v1, v6), m7); v12 = rot16(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot63(v128.xor(v6, v11));
  v2 = i64x2.add(i64x2.add(v2, v7), m1); v13 = rot32(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot24(v128.xor(v7, v8));
  v2 = i64x2.add(i64x2.add(v2, v7), m4); v13 = rot16(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot63(v128.xor(v7, v8));
  v3 = i64x2.add(i64x2.add(v3, v4), m10); v14 = rot32(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot24(v128.xor(v4, v9));
  v3 = i64x2.add(i64x2.add(v3, v4), m5); v14 = rot16(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot63(v128.xor(v4, v9));
  // round 9
  v0 = i64x2.add(i64x2.add(v0, v4), m10); v12 = rot32(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot24(v128.xor(v4, v8));
  v0 = i64x2.add(i64x2.add(v0, v4), m2); v12 = rot16(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot63(v128.xor(v4, v8));
  v1 = i64x2.add(i64x2.add(v1, v5), m8); v13 = rot32(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot24(v128.xor(v5, v9));
  v1 = i64x2.add(i64x2.add(v1, v5), m4); v13 = rot16(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot63(v128.xor(v5, v9));
  v2 = i64x2.add(i64x2.add(v2, v6), m7); v14 = rot32(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot24(v128.xor(v6, v10));
  v2 = i64x2.add(i64x2.add(v2, v6), m6); v14 = rot16(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot63(v128.xor(v6, v10));
  v3 = i64x2.add(i64x2.add(v3, v7), m1); v15 = rot32(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot24(v128.xor(v7, v11));
  v3 = i64x2.add(i64x2.add(v3, v7), m5); v15 = rot16(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot63(v128.xor(v7, v11));
  v0 = i64x2.add(i64x2.add(v0, v5), m15); v15 = rot32(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot24(v128.xor(v5, v10));
  v0 = i64x2.add(i64x2.add(v0, v5), m11); v15 = rot16(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot63(v128.xor(v5, v10));
  v1 = i64x2.add(i64x2.add(v1, v6), m9); v12 = rot32(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot24(v128.xor(v6, v11));
  v1 = i64x2.add(i64x2.add(v1, v6), m14); v12 = rot16(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot63(v128.xor(v6, v11));
  v2 = i64x2.add(i64x2.add(v2, v7), m3); v13 = rot32(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot24(v128.xor(v7, v8));
  v2 = i64x2.add(i64x2.add(v2, v7), m12); v13 = rot16(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot63(v128.xor(v7, v8));
  v3 = i64x2.add(i64x2.add(v3, v4), m13); v14 = rot32(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot24(v128.xor(v4, v9));
  v3 = i64x2.add(i64x2.add(v3, v4), m0); v14 = rot16(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot63(v128.xor(v4, v9));
  // round 10
  v0 = i64x2.add(i64x2.add(v0, v4), m0); v12 = rot32(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot24(v128.xor(v4, v8));
  v0 = i64x2.add(i64x2.add(v0, v4), m1); v12 = rot16(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot63(v128.xor(v4, v8));
  v1 = i64x2.add(i64x2.add(v1, v5), m2); v13 = rot32(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot24(v128.xor(v5, v9));
  v1 = i64x2.add(i64x2.add(v1, v5), m3); v13 = rot16(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot63(v128.xor(v5, v9));
  v2 = i64x2.add(i64x2.add(v2, v6), m4); v14 = rot32(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot24(v128.xor(v6, v10));
  v2 = i64x2.add(i64x2.add(v2, v6), m5); v14 = rot16(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot63(v128.xor(v6, v10));
  v3 = i64x2.add(i64x2.add(v3, v7), m6); v15 = rot32(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot24(v128.xor(v7, v11));
  v3 = i64x2.add(i64x2.add(v3, v7), m7); v15 = rot16(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot63(v128.xor(v7, v11));
  v0 = i64x2.add(i64x2.add(v0, v5), m8); v15 = rot32(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot24(v128.xor(v5, v10));
  v0 = i64x2.add(i64x2.add(v0, v5), m9); v15 = rot16(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot63(v128.xor(v5, v10));
  v1 = i64x2.add(i64x2.add(v1, v6), m10); v12 = rot32(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot24(v128.xor(v6, v11));
  v1 = i64x2.add(i64x2.add(v1, v6), m11); v12 = rot16(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot63(v128.xor(v6, v11));
  v2 = i64x2.add(i64x2.add(v2, v7), m12); v13 = rot32(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot24(v128.xor(v7, v8));
  v2 = i64x2.add(i64x2.add(v2, v7), m13); v13 = rot16(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot63(v128.xor(v7, v8));
  v3 = i64x2.add(i64x2.add(v3, v4), m14); v14 = rot32(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot24(v128.xor(v4, v9));
  v3 = i64x2.add(i64x2.add(v3, v4), m15); v14 = rot16(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot63(v128.xor(v4, v9));
  // round 11
  v0 = i64x2.add(i64x2.add(v0, v4), m14); v12 = rot32(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot24(v128.xor(v4, v8));
  v0 = i64x2.add(i64x2.add(v0, v4), m10); v12 = rot16(v128.xor(v12, v0)); v8 = i64x2.add(v8, v12); v4 = rot63(v128.xor(v4, v8));
  v1 = i64x2.add(i64x2.add(v1, v5), m4); v13 = rot32(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot24(v128.xor(v5, v9));
  v1 = i64x2.add(i64x2.add(v1, v5), m8); v13 = rot16(v128.xor(v13, v1)); v9 = i64x2.add(v9, v13); v5 = rot63(v128.xor(v5, v9));
  v2 = i64x2.add(i64x2.add(v2, v6), m9); v14 = rot32(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot24(v128.xor(v6, v10));
  v2 = i64x2.add(i64x2.add(v2, v6), m15); v14 = rot16(v128.xor(v14, v2)); v10 = i64x2.add(v10, v14); v6 = rot63(v128.xor(v6, v10));
  v3 = i64x2.add(i64x2.add(v3, v7), m13); v15 = rot32(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot24(v128.xor(v7, v11));
  v3 = i64x2.add(i64x2.add(v3, v7), m6); v15 = rot16(v128.xor(v15, v3)); v11 = i64x2.add(v11, v15); v7 = rot63(v128.xor(v7, v11));
  v0 = i64x2.add(i64x2.add(v0, v5), m1); v15 = rot32(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot24(v128.xor(v5, v10));
  v0 = i64x2.add(i64x2.add(v0, v5), m12); v15 = rot16(v128.xor(v15, v0)); v10 = i64x2.add(v10, v15); v5 = rot63(v128.xor(v5, v10));
  v1 = i64x2.add(i64x2.add(v1, v6), m0); v12 = rot32(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot24(v128.xor(v6, v11));
  v1 = i64x2.add(i64x2.add(v1, v6), m2); v12 = rot16(v128.xor(v12, v1)); v11 = i64x2.add(v11, v12); v6 = rot63(v128.xor(v6, v11));
  v2 = i64x2.add(i64x2.add(v2, v7), m11); v13 = rot32(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot24(v128.xor(v7, v8));
  v2 = i64x2.add(i64x2.add(v2, v7), m7); v13 = rot16(v128.xor(v13, v2)); v8 = i64x2.add(v8, v13); v7 = rot63(v128.xor(v7, v8));
  v3 = i64x2.add(i64x2.add(v3, v4), m5); v14 = rot32(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot24(v128.xor(v4, v9));
  v3 = i64x2.add(i64x2.add(v3, v4), m3); v14 = rot16(v128.xor(v14, v3)); v9 = i64x2.add(v9, v14); v4 = rot63(v128.xor(v4, v9));

  v128.store(h, v128.xor(v128.load(h, 0), v128.xor(v0, v8)), 0);
  v128.store(h, v128.xor(v128.load(h, 16), v128.xor(v1, v9)), 16);
  v128.store(h, v128.xor(v128.load(h, 32), v128.xor(v2, v10)), 32);
  v128.store(h, v128.xor(v128.load(h, 48), v128.xor(v3, v11)), 48);
  v128.store(h, v128.xor(v128.load(h, 64), v128.xor(v4, v12)), 64);
  v128.store(h, v128.xor(v128.load(h, 80), v128.xor(v5, v13)), 80);
  v128.store(h, v128.xor(v128.load(h, 96), v128.xor(v6, v14)), 96);
  v128.store(h, v128.xor(v128.load(h, 112), v128.xor(v7, v15)), 112);
}

/** Writes the 32-byte digest of the scalar state at `h` to `out`. */
// @ts-ignore: decorator
@inline export function digest(h: usize, out: usize): void {
  memory.copy(out, h, 32);
}

/** Writes the digests of the two-lane state at `h`: lane 0 to `outA`, lane 1 to `outB`. */
// @ts-ignore: decorator
@inline export function digest2(h: usize, outA: usize, outB: usize): void {
  const w0 = v128.load(h, 0);
  const w1 = v128.load(h, 16);
  const w2 = v128.load(h, 32);
  const w3 = v128.load(h, 48);
  v128.store(outA, i64x2.shuffle(w0, w1, 0, 2), 0);
  v128.store(outA, i64x2.shuffle(w2, w3, 0, 2), 16);
  v128.store(outB, i64x2.shuffle(w0, w1, 1, 3), 0);
  v128.store(outB, i64x2.shuffle(w2, w3, 1, 3), 16);
}

/**
 * Copies block `b` of the message `prefix || data[0, len)` into the 128-byte buffer `dst`, zero
 * padded; returns the number of message bytes it holds. `prefix < 0` means no prefix byte.
 */
export function fillBlock(dst: usize, prefix: i32, data: usize, len: usize, b: usize): usize {
  const hasPrefix: usize = prefix >= 0 ? 1 : 0;
  const total = len + hasPrefix;
  const start = b << 7;
  let n = total - start;
  if (n > 128) n = 128;
  if (start == 0 && hasPrefix) {
    store<u8>(dst, <u8>prefix);
    memory.copy(dst + 1, data, n - 1);
  } else {
    memory.copy(dst, data + start - hasPrefix, n);
  }
  if (n < 128) memory.fill(dst + n, 0, 128 - n);
  return n;
}

/** Copies `n` bytes (small, non-overlapping) with u64 and byte moves, avoiding a memory.copy call. */
// @ts-ignore: decorator
@inline export function copySmall(dst: usize, src: usize, n: usize): void {
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) store<u64>(dst + i, load<u64>(src + i));
  for (; i < n; i++) store<u8>(dst + i, load<u8>(src + i));
}

/** Number of 128-byte blocks Blake2b compresses for a message of `total` bytes (at least 1). */
// @ts-ignore: decorator
@inline export function blockCount(total: usize): usize {
  return total == 0 ? 1 : (total + 127) >> 7;
}

/** Blake2b-256 of `prefix || data[0, len)` (`prefix < 0`: no prefix) written to `out` (scalar). */
export function hashPrefixed(prefix: i32, data: usize, len: usize, out: usize): void {
  const total = len + (prefix >= 0 ? 1 : 0);
  const blocks = blockCount(total);
  initState(H1);
  for (let b: usize = 0; b < blocks; b++) {
    const lastBlock = b + 1 == blocks;
    if (!lastBlock && (b > 0 || prefix < 0)) {
      // A whole block that needs no prefix byte: compress it where it lies.
      compress(H1, data + (b << 7) - (prefix >= 0 ? 1 : 0), <u64>((b + 1) << 7), false);
      continue;
    }
    fillBlock(BLOCK_A, prefix, data, len, b);
    compress(H1, BLOCK_A, lastBlock ? <u64>total : <u64>((b + 1) << 7), lastBlock);
  }
  digest(H1, out);
}

/**
 * Blake2b-256 of `prefix || a[0, len)` and `prefix || b[0, len)` at once (two-lane), written to
 * `outA` and `outB`.
 */
export function hashPrefixed2(prefix: i32, a: usize, b: usize, len: usize, outA: usize, outB: usize): void {
  const total = len + (prefix >= 0 ? 1 : 0);
  const blocks = blockCount(total);
  initState2(H2);
  for (let k: usize = 0; k < blocks; k++) {
    const lastBlock = k + 1 == blocks;
    if (!lastBlock && (k > 0 || prefix < 0)) {
      const off = (k << 7) - (prefix >= 0 ? 1 : 0);
      compress2(H2, a + off, b + off, <u64>((k + 1) << 7), false);
      continue;
    }
    fillBlock(BLOCK_A, prefix, a, len, k);
    fillBlock(BLOCK_B, prefix, b, len, k);
    compress2(H2, BLOCK_A, BLOCK_B, lastBlock ? <u64>total : <u64>((k + 1) << 7), lastBlock);
  }
  digest2(H2, outA, outB);
}
