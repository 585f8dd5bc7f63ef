/**
 * The live event feed: chain events pushed by the explorer server (`/api/events/stream`, server-sent
 * events), newest first, on top of the events the page was rendered with.
 * @packageDocumentation
 */
import type { EventDto } from '../types.ts';

/** Live events; call {@link connect} in the browser and the returned function to disconnect. */
export class LiveEvents {
  items = $state<EventDto[]>([]);
  connected = $state(false);
  readonly #max: number;

  constructor(initial: EventDto[], max = 25) {
    this.items = initial.slice(0, max);
    this.#max = max;
  }

  /** Opens the stream; `onEvent` is called for each new event. Returns the close function. */
  connect(onEvent?: (e: EventDto) => void): () => void {
    const source = new EventSource('/api/events/stream');
    source.onopen = () => (this.connected = true);
    source.onerror = () => (this.connected = false);
    source.onmessage = (m) => this.#push(m.data, onEvent);
    const types = [
      'BlobRegistered',
      'BlobCertified',
      'BlobDeleted',
      'InvalidBlobID',
      'EpochParametersSelected',
      'EpochChangeStart',
      'EpochChangeDone',
      'ShardsReceived',
      'PricesUpdated',
    ];
    for (const t of types) source.addEventListener(t, (m) => this.#push((m as MessageEvent).data, onEvent));
    return () => {
      source.close();
      this.connected = false;
    };
  }

  #push(data: string, onEvent?: (e: EventDto) => void): void {
    const e = JSON.parse(data) as EventDto;
    if (this.items.some((x) => x.cursor === e.cursor)) return;
    this.items = [e, ...this.items].slice(0, this.#max);
    onEvent?.(e);
  }
}
