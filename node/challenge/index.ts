/**
 * Storage challenges (proofs of storage): every epoch, every committee member is challenged on a random
 * sample of the sliver symbols it should hold; the others verify the Merkle proofs against the blobs'
 * metadata, sign and gossip their verdicts; a quorum-attested failure is reported on chain, and every
 * failed sample starts the recovery of the missing slivers. See ./README.md for the sampling and its costs.
 *
 * @example
 * ```ts
 * import { challengeService, createChallengeMetrics, healingFromSync } from '#node/challenge/index.ts'
 * const challenges = challengeService({})({ store, committee, network, signer, chain, chainWriter,
 *   healing: healingFromSync(sync), logger, metrics: createChallengeMetrics(register) })
 * await challenges.start()
 * ```
 * @packageDocumentation
 */
export * from './api.ts';
export * from './errors.ts';
export * from './metrics.ts';
export * from './prover.ts';
export * from './sampling.ts';
export * from './service.ts';
export * from './verdict-book.ts';
export * from './verifier.ts';
