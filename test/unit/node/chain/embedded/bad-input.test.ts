import { describe, it, expect, beforeEach } from 'vitest';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { encodeProofOfPossessionMessage } from '../../../../../shared/bcs/messages.ts';
import { sign } from '../../../../../shared/crypto/bls.ts';
import { encodedBlobLength } from '../../../../../shared/encoding/params.ts';
import {
  BlobAlreadyCertifiedError,
  BlobIdMismatchError,
  BlobNotDeletableError,
  ChainError,
  InsufficientBalanceError,
  InvalidCertificateError,
  InvalidMessageError,
  InvalidProofOfPossessionError,
  InvalidSignersBitmapError,
  InvalidTransactionSignatureError,
  NotOwnerError,
  ObjectNotFoundError,
  QuorumNotReachedError,
  StorageExpiredError,
  StorageTooSmallError,
  TransactionReplayedError,
  WrongEpochError,
} from '../../../../../node/chain/errors.ts';
import { InProcessChainClient } from '../../../../../node/chain/embedded/in-process-client.ts';
import type { Ledger } from '../../../../../node/chain/embedded/ledger.ts';
import { signTx } from '../../../../../node/chain/embedded/tx.ts';
import type { BlobObject, SystemState } from '../../../../../node/chain/types.ts';
import {
  blobFor,
  blsKey,
  certify,
  confirmation,
  createChain,
  encodeInvalidBlobIdMessage,
  snapshot,
  type TestNode,
} from './fixtures.ts';

const SIZE = 1000;
const ENC = encodedBlobLength(SIZE, 10);

async function expectRejected(
  ledger: Ledger,
  fn: () => Promise<unknown>,
  cls: new (...a: never[]) => ChainError,
) {
  const before = snapshot(ledger);
  const err = await fn().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(cls);
  expect((err as ChainError).code).toMatch(/^CHAIN_/);
  expect(snapshot(ledger)).toBe(before);
}

describe('embedded chain rejects bad input with typed errors and leaves the ledger unchanged', () => {
  let ledger: Ledger;
  let nodes: TestNode[];
  let user: InProcessChainClient;
  let userKeypair: Ed25519Keypair;
  let state: SystemState;
  let clock: number;

  beforeEach(async () => {
    clock = 1_000_000;
    ({ ledger, nodes, user, userKeypair } = await createChain({
      now: () => clock,
      epochDurationMs: 10_000,
      autoEpochSyncDone: true,
    }));
    state = await user.systemState();
  });

  async function registered(deletable = false): Promise<{ blob: BlobObject; b: ReturnType<typeof blobFor> }> {
    const { storage } = await user.reserveSpace({ size: ENC, epochs: 2 });
    const b = blobFor(SIZE);
    const { blob } = await user.registerBlob({
      storageId: storage.id,
      blobId: b.blobId,
      rootHash: b.rootHash,
      size: SIZE,
      encodingType: 1,
      deletable,
    });
    return { blob, b };
  }

  it('a bad transaction signature', async () => {
    const { tx } = await signTx(
      Ed25519Keypair.generate(),
      ledger.chainId,
      { kind: 'faucet', amount: '5' },
      clock,
    );
    const body = Buffer.from(tx.body, 'base64').toString().replace('"5"', '"6"');
    await expectRejected(
      ledger,
      async () => ledger.submit({ ...tx, body: Buffer.from(body).toString('base64') }),
      InvalidTransactionSignatureError,
    );
  });

  it('a replayed transaction', async () => {
    const { tx } = await signTx(
      Ed25519Keypair.generate(),
      ledger.chainId,
      { kind: 'faucet', amount: '5' },
      clock,
    );
    ledger.submit(tx);
    await expectRejected(ledger, async () => ledger.submit(tx), TransactionReplayedError);
  });

  it('insufficient balance', async () => {
    const poor = new InProcessChainClient(ledger, Ed25519Keypair.generate());
    await expectRejected(ledger, () => poor.reserveSpace({ size: ENC, epochs: 1 }), InsufficientBalanceError);
  });

  it('storage too small', async () => {
    const { storage } = await user.reserveSpace({ size: ENC - 1, epochs: 1 });
    const b = blobFor(SIZE);
    await expectRejected(
      ledger,
      () =>
        user.registerBlob({
          storageId: storage.id,
          blobId: b.blobId,
          rootHash: b.rootHash,
          size: SIZE,
          encodingType: 1,
          deletable: false,
        }),
      StorageTooSmallError,
    );
  });

  it('storage expired', async () => {
    const { storage } = await user.reserveSpace({ size: ENC, epochs: 1 });
    clock += 10_000; // voting end, then epoch change start (auto sync)
    expect((await user.systemState()).epoch).toBe(2);
    const b = blobFor(SIZE);
    await expectRejected(
      ledger,
      () =>
        user.registerBlob({
          storageId: storage.id,
          blobId: b.blobId,
          rootHash: b.rootHash,
          size: SIZE,
          encodingType: 1,
          deletable: false,
        }),
      StorageExpiredError,
    );
  });

  it('a blob ID that does not match its root hash', async () => {
    const { storage } = await user.reserveSpace({ size: ENC, epochs: 1 });
    const b = blobFor(SIZE);
    await expectRejected(
      ledger,
      () =>
        user.registerBlob({
          storageId: storage.id,
          blobId: b.blobId,
          rootHash: new Uint8Array(32),
          size: SIZE,
          encodingType: 1,
          deletable: false,
        }),
      BlobIdMismatchError,
    );
    await expectRejected(
      ledger,
      () =>
        user.registerBlob({
          storageId: storage.id,
          blobId: b.blobId,
          rootHash: b.rootHash,
          size: SIZE + 1,
          encodingType: 1,
          deletable: false,
        }),
      BlobIdMismatchError,
    );
  });

  it('a certificate from the wrong epoch', async () => {
    const { blob, b } = await registered();
    const cert = certify(state.committee, nodes, nodes, confirmation(2, b.blobIdBytes));
    await expectRejected(
      ledger,
      () => user.certifyBlob({ blobObjectId: blob.id, certificate: cert }),
      WrongEpochError,
    );
  });

  it('a certificate under quorum', async () => {
    const { blob, b } = await registered();
    const cert = certify(state.committee, nodes, nodes.slice(0, 2), confirmation(1, b.blobIdBytes));
    await expectRejected(
      ledger,
      () => user.certifyBlob({ blobObjectId: blob.id, certificate: cert }),
      QuorumNotReachedError,
    );
  });

  it('a signers bitmap with bits past the member count', async () => {
    const { blob, b } = await registered();
    const cert = certify(state.committee, nodes, nodes, confirmation(1, b.blobIdBytes));
    const { tx } = await signTx(
      userKeypair,
      ledger.chainId,
      {
        kind: 'certify_blob',
        blobObjectId: blob.id,
        signature: Buffer.from(cert.signature).toString('base64'),
        signersBitmap: Buffer.from([0b0001_1111]).toString('base64'),
        message: Buffer.from(cert.serializedMessage).toString('base64'),
      },
      clock,
    );
    await expectRejected(ledger, async () => ledger.submit(tx), InvalidSignersBitmapError);
    // Through the client: an index past the member count is refused before sending.
    await expectRejected(
      ledger,
      () => user.certifyBlob({ blobObjectId: blob.id, certificate: { ...cert, signers: [0, 1, 2, 3, 4] } }),
      InvalidSignersBitmapError,
    );
  });

  it('a certificate whose aggregate signature does not verify', async () => {
    const { blob, b } = await registered();
    const other = blobFor(SIZE);
    const bad = certify(state.committee, nodes, nodes, confirmation(1, other.blobIdBytes));
    const good = certify(state.committee, nodes, nodes, confirmation(1, b.blobIdBytes));
    await expectRejected(
      ledger,
      () => user.certifyBlob({ blobObjectId: blob.id, certificate: { ...good, signature: bad.signature } }),
      InvalidCertificateError,
    );
    // A valid certificate for another blob ID.
    await expectRejected(
      ledger,
      () => user.certifyBlob({ blobObjectId: blob.id, certificate: bad }),
      InvalidMessageError,
    );
  });

  it('a certificate for an already certified blob', async () => {
    const { blob, b } = await registered();
    const cert = certify(state.committee, nodes, nodes.slice(0, 3), confirmation(1, b.blobIdBytes));
    await user.certifyBlob({ blobObjectId: blob.id, certificate: cert });
    await expectRejected(
      ledger,
      () => user.certifyBlob({ blobObjectId: blob.id, certificate: cert }),
      BlobAlreadyCertifiedError,
    );
  });

  it('a deletable blob needs its object ID in the confirmation', async () => {
    const { blob, b } = await registered(true);
    const permanent = certify(state.committee, nodes, nodes, confirmation(1, b.blobIdBytes));
    await expectRejected(
      ledger,
      () => user.certifyBlob({ blobObjectId: blob.id, certificate: permanent }),
      InvalidMessageError,
    );
    const ok = certify(state.committee, nodes, nodes, confirmation(1, b.blobIdBytes, blob.id));
    expect((await user.certifyBlob({ blobObjectId: blob.id, certificate: ok })).blob.certifiedEpoch).toBe(1);
  });

  it('an unknown object, a foreign object, a permanent delete', async () => {
    await expectRejected(ledger, () => user.getBlob('0x' + '11'.repeat(32)), ObjectNotFoundError);
    await expectRejected(
      ledger,
      () => user.extendBlob({ blobObjectId: '0x' + '11'.repeat(32), epochs: 1 }),
      ObjectNotFoundError,
    );
    const { blob } = await registered();
    await expectRejected(ledger, () => nodes[0].client.burnBlob({ blobObjectId: blob.id }), NotOwnerError);
    await expectRejected(ledger, () => user.deleteBlob({ blobObjectId: blob.id }), BlobNotDeletableError);
  });

  it('an invalid proof of possession', async () => {
    const kp = Ed25519Keypair.generate();
    const c = new InProcessChainClient(ledger, kp);
    const bls = blsKey(9);
    const wrongAddr = encodeProofOfPossessionMessage(
      1,
      Ed25519Keypair.generate().toSuiAddress(),
      bls.publicKey,
    );
    await expectRejected(
      ledger,
      () =>
        c.registerCandidate({
          name: 'x',
          peerId: 'p',
          multiaddrs: [],
          publicKey: bls.publicKey,
          proofOfPossession: sign(wrongAddr, bls.secretKey),
          storagePrice: 1n,
          writePrice: 1n,
          nodeCapacity: 1,
        }),
      InvalidProofOfPossessionError,
    );
  });

  it('invalidate_blob_id needs f+1 weight and intent 2', async () => {
    const b = blobFor(SIZE);
    const msg = encodeInvalidBlobIdMessage(1, b.blobIdBytes);
    // One node of weight 2 or 3: 3*w >= 11 needs w >= 4.
    const small = state.committee.members.findIndex((m) => m.weight === 2);
    const lone = nodes.find((n) => n.nodeId === state.committee.members[small].nodeId)!;
    await expectRejected(
      ledger,
      () => user.invalidateBlobId({ certificate: certify(state.committee, nodes, [lone], msg) }),
      QuorumNotReachedError,
    );
    const r = await user.invalidateBlobId({
      certificate: certify(state.committee, nodes, nodes.slice(0, 2), msg),
    });
    expect(r.events[0]).toMatchObject({ type: 'InvalidBlobID', epoch: 1, blobId: b.blobId });
    expect((await user.getBlobIdInfo(b.blobId)).invalidated).toEqual(r.events[0].id);
  });
});
