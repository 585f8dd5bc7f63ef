/**
 * The walrus-ts client core: write and read flows, committee arithmetic, storage-node transports.
 *
 * Isomorphic parts (browser and Node): {@link WalrusClient}, the flows, `httpTransport`, `fallbackTransport`.
 * Node only: `createNodeClient` (node-client.ts) and `libp2pTransport` (transport/libp2p.ts); import them from
 * their files.
 *
 * @example
 * ```ts
 * import { WalrusClient, httpTransport } from '#node/client/index.ts'
 * const client = new WalrusClient({ chain, transport: httpTransport() })
 * const result = await client.writeBlob(new TextEncoder().encode('hello'), { epochs: 1 })
 * ```
 * @packageDocumentation
 */
export * from './client.ts';
export * from './committee.ts';
export * from './errors.ts';
export * from './results.ts';
export * from './types.ts';
export * from './flows/write-blob.ts';
export * from './flows/read-blob.ts';
export * from './transport/types.ts';
export * from './transport/endpoints.ts';
export * from './transport/http.ts';
export * from './transport/fallback.ts';
