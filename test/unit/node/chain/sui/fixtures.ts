/** Loads test/fixtures/sui/walrus-objects.json (bytes as hex, made by test/fixtures/sui/generate.ts). */
import { readFileSync } from 'node:fs';
import { fromHex } from '@mysten/sui/utils';

interface FixtureFile {
  inputs: {
    nodeIds: Record<'a' | 'b' | 'c' | 'd', string>;
    compressedKeys: Record<'a' | 'b' | 'c' | 'd', string>;
    nextKeyA: string;
    blobId: string;
  };
  objects: Record<string, string>;
  events: Record<string, string>;
}

export const fixture = JSON.parse(
  readFileSync(new URL('../../../../fixtures/sui/walrus-objects.json', import.meta.url), 'utf8'),
) as FixtureFile;

/** Bytes of a recorded object. */
export function objectBytes(name: string): Uint8Array {
  const hex = fixture.objects[name];
  if (hex === undefined) throw new Error(`no fixture object ${name}`);
  return fromHex(hex);
}

/** Bytes of a recorded event. */
export function eventBytes(name: string): Uint8Array {
  const hex = fixture.events[name];
  if (hex === undefined) throw new Error(`no fixture event ${name}`);
  return fromHex(hex);
}
