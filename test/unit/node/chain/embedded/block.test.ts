import { describe, it, expect } from 'vitest';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { encodedBlobLength } from '../../../../../shared/encoding/params.ts';
import {
  InsufficientBalanceError,
  InvalidCertificateError,
  InvalidTransactionSignatureError,
  TransactionReplayedError,
} from '../../../../../node/chain/errors.ts';
import { blsVerifier } from '../../../../../shared/crypto/bls.ts';
import { TxBlockQueue } from '../../../../../node/chain/embedded/block-queue.ts';
import { InProcessChainClient } from '../../../../../node/chain/embedded/in-process-client.ts';
import { ledgerHistory } from '../../../../../node/chain/embedded/history.ts';
import { signTx, verifySignedTx, type TxCall } from '../../../../../node/chain/embedded/tx.ts';
import { blobFor, certify, confirmation, createChain, snapshot, WAL } from './fixtures.ts';

describe('group commit (Ledger.block, TxBlockQueue)', () => {
  it('applies a block in one commit; a rejected transaction is rolled back alone', async () => {
    const { ledger } = await createChain();
    const a = Ed25519Keypair.generate();
    const b = Ed25519Keypair.generate();
    const ca = new InProcessChainClient(ledger, a);
    await ca.faucet({ amount: 10n * WAL });
    const size = 100;
    const { storage } = await ca.reserveSpace({ size: encodedBlobLength(size, 10), epochs: 1 });
    const blob = blobFor(size);
    const balance = ledger.balance(a.toSuiAddress());
    const sign = async (kp: Ed25519Keypair, call: TxCall) => (await signTx(kp, ledger.chainId, call)).tx;
    const t1 = await sign(a, { kind: 'transfer', to: b.toSuiAddress(), amount: String(4n * WAL) });
    const t2 = await sign(b, { kind: 'transfer', to: a.toSuiAddress(), amount: String(100n * WAL) });
    const t3 = await sign(a, {
      kind: 'register_blob',
      storageId: storage.id,
      blobId: blob.blobId,
      rootHash: Buffer.from(blob.rootHash).toString('base64'),
      size,
      encodingType: 1,
      deletable: false,
    });
    let notified = 0;
    const off = ledger.onCommit(() => notified++);
    const outcomes = ledger.block(() =>
      [t1, t2, t3, t1].map((t) => {
        try {
          const r = ledger.submit(t);
          // Inside the block, nobody has been told yet.
          expect(notified).toBe(0);
          return r.digest;
        } catch (e) {
          return (e as Error).name;
        }
      }),
    );
    off();
    expect(outcomes[0]).toBe(verifySignedTx(t1).digest);
    expect(outcomes[1]).toBe(InsufficientBalanceError.name);
    expect(outcomes[2]).toBe(verifySignedTx(t3).digest);
    expect(outcomes[3]).toBe(TransactionReplayedError.name);
    // Listeners hear of the block once, after its commit.
    expect(notified).toBe(1);
    expect(ledger.balance(b.toSuiAddress())).toBe(4n * WAL);
    expect(ledger.balance(a.toSuiAddress())).toBeLessThan(balance - 4n * WAL + 1n);
    expect(ledger.getBlobIdInfo(blob.blobId).objects).toHaveLength(1);
    ledger.close();
  });

  it('rolls the whole block back (database and in-memory state) when it fails', async () => {
    const { ledger } = await createChain();
    const before = snapshot(ledger);
    const beforeState = ledger.systemState();
    const a = Ed25519Keypair.generate();
    const t1 = (await signTx(a, ledger.chainId, { kind: 'faucet', amount: '5' })).tx;
    expect(() =>
      ledger.block(() => {
        ledger.submit(t1);
        throw new Error('disk on fire');
      }),
    ).toThrow('disk on fire');
    expect(snapshot(ledger)).toBe(before);
    expect(ledger.systemState()).toEqual(beforeState);
    // The same transaction goes through afterwards, with the event numbers it would have had.
    expect(ledger.submit(t1).digest).toBe(verifySignedTx(t1).digest);
    expect(ledger.balance(a.toSuiAddress())).toBe(5n);
    ledger.close();
  });

  it('TxBlockQueue answers each transaction after its block, records history, and rejects alone', async () => {
    const { ledger } = await createChain();
    const queue = new TxBlockQueue(ledger);
    const kps = Array.from({ length: 6 }, () => Ed25519Keypair.generate());
    const txs = await Promise.all(
      kps.map(
        async (kp, i) =>
          (
            await signTx(
              kp,
              ledger.chainId,
              i === 5
                ? { kind: 'transfer', to: kps[0].toSuiAddress(), amount: '1' }
                : { kind: 'faucet', amount: '9' },
            )
          ).tx,
      ),
    );
    const settled = await Promise.allSettled(txs.map((t) => queue.submit(t, verifySignedTx(t))));
    expect(settled.slice(0, 5).every((s) => s.status === 'fulfilled')).toBe(true);
    expect((settled[5] as PromiseRejectedResult).reason).toBeInstanceOf(InsufficientBalanceError);
    expect(queue.stats()).toEqual({ txs: 6, blocks: 1, maxBlock: 6 });
    for (const t of txs.slice(0, 5)) {
      const d = verifySignedTx(t).digest;
      expect(ledgerHistory(ledger).getTransaction(d).kind).toBe('faucet');
    }
    ledger.close();
  });

  it('checks the Ed25519 signature: a flipped bit in the signature or the key is refused', async () => {
    const kp = Ed25519Keypair.generate();
    const { tx } = await signTx(kp, 'c', { kind: 'faucet', amount: '1' });
    for (const at of [1, 40, 64, 65, 96]) {
      const sig = Buffer.from(tx.signature, 'base64');
      sig[at] ^= 0x01;
      expect(() => verifySignedTx({ body: tx.body, signature: sig.toString('base64') })).toThrow(
        InvalidTransactionSignatureError,
      );
    }
    const short = Buffer.from(tx.signature, 'base64').subarray(0, 96).toString('base64');
    expect(() => verifySignedTx({ body: tx.body, signature: short })).toThrow(
      InvalidTransactionSignatureError,
    );
  });
});

describe('certificate pre-verification verdicts (Ledger.preverify)', () => {
  it('uses a positive verdict once and rejects on a negative one without checking again', async () => {
    let mainThreadChecks = 0;
    const { ledger, nodes } = await createChain({
      blsVerify: (sig, msg, key, signed) => {
        mainThreadChecks++;
        return key.verify(sig, msg, signed);
      },
    });
    const kp = Ed25519Keypair.generate();
    const owner = new InProcessChainClient(ledger, kp);
    await owner.faucet({ amount: 100n * WAL });
    const state = ledger.systemState();
    const size = 100;
    const certifyTx = async (valid: boolean) => {
      const { storage } = await owner.reserveSpace({ size: encodedBlobLength(size, 10), epochs: 1 });
      const b = blobFor(size);
      const { blob } = await owner.registerBlob({
        storageId: storage.id,
        blobId: b.blobId,
        rootHash: b.rootHash,
        size,
        encodingType: 1,
        deletable: false,
      });
      const cert = certify(state.committee, nodes, nodes, confirmation(1, b.blobIdBytes));
      // Invalid: a valid signature of another blob's confirmation.
      const signature = valid
        ? cert.signature
        : certify(state.committee, nodes, nodes, confirmation(1, blobFor(size).blobIdBytes)).signature;
      const call: TxCall = {
        kind: 'certify_blob',
        blobObjectId: blob.id,
        signature: Buffer.from(signature).toString('base64'),
        signersBitmap: Buffer.from([0b1111]).toString('base64'),
        message: Buffer.from(cert.serializedMessage).toString('base64'),
      };
      return { blob, tx: (await signTx(kp, ledger.chainId, call)).tx };
    };
    let poolChecks = 0;
    const pool = {
      verify: async (s: Uint8Array, m: Uint8Array, k: Uint8Array) => {
        poolChecks++;
        return blsVerifier().verify(s, m, k);
      },
    };
    const good = await certifyTx(true);
    const v = verifySignedTx(good.tx);
    await ledger.preverify(v, pool);
    expect(ledger.submitVerified(v).blob).toMatchObject({ certifiedEpoch: 1 });
    expect([poolChecks, mainThreadChecks]).toEqual([1, 0]);

    const bad = await certifyTx(false);
    const vb = verifySignedTx(bad.tx);
    await ledger.preverify(vb, pool);
    const before = snapshot(ledger);
    expect(() => ledger.submitVerified(vb)).toThrow(InvalidCertificateError);
    expect(snapshot(ledger)).toBe(before);
    expect([poolChecks, mainThreadChecks]).toEqual([2, 0]);
    // The verdict was used once: the same (rejected) transaction is checked again on the main thread.
    expect(() => ledger.submitVerified(vb)).toThrow(InvalidCertificateError);
    expect(mainThreadChecks).toBe(1);

    // A pool that fails leaves the check to submit.
    const other = await certifyTx(true);
    const vo = verifySignedTx(other.tx);
    await ledger.preverify(vo, { verify: () => Promise.reject(new Error('worker died')) });
    expect(ledger.submitVerified(vo).blob).toMatchObject({ certifiedEpoch: 1 });
    expect(mainThreadChecks).toBe(2);
    ledger.close();
  });
});
