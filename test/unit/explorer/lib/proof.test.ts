import { describe, it, expect } from 'vitest';
import { encodeInvalidBlobIdMessage, encodeStorageConfirmation } from '../../../../shared/bcs/messages.ts';
import { aggregateSignatures, generateKeyPair, hashMessage, sign } from '../../../../shared/crypto/bls.ts';
import { blobIdToString } from '../../../../shared/encoding/blob-id.ts';
import { quorumThreshold, verifyAvailabilityProof } from '../../../../explorer/lib/proof.ts';
import type { ProofDto } from '../../../../explorer/lib/types.ts';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const keys = [0, 1, 2, 3].map((i) => generateKeyPair(new Uint8Array(32).fill(90 + i)));
const weights = [3, 3, 2, 2];
const blobIdBytes = new Uint8Array(32).map((_, i) => i * 7 + 1);
const blobId = blobIdToString(blobIdBytes);
const objectId = '0x' + 'ab'.repeat(32);

function proofFor(
  signers: number[],
  opts: { epoch?: number; message?: Uint8Array; deletable?: boolean; signWith?: number[] } = {},
): ProofDto {
  const epoch = opts.epoch ?? 5;
  const message =
    opts.message ??
    encodeStorageConfirmation({
      epoch,
      blobId: blobIdBytes,
      persistence: opts.deletable
        ? { kind: 'deletable', objectId: new Uint8Array(Buffer.from(objectId.slice(2), 'hex')) }
        : { kind: 'permanent' },
    });
  const h = hashMessage(message);
  const signature = aggregateSignatures((opts.signWith ?? signers).map((i) => sign(h, keys[i].secretKey)));
  let shard = 0;
  return {
    objectId,
    deletable: opts.deletable ?? false,
    certifiedEpoch: 5,
    tx: { digest: 'D1gest', sender: '0x' + '11'.repeat(32), timestampMs: 1, epoch: 5, kind: 'certify_blob' },
    certificate: { signers, message: b64(message), signature: b64(signature) },
    committee: {
      epoch: 5,
      nShards: 10,
      members: keys.map((k, i) => ({
        nodeId: '0x' + String(i).repeat(64),
        name: `node-${i}`,
        peerId: `peer-${i}`,
        multiaddrs: [],
        publicKey: b64(k.publicKey),
        weight: weights[i],
        shards: Array.from({ length: weights[i] }, () => shard++),
      })),
    },
  };
}

const failed = (v: ReturnType<typeof verifyAvailabilityProof>) =>
  v.checks.filter((c) => !c.ok).map((c) => c.id);

describe('availability proof verifier', () => {
  it('verifies a real certificate signed by a quorum', () => {
    const v = verifyAvailabilityProof({ blobId, proof: proofFor([0, 1, 2]) });
    expect(failed(v)).toEqual([]);
    expect(v.verified).toBe(true);
    expect(v.signerWeight).toBe(8);
    expect(v.quorumWeight).toBe(7);
    expect(v.decoded).toMatchObject({
      intentType: 1,
      intentVersion: 0,
      appId: 3,
      epoch: 5,
      blobId,
      persistence: 'permanent',
    });
    expect(v.aggregateKey).toMatch(/^[0-9a-f]{96}$/);
  });

  it('verifies a deletable certificate bound to its object ID', () => {
    const v = verifyAvailabilityProof({ blobId, proof: { ...proofFor([0, 1, 2, 3], { deletable: true }) } });
    expect(v.verified).toBe(true);
    expect(v.decoded?.objectId).toBe(objectId);
  });

  it('rejects a tampered signature', () => {
    const p = proofFor([0, 1, 2]);
    const sig = Buffer.from(p.certificate.signature, 'base64');
    const other = proofFor([0, 1, 3]);
    // A valid signature by other signers: parses, but does not verify for signers 0, 1, 2.
    const v1 = verifyAvailabilityProof({
      blobId,
      proof: { ...p, certificate: { ...p.certificate, signature: other.certificate.signature } },
    });
    expect(v1.verified).toBe(false);
    expect(failed(v1)).toEqual(['signature']);
    sig[10] ^= 1;
    const v2 = verifyAvailabilityProof({
      blobId,
      proof: { ...p, certificate: { ...p.certificate, signature: b64(sig) } },
    });
    expect(failed(v2)).toEqual(['signature']);
  });

  it('rejects a signer list that does not match who signed', () => {
    const v = verifyAvailabilityProof({ blobId, proof: proofFor([0, 1, 2], { signWith: [0, 1] }) });
    expect(failed(v)).toEqual(['signature']);
  });

  it('flags an under-quorum certificate even with a valid signature', () => {
    const v = verifyAvailabilityProof({ blobId, proof: proofFor([0, 1]) });
    expect(v.signerWeight).toBe(6);
    expect(failed(v)).toEqual(['quorum']);
    expect(v.verified).toBe(false);
    expect(v.checks.find((c) => c.id === 'signature')?.ok).toBe(true);
  });

  it('rejects a message for another blob, another epoch, the wrong persistence or intent', () => {
    const otherBlob = blobIdToString(new Uint8Array(32).fill(3));
    expect(failed(verifyAvailabilityProof({ blobId: otherBlob, proof: proofFor([0, 1, 2]) }))).toEqual([
      'blobId',
    ]);
    expect(failed(verifyAvailabilityProof({ blobId, proof: proofFor([0, 1, 2], { epoch: 4 }) }))).toEqual([
      'epoch',
    ]);
    const permanentAsDeletable = { ...proofFor([0, 1, 2]), deletable: true };
    expect(failed(verifyAvailabilityProof({ blobId, proof: permanentAsDeletable }))).toEqual(['persistence']);
    const invalidMsg = proofFor([0, 1, 2], { message: encodeInvalidBlobIdMessage(5, blobIdBytes) });
    const v = verifyAvailabilityProof({ blobId, proof: invalidMsg });
    expect(v.verified).toBe(false);
    expect(failed(v)).toContain('message');
  });

  it('rejects out-of-range or duplicate signers without throwing', () => {
    for (const signers of [[0, 1, 7], [0, 0, 1, 2], []]) {
      const p = proofFor([0, 1, 2]);
      const v = verifyAvailabilityProof({
        blobId,
        proof: { ...p, certificate: { ...p.certificate, signers } },
      });
      expect(v.verified).toBe(false);
      expect(failed(v)).toContain('signers');
    }
  });

  it('computes the quorum threshold as ceil((2n+1)/3)', () => {
    expect([4, 7, 10, 100, 1000].map(quorumThreshold)).toEqual([3, 5, 7, 67, 667]);
  });
});
