/**
 * Short descriptions of chain events for the live feed (isomorphic).
 * @packageDocumentation
 */
import { formatBytes, formatFrost } from './format.ts';
import type { EventDto } from './types.ts';

/** How an event reads in a feed: a short label, a tone for its badge, and a one-line detail. */
export interface EventView {
  label: string;
  tone: 'ok' | 'accent' | 'warn' | 'bad' | '';
  detail: string;
  blobId: string | null;
  /** A storage node the event is about (linked in the feed). */
  nodeId?: string;
}

/** The feed line of an event. */
export function describeEvent(e: EventDto): EventView {
  const blobId = typeof e.blobId === 'string' ? e.blobId : null;
  switch (e.type) {
    case 'BlobRegistered':
      return {
        label: 'registered',
        tone: 'accent',
        detail: `${formatBytes(Number(e.size))}, until epoch ${e.endEpoch}${e.deletable ? ', deletable' : ''}`,
        blobId,
      };
    case 'BlobCertified':
      return {
        label: e.isExtension ? 'extended' : 'certified',
        tone: 'ok',
        detail: e.isExtension ? `now until epoch ${e.endEpoch}` : `available until epoch ${e.endEpoch}`,
        blobId,
      };
    case 'BlobDeleted':
      return { label: 'deleted', tone: 'warn', detail: `object deleted in epoch ${e.epoch}`, blobId };
    case 'InvalidBlobID':
      return { label: 'invalid', tone: 'bad', detail: 'blob ID marked invalid', blobId };
    case 'EpochParametersSelected':
      return { label: 'params', tone: '', detail: `committee of epoch ${e.nextEpoch} selected`, blobId };
    case 'EpochChangeStart':
      return { label: 'epoch', tone: 'accent', detail: `epoch ${e.epoch} started`, blobId };
    case 'EpochChangeDone':
      return { label: 'epoch', tone: 'ok', detail: `epoch ${e.epoch}: shards in place`, blobId };
    case 'ShardsReceived': {
      const shards = Array.isArray(e.shards) ? e.shards.length : 0;
      return {
        label: 'shards',
        tone: '',
        detail: `${shards} shard${shards === 1 ? '' : 's'} received`,
        blobId,
      };
    }
    case 'NodeChallengeFailed':
      return {
        label: 'challenge',
        tone: 'bad',
        detail: `failed its storage challenges in epoch ${e.epoch}`,
        blobId,
        nodeId: String(e.nodeId),
      };
    case 'PricesUpdated':
      return {
        label: 'prices',
        tone: '',
        detail: `storage ${formatFrost(String(e.storagePrice))}, write ${formatFrost(String(e.writePrice))}`,
        blobId,
      };
    default:
      return { label: e.type, tone: '', detail: '', blobId };
  }
}
