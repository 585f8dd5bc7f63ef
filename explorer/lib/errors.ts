/**
 * Errors of the explorer: one class per condition, each with a stable `code` and the HTTP status its API
 * answers with. Server routes turn them into `{ error: { code, message, status } }`; pages turn that into
 * SvelteKit's `error(status, { message, code })`, which +error.svelte shows.
 * @packageDocumentation
 */
import { WalrusTsError } from '../../shared/errors.ts';

/** Root of the explorer's errors. */
export class ExplorerError extends WalrusTsError {
  static readonly name: string = 'ExplorerError';
  /** HTTP status of the API answer. */
  readonly status: number;
  constructor(message: string, code = 'EXPLORER_ERROR', status = 500) {
    super(message, code);
    this.status = status;
  }
}

/** A search query, blob ID, object ID, node ID or epoch does not have a valid form. */
export class InvalidQueryError extends ExplorerError {
  static readonly name = 'InvalidQueryError';
  constructor(message = 'invalid query') {
    super(message, 'EXPLORER_INVALID_QUERY', 400);
  }
}

/** The chain knows nothing of this blob ID. */
export class BlobNotFoundError extends ExplorerError {
  static readonly name = 'BlobNotFoundError';
  constructor(message = 'no blob with this ID is known to the chain') {
    super(message, 'EXPLORER_BLOB_NOT_FOUND', 404);
  }
}

/** No registered storage node has this node ID. */
export class NodeNotFoundError extends ExplorerError {
  static readonly name = 'NodeNotFoundError';
  constructor(message = 'no storage node with this ID') {
    super(message, 'EXPLORER_NODE_NOT_FOUND', 404);
  }
}

/** The epoch has not happened yet (or is 0). */
export class EpochNotFoundError extends ExplorerError {
  static readonly name = 'EpochNotFoundError';
  constructor(message = 'no such epoch') {
    super(message, 'EXPLORER_EPOCH_NOT_FOUND', 404);
  }
}

/** Nothing matches a search. */
export class NothingFoundError extends ExplorerError {
  static readonly name = 'NothingFoundError';
  constructor(message = 'nothing matches this search') {
    super(message, 'EXPLORER_NOTHING_FOUND', 404);
  }
}

/** The chain cannot be reached (or answered with something unexpected). Retry later. */
export class ChainUnreachableError extends ExplorerError {
  static readonly name = 'ChainUnreachableError';
  constructor(message = 'the chain cannot be reached') {
    super(message, 'EXPLORER_CHAIN_UNREACHABLE', 503);
  }
}

/** No aggregator is configured, or it cannot be reached. */
export class AggregatorUnavailableError extends ExplorerError {
  static readonly name = 'AggregatorUnavailableError';
  constructor(message = 'no aggregator is available') {
    super(message, 'EXPLORER_AGGREGATOR_UNAVAILABLE', 503);
  }
}

/** The aggregator could not return the blob's content (not stored, not certified, or failed to decode). */
export class ContentUnavailableError extends ExplorerError {
  static readonly name = 'ContentUnavailableError';
  constructor(message = 'the aggregator could not return this blob') {
    super(message, 'EXPLORER_CONTENT_UNAVAILABLE', 502);
  }
}

/** A storage node does not answer on its HTTP API. */
export class NodeUnreachableError extends ExplorerError {
  static readonly name = 'NodeUnreachableError';
  constructor(message = 'the storage node does not answer') {
    super(message, 'EXPLORER_NODE_UNREACHABLE', 502);
  }
}

/** Human titles of the error codes, for error pages. */
export const ERROR_TITLES: Readonly<Record<string, string>> = {
  EXPLORER_INVALID_QUERY: 'Invalid query',
  EXPLORER_BLOB_NOT_FOUND: 'Blob not found',
  EXPLORER_NODE_NOT_FOUND: 'Storage node not found',
  EXPLORER_EPOCH_NOT_FOUND: 'Epoch not found',
  EXPLORER_NOTHING_FOUND: 'Nothing found',
  EXPLORER_CHAIN_UNREACHABLE: 'Chain unreachable',
  EXPLORER_AGGREGATOR_UNAVAILABLE: 'Aggregator unavailable',
  EXPLORER_CONTENT_UNAVAILABLE: 'Content unavailable',
  EXPLORER_NODE_UNREACHABLE: 'Storage node unreachable',
};
