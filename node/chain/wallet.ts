/**
 * Wallet files and chain connection settings shared by the CLI, the client and the daemon.
 *
 * A wallet file is JSON `{ "address": "0x…", "secretKey": "suiprivkey1…" }` (Sui bech32 Ed25519 key),
 * written with mode 0600. Default path: `$WALRUS_TS_WALLET` or `~/.walrus-ts/wallet.json`.
 * The chain URL: `--chain-url`, else `$WALRUS_TS_CHAIN_URL`, else {@link DEFAULT_CHAIN_URL}.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { WalrusTsError } from '../../shared/errors.ts';

/** Default port of the embedded chain's HTTP API. */
export const DEFAULT_CHAIN_PORT = 9400;
/** Default chain URL. */
export const DEFAULT_CHAIN_URL = `http://127.0.0.1:${DEFAULT_CHAIN_PORT}`;

/** The wallet file is missing, unreadable or not a wallet. */
export class WalletFileError extends WalrusTsError {
  static readonly name = 'WalletFileError';
  constructor(message: string) {
    super(message, 'CHAIN_WALLET_FILE');
  }
}

/** Chain URL from an explicit option, the environment or the default. */
export function resolveChainUrl(explicit?: string): string {
  return explicit ?? process.env.WALRUS_TS_CHAIN_URL ?? DEFAULT_CHAIN_URL;
}

/** Wallet path from an explicit option, the environment or the default. */
export function resolveWalletPath(explicit?: string): string {
  return explicit ?? process.env.WALRUS_TS_WALLET ?? join(homedir(), '.walrus-ts', 'wallet.json');
}

/**
 * Creates a wallet file with a new Ed25519 key (mode 0600; directory 0700).
 * @throws WalletFileError when the file exists and `force` is not set
 */
export function createWallet(path: string, force = false): Ed25519Keypair {
  if (existsSync(path) && !force) throw new WalletFileError(`wallet ${path} already exists (use --force)`);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const kp = Ed25519Keypair.generate();
  writeFileSync(
    path,
    JSON.stringify({ address: kp.toSuiAddress(), secretKey: kp.getSecretKey() }, null, 2) + '\n',
    {
      mode: 0o600,
    },
  );
  chmodSync(path, 0o600);
  return kp;
}

/**
 * Loads the key of a wallet file.
 * @throws WalletFileError
 */
export function loadWallet(path: string): Ed25519Keypair {
  let j: { secretKey?: unknown };
  try {
    j = JSON.parse(readFileSync(path, 'utf8')) as { secretKey?: unknown };
  } catch (e) {
    throw new WalletFileError(
      `cannot read wallet ${path}: ${(e as Error).message} (create one: walrus-ts wallet new)`,
    );
  }
  if (typeof j.secretKey !== 'string') throw new WalletFileError(`wallet ${path} has no secretKey`);
  try {
    return Ed25519Keypair.fromSecretKey(j.secretKey);
  } catch (e) {
    throw new WalletFileError(`wallet ${path} has an invalid key: ${(e as Error).message}`);
  }
}
