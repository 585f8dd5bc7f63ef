#!/usr/bin/env node
/**
 * Writes the RS2 codec test vectors into test/fixtures/vectors/ with the **official** Walrus encoder
 * (`@mysten/walrus-wasm`, which links walrus-core) and the official TS SDK's BCS definitions, so the
 * fixtures do not depend on walrus-ts code (only the seeded content generator is ours).
 *
 * For n in {4, 7, 10, 100, 1000} and lengths 0, 1, 33, 1000, the first length whose symbol size exceeds 2
 * (2RC + 1), the first whose symbol size exceeds 64 (64RC + 1) and 1 MiB (lengths above the maximum
 * blob size for n are listed as `tooLarge`), with content `seededBytes(length, seedFor(n, length))`:
 * blob ID, root hash, BCS `BlobMetadataWithId`, Blake2b-256 of every sliver's BCS `SliverData` and,
 * when all slivers together stay under 64 KiB, the slivers themselves.
 *
 * Usage: `node scripts/gen-vectors.ts` (npm run gen:vectors). Takes about a minute.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blake2b } from '@noble/hashes/blake2.js';
import { SdkBlobMetadataWithId, sdkBlobIdFromBytes } from '../test/fixtures/sdk-bcs.ts';
import { encodingParams, maxBlobSize, symbolSize } from '../shared/encoding/params.ts';
import { seededBytes } from '../test/fixtures/random.ts';
import { referenceEncode } from '../test/fixtures/walrus-wasm.ts';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'test', 'fixtures', 'vectors');
const SHARD_COUNTS = [4, 7, 10, 100, 1000];
const FULL_SLIVERS_LIMIT = 64 * 1024;

/** Seed of the content of the (n, length) vector. */
export function seedFor(n: number, length: number): number {
  return (n * 7919 + length) >>> 0;
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');

function lengthsFor(n: number): number[] {
  const { primarySymbols: r, secondarySymbols: c } = encodingParams(n);
  return [0, 1, 33, 1000, 2 * r * c + 1, 64 * r * c + 1, 1024 * 1024];
}

function main(): void {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const cases: { n: number; length: number; file: string }[] = [];
  const tooLarge: { n: number; length: number; maxBlobSize: number }[] = [];
  for (const n of SHARD_COUNTS) {
    for (const length of [...new Set(lengthsFor(n))].sort((a, b) => a - b)) {
      if (length > maxBlobSize(n)) {
        tooLarge.push({ n, length, maxBlobSize: maxBlobSize(n) });
        continue;
      }
      const seed = seedFor(n, length);
      const t0 = performance.now();
      const ref = referenceEncode(seededBytes(length, seed), n);
      const blobId = sdkBlobIdFromBytes(ref.blobId);
      const metadataBcs = SdkBlobMetadataWithId.serialize({ blobId, metadata: ref.metadata }).toBytes();
      const sliverBytes = [...ref.primary, ...ref.secondary].reduce((a, s) => a + s.length, 0);
      const file = `n${n}-len${length}.json`;
      const vector = {
        n,
        length,
        seed,
        symbolSize: symbolSize(length, n),
        blobId,
        rootHash: hex(ref.rootHash),
        metadataWithIdBcs: b64(metadataBcs),
        primarySliverHashes: ref.primary.map((s) => hex(blake2b(s, { dkLen: 32 }))),
        secondarySliverHashes: ref.secondary.map((s) => hex(blake2b(s, { dkLen: 32 }))),
        ...(sliverBytes <= FULL_SLIVERS_LIMIT
          ? { primarySlivers: ref.primary.map(b64), secondarySlivers: ref.secondary.map(b64) }
          : {}),
      };
      writeFileSync(join(outDir, file), JSON.stringify(vector, null, 1) + '\n');
      cases.push({ n, length, file });
      console.log(`${file}: ${blobId} (${(performance.now() - t0).toFixed(0)} ms)`);
    }
  }
  const index = {
    generator: 'scripts/gen-vectors.ts with @mysten/walrus-wasm (walrus-core) and @mysten/walrus BCS',
    content: 'seededBytes(length, seed) from test/fixtures/random.ts; seed = (n * 7919 + length) >>> 0',
    sliverHash: 'Blake2b-256 of the BCS SliverData bytes; slivers are indexed by sliver index',
    cases,
    tooLarge,
  };
  writeFileSync(join(outDir, 'index.json'), JSON.stringify(index, null, 1) + '\n');
}

main();
