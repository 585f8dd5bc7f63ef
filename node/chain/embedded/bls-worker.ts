/**
 * Worker thread of {@link BlsVerifierPool}: verifies `(signature, message, aggregate public key)` triples.
 * Messages in: `{ id, signature, message, publicKey }` (Uint8Arrays); out: `{ id, ok }`.
 */
import { parentPort } from 'node:worker_threads';
import { verify } from '../../../shared/crypto/bls.ts';

interface Job {
  id: number;
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
}

parentPort?.on('message', (job: Job) => {
  // verify() never throws: malformed input gives false.
  parentPort?.postMessage({ id: job.id, ok: verify(job.signature, job.message, job.publicKey) });
});
