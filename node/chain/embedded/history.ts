/**
 * History reads of the embedded chain that the ledger itself does not keep: a transaction by digest (with
 * the certificate of a `certify_blob` / `invalidate_blob_id` call) and the committee of a past epoch.
 *
 * - Transactions: the ledger keeps only applied digests (for replay protection, pruned at expiry), not
 *   their bodies. {@link LedgerHistory.record} stores the signed body and the receipt's events in its own
 *   table `tx_history` of the ledger's database, keyed by digest. The two submit paths call it right after
 *   the ledger applied a transaction, inside the same {@link Ledger.block}, so the row commits together
 *   with the transaction: the HTTP API (server.ts) and the in-process client. System transactions
 *   (time-driven epoch steps) have no body and are not recorded.
 * - Committees: the ledger writes the committee of every epoch to its `committees` table and never deletes
 *   a row; {@link LedgerHistory.committeeAt} reads it for any epoch up to the current one.
 *
 * @see spec §6.3 (certificates), §6.5 (epochs)
 */
import { decodeProtocolMessage, decodeSignersBitmap } from '../../../shared/bcs/messages.ts';
import { ObjectNotFoundError } from '../errors.ts';
import type { ChainEvent, ChainTransaction, Committee, ProtocolCertificate } from '../types.ts';
import { committeeFromJson, eventFromJson, stringify, unb64 } from './json.ts';
import type { Ledger, LedgerReceipt } from './ledger.ts';
import type { SignedTx, TxBody } from './tx.ts';

/** One stored row of `tx_history` (JSON). */
interface StoredTx {
  digest: string;
  sender: string;
  timestampMs: number;
  epoch: number;
  kind: string;
  /** Certificate arguments of certify_blob / invalidate_blob_id (base64), when the call has one. */
  cert?: { signature: string; signersBitmap: string; message: string };
  events: unknown[];
}

const DIGEST_RE = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/;

/** The history of one ledger. Get it with {@link ledgerHistory} (one instance per ledger). */
export class LedgerHistory {
  readonly #ledger: Ledger;
  readonly #put;
  readonly #get;
  readonly #committee;

  constructor(ledger: Ledger) {
    this.#ledger = ledger;
    ledger.db.exec(
      'CREATE TABLE IF NOT EXISTS tx_history (digest TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID',
    );
    this.#put = ledger.db.prepare('INSERT OR IGNORE INTO tx_history (digest, json) VALUES (?, ?)');
    this.#get = ledger.db.prepare('SELECT json FROM tx_history WHERE digest = ?');
    this.#committee = ledger.db.prepare('SELECT json FROM committees WHERE epoch = ?');
  }

  /**
   * Stores an applied transaction. Call it only with a transaction the ledger accepted and its receipt
   * (and, to save parsing it again, its body as `verifySignedTx` parsed it), inside the same
   * {@link Ledger.block} so that the row commits with the transaction.
   * Idempotent (a second call with the same digest changes nothing).
   */
  record(tx: SignedTx, receipt: LedgerReceipt, body?: TxBody): void {
    body ??= JSON.parse(Buffer.from(tx.body, 'base64').toString('utf8')) as TxBody;
    const call = body.call;
    const stored: StoredTx = {
      digest: receipt.digest,
      sender: body.sender,
      timestampMs: receipt.events[0]?.timestampMs ?? this.#ledger.now(),
      epoch: this.#ledger.epoch,
      kind: call.kind,
      events: receipt.events as unknown[],
    };
    if (
      call.kind === 'certify_blob' ||
      call.kind === 'invalidate_blob_id' ||
      call.kind === 'report_challenge_failure'
    ) {
      stored.cert = { signature: call.signature, signersBitmap: call.signersBitmap, message: call.message };
    }
    this.#put.run(receipt.digest, stringify(stored));
  }

  /**
   * A recorded transaction by digest. For certify_blob / invalidate_blob_id, `certificate.signers` are the
   * indices into the committee of the message's epoch (decoded from the signers bitmap).
   * @throws ObjectNotFoundError for an unknown digest
   */
  getTransaction(digest: string): ChainTransaction {
    const row = DIGEST_RE.test(digest) ? (this.#get.get(digest) as { json: string } | undefined) : undefined;
    if (!row) throw new ObjectNotFoundError(`no recorded transaction ${digest.slice(0, 64)}`);
    const s = JSON.parse(row.json) as StoredTx;
    let certificate: ProtocolCertificate | undefined;
    if (s.cert) {
      const serializedMessage = unb64(s.cert.message);
      const epoch = decodeProtocolMessage(serializedMessage).epoch;
      const committee = this.#storedCommittee(epoch);
      certificate = {
        signers: decodeSignersBitmap(unb64(s.cert.signersBitmap), committee?.members.length ?? 0),
        serializedMessage,
        signature: unb64(s.cert.signature),
      };
    }
    return {
      digest: s.digest,
      sender: s.sender,
      timestampMs: s.timestampMs,
      epoch: s.epoch,
      kind: s.kind,
      events: s.events.map(eventFromJson) as ChainEvent[],
      ...(certificate ? { certificate } : {}),
    };
  }

  #storedCommittee(epoch: number): Committee | undefined {
    const row = this.#committee.get(epoch) as { json: string } | undefined;
    return row ? committeeFromJson(JSON.parse(row.json)) : undefined;
  }

  /**
   * The committee of `epoch` (1 up to the current epoch), as it was selected for that epoch.
   * @throws ObjectNotFoundError for epoch 0, a future epoch or a non-integer
   */
  committeeAt(epoch: number): Committee {
    const committee =
      Number.isSafeInteger(epoch) && epoch >= 1 && epoch <= this.#ledger.epoch
        ? this.#storedCommittee(epoch)
        : undefined;
    if (!committee) throw new ObjectNotFoundError(`no committee for epoch ${String(epoch).slice(0, 20)}`);
    return committee;
  }
}

const HISTORIES = new WeakMap<Ledger, LedgerHistory>();

/** The {@link LedgerHistory} of `ledger` (created on first use; creates its table if missing). */
export function ledgerHistory(ledger: Ledger): LedgerHistory {
  let h = HISTORIES.get(ledger);
  if (!h) {
    h = new LedgerHistory(ledger);
    HISTORIES.set(ledger, h);
  }
  return h;
}

/** {@link ChainTransaction} from the JSON the HTTP API answers with (bytes base64). */
export function transactionFromJson(j: unknown): ChainTransaction {
  const t = j as {
    digest: string;
    sender: string;
    timestampMs: number;
    epoch: number;
    kind: string;
    events: unknown[];
    certificate?: { signers: number[]; serializedMessage: string; signature: string };
  };
  return {
    digest: t.digest,
    sender: t.sender,
    timestampMs: t.timestampMs,
    epoch: t.epoch,
    kind: t.kind,
    events: t.events.map(eventFromJson),
    ...(t.certificate
      ? {
          certificate: {
            signers: [...t.certificate.signers],
            serializedMessage: unb64(t.certificate.serializedMessage),
            signature: unb64(t.certificate.signature),
          },
        }
      : {}),
  };
}
