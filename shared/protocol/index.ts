/**
 * The walrus-ts libp2p storage protocols: IDs, BCS headers and application status codes, shared by the
 * storage node (server side) and the client.
 * @packageDocumentation
 */
export * from './ids.ts';
export * from './headers.ts';
export * from './symbol-batch.ts';
