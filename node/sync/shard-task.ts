/** Shard task markers shared by blob sync and shard sync. */
import type { ShardSyncTask } from '../storage/repositories/sync-progress.ts';

/** Cursor value of a finished shard task: past every blob ID. */
export const SHARD_TASK_DONE_CURSOR: Uint8Array = new Uint8Array(32).fill(0xff);

/** True when `task` is finished (paged past the last blob ID of the secondary axis). */
export function isShardTaskDone(task: ShardSyncTask): boolean {
  return task.axis === 'secondary' && task.cursor !== null && task.cursor.every((b) => b === 0xff);
}
