/**
 * The publisher/aggregator daemon (`walrus-ts daemon|publisher|aggregator`): Walrus's HTTP API over a
 * walrus-ts client.
 * @packageDocumentation
 */
export * from './server.ts';
export * from './errors.ts';
export * from './range.ts';
