/**
 * The RS2 decoder as a plan of independent tasks (`tasks.ts`), driven synchronously by `decoder.ts`
 * or by the worker pool of `node/encoding`: sliver verification (expansion roots, in batches),
 * Reed-Solomon decoding in bands of codewords, and the default consistency check (roots of the
 * systematic rows that were not received).
 *
 * @see spec §1.8
 * @packageDocumentation
 */
import { InconsistentBlobError, NotEnoughSliversError } from './errors.ts';
import { assertMetadataShape, metadataSymbolSize, sliverHash } from './metadata.ts';
import { nodesEqual } from './merkle.ts';
import { DIGEST_LENGTH, encodingParams } from './params.ts';
import type { DecodeTask, ExpandTask } from './tasks.ts';
import type { BlobMetadataWithId, Sliver, SliverAxis } from './types.ts';
import { copyInto } from '../bytes.ts';

/**
 * How much a reader checks a decoded blob against its metadata (walrus-core `ConsistencyCheckType`).
 * - `default`: every systematic primary sliver 0..R-1 implied by the decoded blob must hash to the
 *   metadata's primary hash (slivers that were given to the decoder and verified are skipped);
 * - `strict`: re-encode the whole blob and require the same blob ID;
 * - `skip`: trust the writer (slivers are still authenticated unless `verified` says they already are).
 * @see spec §1.8
 */
export type ConsistencyCheck = 'default' | 'strict' | 'skip';

/** Options of `decodeBlob`. */
export interface DecodeBlobOptions {
  /**
   * The consistency check run on the decoded blob.
   * @default 'default'
   */
  readonly consistencyCheck?: ConsistencyCheck;
  /**
   * Whether every sliver given was already verified against the metadata (`verifySliver`). When false,
   * each sliver used is verified first and invalid ones are skipped.
   * @default false
   */
  readonly verified?: boolean;
}

/** Bytes of input plus output a decode or check task aims for. */
const TASK_BYTES = 4 * 1024 * 1024;

/**
 * A band of codewords [start, start + width) to decode; its task (a copy of the received symbols of
 * the band) is built only when it runs ({@link DecodePlan.decodeTask}), so only the bands in flight
 * hold copies of the input.
 */
export interface PlannedDecodeTask {
  readonly start: number;
  readonly width: number;
  /** Source indices in [0, k) to rebuild, the rows of the task's result. */
  readonly missing: readonly number[];
}

/** Systematic rows [start, start + count) to check, and their task. */
export interface PlannedCheckTask {
  readonly start: number;
  readonly count: number;
  readonly task: ExpandTask;
}

/**
 * One decoding of one blob from slivers of one axis. Usage: {@link nextVerification} /
 * {@link acceptVerification} until it returns undefined (skipped when `verified`), then
 * {@link decodeTasks} / {@link acceptDecoded}, then {@link checkTasks} / {@link acceptCheck} for the
 * default check, then {@link blob}.
 */
export class DecodePlan {
  readonly nShards: number;
  readonly axis: SliverAxis;
  readonly symbolSize: number;
  readonly check: ConsistencyCheck;
  /** Slivers needed: R primary or C secondary. */
  readonly needed: number;
  readonly #metadata: BlobMetadataWithId;
  readonly #candidates: Sliver[];
  #next = 0;
  readonly #chosen: Sliver[] = [];
  readonly #verified: boolean;
  #matrix: Uint8Array | undefined;

  /**
   * Picks candidate slivers: the axis of the first one, matching symbol size and length, distinct
   * in-range indices (first wins).
   * @throws InvalidMetadataError, InvalidShardCountError
   */
  constructor(
    metadataWithId: BlobMetadataWithId,
    slivers: Iterable<Sliver>,
    nShards: number,
    options: DecodeBlobOptions,
  ) {
    assertMetadataShape(metadataWithId.metadata, nShards);
    const { primarySymbols: R, secondarySymbols: C } = encodingParams(nShards);
    this.nShards = nShards;
    this.#metadata = metadataWithId;
    this.check = options.consistencyCheck ?? 'default';
    this.#verified = options.verified ?? false;
    const S = metadataSymbolSize(metadataWithId.metadata, nShards);
    this.symbolSize = S;
    const list = [...slivers];
    this.axis = list.length > 0 ? list[0].axis : 'primary';
    this.needed = this.axis === 'primary' ? R : C;
    const sliverLen = (this.axis === 'primary' ? C : R) * S;
    const seen = new Set<number>();
    this.#candidates = list.filter((s) => {
      if (s.axis !== this.axis || s.symbolSize !== S || s.data.length !== sliverLen) return false;
      if (!Number.isInteger(s.index) || s.index < 0 || s.index >= nShards || seen.has(s.index)) return false;
      seen.add(s.index);
      return true;
    });
    if (this.#verified) this.#chosen.push(...this.#candidates.slice(0, this.needed));
  }

  /**
   * The next batch of candidates to verify (an expansion-roots task over them), or undefined when
   * enough slivers are chosen or no candidates are left.
   */
  nextVerification(): { slivers: Sliver[]; task: ExpandTask } | undefined {
    if (this.#verified) return undefined;
    const want = this.needed - this.#chosen.length;
    if (want <= 0 || this.#next >= this.#candidates.length) return undefined;
    const slivers = this.#candidates.slice(this.#next, this.#next + want);
    this.#next += slivers.length;
    const len = slivers[0].data.length;
    const data = new Uint8Array(slivers.length * len);
    slivers.forEach((s, q) => copyInto(data, s.data, q * len));
    return {
      slivers,
      task: {
        axis: this.axis,
        nShards: this.nShards,
        symbolSize: this.symbolSize,
        count: slivers.length,
        slivers: data,
        repair: false,
        roots: true,
      },
    };
  }

  /** Keeps the slivers of a verification batch whose expansion root matches the metadata. */
  acceptVerification(slivers: readonly Sliver[], roots: Uint8Array): void {
    slivers.forEach((s, q) => {
      const root = roots.subarray(q * DIGEST_LENGTH, (q + 1) * DIGEST_LENGTH);
      if (nodesEqual(sliverHash(this.#metadata.metadata, s.axis, s.index), root)) this.#chosen.push(s);
    });
  }

  /** The slivers decoding uses. @throws NotEnoughSliversError when fewer than needed were usable */
  chosen(): Sliver[] {
    if (this.#chosen.length < this.needed) {
      throw new NotEnoughSliversError(this.axis, this.needed, this.#chosen.length);
    }
    return this.#chosen.slice(0, this.needed);
  }

  /**
   * The decoding split into bands of codewords (columns for primary slivers, rows for secondary
   * ones), at least `parts` of them when there are enough codewords. Allocates the output matrix and
   * copies the received source symbols into it; each band's input is copied by {@link decodeTask}
   * when the band runs.
   * @throws NotEnoughSliversError
   */
  decodeTasks(parts = 1): PlannedDecodeTask[] {
    const chosen = this.chosen();
    const n = this.nShards;
    const { primarySymbols: R, secondarySymbols: C } = encodingParams(n);
    const S = this.symbolSize;
    const primary = this.axis === 'primary';
    const k = this.needed;
    const codewords = primary ? C : R;
    const matrix = new Uint8Array(R * C * S);
    this.#matrix = matrix;
    const indices = chosen.map((s) => s.index);
    const present = new Set(indices);
    const missing: number[] = [];
    for (let i = 0; i < k; i++) if (!present.has(i)) missing.push(i);
    for (const s of chosen) {
      if (s.index >= k) continue;
      if (primary) copyInto(matrix, s.data, s.index * C * S);
      else for (let r = 0; r < R; r++) copySymbol(s.data, r * S, matrix, (r * C + s.index) * S, S);
    }
    if (missing.length === 0) return [];
    const byBytes = Math.max(1, Math.floor(TASK_BYTES / ((k + missing.length) * S)));
    const width = Math.max(1, Math.min(byBytes, Math.ceil(codewords / parts)));
    const tasks: PlannedDecodeTask[] = [];
    for (let start = 0; start < codewords; start += width) {
      tasks.push({ start, width: Math.min(width, codewords - start), missing });
    }
    return tasks;
  }

  /**
   * The task of a band from {@link decodeTasks}: a fresh copy (k x width x S bytes, row-major) of the
   * band's received symbols, which the caller may transfer or release.
   */
  decodeTask(planned: PlannedDecodeTask): DecodeTask {
    const chosen = this.chosen();
    const S = this.symbolSize;
    const k = this.needed;
    const { start, width: w } = planned;
    const band = new Uint8Array(k * w * S);
    chosen.forEach((s, q) => copyInto(band, s.data.subarray(start * S, (start + w) * S), q * w * S));
    const indices = chosen.map((s) => s.index);
    return { k, m: this.nShards - k, symbolSize: S, width: w, indices, band, missing: planned.missing };
  }

  /** Writes a band's rebuilt source symbols into the output matrix. */
  acceptDecoded(planned: PlannedDecodeTask, out: Uint8Array): void {
    const matrix = this.#requireMatrix();
    const { primarySymbols: R, secondarySymbols: C } = encodingParams(this.nShards);
    const S = this.symbolSize;
    const { start, width: w } = planned;
    planned.missing.forEach((i, t) => {
      const row = out.subarray(t * w * S, (t + 1) * w * S);
      if (this.axis === 'primary') matrix.set(row, (i * C + start) * S);
      else
        for (let r = 0; r < w && start + r < R; r++)
          copySymbol(row, r * S, matrix, ((start + r) * C + i) * S, S);
    });
  }

  /**
   * The default consistency check's tasks: expansion roots of the systematic primary slivers 0..R-1
   * that were not received as verified primary slivers, in contiguous runs (at least `parts` when
   * there are enough rows). Empty unless the check is 'default'.
   */
  checkTasks(parts = 1): PlannedCheckTask[] {
    if (this.check !== 'default') return [];
    const matrix = this.#requireMatrix();
    const { primarySymbols: R, secondarySymbols: C } = encodingParams(this.nShards);
    const S = this.symbolSize;
    const skip = new Set(this.axis === 'primary' ? this.chosen().map((s) => s.index) : []);
    const perTask = Math.max(
      1,
      Math.min(Math.floor(TASK_BYTES / (this.nShards * S)), Math.ceil(R / Math.max(1, parts))),
    );
    const tasks: PlannedCheckTask[] = [];
    let r = 0;
    while (r < R) {
      if (skip.has(r)) {
        r++;
        continue;
      }
      let end = r;
      while (end < R && !skip.has(end) && end - r < perTask) end++;
      tasks.push({
        start: r,
        count: end - r,
        task: {
          axis: 'primary',
          nShards: this.nShards,
          symbolSize: S,
          count: end - r,
          slivers: matrix.subarray(r * C * S, end * C * S),
          repair: false,
          roots: true,
        },
      });
      r = end;
    }
    return tasks;
  }

  /** @throws InconsistentBlobError when a checked row's root differs from the metadata */
  acceptCheck(planned: PlannedCheckTask, roots: Uint8Array): void {
    for (let q = 0; q < planned.count; q++) {
      const i = planned.start + q;
      const root = roots.subarray(q * DIGEST_LENGTH, (q + 1) * DIGEST_LENGTH);
      if (!nodesEqual(this.#metadata.metadata.hashes[i].primaryHash, root)) {
        throw new InconsistentBlobError(
          `systematic primary sliver ${i} of the decoded blob does not match the metadata`,
        );
      }
    }
  }

  /** The decoded blob: exactly `unencodedLength` bytes (a view of the output matrix). */
  blob(): Uint8Array {
    return this.#requireMatrix().subarray(0, this.#metadata.metadata.unencodedLength);
  }

  #requireMatrix(): Uint8Array {
    if (this.#matrix === undefined) throw new Error('decodeTasks() must be called first');
    return this.#matrix;
  }
}

function copySymbol(src: Uint8Array, from: number, dst: Uint8Array, to: number, S: number): void {
  if (S <= 32) {
    for (let b = 0; b < S; b++) dst[to + b] = src[from + b];
  } else {
    dst.set(src.subarray(from, from + S), to);
  }
}
