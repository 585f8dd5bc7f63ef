import { describe, expect, it } from 'vitest';
import { parseRangeHeader } from '../../../../node/daemon/range.ts';
import { DaemonRequestError, toHttpError } from '../../../../node/daemon/errors.ts';
import {
  BlobExpiredError,
  NotEnoughConfirmationsError,
  NotEnoughSliversError,
} from '../../../../node/client/errors.ts';

describe('parseRangeHeader', () => {
  it('accepts one closed range', () => {
    expect(parseRangeHeader('bytes=0-99')).toEqual({ start: 0, end: 99 });
    expect(parseRangeHeader(' bytes = 5 - 5 ')).toEqual({ start: 5, end: 5 });
  });
  it('refuses the forms Walrus refuses, with 416 INVALID_BYTE_RANGE', () => {
    for (const v of ['bytes=5-', 'bytes=-5', 'bytes=0-1,4-5', 'bytes=9-3', 'items=0-1', 'bytes=a-b']) {
      const e = (() => {
        try {
          parseRangeHeader(v);
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      expect(e).toBeInstanceOf(DaemonRequestError);
      const { httpCode, body } = toHttpError(e);
      expect(httpCode).toBe(416);
      expect(body.error.details[0].reason).toBe('INVALID_BYTE_RANGE');
    }
  });
});

describe('toHttpError', () => {
  it('maps client errors to Walrus answers', () => {
    expect(toHttpError(new BlobExpiredError('b', 2, 3))).toMatchObject({
      httpCode: 404,
      body: {
        error: {
          status: 'NOT_FOUND',
          details: [{ reason: 'BLOB_NOT_FOUND', metadata: { detail: 'expired' } }],
        },
      },
    });
    expect(toHttpError(new NotEnoughSliversError(1, 4)).httpCode).toBe(503);
    expect(toHttpError(new NotEnoughConfirmationsError(1, 7, [])).httpCode).toBe(504);
    const internal = toHttpError(new Error('boom'));
    expect(internal.httpCode).toBe(500);
    expect(internal.body.error.details[0].reason).toBe('INTERNAL_ERROR');
  });
});
