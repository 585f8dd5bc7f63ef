/**
 * Storage node configuration: YAML file + `WALRUS_TS_*` environment + flags, validated with typed errors.
 *
 * @packageDocumentation
 */
export * from './config.ts';
export * from './errors.ts';
