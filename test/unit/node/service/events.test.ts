/**
 * Chain events drive the node: pending uploads flushed at registration, deletable confirmations,
 * deletion and expiry garbage-collected, invalid blobs dropped (after a real inconsistency proof), and the
 * follower resumes from its persisted cursor after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SignedMessageBcs,
  decodeInvalidBlobIdMessage,
  decodeStorageConfirmation,
} from '../../../../shared/bcs/messages.ts';
import { serializeInconsistencyProof } from '../../../../shared/bcs/symbol.ts';
import { blobIdToString } from '../../../../shared/encoding/blob-id.ts';
import type { EncodedBlob } from '../../../../shared/encoding/encoder.ts';
import { blobIdOfMetadata, computeRootHash } from '../../../../shared/encoding/metadata.ts';
import { recoverySymbolFor } from '../../../../shared/encoding/recovery.ts';
import { verify } from '../../../../shared/crypto/bls.ts';
import {
  encodeHeader,
  PostInconsistencyProofHeaderBcs,
  StorageStatus,
  StoreOutcome,
} from '../../../../shared/protocol/headers.ts';
import { StorageProtocol } from '../../../../shared/protocol/ids.ts';
import { RemoteError, type Network } from '../../../../node/network/index.ts';
import type { StorageNode } from '../../../../node/storage-node.ts';
import {
  createTestChain,
  encodeTestBlob,
  objectIdBytes,
  protocolClient,
  registerBlob,
  startClient,
  startNode,
  waitFor,
  type TestChain,
} from './fixtures.ts';

const ALL = Array.from({ length: 10 }, (_, i) => i);

describe('chain events', () => {
  let clock = Date.now();
  let chain: TestChain;
  let node: StorageNode;
  let client: Network;
  let dir: string;
  let pc: ReturnType<typeof protocolClient>;

  const statusOf = (b: EncodedBlob) => node.components.service.blobStatus(b.blobId);
  const advanceEpoch = async (): Promise<void> => {
    const before = (await chain.user.systemState()).epoch;
    clock += 61_000;
    chain.ledger.tick();
    expect((await chain.user.systemState()).epoch).toBe(before + 1);
    await waitFor(() => node.components.committee.epoch === before + 1, 5000, 'the node to see the epoch');
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'walrus-ts-events-'));
    chain = await createTestChain(1, { now: () => clock, epochDurationMs: 60_000, autoEpochSyncDone: true });
    node = await startNode(chain, chain.keystores[0], { storePath: join(dir, 'node.sqlite') });
    client = await startClient();
    pc = protocolClient(client, node);
  });
  afterAll(async () => {
    await client?.stop();
    await node?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('buffers uploads sent with pending=true and stores them once BlobRegistered arrives', async () => {
    const blob = encodeTestBlob(1500, 10, 31);
    expect(await pc.putMetadata(blob, true)).toBe(StoreOutcome.buffered);
    expect(await pc.putSlivers(blob, ALL, true)).toEqual(new Array(20).fill(StoreOutcome.buffered));
    expect(node.components.service.metadataStatus(blob.blobId)).toBe('buffered');
    await expect(pc.getConfirmation(blob.blobId)).rejects.toBeInstanceOf(RemoteError);
    // Long-poll: the confirmation request waits for the registration.
    const waiting = pc.getConfirmation(blob.blobId, undefined, 5000);
    await registerBlob(chain.user, blob, { epochs: 3 });
    const signed = await waiting;
    expect(decodeStorageConfirmation(signed.serializedMessage).blobId).toEqual(blob.blobId);
    expect(node.components.service.metadataStatus(blob.blobId)).toBe('stored');
    expect(node.components.service.sliverStatus(blob.blobId, { pairIndex: 3, sliverType: 'secondary' })).toBe(
      'stored',
    );
    expect(node.components.store.pending.stats().entries).toBe(0);
  });

  it('signs deletable confirmations for the Blob object; deletion makes the blob nonexistent and GC drops it', async () => {
    const blob = encodeTestBlob(800, 10, 41);
    const obj = await registerBlob(chain.user, blob, { deletable: true, epochs: 3 });
    await waitFor(() => statusOf(blob) !== 'nonexistent', 5000, 'registration');
    expect(statusOf(blob)).toMatchObject({ deletable: { deletableCounts: { count_deletable_total: 1 } } });
    await pc.putMetadata(blob);
    await pc.putSlivers(blob, ALL);
    const signed = await pc.getConfirmation(blob.blobId, objectIdBytes(obj.id));
    const conf = decodeStorageConfirmation(signed.serializedMessage);
    expect(conf.persistence).toEqual({ kind: 'deletable', objectId: objectIdBytes(obj.id) });
    // A permanent confirmation is refused: the blob has no permanent registration.
    await expect(pc.getConfirmation(blob.blobId)).rejects.toMatchObject({
      status: StorageStatus.BLOB_NOT_REGISTERED,
    });
    // A deletable confirmation for a different object is refused.
    await expect(pc.getConfirmation(blob.blobId, new Uint8Array(32).fill(7))).rejects.toMatchObject({
      status: StorageStatus.BLOB_NOT_REGISTERED,
    });
    await chain.user.deleteBlob({ blobObjectId: obj.id });
    await waitFor(() => statusOf(blob) === 'nonexistent', 5000, 'deletion');
    node.components.follower.collectGarbage();
    expect(node.components.store.metadata.hasMetadata(blob.blobId)).toBe(false);
    expect(node.components.service.sliverStatus(blob.blobId, { pairIndex: 0, sliverType: 'primary' })).toBe(
      'nonexistent',
    );
  });

  it('verifies an inconsistency proof, signs InvalidBlobIdMsg, and drops the blob once invalidated on chain', async () => {
    // Metadata whose primary hash of pair 2 is wrong: a consistent-looking blob ID over inconsistent slivers.
    const honest = encodeTestBlob(2500, 10, 51);
    const hashes = honest.metadata.hashes.map((h, p) =>
      p === 2 ? { ...h, primaryHash: new Uint8Array(32).fill(9) } : h,
    );
    const metadata = { ...honest.metadata, hashes };
    const bad: EncodedBlob = {
      ...honest,
      metadata,
      blobId: blobIdOfMetadata(metadata),
      rootHash: computeRootHash(hashes),
    };
    await registerBlob(chain.user, bad, { epochs: 3 });
    await waitFor(() => statusOf(bad) !== 'nonexistent', 5000, 'registration');
    expect(await pc.putMetadata(bad)).toBe(StoreOutcome.stored);
    // The honest slivers of the other pairs verify against this metadata.
    await pc.putSlivers(bad, [0, 1, 3]);
    // C = 7 recovery symbols for primary sliver 2, from secondary slivers (their hashes are untouched).
    const symbols = [0, 1, 3, 4, 5, 6, 7].map((s) => {
      const g = recoverySymbolFor(honest.secondarySlivers[s], 2, 10);
      return { index: g.index, data: g.data, proof: g.proof };
    });
    const header = encodeHeader(PostInconsistencyProofHeaderBcs, {
      blobId: bad.blobId,
      sliverType: 'primary',
    });
    const res = await pc.request(
      StorageProtocol.postInconsistencyProof,
      header,
      serializeInconsistencyProof({ targetSliverIndex: 2, recoverySymbols: symbols }),
    );
    const signed = SignedMessageBcs.parse(res.body);
    expect(decodeInvalidBlobIdMessage(signed.serializedMessage).blobId).toEqual(bad.blobId);
    expect(verify(signed.signature, signed.serializedMessage, chain.keystores[0].blsPublicKey)).toBe(true);
    // A proof for a consistent sliver is refused.
    const good = [0, 1, 3, 4, 5, 6, 7].map((s) => {
      const g = recoverySymbolFor(honest.secondarySlivers[s], 4, 10);
      return { index: g.index, data: g.data, proof: g.proof };
    });
    await expect(
      pc.request(
        StorageProtocol.postInconsistencyProof,
        header,
        serializeInconsistencyProof({ targetSliverIndex: 4, recoverySymbols: good }),
      ),
    ).rejects.toMatchObject({ status: StorageStatus.PROOF_NOT_VALID });

    const committee = (await chain.user.systemState()).committee;
    await chain.user.invalidateBlobId({
      certificate: { signers: [0], serializedMessage: signed.serializedMessage, signature: signed.signature },
    });
    expect(committee.members.length).toBe(1);
    await waitFor(
      () => typeof statusOf(bad) === 'object' && 'invalid' in (statusOf(bad) as object),
      5000,
      'invalid',
    );
    const status = statusOf(bad) as { invalid: { event: { txDigest: string; eventSeq: string } } };
    expect(status.invalid.event.txDigest).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
    expect(node.components.store.metadata.hasMetadata(bad.blobId)).toBe(false);
    expect(node.components.service.sliverStatus(bad.blobId, { pairIndex: 0, sliverType: 'primary' })).toBe(
      'nonexistent',
    );
    await expect(pc.putMetadata(bad)).rejects.toMatchObject({ status: StorageStatus.BLOB_INVALID });
  });

  it('resumes after a restart from its persisted cursor, applying each event once', async () => {
    const kept = encodeTestBlob(900, 10, 61);
    await registerBlob(chain.user, kept, { epochs: 3 });
    await waitFor(() => statusOf(kept) !== 'nonexistent', 5000, 'registration');
    await node.stop();
    // The client's connection to the stopped instance is gone; do not reuse it for the new one.
    await client.libp2p.hangUp(node.peerId);
    const whileDown = encodeTestBlob(700, 10, 62);
    await registerBlob(chain.user, whileDown, { epochs: 3 });
    node = await startNode(chain, chain.keystores[0], { storePath: join(dir, 'node.sqlite') });
    pc = protocolClient(client, node);
    await waitFor(() => statusOf(whileDown) !== 'nonexistent', 5000, 'catch-up');
    expect(statusOf(kept)).toMatchObject({ permanent: { deletableCounts: { count_deletable_total: 0 } } });
    const info = node.components.store.blobInfo.getBlobInfo(kept.blobId);
    expect(info?.permanentTotal).toBe(1);
    expect(node.components.follower.eventIndex).toBeGreaterThan(0);
    expect(blobIdToString(whileDown.blobId)).toHaveLength(43);
  });

  it('expired blobs are refused and garbage-collected after the epoch passes', async () => {
    const blob = encodeTestBlob(1200, 10, 71);
    await registerBlob(chain.user, blob, { epochs: 1 });
    await waitFor(() => statusOf(blob) !== 'nonexistent', 5000, 'registration');
    await pc.putMetadata(blob);
    await pc.putSlivers(blob, ALL);
    await advanceEpoch();
    expect(statusOf(blob)).toBe('nonexistent');
    await expect(pc.putSlivers(blob, [0])).rejects.toMatchObject({
      status: StorageStatus.BLOB_NOT_REGISTERED,
    });
    await waitFor(() => !node.components.store.metadata.hasMetadata(blob.blobId), 5000, 'garbage collection');
    expect(node.components.store.blobInfo.getBlobInfo(blob.blobId)).toBeUndefined();
    // Confirmations are now signed for the new epoch.
    const other = encodeTestBlob(600, 10, 72);
    await registerBlob(chain.user, other, { epochs: 2 });
    await waitFor(() => statusOf(other) !== 'nonexistent', 5000, 'registration');
    await pc.putMetadata(other);
    await pc.putSlivers(other, ALL);
    expect(decodeStorageConfirmation((await pc.getConfirmation(other.blobId)).serializedMessage).epoch).toBe(
      2,
    );
  });
});
