/**
 * The Walrus chain client over Sui: {@link createSuiChainClient} returns a {@link ChainClient} backed by a
 * Sui full node (gRPC) and the Walrus System/Staking objects of a deployment.
 *
 * @example
 * ```ts
 * import { createSuiChainClient } from './node/chain/sui/index.ts';
 * const chain = createSuiChainClient({ network: 'testnet' });   // read-only
 * const state = await chain.systemState();
 * console.log(state.epoch, state.committee.members.length);
 * ```
 * @see README.md in this folder; spec §6
 * @packageDocumentation
 */
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { resolveSuiConfig, type SuiChainClientConfig } from './config.ts';
import { SuiConfigError } from './errors.ts';
import { SuiChainClient, type SuiChainClientComponents } from './sui-chain-client.ts';

export * from './config.ts';
export * from './errors.ts';
export {
  SuiChainClient,
  type SuiChainClientComponents,
  type ResolvedDeploymentInfo,
} from './sui-chain-client.ts';

/**
 * Builds a Sui chain client from a configuration.
 * - `components.client` replaces the default `SuiGrpcClient({ network, baseUrl: rpcUrl })`;
 * - `components.signer` (or `config.secretKey`, a `suiprivkey1…` Ed25519 key) enables writes.
 * Nothing is read from the network until the first call.
 * @throws SuiConfigError for an invalid configuration or secret key
 */
export function createSuiChainClient(
  config: SuiChainClientConfig,
  components: Partial<SuiChainClientComponents> = {},
): SuiChainClient {
  const resolved = resolveSuiConfig(config);
  let signer = components.signer;
  if (!signer && config.secretKey !== undefined) {
    try {
      signer = Ed25519Keypair.fromSecretKey(config.secretKey);
    } catch (e) {
      throw new SuiConfigError(`secretKey is not a valid Ed25519 suiprivkey: ${(e as Error).message}`);
    }
  }
  const client =
    components.client ?? new SuiGrpcClient({ network: resolved.network, baseUrl: resolved.rpcUrl });
  return new SuiChainClient({ client, ...(signer ? { signer } : {}) }, resolved);
}
