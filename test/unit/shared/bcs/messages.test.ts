import { describe, it, expect } from 'vitest';
import {
  decodeInvalidBlobIdMessage,
  decodeProtocolMessage,
  decodeSignersBitmap,
  decodeStorageConfirmation,
  decodeSyncShardMessage,
  encodeInvalidBlobIdMessage,
  encodeProofOfPossessionMessage,
  encodeSignersBitmap,
  encodeStorageConfirmation,
  encodeSyncShardMessage,
  InvalidProtocolMessageError,
  InvalidSignersBitmapFormatError,
  MessageCertificateBcs,
  SignedMessageBcs,
} from '../../../../shared/bcs/messages.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const blobId = new Uint8Array(32).fill(7);

describe('storage confirmation', () => {
  it('permanent: 40 bytes, header 01 00 03, epoch LE, blob ID, 00 (walrus-core test vector shape)', () => {
    const bytes = encodeStorageConfirmation({ epoch: 21, blobId, persistence: { kind: 'permanent' } });
    expect(bytes.length).toBe(40);
    expect(hex(bytes)).toBe('010003' + '15000000' + '07'.repeat(32) + '00');
    expect(decodeStorageConfirmation(bytes)).toEqual({
      epoch: 21,
      blobId,
      persistence: { kind: 'permanent' },
    });
  });

  it('deletable: 72 bytes with tag 01 and the object ID', () => {
    const objectId = new Uint8Array(32).fill(0xab);
    const bytes = encodeStorageConfirmation({
      epoch: 0x01020304,
      blobId,
      persistence: { kind: 'deletable', objectId },
    });
    expect(bytes.length).toBe(72);
    expect(hex(bytes)).toBe('010003' + '04030201' + '07'.repeat(32) + '01' + 'ab'.repeat(32));
    const back = decodeStorageConfirmation(bytes);
    expect(back.persistence).toEqual({ kind: 'deletable', objectId });
  });

  it('rejects wrong intent, bad tag, short body', () => {
    const inv = encodeInvalidBlobIdMessage(1, blobId);
    expect(() => decodeStorageConfirmation(inv)).toThrow(InvalidProtocolMessageError);
    const bad = encodeStorageConfirmation({ epoch: 1, blobId, persistence: { kind: 'permanent' } });
    bad[39] = 2;
    expect(() => decodeStorageConfirmation(bad)).toThrow(InvalidProtocolMessageError);
    expect(() => decodeStorageConfirmation(bad.subarray(0, 20))).toThrow(InvalidProtocolMessageError);
    const wrongApp = encodeStorageConfirmation({ epoch: 1, blobId, persistence: { kind: 'permanent' } });
    wrongApp[2] = 4;
    expect(() => decodeStorageConfirmation(wrongApp)).toThrow(/app id/);
    expect(() =>
      encodeStorageConfirmation({ epoch: -1, blobId, persistence: { kind: 'permanent' } }),
    ).toThrow(InvalidProtocolMessageError);
  });
});

describe('invalid blob ID message', () => {
  it('is intent 2 with the 32-byte blob ID: 39 bytes', () => {
    const bytes = encodeInvalidBlobIdMessage(5, blobId);
    expect(hex(bytes)).toBe('020003' + '05000000' + '07'.repeat(32));
    expect(decodeInvalidBlobIdMessage(bytes)).toEqual({ epoch: 5, blobId });
  });
});

describe('sync shard request', () => {
  it('is intent 3 with V1 tag, u16 shard, u8 type, blob ID, u64 count, u32 epoch', () => {
    const req = {
      shardIndex: 0x0102,
      sliverType: 1 as const,
      startingBlobId: blobId,
      sliverCount: 10n,
      epoch: 9,
    };
    const bytes = encodeSyncShardMessage(9, req);
    expect(bytes.length).toBe(55);
    expect(hex(bytes)).toBe(
      '030003' + '09000000' + '00' + '0201' + '01' + '07'.repeat(32) + '0a00000000000000' + '09000000',
    );
    expect(decodeSyncShardMessage(bytes)).toEqual({ epoch: 9, request: req });
  });
});

describe('proof of possession message', () => {
  it('is intent 0, epoch, 32-byte address, 48-byte key (87 bytes)', () => {
    const pk = new Uint8Array(48).fill(0x11);
    const bytes = encodeProofOfPossessionMessage(2, '0x' + 'cd'.repeat(32), pk);
    expect(hex(bytes)).toBe('000003' + '02000000' + 'cd'.repeat(32) + '11'.repeat(48));
    const short = encodeProofOfPossessionMessage(0, '0x5', pk);
    expect(hex(short.subarray(7, 39))).toBe('00'.repeat(31) + '05');
    expect(() => encodeProofOfPossessionMessage(0, '0x5', pk.subarray(1))).toThrow(
      InvalidProtocolMessageError,
    );
  });
});

describe('signed message and certificate BCS', () => {
  it('SignedMessage = uleb len || message || uleb 96 || signature', () => {
    const sig = new Uint8Array(96).fill(9);
    const bytes = SignedMessageBcs.serialize({
      serializedMessage: new Uint8Array([1, 2, 3]),
      signature: sig,
    }).toBytes();
    expect(hex(bytes)).toBe('03010203' + '60' + '09'.repeat(96));
    expect(SignedMessageBcs.parse(bytes).signature).toEqual(sig);
  });

  it('certificate = vector<u16> signers || bytes || bytes', () => {
    const c = {
      signers: [0, 258],
      serializedMessage: new Uint8Array([5]),
      signature: new Uint8Array([6, 7]),
    };
    const bytes = MessageCertificateBcs.serialize(c).toBytes();
    expect(hex(bytes)).toBe('02' + '0000' + '0201' + '0105' + '020607');
    expect(MessageCertificateBcs.parse(bytes)).toEqual(c);
  });
});

describe('signers bitmap', () => {
  it('is LSB-first per byte, ceil(n/8) bytes', () => {
    expect([...encodeSignersBitmap([0, 2, 9], 10)]).toEqual([0b101, 0b10]);
    expect(decodeSignersBitmap(new Uint8Array([0b101, 0b10]), 10)).toEqual([0, 2, 9]);
    expect(decodeSignersBitmap(new Uint8Array([0xff]), 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('rejects bits past the member count, too long bitmaps, out-of-range or duplicate indices', () => {
    expect(() => decodeSignersBitmap(new Uint8Array([0, 0b100]), 10)).toThrow(
      InvalidSignersBitmapFormatError,
    );
    expect(() => decodeSignersBitmap(new Uint8Array([1, 0, 0]), 10)).toThrow(InvalidSignersBitmapFormatError);
    expect(() => encodeSignersBitmap([10], 10)).toThrow(InvalidSignersBitmapFormatError);
    expect(() => encodeSignersBitmap([1, 1], 10)).toThrow(InvalidSignersBitmapFormatError);
  });

  it('header decode reads the epoch little-endian', () => {
    expect(decodeProtocolMessage(new Uint8Array([1, 0, 3, 0xff, 0xff, 0xff, 0xff])).epoch).toBe(0xffffffff);
  });
});
