/**
 * The one "ready" block `walrus-ts devnet` prints once every part of the devnet is up.
 */
import { relative } from 'node:path';
import type { DevnetReadyInfo } from './devnet.ts';
import { shardRanges } from './status.ts';

/** A path relative to the current directory when that is shorter. */
function short(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && rel.length < path.length ? rel : path;
}

/** The commands that store a file, read it back and check its status, for this devnet. */
export function exampleCommands(info: DevnetReadyInfo): string[] {
  return [
    `export WALRUS_TS_CHAIN_URL=${info.chainUrl} WALRUS_TS_WALLET=${short(info.userWallet)}`,
    'npm run -s walrus-ts -- store FILE --epochs 5',
    'npm run -s walrus-ts -- read BLOB_ID --out OUT',
    'npm run -s walrus-ts -- blob-status BLOB_ID',
    `curl -X PUT --data-binary @FILE '${info.daemonUrl}/v1/blobs?epochs=5'    # or over HTTP`,
    `curl -o OUT ${info.daemonUrl}/v1/blobs/BLOB_ID`,
    ...(info.explorerUrl ? [`open ${info.explorerUrl}/blobs/BLOB_ID`] : []),
  ];
}

/** The ready block: every URL, the nodes with their shards, and how to store a file. */
export function formatReadyBlock(info: DevnetReadyInfo): string {
  const bar = '='.repeat(78);
  const lines = [
    bar,
    `walrus-ts devnet ready (${info.created ? 'created' : 'resumed'}): epoch ${info.epoch}, ${info.nodes.length} storage nodes, ${info.nShards} shards, epochs of ${info.epochDurationSec} s`,
    '',
    `  chain API        ${info.chainUrl}`,
    `  publisher/aggr.  ${info.daemonUrl}   (PUT /v1/blobs, GET /v1/blobs/<blob id>)`,
    `  explorer         ${info.explorerUrl ?? '(disabled)'}${info.explorerBuilt ? `   (built now: ${info.explorerBuilt})` : ''}`,
    '',
    '  storage nodes (HTTP API, shards):',
    ...info.nodes.map(
      (n) =>
        `    ${n.name.padEnd(8)} ${n.apiUrl.padEnd(24)} ${String(n.shards.length).padStart(3)} shards  ${shardRanges(n.shards)}`,
    ),
    '',
    '  store a file, read it back, check it (from the repository root, in another terminal):',
    ...exampleCommands(info).map((c) => `    ${c}`),
    '',
    `  data ${short(info.dataDir)}  logs ${short(info.logsDir)}  status: npm run -s walrus-ts -- devnet status`,
    '  Ctrl-C stops everything; npm start again resumes this network (--fresh starts over).',
    bar,
  ];
  return lines.join('\n');
}
