/** Messages between {@link EncodingPool} and its workers (structured-cloned, buffers transferred). */
import type {
  ColumnResult,
  ColumnTask,
  DecodeTask,
  ExpandResult,
  ExpandTask,
} from '../../shared/encoding/tasks.ts';

/** A task for a worker. */
export type PoolRequest =
  | { readonly id: number; readonly kind: 'expand'; readonly task: ExpandTask }
  | { readonly id: number; readonly kind: 'column'; readonly task: ColumnTask }
  | { readonly id: number; readonly kind: 'decode'; readonly task: DecodeTask };

/** A worker's answer (`ready` once its kernels are instantiated, id 0). */
export type PoolResponse =
  | { readonly id: number; readonly kind: 'expand'; readonly result: ExpandResult }
  | { readonly id: number; readonly kind: 'column'; readonly result: ColumnResult }
  | { readonly id: number; readonly kind: 'decode'; readonly result: Uint8Array }
  | { readonly id: number; readonly kind: 'error'; readonly name: string; readonly message: string }
  | { readonly id: 0; readonly kind: 'ready' };

/** Result type of each request kind. */
export interface PoolResults {
  expand: ExpandResult;
  column: ColumnResult;
  decode: Uint8Array;
}

/** Task type of each request kind. */
export interface PoolTasks {
  expand: ExpandTask;
  column: ColumnTask;
  decode: DecodeTask;
}
