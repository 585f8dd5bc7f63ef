/**
 * A storage node in its own OS process, for the SIGKILL test and the ingest benchmark.
 * Usage: node node-process.ts <chainUrl> <keystore.json> <dataDir>
 * Prints one JSON line `{"multiaddrs":[…],"peerId":…}` once started; stops on SIGTERM.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HttpChainClient } from '../../../node/chain/embedded/http-client.ts';
import { readKeystore } from '../../../node/identity/keystore.ts';
import { createStorageNode } from '../../../node/storage-node.ts';

const [chainUrl, keystorePath, dataDir] = process.argv.slice(2);
mkdirSync(dataDir, { recursive: true });
const keystore = await readKeystore(keystorePath);
const chain = new HttpChainClient({ url: chainUrl });
const node = await createStorageNode({
  keystore,
  chain,
  storePath: join(dataDir, 'node.sqlite'),
  api: false,
  events: { retryDelayMs: 100 },
  limits: { maxBatchBytes: 64 * 1024 * 1024 },
});
await node.start();
process.stdout.write(
  JSON.stringify({
    peerId: node.peerId.toString(),
    multiaddrs: node.getMultiaddrs().map((a) => a.toString()),
  }) + '\n',
);
process.once('SIGTERM', async () => {
  await node.stop();
  await chain.close();
  process.exit(0);
});
