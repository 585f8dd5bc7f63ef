/**
 * `walrus-ts info [epoch|committee|price|storage]`: system information from the configured chain.
 */
import type { Command } from 'commander';
import { HttpChainClient } from '../../../chain/embedded/http-client.ts';
import { resolveChainUrl } from '../../../chain/wallet.ts';
import type { SystemState } from '../../../chain/types.ts';
import { encodedBlobLength, storageUnits } from '../../../../shared/encoding/params.ts';
import { printJson } from '../../output.ts';

const FROST = 1_000_000_000n;

function wal(frost: bigint): string {
  const whole = frost / FROST;
  const frac = (frost % FROST).toString().padStart(9, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac} WAL` : `${whole} WAL`;
}

function section(s: SystemState, what: string): Record<string, unknown> {
  switch (what) {
    case 'epoch':
      return {
        epoch: s.epoch,
        epochState: s.epochState,
        epochDurationMs: s.epochDurationMs,
        epochStartMs: s.epochStartMs,
        maxEpochsAhead: s.maxEpochsAhead,
      };
    case 'committee':
      return {
        epoch: s.committee.epoch,
        nShards: s.nShards,
        members: s.committee.members.map((m) => ({
          nodeId: m.nodeId,
          name: m.name,
          peerId: m.peerId,
          multiaddrs: m.multiaddrs,
          weight: m.weight,
          shards: m.shards,
          publicKey: m.publicKey,
        })),
        ...(s.previousCommittee ? { previousCommitteeEpoch: s.previousCommittee.epoch } : {}),
      };
    case 'price': {
      const example = encodedBlobLength(1024 * 1024, s.nShards);
      return {
        storagePricePerUnitPerEpoch: s.storagePricePerUnit,
        writePricePerUnit: s.writePricePerUnit,
        unitBytes: 1024 * 1024,
        exampleOneMiBBlobOneEpoch:
          s.storagePricePerUnit * BigInt(storageUnits(example)) +
          s.writePricePerUnit * BigInt(storageUnits(example)),
      };
    }
    case 'storage':
      return { totalCapacity: s.totalCapacity, usedCapacity: s.usedCapacity, nShards: s.nShards };
    default:
      throw new Error(`unknown info section "${what}" (epoch, committee, price, storage)`);
  }
}

function human(s: SystemState, what: string): string {
  switch (what) {
    case 'epoch':
      return `epoch ${s.epoch} (${s.epochState.kind}), duration ${s.epochDurationMs / 1000} s, max ${s.maxEpochsAhead} epochs ahead`;
    case 'committee':
      return [
        `committee of epoch ${s.committee.epoch}: ${s.committee.members.length} members, ${s.nShards} shards`,
        ...s.committee.members.map(
          (m) => `  ${m.name} ${m.nodeId.slice(0, 10)}… weight ${m.weight} peer ${m.peerId}`,
        ),
      ].join('\n');
    case 'price':
      return `storage ${wal(s.storagePricePerUnit)} per MiB-unit per epoch, write ${wal(s.writePricePerUnit)} per MiB-unit`;
    case 'storage':
      return `capacity ${s.usedCapacity} of ${s.totalCapacity} bytes used (${s.nShards} shards)`;
    default:
      return '';
  }
}

/** Registers `info`. */
export function register(program: Command): void {
  program
    .command('info')
    .description('show chain information: epoch, committee, price, storage (all when omitted)')
    .argument('[section]', 'epoch | committee | price | storage')
    .option('--chain-url <url>', 'chain URL (default $WALRUS_TS_CHAIN_URL or http://127.0.0.1:9400)')
    .option('--json', 'JSON output')
    .action(async (what: string | undefined, opts: { chainUrl?: string; json?: boolean }) => {
      const client = new HttpChainClient({ url: resolveChainUrl(opts.chainUrl) });
      const s = await client.systemState();
      const sections = what ? [what] : ['epoch', 'committee', 'price', 'storage'];
      if (opts.json) {
        printJson(what ? section(s, what) : Object.fromEntries(sections.map((x) => [x, section(s, x)])));
      } else {
        for (const x of sections) {
          section(s, x);
          process.stdout.write(human(s, x) + '\n');
        }
      }
    });
}
