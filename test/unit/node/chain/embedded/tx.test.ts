import { describe, it, expect } from 'vitest';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { verifyPersonalMessageSignature } from '@mysten/sui/verify';
import { InvalidTransactionSignatureError } from '../../../../../node/chain/errors.ts';
import { signTx, verifySignedTx } from '../../../../../node/chain/embedded/tx.ts';

describe('embedded chain transactions', () => {
  it('are Sui personal-message signatures over the JSON body, identical to signPersonalMessage', async () => {
    const kp = Ed25519Keypair.generate();
    const { tx, digest } = await signTx(kp, 'chain-a', { kind: 'faucet', amount: '7' }, 1000);
    const bytes = new Uint8Array(Buffer.from(tx.body, 'base64'));
    expect(tx.signature).toBe((await kp.signPersonalMessage(bytes)).signature);
    expect((await verifyPersonalMessageSignature(bytes, tx.signature)).toSuiAddress()).toBe(
      kp.toSuiAddress(),
    );
    const v = verifySignedTx(tx);
    expect(v.digest).toBe(digest);
    expect(v.body).toMatchObject({
      v: 1,
      chainId: 'chain-a',
      sender: kp.toSuiAddress(),
      call: { kind: 'faucet' },
    });
  });

  it('reject another sender, a tampered body, a non-Ed25519 or malformed signature', async () => {
    const kp = Ed25519Keypair.generate();
    const { tx } = await signTx(kp, 'c', { kind: 'faucet', amount: '7' });
    const body = JSON.parse(Buffer.from(tx.body, 'base64').toString()) as { sender: string };
    body.sender = Ed25519Keypair.generate().toSuiAddress();
    const other = Buffer.from(JSON.stringify(body)).toString('base64');
    const resigned = (await kp.signPersonalMessage(Buffer.from(other, 'base64'))).signature;
    expect(() => verifySignedTx({ body: other, signature: resigned })).toThrow(
      InvalidTransactionSignatureError,
    );
    expect(() => verifySignedTx({ body: other, signature: tx.signature })).toThrow(
      InvalidTransactionSignatureError,
    );
    const sig = Buffer.from(tx.signature, 'base64');
    sig[0] = 1;
    expect(() => verifySignedTx({ body: tx.body, signature: sig.toString('base64') })).toThrow(
      InvalidTransactionSignatureError,
    );
    expect(() => verifySignedTx({ body: tx.body } as never)).toThrow(InvalidTransactionSignatureError);
  });
});
