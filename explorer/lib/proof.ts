/**
 * The availability-proof verifier the blob page runs in the browser: it checks a blob's certificate
 * against the committee that signed it with the project's shared code (shared/bcs/messages.ts,
 * shared/crypto/bls.ts), the same checks as Move `certify_blob` (spec §6.3):
 * 1. the message decodes as a storage confirmation (intent 1, version 0, app 3);
 * 2. its epoch is the certification epoch and the committee's epoch;
 * 3. its blob ID is the blob's, its persistence the object's (permanent, or deletable with its object ID);
 * 4. the signers are distinct committee members;
 * 5. their weight is a quorum: 3 * weight >= 2 * n_shards + 1;
 * 6. the aggregate signature verifies for the sum of the signers' public keys.
 * Isomorphic: no DOM, no Node built-ins.
 * @see spec §4 "Signed messages", §6.3
 * @packageDocumentation
 */
import { fromBase64 } from '@mysten/bcs';
import { decodeProtocolMessage, decodeStorageConfirmation, IntentType } from '../../shared/bcs/messages.ts';
import { aggregatePublicKeys, verify } from '../../shared/crypto/bls.ts';
import { blobIdToString } from '../../shared/encoding/blob-id.ts';
import type { ProofDto } from './types.ts';

/** Names of the checks, in the order they run. */
export type ProofCheckId =
  'message' | 'epoch' | 'blobId' | 'persistence' | 'signers' | 'quorum' | 'signature';

/** The outcome of one check. */
export interface ProofCheck {
  readonly id: ProofCheckId;
  readonly label: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** The decoded storage confirmation. */
export interface DecodedConfirmation {
  readonly intentType: number;
  readonly intentVersion: number;
  readonly appId: number;
  readonly epoch: number;
  readonly blobId: string | null;
  readonly persistence: 'permanent' | 'deletable' | null;
  /** `0x` + hex of the object ID of a deletable confirmation. */
  readonly objectId: string | null;
}

/** The verdict: `verified` only when every check passed. */
export interface ProofVerdict {
  readonly verified: boolean;
  readonly checks: readonly ProofCheck[];
  readonly decoded: DecodedConfirmation | null;
  /** Indices of the signers that are committee members. */
  readonly signers: readonly number[];
  readonly signerWeight: number;
  readonly nShards: number;
  /** Smallest quorum weight: ceil((2n + 1) / 3). */
  readonly quorumWeight: number;
  /** Hex of the 48-byte aggregate public key of the signers, when it could be formed. */
  readonly aggregateKey: string | null;
}

/** What the verifier needs: the blob, the object, the certificate and the signing committee. */
export interface ProofInput {
  readonly blobId: string;
  readonly proof: ProofDto;
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Smallest signer weight that is a quorum of `nShards`: 3w >= 2n + 1. */
export function quorumThreshold(nShards: number): number {
  return Math.ceil((2 * nShards + 1) / 3);
}

/**
 * Runs every check of an availability proof. Never throws: malformed input fails the relevant check.
 * Cost: one hash-to-curve and two pairings (tens of ms in a browser).
 */
export function verifyAvailabilityProof(input: ProofInput): ProofVerdict {
  const { proof } = input;
  const { committee } = proof;
  const checks: ProofCheck[] = [];
  const add = (id: ProofCheckId, label: string, ok: boolean, detail: string) =>
    checks.push({ id, label, ok, detail });

  let message: Uint8Array | null = null;
  let decoded: DecodedConfirmation | null = null;
  try {
    message = fromBase64(proof.certificate.message);
    const header = decodeProtocolMessage(message);
    decoded = {
      intentType: header.intentType,
      intentVersion: header.intentVersion,
      appId: header.appId,
      epoch: header.epoch,
      blobId: null,
      persistence: null,
      objectId: null,
    };
    const conf = decodeStorageConfirmation(message);
    decoded = {
      ...decoded,
      blobId: blobIdToString(conf.blobId),
      persistence: conf.persistence.kind,
      objectId: conf.persistence.kind === 'deletable' ? '0x' + toHex(conf.persistence.objectId) : null,
    };
    add('message', 'Storage confirmation', true, `intent ${IntentType.BLOB_CERT}, version 0, app 3`);
  } catch (e) {
    add('message', 'Storage confirmation', false, `does not decode: ${(e as Error).message}`);
  }

  if (decoded && decoded.blobId !== null) {
    const epochOk = decoded.epoch === proof.certifiedEpoch && decoded.epoch === committee.epoch;
    add(
      'epoch',
      'Epoch',
      epochOk,
      epochOk
        ? `message epoch ${decoded.epoch} = certification epoch = committee epoch`
        : `message epoch ${decoded.epoch}, certified in ${proof.certifiedEpoch}, committee of ${committee.epoch}`,
    );
    const idOk = decoded.blobId === input.blobId;
    add('blobId', 'Blob ID', idOk, idOk ? 'matches the blob' : `message names ${decoded.blobId}`);
    let persistOk: boolean;
    let persistDetail: string;
    if (proof.deletable) {
      persistOk = decoded.persistence === 'deletable' && decoded.objectId === proof.objectId.toLowerCase();
      persistDetail = persistOk
        ? 'deletable, for this object'
        : `expected deletable for ${proof.objectId}, got ${decoded.persistence} ${decoded.objectId ?? ''}`;
    } else {
      persistOk = decoded.persistence === 'permanent';
      persistDetail = persistOk ? 'permanent' : `expected permanent, got ${decoded.persistence}`;
    }
    add('persistence', 'Persistence', persistOk, persistDetail);
  }

  const members = committee.members;
  const raw = proof.certificate.signers;
  const seen = new Set<number>();
  let signersOk = raw.length > 0;
  for (const i of raw) {
    if (!Number.isInteger(i) || i < 0 || i >= members.length || seen.has(i)) signersOk = false;
    else seen.add(i);
  }
  const signers = [...seen].sort((a, b) => a - b);
  add(
    'signers',
    'Signers',
    signersOk,
    signersOk
      ? `${signers.length} of ${members.length} committee members`
      : `invalid signer list [${raw.join(', ')}] for ${members.length} members`,
  );

  const signerWeight = signers.reduce((a, i) => a + members[i].weight, 0);
  const nShards = committee.nShards;
  const quorumOk = 3 * signerWeight >= 2 * nShards + 1;
  add(
    'quorum',
    'Quorum',
    quorumOk,
    `${signerWeight} of ${nShards} shards signed; a quorum needs ${quorumThreshold(nShards)} (3w ≥ 2n + 1)`,
  );

  let aggregateKey: string | null = null;
  let sigOk = false;
  let sigDetail = 'not checked: no decodable message or no signers';
  if (message && signers.length > 0) {
    try {
      const key = aggregatePublicKeys(signers.map((i) => fromBase64(members[i].publicKey)));
      aggregateKey = toHex(key);
      sigOk = verify(fromBase64(proof.certificate.signature), message, key);
      sigDetail = sigOk
        ? 'BLS12-381 min-pk aggregate signature verifies for the signers’ summed keys'
        : 'the aggregate signature does not verify for the signers’ keys';
    } catch (e) {
      sigDetail = `a signer key does not parse: ${(e as Error).message}`;
    }
  }
  add('signature', 'Aggregate signature', sigOk, sigDetail);

  return {
    verified: checks.every((c) => c.ok) && checks.length === 7,
    checks,
    decoded,
    signers,
    signerWeight,
    nShards,
    quorumWeight: quorumThreshold(nShards),
    aggregateKey,
  };
}
