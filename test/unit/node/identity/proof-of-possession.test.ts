import { bls12381_min_pk_verify } from '@mysten/walrus-wasm';
import { describe, expect, it } from 'vitest';
import { encodeProofOfPossessionMessage } from '../../../../shared/bcs/messages.ts';
import { InvalidProofOfPossessionInputError } from '../../../../node/identity/errors.ts';
import { generateKeystore } from '../../../../node/identity/keystore.ts';
import {
  proofOfPossessionMessage,
  signProofOfPossession,
  verifyProofOfPossession,
} from '../../../../node/identity/proof-of-possession.ts';

describe('BLS proof of possession', () => {
  const pk = Uint8Array.from({ length: 48 }, (_, i) => i + 100);
  const address = '0x' + '11'.repeat(31) + 'ab';

  it('lays out intent(0,0,3) || epoch u32 LE || address || pk (87 bytes)', () => {
    const msg = proofOfPossessionMessage(0x01020304, address, pk);
    expect(msg.byteLength).toBe(87);
    expect([...msg.subarray(0, 7)]).toEqual([0, 0, 3, 4, 3, 2, 1]);
    expect(Buffer.from(msg.subarray(7, 39)).toString('hex')).toBe('11'.repeat(31) + 'ab');
    expect([...msg.subarray(39)]).toEqual([...pk]);
    // same bytes as the shared/bcs twin this builder will move to
    expect([...msg]).toEqual([...encodeProofOfPossessionMessage(0x01020304, address, pk)]);
    // short addresses are left-padded
    expect(proofOfPossessionMessage(1, '0x2', pk)[38]).toBe(2);
  });

  it('signs with the keystore BLS key; verifies here and in the official Walrus wasm', async () => {
    const ks = await generateKeystore();
    const sig = signProofOfPossession(ks.blsSecretKey, 7, ks.suiAddress);
    expect(sig.byteLength).toBe(96);
    expect(verifyProofOfPossession(sig, ks.blsPublicKey, 7, ks.suiAddress)).toBe(true);
    expect(verifyProofOfPossession(sig, ks.blsPublicKey, 8, ks.suiAddress)).toBe(false);
    expect(verifyProofOfPossession(new Uint8Array(96), ks.blsPublicKey, 7, ks.suiAddress)).toBe(false);
    const msg = proofOfPossessionMessage(7, ks.suiAddress, ks.blsPublicKey);
    expect(bls12381_min_pk_verify(sig, ks.blsPublicKey, msg)).toBe(true);
  });

  it('rejects bad inputs', () => {
    expect(() => proofOfPossessionMessage(-1, address, pk)).toThrow(InvalidProofOfPossessionInputError);
    expect(() => proofOfPossessionMessage(2 ** 32, address, pk)).toThrow(InvalidProofOfPossessionInputError);
    expect(() => proofOfPossessionMessage(1, 'xyz', pk)).toThrow(InvalidProofOfPossessionInputError);
    expect(() => proofOfPossessionMessage(1, new Uint8Array(31), pk)).toThrow(
      InvalidProofOfPossessionInputError,
    );
    expect(() => proofOfPossessionMessage(1, address, new Uint8Array(96))).toThrow(
      InvalidProofOfPossessionInputError,
    );
  });
});
