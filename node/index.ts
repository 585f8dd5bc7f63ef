/**
 * walrus-ts storage node: the composition root and the types consumers (CLI, devnet, tests) use.
 *
 * @example
 * ```ts
 * import { createStorageNode } from '#node/index.ts'
 * const node = await createStorageNode({ keystore, chain, storePath: './data/node.sqlite' })
 * await node.start()
 * ```
 * @packageDocumentation
 */
export {
  createStorageNode,
  storageNodeInitFromConfig,
  DEFAULT_NODE_LIMITS,
  type StorageNode,
  type StorageNodeInit,
  type StorageNodeLimits,
  type StorageNodeStatus,
} from './storage-node.ts';
export type { StorageNodeChain, StorageNodeComponents } from './components.ts';
export { createNodeMetrics, type NodeMetrics } from './metrics/metrics.ts';
export * from './service/errors.ts';
export type {
  RecoverySymbolsQuery,
  SliverRef,
  SliverUpload,
  StoreOutcomeName,
} from './service/storage-service.ts';
