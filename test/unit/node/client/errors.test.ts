import { describe, expect, it } from 'vitest';
import {
  NodeBlobNotRegisteredError,
  NodeBusyError,
  NodeInternalError,
  NodeInvalidResponseError,
  NodeNotFoundError,
  NodeShardNotAssignedError,
  NotEnoughConfirmationsError,
  RetryableClientError,
  storageNodeErrorFromReason,
} from '../../../../node/client/errors.ts';
import { mapLibp2pError } from '../../../../node/client/transport/libp2p.ts';
import { RemoteError, StreamTimeoutError, TooManyStreamsError } from '../../../../node/network/errors.ts';
import { StorageStatus } from '../../../../shared/protocol/headers.ts';

const node = { nodeId: '0x1', name: 'n1', peerId: 'p', multiaddrs: [] };

describe('storage-node error mapping', () => {
  it('maps reasons to classes with the right retryability', () => {
    const cases: [string, new (...a: never[]) => Error, boolean][] = [
      ['BLOB_NOT_REGISTERED', NodeBlobNotRegisteredError, true],
      ['SHARD_NOT_ASSIGNED', NodeShardNotAssignedError, false],
      ['NOT_ALL_SLIVERS_STORED', NodeBusyError, true],
      ['NOT_FOUND', NodeNotFoundError, false],
      ['VERIFICATION_FAILED', NodeInvalidResponseError, false],
      ['SOMETHING_ELSE', NodeInternalError, true],
    ];
    for (const [reason, cls, retryable] of cases) {
      const e = storageNodeErrorFromReason(reason, 'x');
      expect(e).toBeInstanceOf(cls);
      expect(e.retryable).toBe(retryable);
      expect(e.transport).toBe(false);
    }
  });

  it('maps libp2p request failures: application statuses, busy, and transport failures', () => {
    const notRegistered = mapLibp2pError(
      new RemoteError(StorageStatus.BLOB_NOT_REGISTERED, 'nope'),
      node,
      'put',
    );
    expect(notRegistered).toBeInstanceOf(NodeBlobNotRegisteredError);
    expect(mapLibp2pError(new RemoteError(7, 'gone'), node, 'get')).toBeInstanceOf(NodeNotFoundError);
    expect(mapLibp2pError(new TooManyStreamsError(8, true), node, 'get')).toBeInstanceOf(NodeBusyError);
    const timeout = mapLibp2pError(new StreamTimeoutError('idle', 10), node, 'get') as NodeInternalError;
    expect(timeout.code).toBe('CLIENT_NODE_UNREACHABLE');
    expect(timeout.transport).toBe(true);
    const dial = mapLibp2pError(new Error('ECONNREFUSED'), node, 'get') as NodeInternalError;
    expect(dial.transport).toBe(true);
    const ac = new AbortController();
    const reason = new Error('stop');
    ac.abort(reason);
    expect(mapLibp2pError(new Error('x'), node, 'get', ac.signal)).toBe(reason);
  });

  it('reports not enough confirmations as retryable with the failed nodes', () => {
    const e = new NotEnoughConfirmationsError(3, 7, [
      { nodeId: '0x1', name: 'n1', shards: [1, 2], code: 'CLIENT_NODE_UNREACHABLE', message: 'down' },
    ]);
    expect(e).toBeInstanceOf(RetryableClientError);
    expect(e.code).toBe('CLIENT_NOT_ENOUGH_CONFIRMATIONS');
    expect(e.message).toContain('n1: CLIENT_NODE_UNREACHABLE');
  });
});
