/**
 * Group commit for the embedded chain's HTTP server: the transactions that are ready in the same turn of
 * the event loop are applied as one block ({@link Ledger.block}: one SQL transaction and one commit, each
 * transaction still all-or-nothing in its own savepoint), and every caller gets its receipt or error only
 * after the block committed. Under load a block holds everything that arrived while the previous one was
 * being applied; when idle a block holds one transaction and adds no wait beyond one `setImmediate`.
 */
import { ledgerHistory, type LedgerHistory } from './history.ts';
import type { Ledger, LedgerReceipt } from './ledger.ts';
import type { SignedTx, VerifiedTx } from './tx.ts';

/** Options of {@link TxBlockQueue}. */
export interface TxBlockQueueInit {
  /** Most transactions in one block (the rest go into the next). @default 512 */
  maxBlock?: number;
}

/** Counters of a {@link TxBlockQueue}, for benchmarks and metrics. */
export interface TxBlockQueueStats {
  /** Transactions applied or rejected. */
  txs: number;
  /** Blocks committed (txs / blocks = mean block size). */
  blocks: number;
  /** Largest block. */
  maxBlock: number;
}

interface Pending {
  tx: SignedTx;
  verified: VerifiedTx;
  resolve: (r: LedgerReceipt) => void;
  reject: (e: unknown) => void;
}

/** Applies verified transactions to a ledger in blocks; see the module comment. */
export class TxBlockQueue {
  readonly #ledger: Ledger;
  readonly #history: LedgerHistory;
  readonly #maxBlock: number;
  readonly #stats: TxBlockQueueStats = { txs: 0, blocks: 0, maxBlock: 0 };
  #pending: Pending[] = [];
  #scheduled = false;

  constructor(ledger: Ledger, init: TxBlockQueueInit = {}) {
    this.#ledger = ledger;
    // Created here, outside any block, so that its table exists before the first block.
    this.#history = ledgerHistory(ledger);
    this.#maxBlock = Math.max(1, init.maxBlock ?? 512);
  }

  /** Counters since the queue was made. */
  stats(): TxBlockQueueStats {
    return { ...this.#stats };
  }

  /**
   * Applies `verified` (what `verifySignedTx(tx)` returned) in the next block and records it in the
   * history. Resolves with the receipt once the block is durable; rejects with the transaction's
   * ChainError (the ledger unchanged by it) or, when the block's commit failed, with that error (then
   * no transaction of the block was applied).
   */
  submit(tx: SignedTx, verified: VerifiedTx): Promise<LedgerReceipt> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ tx, verified, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    const items = this.#pending.splice(0, this.#maxBlock);
    if (this.#pending.length) setImmediate(() => this.#flush());
    else this.#scheduled = false;
    if (items.length === 0) return;
    const results: ({ ok: true; receipt: LedgerReceipt } | { ok: false; error: unknown })[] = [];
    try {
      this.#ledger.block(() => {
        for (const it of items) {
          try {
            const receipt = this.#ledger.submitVerified(it.verified);
            this.#history.record(it.tx, receipt, it.verified.body);
            results.push({ ok: true, receipt });
          } catch (error) {
            results.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const it of items) it.reject(error);
      return;
    }
    this.#stats.txs += items.length;
    this.#stats.blocks++;
    this.#stats.maxBlock = Math.max(this.#stats.maxBlock, items.length);
    items.forEach((it, i) => {
      const r = results[i];
      if (r.ok) it.resolve(r.receipt);
      else it.reject(r.error);
    });
  }
}
