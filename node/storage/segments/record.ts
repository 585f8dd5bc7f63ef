/**
 * The record format of sliver segment files. A segment is a sequence of records, each a fixed 52-byte
 * header followed by the sliver bytes:
 *
 * | offset | bytes | field |
 * |---|---|---|
 * | 0 | 4 | magic `WTSL` |
 * | 4 | 1 | format version (1) |
 * | 5 | 1 | axis: 0 primary, 1 secondary |
 * | 6 | 2 | shard, u16 LE |
 * | 8 | 4 | data length, u32 LE |
 * | 12 | 4 | CRC-32 of the data |
 * | 16 | 32 | blob ID |
 * | 48 | 4 | CRC-32 of bytes 0..47 |
 *
 * The index (SQLite `sliver_index`) is the source of truth for which records are live; the headers make a
 * segment self-describing, so a tool can check or rebuild it without the database.
 */
import { createRequire } from 'node:module';
import { crc32 as zlibCrc32 } from 'node:zlib';

/** Bytes of a record header. */
export const RECORD_HEADER_BYTES = 52;

const MAGIC = 0x4c535457; // 'WTSL' little-endian
const VERSION = 1;

/** A record's key and bytes. */
export interface SegmentRecordInput {
  blobId: Uint8Array;
  shard: number;
  /** 0 primary, 1 secondary. */
  axis: 0 | 1;
  data: Uint8Array;
}

/** A decoded record header. */
export interface RecordHeader {
  blobId: Uint8Array;
  shard: number;
  axis: 0 | 1;
  length: number;
  crc32: number;
}

/**
 * crc32fast through @node-rs/crc32 (prebuilt, PCLMULQDQ folding): 6.5-7 GB/s here against 2.4 GB/s for
 * zlib's `crc32`, which stays the fallback where no prebuilt binary loads. Same values (CRC-32, IEEE).
 */
const crc32: (data: Uint8Array) => number = (() => {
  try {
    const lib = createRequire(import.meta.url)('@node-rs/crc32') as { crc32(data: Uint8Array): number };
    const probe = new TextEncoder().encode('123456789');
    if (lib.crc32(probe) >>> 0 === 0xcbf43926) return lib.crc32;
  } catch {
    // no prebuilt binary for this platform
  }
  return zlibCrc32;
})();

/** CRC-32 (IEEE) of `data`. */
export function checksum(data: Uint8Array): number {
  return crc32(data) >>> 0;
}

/** The 52-byte header of a record whose data has CRC-32 `dataCrc`. */
export function encodeRecordHeader(r: SegmentRecordInput, dataCrc: number): Uint8Array {
  const h = new Uint8Array(RECORD_HEADER_BYTES);
  const v = new DataView(h.buffer);
  v.setUint32(0, MAGIC, true);
  h[4] = VERSION;
  h[5] = r.axis;
  v.setUint16(6, r.shard, true);
  v.setUint32(8, r.data.byteLength, true);
  v.setUint32(12, dataCrc, true);
  h.set(r.blobId, 16);
  v.setUint32(48, checksum(h.subarray(0, 48)), true);
  return h;
}

/** Decodes a record header; undefined when the bytes are not a valid header (torn or foreign bytes). */
export function decodeRecordHeader(h: Uint8Array): RecordHeader | undefined {
  if (h.byteLength < RECORD_HEADER_BYTES) return undefined;
  const v = new DataView(h.buffer, h.byteOffset, RECORD_HEADER_BYTES);
  if (v.getUint32(0, true) !== MAGIC || h[4] !== VERSION || h[5] > 1) return undefined;
  if (v.getUint32(48, true) !== checksum(h.subarray(0, 48))) return undefined;
  return {
    axis: h[5] as 0 | 1,
    shard: v.getUint16(6, true),
    length: v.getUint32(8, true),
    crc32: v.getUint32(12, true),
    blobId: h.slice(16, 48),
  };
}
