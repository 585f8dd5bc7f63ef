/** `walrus-ts node keygen --out keystore.json`: writes a fresh keystore (mode 0600) and prints its public parts. */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateKeystore, writeKeystore } from '../../../identity/keystore.ts';
import { printJson } from '../../output.ts';

/** Options of keygen. */
export interface KeygenOptions {
  out: string;
  force?: boolean;
  json?: boolean;
}

/** Generates and writes the keystore; prints peer ID, BLS public key and Sui address. */
export async function keygen(opts: KeygenOptions): Promise<void> {
  const ks = await generateKeystore();
  await mkdir(dirname(opts.out), { recursive: true, mode: 0o700 });
  await writeKeystore(opts.out, ks, { overwrite: opts.force ?? false });
  const info = {
    path: opts.out,
    peerId: ks.peerId.toString(),
    blsPublicKey: Buffer.from(ks.blsPublicKey).toString('hex'),
    suiAddress: ks.suiAddress,
  };
  if (opts.json) printJson(info);
  else {
    process.stdout.write(
      `wrote ${info.path}\n  peer ID        ${info.peerId}\n  BLS public key ${info.blsPublicKey}\n  Sui address    ${info.suiAddress}\n`,
    );
  }
}
