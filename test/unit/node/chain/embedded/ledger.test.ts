import { describe, it, expect } from 'vitest';
import { encodedBlobLength } from '../../../../../shared/encoding/params.ts';
import { blobFor, certify, confirmation, createChain, WAL } from './fixtures.ts';

describe('embedded ledger happy path', () => {
  it('registers nodes, starts epoch 1, reserves, registers and certifies a blob', async () => {
    const { ledger, nodes, user } = await createChain();
    const state = await user.systemState();
    expect(state.epoch).toBe(1);
    expect(state.epochState.kind).toBe('EpochChangeDone');
    expect(state.committee.members.length).toBe(4);
    expect(state.committee.members.reduce((a, m) => a + m.weight, 0)).toBe(10);
    expect(state.storagePricePerUnit).toBe(1000n);
    const size = 1000;
    const enc = encodedBlobLength(size, 10);
    const { storage } = await user.reserveSpace({ size: enc, epochs: 2 });
    const b = blobFor(size);
    const { blob, events } = await user.registerBlob({
      storageId: storage.id,
      blobId: b.blobId,
      rootHash: b.rootHash,
      size,
      encodingType: 1,
      deletable: false,
    });
    expect(events[0].type).toBe('BlobRegistered');
    const cert = certify(state.committee, nodes, nodes.slice(0, 3), confirmation(1, b.blobIdBytes));
    const r = await user.certifyBlob({ blobObjectId: blob.id, certificate: cert });
    expect(r.blob.certifiedEpoch).toBe(1);
    expect(r.events.map((e) => e.type)).toEqual(['BlobCertified']);
    const all = ledger.eventsAfter(0).map((e) => e.type);
    expect(all).toContain('EpochChangeDone');
    expect(await user.balance(user.address)).toBeLessThan(1000n * WAL);
  });
});
