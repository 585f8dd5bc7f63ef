/**
 * A transport that tries a primary transport (libp2p) and, when the node could not be reached through it
 * (a {@link StorageNodeError} with `transport: true`), the fallback (the node's HTTP API). Application
 * answers (not found, rejected, busy) are final: they come from the node itself.
 * @packageDocumentation
 */
import { StorageNodeError } from '../errors.ts';
import type { StorageNodeRef, StorageNodeTransport } from './types.ts';

function isTransportFailure(e: unknown): boolean {
  return e instanceof StorageNodeError && e.transport;
}

/** Builds the fallback chain `primary -> fallback`. */
export function fallbackTransport(
  primary: StorageNodeTransport,
  fallback: StorageNodeTransport,
): StorageNodeTransport {
  const run = async <T>(
    node: StorageNodeRef,
    signal: AbortSignal | undefined,
    call: (t: StorageNodeTransport) => Promise<T>,
  ): Promise<T> => {
    try {
      return await call(primary);
    } catch (e) {
      if (!isTransportFailure(e) || signal?.aborted) throw e;
      try {
        return await call(fallback);
      } catch (e2) {
        // No HTTP endpoint, or unreachable too: report the primary failure, which is the more telling one.
        if (isTransportFailure(e2)) throw e;
        throw e2;
      }
    }
  };
  return {
    putMetadata: (node, blobId, metadata, o) =>
      run(node, o?.signal, (t) => t.putMetadata(node, blobId, metadata, o)),
    putSlivers: (node, blobId, slivers, o) =>
      run(node, o?.signal, (t) => t.putSlivers(node, blobId, slivers, o)),
    getMetadata: (node, blobId, o) => run(node, o?.signal, (t) => t.getMetadata(node, blobId, o)),
    getSlivers: (node, blobId, reqs, o) => run(node, o?.signal, (t) => t.getSlivers(node, blobId, reqs, o)),
    releaseSlivers(answer) {
      // Only the transport that lent the answer's memory takes it back.
      primary.releaseSlivers?.(answer);
      fallback.releaseSlivers?.(answer);
    },
    getConfirmation: (node, blobId, p, o) =>
      run(node, o?.signal, (t) => t.getConfirmation(node, blobId, p, o)),
    getBlobStatus: (node, blobId, o) => run(node, o?.signal, (t) => t.getBlobStatus(node, blobId, o)),
    getHealth: (node, o) => run(node, o?.signal, (t) => t.getHealth(node, o)),
  };
}
