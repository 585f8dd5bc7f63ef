/**
 * A ticking clock for countdowns and "12s ago" labels, corrected by the server's clock offset.
 * @packageDocumentation
 */

/** `now` advances every `intervalMs` while started. */
export class Clock {
  now = $state(Date.now());
  #offset = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Aligns to the server: `serverTimeMs` was the server's clock when the data was made. */
  sync(serverTimeMs: number): void {
    this.#offset = serverTimeMs - Date.now();
    this.now = Date.now() + this.#offset;
  }

  /** Starts ticking; returns the stop function (for `$effect` / `onMount`). */
  start(intervalMs = 1000): () => void {
    this.#timer = setInterval(() => (this.now = Date.now() + this.#offset), intervalMs);
    return () => clearInterval(this.#timer);
  }
}
