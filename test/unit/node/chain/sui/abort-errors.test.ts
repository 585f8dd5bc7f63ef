import { describe, it, expect } from 'vitest';
import type { SuiClientTypes } from '@mysten/sui/client';
import { chainErrorFromExecution } from '../../../../../node/chain/sui/abort-errors.ts';
import {
  BlobAlreadyCertifiedError,
  BlobExpiredError,
  EpochStateError,
  InsufficientBalanceError,
  InsufficientCapacityError,
  InvalidCertificateError,
  InvalidTransactionError,
  QuorumNotReachedError,
  StorageExpiredError,
  StorageTooSmallError,
  WrongEpochError,
} from '../../../../../node/chain/errors.ts';

function abort(module: string, code: number, constantName?: string): SuiClientTypes.ExecutionError {
  return {
    $kind: 'MoveAbort',
    message: `MoveAbort in ${module} with code ${code}`,
    MoveAbort: {
      abortCode: String(code),
      location: { module },
      ...(constantName ? { cleverError: { constantName } } : {}),
    },
  } as SuiClientTypes.ExecutionError;
}

describe('chainErrorFromExecution', () => {
  it('maps Walrus aborts by constant name', () => {
    expect(chainErrorFromExecution(abort('blob', 3, 'EResourceSize'), 'registerBlob')).toBeInstanceOf(
      StorageTooSmallError,
    );
    expect(
      chainErrorFromExecution(abort('bls_aggregate', 1, 'ESigVerification'), 'certifyBlob'),
    ).toBeInstanceOf(InvalidCertificateError);
    expect(
      chainErrorFromExecution(abort('staking_inner', 1, 'EInvalidSyncEpoch'), 'epochSyncDone'),
    ).toBeInstanceOf(EpochStateError);
  });

  it('falls back to abort codes when no constant name is reported', () => {
    expect(chainErrorFromExecution(abort('bls_aggregate', 2), 'certifyBlob')).toBeInstanceOf(
      QuorumNotReachedError,
    );
    expect(chainErrorFromExecution(abort('blob', 5), 'certifyBlob')).toBeInstanceOf(
      BlobAlreadyCertifiedError,
    );
    expect(chainErrorFromExecution(abort('system_state_inner', 1), 'reserveSpace')).toBeInstanceOf(
      InsufficientCapacityError,
    );
    expect(chainErrorFromExecution(abort('messages', 1), 'certifyBlob')).toBeInstanceOf(WrongEpochError);
    expect(chainErrorFromExecution(abort('balance', 2), 'reserveSpace')).toBeInstanceOf(
      InsufficientBalanceError,
    );
  });

  it('tells an expired blob from expired storage by operation', () => {
    expect(chainErrorFromExecution(abort('blob', 2, 'EResourceBounds'), 'registerBlob')).toBeInstanceOf(
      StorageExpiredError,
    );
    expect(chainErrorFromExecution(abort('blob', 2, 'EResourceBounds'), 'certifyBlob')).toBeInstanceOf(
      BlobExpiredError,
    );
  });

  it('gives InvalidTransactionError with the Sui message otherwise', () => {
    const e = chainErrorFromExecution(abort('unknown_module', 9), 'burnBlob');
    expect(e).toBeInstanceOf(InvalidTransactionError);
    expect(e.message).toContain('burnBlob');
    const other = chainErrorFromExecution(
      { $kind: 'Unknown', message: 'InsufficientGas', Unknown: null } as SuiClientTypes.ExecutionError,
      'transfer',
    );
    expect(other).toBeInstanceOf(InvalidTransactionError);
    expect(other.message).toContain('InsufficientGas');
  });
});
