/**
 * HTTP contracts shared by walrus-ts servers and clients: route templates, JSON types and envelopes.
 * @packageDocumentation
 */
export * from './status.ts';
export * from './storage-node.ts';
export * from './daemon.ts';
