/**
 * Strict BCS parsing and serialization helpers over `@mysten/bcs` types.
 *
 * @packageDocumentation
 */
import { BcsReader, type BcsType } from '@mysten/bcs';
import { WalrusTsError } from '../errors.ts';
import { BcsInvalidValueError, BcsTrailingBytesError, BcsTruncatedError } from './errors.ts';

/**
 * Parses exactly one value of `type` from `bytes`.
 *
 * Byte fields of the result may share memory with `bytes` (no copy is made of large payloads).
 * @throws BcsTruncatedError when the bytes end early
 * @throws BcsTrailingBytesError when bytes are left after the value
 * @throws BcsInvalidValueError for an unknown enum variant, a non-canonical ULEB128 or any other invalid value
 */
export function parseBcs<T, I>(type: BcsType<T, I>, bytes: Uint8Array): T {
  // The built-in readers bound some reads by the whole ArrayBuffer, not by the view: give them a buffer
  // that ends where the input ends.
  const input =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  const reader = new BcsReader(input);
  const position = (): number => (reader as unknown as { bytePosition: number }).bytePosition;
  let value: T;
  try {
    value = type.read(reader);
  } catch (err) {
    if (err instanceof WalrusTsError) throw err;
    if (isTruncation(err) || position() > input.length) {
      throw new BcsTruncatedError(type.name, input.length, err);
    }
    throw new BcsInvalidValueError(
      `BCS ${type.name}: ${err instanceof Error ? err.message : String(err)}`,
      err,
    );
  }
  if (position() > input.length) throw new BcsTruncatedError(type.name, input.length);
  if (position() < input.length) {
    throw new BcsTrailingBytesError(type.name, input.length - position());
  }
  return value;
}

function isTruncation(err: unknown): boolean {
  if (err instanceof RangeError) return true;
  return (
    err instanceof Error && /buffer overflow|out of (range|bounds)|outside the bounds/i.test(err.message)
  );
}

/** BCS bytes of `value`. @throws whatever `type` throws for a value of the wrong shape */
export function toBcs<T, I>(type: BcsType<T, I>, value: I): Uint8Array {
  return type.serialize(value).toBytes();
}
