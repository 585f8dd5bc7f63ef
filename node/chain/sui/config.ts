/**
 * Configuration of the Sui adapter: which Sui network, which Walrus deployment (System and Staking shared
 * objects, WAL coin type, optionally the package IDs) and how to sign.
 *
 * Known deployments (from the Walrus repository's `setup/client_config_*.yaml` and `*-contracts/**
 * /Published.toml`) are available as presets: `network: 'mainnet' | 'testnet'` fills every ID.
 * @see spec §6.1
 * @packageDocumentation
 */
import { isValidStructTag, normalizeStructTag, normalizeSuiObjectId } from '@mysten/sui/utils';
import { SuiConfigError } from './errors.ts';

/** IDs of one Walrus deployment on Sui. */
export interface WalrusDeployment {
  /** The shared `System` object. */
  readonly systemObjectId: string;
  /** The shared `Staking` object. */
  readonly stakingObjectId: string;
  /** WAL coin type, `<wal package>::wal::WAL`. */
  readonly walCoinType: string;
  /**
   * Package whose functions transactions call (the latest upgrade).
   * @default the System object's `package_id`, read once from the chain
   */
  readonly packageId?: string;
  /**
   * Package that first defined the Walrus types (event and object types are addressed by it).
   * @default the address of the System object's type, read once from the chain
   */
  readonly originalPackageId?: string;
}

/** Walrus mainnet. */
export const MAINNET_DEPLOYMENT: WalrusDeployment = {
  systemObjectId: '0x2134d52768ea07e8c43570ef975eb3e4c27a39fa6396bef985b5abc58d03ddd2',
  stakingObjectId: '0x10b9d30c28448939ce6c4d6c6e0ffce4a7f8a4ada8248bdad09ef8b70e4a3904',
  walCoinType: '0x356a26eb9e012a68958082340d4c4116e7f55615cf27affcff209cf0ae544f59::wal::WAL',
  originalPackageId: '0xfdc88f7d7cf30afab2f82e8380d11ee8f70efb90e863d1de8616fae1bb09ea77',
};

/** Walrus testnet (redeployed from time to time: check `walrus` docs if reads fail). */
export const TESTNET_DEPLOYMENT: WalrusDeployment = {
  systemObjectId: '0x6c2547cbbc38025cf3adac45f63cb0a8d12ecf777cdc75a4971612bf97fdf6af',
  stakingObjectId: '0xbe46180321c30aab2f8b3501e24048377287fa708018a5b7c2792b35fe339ee3',
  walCoinType: '0x8270feb7375eee355e64fdb69c50abb6b5f9393a722883c1cf45f8e26048810a::wal::WAL',
  originalPackageId: '0xd84704c17fc870b8764832c535aa6b11f21a95cd6f5bb38a9b07d2cf42220c66',
};

/** Default Sui full node (gRPC and JSON-RPC share the URL) per known network. */
export const DEFAULT_RPC_URLS = {
  mainnet: 'https://fullnode.mainnet.sui.io:443',
  testnet: 'https://fullnode.testnet.sui.io:443',
} as const;

/** Options of the adapter that are not IDs. */
export interface SuiAdapterOptions {
  /**
   * Delay between two polls of the event stream once caught up, ms.
   * @default 2000
   */
  readonly pollIntervalMs?: number;
  /**
   * Events asked per page when following events (servers cap it, usually at 50).
   * @default 50
   */
  readonly eventPageSize?: number;
  /**
   * Read every node's NodeMetadata (one extra read per node) to find walrus-ts libp2p peer IDs and
   * multiaddrs. Off: `peerId` is '' and `multiaddrs` holds only the REST endpoint.
   * @default false
   */
  readonly readNodeMetadata?: boolean;
  /**
   * secp256r1 network public key (33 bytes compressed) sent by registerCandidate; Walrus requires one.
   * @default none (registerCandidate then throws SuiConfigError)
   */
  readonly networkPublicKey?: Uint8Array;
  /**
   * Commission rate registerCandidate asks for, in basis points (0-10000).
   * @default 0
   */
  readonly commissionRateBps?: number;
  /**
   * Blob IDs remembered from followed events for getBlobIdInfo (oldest forgotten first).
   * @default 100000
   */
  readonly maxIndexedBlobIds?: number;
}

/** What {@link createSuiChainClient} accepts. */
export interface SuiChainClientConfig extends Partial<WalrusDeployment>, SuiAdapterOptions {
  /** A known deployment: fills the IDs and the RPC URL (fields given here win). */
  readonly network?: 'mainnet' | 'testnet';
  /** Sui full node URL for gRPC (e.g. https://fullnode.testnet.sui.io:443). Required without `network`. */
  readonly rpcUrl?: string;
  /**
   * Signing key: a Bech32 `suiprivkey1…` string (Ed25519). Without it the client only reads and every
   * write throws MissingSignerError.
   */
  readonly secretKey?: string;
}

/** A validated configuration: normalized IDs, every option defaulted. */
export interface ResolvedSuiConfig extends Required<Omit<SuiAdapterOptions, 'networkPublicKey'>> {
  readonly network: string;
  readonly rpcUrl: string;
  readonly deployment: WalrusDeployment;
  readonly networkPublicKey?: Uint8Array;
}

function objectId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(value)) {
    throw new SuiConfigError(`${field} must be a Sui object ID (0x + up to 64 hex), got ${String(value)}`);
  }
  return normalizeSuiObjectId(value);
}

function positiveInt(value: number | undefined, fallback: number, field: string, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0 || value > max) {
    throw new SuiConfigError(`${field} must be an integer in [1, ${max}], got ${value}`);
  }
  return value;
}

/**
 * Checks and completes a configuration.
 * @throws SuiConfigError naming the first missing or invalid field: object IDs, coin type (`0x…::wal::WAL`
 *   form), RPC URL (http/https), options out of range, a network public key not 33 bytes
 */
export function resolveSuiConfig(config: SuiChainClientConfig): ResolvedSuiConfig {
  if (config.network !== undefined && config.network !== 'mainnet' && config.network !== 'testnet') {
    throw new SuiConfigError(`network must be 'mainnet' or 'testnet', got ${String(config.network)}`);
  }
  const preset =
    config.network === 'mainnet'
      ? MAINNET_DEPLOYMENT
      : config.network === 'testnet'
        ? TESTNET_DEPLOYMENT
        : undefined;
  const rpcUrl = config.rpcUrl ?? (config.network ? DEFAULT_RPC_URLS[config.network] : undefined);
  if (rpcUrl === undefined) throw new SuiConfigError('rpcUrl is required when no network is named');
  let url: URL;
  try {
    url = new URL(rpcUrl);
  } catch {
    throw new SuiConfigError(`rpcUrl is not a URL: ${rpcUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SuiConfigError(`rpcUrl must be http(s), got ${url.protocol}`);
  }
  const pick = <K extends keyof WalrusDeployment>(k: K): WalrusDeployment[K] | undefined =>
    config[k] ?? preset?.[k];
  for (const k of ['systemObjectId', 'stakingObjectId', 'walCoinType'] as const) {
    if (pick(k) === undefined) throw new SuiConfigError(`${k} is required when no network is named`);
  }
  const walCoinType = pick('walCoinType') as string;
  if (
    !isValidStructTag(walCoinType) ||
    !/::[A-Za-z_][A-Za-z0-9_]*::[A-Za-z_][A-Za-z0-9_]*$/.test(walCoinType)
  ) {
    throw new SuiConfigError(`walCoinType must be a coin type like 0x…::wal::WAL, got ${walCoinType}`);
  }
  const packageId = pick('packageId');
  const originalPackageId = pick('originalPackageId');
  const deployment: WalrusDeployment = {
    systemObjectId: objectId(pick('systemObjectId'), 'systemObjectId'),
    stakingObjectId: objectId(pick('stakingObjectId'), 'stakingObjectId'),
    walCoinType: normalizeStructTag(walCoinType),
    ...(packageId !== undefined ? { packageId: objectId(packageId, 'packageId') } : {}),
    ...(originalPackageId !== undefined
      ? { originalPackageId: objectId(originalPackageId, 'originalPackageId') }
      : {}),
  };
  if (config.networkPublicKey !== undefined && config.networkPublicKey.length !== 33) {
    throw new SuiConfigError(`networkPublicKey must be 33 bytes, got ${config.networkPublicKey.length}`);
  }
  const commission = config.commissionRateBps ?? 0;
  if (!Number.isInteger(commission) || commission < 0 || commission > 10_000) {
    throw new SuiConfigError(`commissionRateBps must be an integer in [0, 10000], got ${commission}`);
  }
  return {
    network: config.network ?? 'custom',
    rpcUrl,
    deployment,
    pollIntervalMs: positiveInt(config.pollIntervalMs, 2000, 'pollIntervalMs', 3_600_000),
    eventPageSize: positiveInt(config.eventPageSize, 50, 'eventPageSize', 1000),
    readNodeMetadata: config.readNodeMetadata ?? false,
    commissionRateBps: commission,
    maxIndexedBlobIds: positiveInt(config.maxIndexedBlobIds, 100_000, 'maxIndexedBlobIds', 100_000_000),
    ...(config.networkPublicKey ? { networkPublicKey: Uint8Array.from(config.networkPublicKey) } : {}),
  };
}
