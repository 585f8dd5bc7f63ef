/**
 * Committee tracking: the current and previous committee as the chain reports them, and which shards this
 * node owns in each. The node finds itself in a committee by its BLS public key (the key it registered).
 *
 * Refreshed at start and on every epoch event the event follower sees (`refresh()`); reads are synchronous
 * snapshots, so a request sees one consistent committee.
 *
 * @see spec §6.3 (committee), §6.5 (epochs); architecture "Epochs"
 */
import type { ComponentLogger, Logger } from '@libp2p/interface';
import { bytesEqual } from '../../../shared/encoding/blob-id.ts';
import { maxSliverSize } from '../../../shared/encoding/params.ts';
import type { ChainReader, Committee, CommitteeMember, EpochState } from '../../chain/types.ts';

/** What the tracker needs. */
export interface CommitteeTrackerComponents {
  chain: Pick<ChainReader, 'systemState'>;
  logger: ComponentLogger;
}

/** Options of the tracker. */
export interface CommitteeTrackerInit {
  /** This node's BLS public key (48 bytes): how it recognises itself among the members. */
  publicKey: Uint8Array;
}

/** One immutable view of the committees. */
export interface CommitteeView {
  /** Current epoch (0 before genesis). */
  readonly epoch: number;
  readonly epochState: EpochState;
  readonly nShards: number;
  readonly current: Committee;
  /** The previous epoch's committee while an epoch change is in progress. */
  readonly previous?: Committee;
  /** This node's entry in the current committee, if it is a member. */
  readonly self?: CommitteeMember;
  /** Shards this node owns in the current epoch. */
  readonly ownedShards: ReadonlySet<number>;
  /** Shards this node owned in the previous epoch (empty unless an epoch change is in progress). */
  readonly previousShards: ReadonlySet<number>;
}

function emptyView(): CommitteeView {
  return {
    epoch: 0,
    epochState: { kind: 'NotStarted' },
    nShards: 0,
    current: { epoch: 0, nShards: 0, members: [] },
    ownedShards: new Set(),
    previousShards: new Set(),
  };
}

/** Tracks the committees from the chain. */
export class CommitteeTracker {
  readonly #components: CommitteeTrackerComponents;
  readonly #publicKey: Uint8Array;
  readonly #log: Logger;
  #view: CommitteeView = emptyView();
  #listeners = new Set<(view: CommitteeView) => void>();

  constructor(components: CommitteeTrackerComponents, init: CommitteeTrackerInit) {
    this.#components = components;
    this.#publicKey = init.publicKey;
    this.#log = components.logger.forComponent('walrus-ts:service:committee');
  }

  /** The latest view (empty before the first refresh). */
  get view(): CommitteeView {
    return this.#view;
  }

  /** Current epoch. */
  get epoch(): number {
    return this.#view.epoch;
  }

  /** Number of shards of the system (0 before the first refresh). */
  get nShards(): number {
    return this.#view.nShards;
  }

  /**
   * Largest BCS SliverData this system can produce, in bytes: C * 65534 symbol bytes plus the BCS framing.
   * 0 before the first refresh.
   * @see shared/encoding/params.ts maxSliverSize
   */
  get maxSliverBytes(): number {
    return this.#view.nShards >= 4 ? maxSliverSize(this.#view.nShards) + 16 : 0;
  }

  /** Reads the system state and replaces the view. Returns the new view. */
  async refresh(options: { signal?: AbortSignal } = {}): Promise<CommitteeView> {
    const state = await this.#components.chain.systemState(options);
    const self = state.committee.members.find((m) => bytesEqual(m.publicKey, this.#publicKey));
    const prevSelf = state.previousCommittee?.members.find((m) => bytesEqual(m.publicKey, this.#publicKey));
    const before = this.#view;
    this.#view = {
      epoch: state.epoch,
      epochState: state.epochState,
      nShards: state.nShards,
      current: state.committee,
      previous: state.previousCommittee,
      self,
      ownedShards: new Set(self?.shards ?? []),
      previousShards: new Set(prevSelf?.shards ?? []),
    };
    if (before.epoch !== state.epoch || before.ownedShards.size !== this.#view.ownedShards.size) {
      this.#log('epoch %d: %d shards owned of %d', state.epoch, this.#view.ownedShards.size, state.nShards);
    }
    for (const l of this.#listeners) l(this.#view);
    return this.#view;
  }

  /** Calls `listener` after every refresh; returns a function that removes it. */
  onChange(listener: (view: CommitteeView) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** True when this node owns `shard` in the current epoch. */
  ownsShard(shard: number): boolean {
    return this.#view.ownedShards.has(shard);
  }

  /** True when `peerId` belongs to a member of the current or previous committee. */
  isMemberPeer(peerId: string): boolean {
    const v = this.#view;
    return (
      v.current.members.some((m) => m.peerId === peerId) ||
      (v.previous?.members.some((m) => m.peerId === peerId) ?? false)
    );
  }

  /** Members of the current committee that own `shard`. */
  ownersOf(shard: number, committee: Committee = this.#view.current): CommitteeMember[] {
    return committee.members.filter((m) => m.shards.includes(shard));
  }
}
