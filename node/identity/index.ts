/**
 * Node identity: the keystore (libp2p, BLS protocol and Sui account keys) and the BLS proof of possession.
 *
 * @packageDocumentation
 */
export * from './errors.ts';
export * from './keystore.ts';
export * from './proof-of-possession.ts';
