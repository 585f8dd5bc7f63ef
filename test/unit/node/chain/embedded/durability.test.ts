import { describe, it, expect } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { encodeProofOfPossessionMessage } from '../../../../../shared/bcs/messages.ts';
import { sign } from '../../../../../shared/crypto/bls.ts';
import { encodedBlobLength } from '../../../../../shared/encoding/params.ts';
import { HttpChainClient } from '../../../../../node/chain/embedded/http-client.ts';
import { blobFor, blsKey, certify, confirmation, WAL } from './fixtures.ts';

const BIN = join(import.meta.dirname, '../../../../../node/cli/bin.ts');

function startChain(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'chain', '--data-dir', dataDir, '--port', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve({ child, url: (JSON.parse(line) as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`chain exited with ${code}`)));
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('embedded chain durability', () => {
  it('has every committed transaction back after kill -9 and restart', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'walrus-ts-chain-'));
    try {
      let { child, url } = await startChain(dir);
      const operators = [0, 1, 2, 3].map(() => Ed25519Keypair.generate());
      const clients = operators.map((kp) => new HttpChainClient({ url, signer: kp }));
      const nodeIds: string[] = [];
      for (let i = 0; i < 4; i++) {
        const bls = blsKey(i);
        await clients[i].faucet({ amount: 200n * WAL });
        const { nodeId } = await clients[i].registerCandidate({
          name: `n${i}`,
          peerId: `p${i}`,
          multiaddrs: [],
          publicKey: bls.publicKey,
          proofOfPossession: sign(
            encodeProofOfPossessionMessage(0, operators[i].toSuiAddress(), bls.publicKey),
            bls.secretKey,
          ),
          storagePrice: 10n,
          writePrice: 10n,
          nodeCapacity: 1024 ** 4,
        });
        await clients[i].stake({ nodeId, amount: 100n * WAL });
        nodeIds.push(nodeId);
      }
      await clients[0].startFirstEpoch();
      const user = new HttpChainClient({ url, signer: Ed25519Keypair.generate() });
      await user.faucet({ amount: 100n * WAL });
      const state = await user.systemState();
      const size = 500;
      const { storage } = await user.reserveSpace({ size: encodedBlobLength(size, 10), epochs: 2 });
      const b = blobFor(size);
      const { blob } = await user.registerBlob({
        storageId: storage.id,
        blobId: b.blobId,
        rootHash: b.rootHash,
        size,
        encodingType: 1,
        deletable: false,
      });
      const testNodes = nodeIds.map((nodeId, i) => ({ nodeId, bls: blsKey(i) })) as never[];
      await user.certifyBlob({
        blobObjectId: blob.id,
        certificate: certify(state.committee, testNodes, testNodes, confirmation(1, b.blobIdBytes)),
      });

      const read = async (c: HttpChainClient) => ({
        state: await c.systemState(),
        blob: await c.getBlob(blob.id),
        owned: await c.ownedObjects(user.address),
        balance: await c.balance(user.address),
        nodes: await c.storageNodes(),
      });
      const before = await read(user);
      const eventsBefore: string[] = [];
      const ac = new AbortController();
      for await (const e of new HttpChainClient({ url }).events({ signal: ac.signal })) {
        eventsBefore.push(JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
        if (e.type === 'BlobCertified') ac.abort();
      }

      await kill9(child);
      ({ child, url } = await startChain(dir));
      const after = await read(new HttpChainClient({ url }));
      expect(after).toEqual(before);
      expect(after.blob.certifiedEpoch).toBe(1);
      const eventsAfter: string[] = [];
      const ac2 = new AbortController();
      for await (const e of new HttpChainClient({ url }).events({ signal: ac2.signal })) {
        eventsAfter.push(JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
        if (e.type === 'BlobCertified') ac2.abort();
      }
      expect(eventsAfter).toEqual(eventsBefore);
      // The restarted chain keeps working, and the same chain ID binds old clients' transactions.
      const again = new HttpChainClient({ url, signer: operators[0] });
      expect((await again.faucet({ amount: 1n })).balance).toBeGreaterThan(0n);
      await kill9(child);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    'acknowledges a transaction of a group-committed block only once it survives kill -9',
    { timeout: 60_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'walrus-ts-chain-'));
      try {
        let { child, url } = await startChain(dir);
        // Many clients at once, so that blocks hold several transactions; killed while some are in flight.
        const accounts = Array.from({ length: 120 }, () => Ed25519Keypair.generate());
        const acked: { address: string; digest: string; amount: bigint }[] = [];
        const killed = new Promise<void>((resolve) => {
          void Promise.allSettled(
            accounts.map(async (kp, i) => {
              const amount = BigInt(i + 1);
              const r = await new HttpChainClient({ url, signer: kp }).faucet({ amount });
              acked.push({ address: kp.toSuiAddress(), digest: r.digest, amount });
              if (acked.length === 40) resolve();
            }),
          );
        });
        await killed;
        const ackedAtKill = [...acked];
        await kill9(child);
        ({ child, url } = await startChain(dir));
        const reader = new HttpChainClient({ url });
        expect(ackedAtKill.length).toBeGreaterThanOrEqual(40);
        for (const a of ackedAtKill) {
          expect(await reader.balance(a.address)).toBe(a.amount);
          expect((await reader.getTransaction(a.digest)).kind).toBe('faucet');
        }
        await kill9(child);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
