/**
 * Append-only segment files holding sliver bytes (records of `record.ts`), numbered `00000001.seg`,
 * `00000002.seg`, ... in one directory. Writes append to the newest (active) segment until it reaches
 * `segmentBytes`, then a new one starts. Space of deleted or replaced slivers stays in its segment until
 * the whole segment is dead, when {@link SegmentLog.remove} unlinks it.
 *
 * Durability: the log only places and writes bytes; the caller syncs them ({@link SegmentLog.syncSync},
 * {@link SegmentLog.syncDirty}) and only then commits the index rows that point at them. On open, each
 * segment is cut back to the end of its last indexed record: bytes after it belong to writes that were
 * never acknowledged (a torn tail, or a write whose index commit did not happen), so they are dropped.
 *
 * Offsets reserved by {@link SegmentLog.reserve} never overlap, so concurrent asynchronous writes
 * (`pwritev` on libuv's thread pool) need no lock.
 *
 * Direct I/O: a placement of at least {@link DIRECT_IO_MIN_BYTES} is copied into a page-aligned staging
 * buffer (WebAssembly memory, whose base is page-aligned) and written with `O_DIRECT` at a
 * {@link DIRECT_IO_ALIGNMENT}-aligned position, zero-padded to a whole block, so the bytes go to the disk
 * without passing through the page cache. Buffered writes of fresh file space cost 2.6-3.5 ms of kernel
 * CPU per MiB on the benchmark VM (page-cache pages allocated and charged for every new block: a third of
 * a storage node's ingest CPU), direct ones 0.07 ms plus 0.1 ms for the copy. Smaller placements stay
 * buffered (the padding would cost more disk than the copy costs CPU); both kinds share one file, never the
 * same block (a direct write starts past the end of everything written before it). Where `O_DIRECT` is
 * unsupported (tmpfs, other platforms) or refused, the log falls back to buffered writes. The padding is
 * only ever after the last record of a write; open() and close() cut it off the end of a segment.
 */
import {
  constants as fsConstants,
  closeSync,
  fdatasync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  fsyncSync,
  mkdirSync,
  openSync,
  read,
  readdirSync,
  readSync,
  rmSync,
  unlinkSync,
  write,
  writeSync,
  writev,
  writevSync,
} from 'node:fs';
import { join } from 'node:path';
import { SegmentReadError, SegmentWriteError, SliverChecksumError } from '../errors.ts';
import type { SegmentRecordInput } from './record.ts';
import { checksum, encodeRecordHeader, RECORD_HEADER_BYTES } from './record.ts';
import { copyInto } from '../../../shared/bytes.ts';
import type { BufferPool } from '../../memory/buffer-pool.ts';

/** Where one record's data lives. */
export interface SegmentLocation {
  segment: number;
  /** Byte offset of the data (after the record header) in the segment file. */
  offset: number;
  length: number;
  /** CRC-32 of the data. */
  crc32: number;
}

/** Records placed in a segment by {@link SegmentLog.reserve}, ready to be written. */
export interface Placement {
  readonly segment: number;
  /** File position of the first record header. */
  readonly position: number;
  /** Headers and data, in file order. */
  readonly parts: readonly Uint8Array[];
  /** One per record, in input order. */
  readonly locations: readonly SegmentLocation[];
  /** Written with direct I/O (position aligned to {@link DIRECT_IO_ALIGNMENT}). */
  readonly direct: boolean;
}

/** Placements of at least this many bytes are written with direct I/O (see the module doc). */
export const DIRECT_IO_MIN_BYTES = 128 * 1024;
/** File position, length and memory alignment of direct writes, bytes (4 KiB-sector disks included). */
export const DIRECT_IO_ALIGNMENT = 4096;
/** Bytes of one staging buffer: a larger placement is written in pieces of this size. */
const STAGING_BYTES = 4 * 1024 * 1024;
/** Idle staging buffers kept for reuse. */
const MAX_IDLE_STAGING = 4;
const WASM_PAGE_BYTES = 65_536;

/** `O_DIRECT` on this platform, or undefined (then only buffered writes are done). */
const O_DIRECT: number | undefined = (fsConstants as { O_DIRECT?: number }).O_DIRECT;

function alignUp(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}

/** Options of {@link SegmentLog.open}. */
export interface SegmentLogInit {
  /** Directory of the segment files (created if missing). */
  dir: string;
  /**
   * A segment is closed to new records once it holds this many bytes (a single larger batch still goes in
   * one segment).
   * @default 268_435_456 (256 MiB)
   */
  segmentBytes?: number;
  /**
   * fsync writes. Only false for throw-away stores (an in-memory database).
   * @default true
   */
  sync?: boolean;
  /** End (offset + length) of the last indexed record of `segment`, 0 when it has none. */
  indexedEnd: (segment: number) => number;
  /**
   * Write placements of {@link DIRECT_IO_MIN_BYTES} or more with `O_DIRECT` where the file system takes
   * it (falls back to buffered writes otherwise).
   * @default true
   */
  directIo?: boolean;
}

/** What {@link SegmentLog.open} found and repaired. */
export interface SegmentRecovery {
  /** Segments cut back to their last indexed record. */
  truncated: number;
  /** Bytes dropped by those cuts. */
  droppedBytes: number;
  /** Older segments without any indexed record, removed. */
  removed: number;
}

interface SegmentFile {
  readonly fd: number;
  /** The `O_DIRECT` descriptor of the file, opened on its first direct write. */
  directFd?: number;
  /** Where the next placement may start: the end of the last one, rounded up after a direct write. */
  size: number;
  /** End of the last record placed (a direct write pads the file past it). */
  dataEnd: number;
}

const NAME = /^(\d{8})\.seg$/;

function segmentName(n: number): string {
  return `${String(n).padStart(8, '0')}.seg`;
}

/** The segment files of one store. Not safe to share between processes. */
export class SegmentLog {
  readonly #dir: string;
  readonly #segmentBytes: number;
  readonly #sync: boolean;
  readonly #files = new Map<number, SegmentFile>();
  readonly #dirty = new Set<number>();
  /**
   * Users per segment: placements not yet released (their index rows may still be committed) and reads in
   * flight on the thread pool.
   */
  readonly #inflight = new Map<number, number>();
  /** Idle page-aligned staging buffers for direct writes. */
  readonly #staging: Uint8Array[] = [];
  /** Direct I/O still enabled (switched off for good after the first refusal). */
  #direct: boolean;
  #active = 0;
  #closed = false;
  /** What open() repaired. */
  readonly recovery: SegmentRecovery = { truncated: 0, droppedBytes: 0, removed: 0 };

  private constructor(init: SegmentLogInit) {
    this.#dir = init.dir;
    this.#segmentBytes = Math.max(1, Math.floor(init.segmentBytes ?? 256 * 1024 * 1024));
    this.#sync = init.sync ?? true;
    this.#direct = (init.directIo ?? true) && O_DIRECT !== undefined;
  }

  /** Whether placements of {@link DIRECT_IO_MIN_BYTES} or more are currently written with direct I/O. */
  get directIo(): boolean {
    return this.#direct;
  }

  /**
   * Opens the directory: cuts every segment back to its last indexed record, removes older segments with
   * no indexed record, and makes the newest segment the active one (or creates segment 1).
   */
  static open(init: SegmentLogInit): SegmentLog {
    const log = new SegmentLog(init);
    mkdirSync(init.dir, { recursive: true });
    const numbers = readdirSync(init.dir)
      .map((f) => NAME.exec(f))
      .filter((m) => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    const newest = numbers[numbers.length - 1];
    let changed = false;
    for (const n of numbers) {
      const path = join(init.dir, segmentName(n));
      const end = init.indexedEnd(n);
      if (end === 0 && n !== newest) {
        unlinkSync(path);
        log.recovery.removed++;
        changed = true;
        continue;
      }
      const fd = openSync(path, 'r+');
      const size = fstatSync(fd).size;
      if (size > end) {
        ftruncateSync(fd, end);
        if (log.#sync) fsyncSync(fd);
        log.recovery.truncated++;
        log.recovery.droppedBytes += size - end;
      }
      log.#files.set(n, { fd, size: Math.min(size, end), dataEnd: Math.min(size, end) });
    }
    if (changed) log.#syncDir();
    if (newest === undefined || !log.#files.has(newest)) log.#newSegment((newest ?? 0) + 1);
    else log.#active = newest;
    return log;
  }

  /** Numbers of the segment files, ascending. */
  segments(): number[] {
    return [...this.#files.keys()].sort((a, b) => a - b);
  }

  /** The segment new records go to. */
  get activeSegment(): number {
    return this.#active;
  }

  /** Total bytes in the segment files. */
  get totalBytes(): number {
    let n = 0;
    for (const f of this.#files.values()) n += f.size;
    return n;
  }

  /**
   * Assigns file space to `records` (all in one segment, contiguous) and builds their headers. Call
   * {@link write} or {@link writeSync} next.
   */
  reserve(records: readonly SegmentRecordInput[]): Placement {
    this.#checkOpen();
    let total = 0;
    for (const r of records) total += RECORD_HEADER_BYTES + r.data.byteLength;
    const direct = this.#direct && total >= DIRECT_IO_MIN_BYTES;
    let file = this.#file(this.#active);
    if (file.size > 0 && file.size + total > this.#segmentBytes) {
      this.#newSegment(this.#active + 1);
      file = this.#file(this.#active);
    }
    // a direct write starts on a fresh block: past the end of (and any padding after) earlier records
    const position = direct ? alignUp(file.size, DIRECT_IO_ALIGNMENT) : file.size;
    file.dataEnd = position + total;
    // nothing may be placed in the zero padding a direct write puts after its records: a concurrent
    // write there could be overwritten by it
    file.size = direct ? alignUp(file.dataEnd, DIRECT_IO_ALIGNMENT) : file.dataEnd;
    this.#pin(this.#active);
    const parts: Uint8Array[] = [];
    const locations: SegmentLocation[] = [];
    let at = position;
    for (const r of records) {
      const crc = checksum(r.data);
      parts.push(encodeRecordHeader(r, crc), r.data);
      at += RECORD_HEADER_BYTES;
      locations.push({ segment: this.#active, offset: at, length: r.data.byteLength, crc32: crc });
      at += r.data.byteLength;
    }
    return { segment: this.#active, position, parts, locations, direct };
  }

  /** Marks a placement as settled (its index rows committed or abandoned): its segment may be removed. */
  release(p: Placement): void {
    this.#unpin(p.segment);
  }

  /** Writes a placement on the calling thread (not yet synced). @throws SegmentWriteError */
  writeSync(p: Placement): void {
    if (p.direct && this.#direct) {
      const fd = this.#directFd(p.segment);
      const staging = this.#takeStaging();
      try {
        if (fd !== undefined) {
          const writes = this.#directWrites(p, staging);
          for (let w = writes.next(); !w.done;) {
            w = writes.next(writeSync(fd, staging, w.value.off, w.value.len, w.value.pos));
          }
          this.#dirty.add(p.segment);
          return;
        }
      } catch (err) {
        this.#directFailed(p, err);
      } finally {
        this.#giveStaging(staging);
      }
    }
    this.#bufferedWriteSync(p);
  }

  #bufferedWriteSync(p: Placement): void {
    const file = this.#file(p.segment);
    let pos = p.position;
    let i = 0;
    // writev takes at most IOV_MAX buffers; loop over groups and partial writes
    while (i < p.parts.length) {
      const group = p.parts.slice(i, i + 512);
      let want = 0;
      for (const g of group) want += g.byteLength;
      const n = writevSync(file.fd, group as Uint8Array[], pos);
      if (n !== want) {
        this.#writeRemainder(file.fd, group, n, pos);
      }
      pos += want;
      i += group.length;
    }
    this.#dirty.add(p.segment);
  }

  /** Writes a placement on libuv's thread pool (not yet synced). @throws SegmentWriteError */
  async write(p: Placement): Promise<void> {
    if (p.direct && this.#direct) {
      const fd = this.#directFd(p.segment);
      const staging = this.#takeStaging();
      try {
        if (fd !== undefined) {
          // the staging buffer is filled here and written on the thread pool, one piece at a time
          const writes = this.#directWrites(p, staging);
          for (let w = writes.next(); !w.done;) {
            const { off, len, pos } = w.value;
            w = writes.next(
              await new Promise<number>((resolve, reject) =>
                write(fd, staging, off, len, pos, (err, written) => (err ? reject(err) : resolve(written))),
              ),
            );
          }
          this.#dirty.add(p.segment);
          return;
        }
      } catch (err) {
        this.#directFailed(p, err);
      } finally {
        this.#giveStaging(staging);
      }
    }
    await this.#bufferedWrite(p);
  }

  async #bufferedWrite(p: Placement): Promise<void> {
    const file = this.#file(p.segment);
    let pos = p.position;
    for (let i = 0; i < p.parts.length; i += 512) {
      const group = p.parts.slice(i, i + 512);
      let want = 0;
      for (const g of group) want += g.byteLength;
      const n = await new Promise<number>((resolve, reject) =>
        writev(file.fd, group as Uint8Array[], pos, (err, written) => (err ? reject(err) : resolve(written))),
      ).catch((err: unknown) => {
        throw new SegmentWriteError(this.#path(p.segment), { cause: err });
      });
      if (n !== want) this.#writeRemainder(file.fd, group, n, pos);
      pos += want;
    }
    this.#dirty.add(p.segment);
  }

  /**
   * The direct writes of a placement, driven by the caller (`writeSync` does them on this thread, `write`
   * on the thread pool): fills `staging` piece by piece ({@link #fill}) and yields each write still to do,
   * `len` bytes of `staging` from `off` at file position `pos`; the caller does it and passes the bytes
   * written to `next()`. A piece is written completely before the buffer is refilled.
   * @throws Error on a write that wrote nothing
   */
  *#directWrites(
    p: Placement,
    staging: Uint8Array,
  ): Generator<{ off: number; len: number; pos: number }, void, number> {
    for (const piece of this.#fill(p, staging)) {
      for (let done = 0; done < piece.len;) {
        const n: number = yield { off: done, len: piece.len - done, pos: piece.pos + done };
        if (n <= 0) throw new Error(`short write at ${piece.pos + done}`);
        done += n;
      }
    }
  }

  /**
   * Copies a direct placement's headers and data into `staging` and yields each filled piece (`len` bytes
   * at file position `pos`); the last piece is zero-padded to {@link DIRECT_IO_ALIGNMENT}. The caller
   * writes a piece before asking for the next one (which reuses the buffer).
   */
  *#fill(p: Placement, staging: Uint8Array): Generator<{ len: number; pos: number }> {
    let used = 0;
    let pos = p.position;
    for (const part of p.parts) {
      for (let off = 0; off < part.byteLength;) {
        const n = Math.min(part.byteLength - off, staging.byteLength - used);
        copyInto(staging, off === 0 && n === part.byteLength ? part : part.subarray(off, off + n), used);
        used += n;
        off += n;
        if (used === staging.byteLength) {
          yield { len: used, pos };
          pos += used;
          used = 0;
        }
      }
    }
    if (used > 0) {
      const len = alignUp(used, DIRECT_IO_ALIGNMENT);
      staging.fill(0, used, len);
      yield { len, pos };
    }
  }

  /** The segment's `O_DIRECT` descriptor (opened on first use), or undefined once direct I/O is off. */
  #directFd(segment: number): number | undefined {
    const file = this.#file(segment);
    if (file.directFd !== undefined) return file.directFd;
    try {
      file.directFd = openSync(this.#path(segment), fsConstants.O_WRONLY | (O_DIRECT as number));
    } catch {
      this.#direct = false; // e.g. EINVAL on tmpfs
      return undefined;
    }
    return file.directFd;
  }

  /**
   * A direct write failed: when the file system refused direct I/O as such (EINVAL: alignment or
   * unsupported), direct I/O is switched off and the caller rewrites the placement buffered; any other
   * error is a failed write.
   * @throws SegmentWriteError
   */
  #directFailed(p: Placement, err: unknown): void {
    if ((err as { code?: string }).code === 'EINVAL') {
      this.#direct = false;
      return;
    }
    throw new SegmentWriteError(this.#path(p.segment), { cause: err });
  }

  /** A page-aligned staging buffer of {@link STAGING_BYTES}. */
  #takeStaging(): Uint8Array {
    return (
      this.#staging.pop() ??
      new Uint8Array(new WebAssembly.Memory({ initial: STAGING_BYTES / WASM_PAGE_BYTES }).buffer)
    );
  }

  #giveStaging(b: Uint8Array): void {
    if (this.#staging.length < MAX_IDLE_STAGING) this.#staging.push(b);
  }

  #writeRemainder(fd: number, group: readonly Uint8Array[], written: number, pos: number): void {
    let skip = written;
    let at = pos + written;
    for (const g of group) {
      if (skip >= g.byteLength) {
        skip -= g.byteLength;
        continue;
      }
      let rest = g.subarray(skip);
      skip = 0;
      while (rest.byteLength > 0) {
        const n = writevSync(fd, [rest], at);
        if (n <= 0) throw new SegmentWriteError(`short write at ${at}`);
        rest = rest.subarray(n);
        at += n;
      }
    }
  }

  /** fdatasync of one segment on the calling thread (blocks). */
  syncSync(segment: number): void {
    if (!this.#sync) return;
    fdatasyncSync(this.#file(segment).fd);
    this.#dirty.delete(segment);
  }

  /**
   * fdatasync (on the thread pool) of every segment written since its last sync. Everything written
   * before the call is durable when it resolves.
   */
  async syncDirty(): Promise<void> {
    const segments = [...this.#dirty];
    this.#dirty.clear();
    if (!this.#sync) return;
    await Promise.all(
      segments.map(
        (s) =>
          new Promise<void>((resolve, reject) => {
            const file = this.#files.get(s);
            if (!file) return resolve();
            fdatasync(file.fd, (err) =>
              err ? reject(new SegmentWriteError(this.#path(s), { cause: err })) : resolve(),
            );
          }),
      ),
    );
  }

  /**
   * The data at `loc`, read on the calling thread and checked against its CRC-32.
   * @throws SliverChecksumError when the bytes are short or do not match
   */
  read(loc: SegmentLocation): Uint8Array {
    const file = this.#file(loc.segment);
    const out = new Uint8Array(loc.length);
    let got = 0;
    while (got < loc.length) {
      const n = readSync(file.fd, out, got, loc.length - got, loc.offset + got);
      if (n <= 0) break;
      got += n;
    }
    if (got !== loc.length || checksum(out) !== loc.crc32) {
      throw new SliverChecksumError(this.#path(loc.segment), loc.offset);
    }
    return out;
  }

  /**
   * The data at `loc`, read on libuv's thread pool (the event loop keeps serving while the disk works:
   * slivers written with direct I/O are not in the page cache, so every read goes to the disk) and checked
   * against its CRC-32. The segment is pinned while the read runs: {@link remove} refuses it until then, so
   * its file descriptor cannot be closed and reused under the read. With `memory`, the bytes are read into a
   * buffer taken from it (the caller gives it back) instead of new memory.
   * @throws SliverChecksumError when the bytes are short or do not match; SegmentReadError when the read
   *   fails or the log was closed while it ran
   */
  async readAsync(loc: SegmentLocation, memory?: BufferPool): Promise<Uint8Array> {
    if (this.#closed) throw new SegmentReadError('the segment log is closed');
    const file = this.#files.get(loc.segment);
    if (!file) throw new SegmentReadError(`segment ${loc.segment} is not open`);
    this.#pin(loc.segment);
    const out = memory?.take(loc.length) ?? new Uint8Array(loc.length);
    let got = 0;
    try {
      while (got < loc.length) {
        const n = await new Promise<number>((resolve, reject) =>
          read(file.fd, out, got, loc.length - got, loc.offset + got, (err, bytes) =>
            err ? reject(err) : resolve(bytes),
          ),
        );
        if (this.#closed) throw new SegmentReadError('the segment log was closed during a read');
        if (n <= 0) break;
        got += n;
      }
    } catch (err) {
      if (err instanceof SegmentReadError) throw err;
      throw new SegmentReadError(`${this.#path(loc.segment)}:${loc.offset}`, { cause: err });
    } finally {
      this.#unpin(loc.segment);
    }
    if (got !== loc.length || checksum(out) !== loc.crc32) {
      throw new SliverChecksumError(this.#path(loc.segment), loc.offset);
    }
    return out;
  }

  /** Counts one more user (placement or read) of `segment`, which {@link remove} then refuses. */
  #pin(segment: number): void {
    this.#inflight.set(segment, (this.#inflight.get(segment) ?? 0) + 1);
  }

  #unpin(segment: number): void {
    const n = (this.#inflight.get(segment) ?? 1) - 1;
    if (n <= 0) this.#inflight.delete(segment);
    else this.#inflight.set(segment, n);
  }

  /**
   * Closes and deletes a segment that holds no live record. Refused (false) for the active segment and for
   * one with unreleased placements or reads in flight.
   */
  remove(segment: number): boolean {
    if (segment === this.#active || this.#inflight.has(segment)) return false;
    const file = this.#files.get(segment);
    if (!file) return false;
    closeSync(file.fd);
    if (file.directFd !== undefined) closeSync(file.directFd);
    this.#files.delete(segment);
    this.#dirty.delete(segment);
    rmSync(this.#path(segment), { force: true });
    this.#syncDir();
    return true;
  }

  /** Closes every file, cutting the padding of direct writes off their ends. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const f of this.#files.values()) {
      if (f.size > f.dataEnd) {
        try {
          if (fstatSync(f.fd).size > f.dataEnd) ftruncateSync(f.fd, f.dataEnd);
        } catch {
          // open() cuts it next time
        }
      }
      closeSync(f.fd);
      if (f.directFd !== undefined) closeSync(f.directFd);
    }
    this.#files.clear();
    this.#staging.length = 0;
  }

  #checkOpen(): void {
    if (this.#closed) throw new SegmentWriteError('the segment log is closed');
  }

  #file(segment: number): SegmentFile {
    const f = this.#files.get(segment);
    if (!f) throw new SegmentWriteError(`segment ${segment} is not open`);
    return f;
  }

  #path(segment: number): string {
    return join(this.#dir, segmentName(segment));
  }

  #newSegment(n: number): void {
    const fd = openSync(this.#path(n), 'wx+');
    this.#files.set(n, { fd, size: 0, dataEnd: 0 });
    this.#active = n;
    this.#syncDir();
  }

  #syncDir(): void {
    if (!this.#sync) return;
    const fd = openSync(this.#dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
