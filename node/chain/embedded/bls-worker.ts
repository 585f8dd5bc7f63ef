/**
 * Worker thread of {@link BlsVerifierPool}: verifies batches of `(signature, message, aggregate public key)`
 * triples with the backend named in `workerData.backend` ('blst' = the native binding, node/crypto/blst,
 * falling back to mcl-wasm when it was not built; 'mcl' = mcl-wasm, falling back to noble when it cannot be
 * loaded; 'noble' = pure JS). A batch is checked together (random linear combination, one final
 * exponentiation) and item by item only when the batch fails.
 * Messages in: `{ id, items: [{ signature, message, publicKey }] }` (Uint8Arrays); out: `{ id, results }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BlsVerifier, BlsVerifyItem } from '../../../shared/crypto/bls-backend.ts';
import { nobleBlsVerifier } from '../../../shared/crypto/bls.ts';
import { loadMclBlsVerifier } from '../../../shared/crypto/bls-mcl.ts';
import { loadBlstVerifier } from '../../crypto/blst/index.ts';

interface Batch {
  id: number;
  items: BlsVerifyItem[];
}

const backend = (workerData as { backend?: string } | undefined)?.backend ?? 'blst';

async function load(): Promise<BlsVerifier> {
  if (backend === 'noble') return nobleBlsVerifier;
  if (backend === 'blst') {
    try {
      return loadBlstVerifier();
    } catch {
      // not built on this machine: mcl-wasm
    }
  }
  return loadMclBlsVerifier().catch(() => nobleBlsVerifier);
}
const ready = load();

parentPort?.on('message', (batch: Batch) => {
  void ready.then((v) => {
    // verifyMany never throws: malformed input gives false.
    parentPort?.postMessage({ id: batch.id, results: v.verifyMany(batch.items), backend: v.name });
  });
});
