/**
 * `walrus-ts node`: runs a storage node until SIGINT/SIGTERM, then stops it cleanly (HTTP API, event
 * follower, libp2p, store, in that order) and exits 0.
 */
import { mkdirSync } from 'node:fs';
import { HttpChainClient } from '../../../chain/embedded/http-client.ts';
import { loadNodeConfig } from '../../../config/config.ts';
import { readKeystore } from '../../../identity/keystore.ts';
import { createStorageNode, storageNodeInitFromConfig } from '../../../storage-node.ts';
import { printJson } from '../../output.ts';
import { createCliLogger } from './logger.ts';
import { configFlags } from './options.ts';

/** Options of the run command (config flags plus these). */
export interface RunOptions extends Record<string, unknown> {
  config?: string;
  logFile?: string;
  json?: boolean;
}

/** Starts the node and resolves once it has stopped after a signal. */
export async function runNode(opts: RunOptions): Promise<void> {
  const config = await loadNodeConfig(opts.config, { flags: configFlags(opts) });
  const keystore = await readKeystore(config.keystorePath);
  mkdirSync(config.dataDir, { recursive: true });
  const log = createCliLogger({ file: opts.logFile });
  // Signed with the operator's Sui key: the node reports epoch_sync_done, invalidates blob IDs and reports
  // failed storage challenges with it.
  const chain = new HttpChainClient({ url: config.chain.endpoint, signer: keystore.suiKeypair });
  const node = await createStorageNode({
    ...storageNodeInitFromConfig(config, keystore, chain),
    chainWriter: chain,
    logger: log.logger,
  });
  await node.start();
  const view = node.components.committee.view;
  const info = {
    peerId: node.peerId.toString(),
    multiaddrs: node.getMultiaddrs().map((a) => a.toString()),
    apiUrl: node.apiUrl,
    epoch: view.epoch,
    shards: [...view.ownedShards].sort((a, b) => a - b),
    dataDir: config.dataDir,
  };
  if (opts.json) printJson({ started: info });
  else log.info('walrus-ts:cli:node', 'started %j', info);

  await new Promise<void>((resolve) => {
    const onSignal = (sig: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      log.info('walrus-ts:cli:node', 'received %s, stopping', sig);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await node.stop();
  await chain.close();
  if (opts.json) printJson({ stopped: { peerId: info.peerId } });
  else log.info('walrus-ts:cli:node', 'stopped');
}
