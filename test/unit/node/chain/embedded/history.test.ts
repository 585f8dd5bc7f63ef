import { describe, it, expect } from 'vitest';
import { ObjectNotFoundError } from '../../../../../node/chain/errors.ts';
import { HttpChainClient } from '../../../../../node/chain/embedded/http-client.ts';
import { startChainServer } from '../../../../../node/chain/embedded/server.ts';
import { encodedBlobLength } from '../../../../../shared/encoding/params.ts';
import { blobFor, certify, confirmation, createChain } from './fixtures.ts';

async function certifiedBlob() {
  const chain = await createChain();
  const state = await chain.user.systemState();
  const b = blobFor(1000);
  const { storage } = await chain.user.reserveSpace({ size: encodedBlobLength(1000, 10), epochs: 2 });
  const { blob } = await chain.user.registerBlob({
    storageId: storage.id,
    blobId: b.blobId,
    rootHash: b.rootHash,
    size: 1000,
    encodingType: 1,
    deletable: false,
  });
  const cert = certify(state.committee, chain.nodes, chain.nodes.slice(0, 3), confirmation(1, b.blobIdBytes));
  const r = await chain.user.certifyBlob({ blobObjectId: blob.id, certificate: cert });
  return { ...chain, state, cert, receipt: r, blob };
}

describe('embedded chain history', () => {
  it('returns the certificate of a certify_blob transaction, in process and over HTTP', async () => {
    const { ledger, user, cert, receipt, state } = await certifiedBlob();
    const tx = await user.getTransaction(receipt.digest);
    expect(tx.kind).toBe('certify_blob');
    expect(tx.sender).toBe(user.address);
    expect(tx.epoch).toBe(1);
    expect(tx.events.map((e) => e.type)).toEqual(['BlobCertified']);
    expect(tx.certificate?.signers).toEqual([...cert.signers].sort((a, b) => a - b));
    expect(tx.certificate?.serializedMessage).toEqual(cert.serializedMessage);
    expect(tx.certificate?.signature).toEqual(cert.signature);

    const server = await startChainServer({ ledger, port: 0 });
    try {
      const http = new HttpChainClient({ url: server.url });
      const viaHttp = await http.getTransaction(receipt.digest);
      expect(viaHttp).toEqual(tx);
      const committee = await http.committeeAt(1);
      expect(committee).toEqual(state.committee);
      await expect(http.getTransaction('1'.repeat(44))).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(http.committeeAt(2)).rejects.toBeInstanceOf(ObjectNotFoundError);
    } finally {
      await server.close();
    }
  });

  it('records transactions sent over HTTP; plain transactions carry no certificate', async () => {
    const { ledger } = await createChain();
    const server = await startChainServer({ ledger, port: 0 });
    try {
      const { Ed25519Keypair } = await import('@mysten/sui/keypairs/ed25519');
      const client = new HttpChainClient({ url: server.url, signer: Ed25519Keypair.generate() });
      const r = await client.faucet({ amount: 5n });
      const tx = await client.getTransaction(r.digest);
      expect(tx.kind).toBe('faucet');
      expect(tx.certificate).toBeUndefined();
      expect(tx.sender).toBe(client.address);
    } finally {
      await server.close();
    }
  });

  it('committeeAt rejects epoch 0, future epochs and non-integers', async () => {
    const { user, state } = await certifiedBlob();
    expect((await user.committeeAt(1)).members.map((m) => m.nodeId)).toEqual(
      state.committee.members.map((m) => m.nodeId),
    );
    for (const e of [0, 2, 1.5, -1])
      await expect(user.committeeAt(e)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });
});
