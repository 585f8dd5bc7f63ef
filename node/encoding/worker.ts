/**
 * Worker thread of the encoding pool: owns one WebAssembly kernels instance and runs codec tasks
 * (`shared/encoding/tasks.ts`) posted by {@link EncodingPool}, transferring result buffers back.
 */
import { parentPort } from 'node:worker_threads';
import { runColumnTask, runDecodeTask, runExpandTask } from '../../shared/encoding/tasks.ts';
import { instantiateWasmKernels } from '../../shared/wasm/index.ts';
import type { PoolRequest, PoolResponse } from './messages.ts';

const kernels = await instantiateWasmKernels();
kernels.rsInit();
const port = parentPort;
if (port === null) throw new Error('node/encoding/worker.ts must run as a worker thread');

function buffersOf(values: readonly (Uint8Array | undefined)[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of values) if (v !== undefined && v.buffer instanceof ArrayBuffer) out.push(v.buffer);
  return [...new Set(out)];
}

port.on('message', (request: PoolRequest) => {
  let response: PoolResponse;
  try {
    switch (request.kind) {
      case 'expand': {
        const result = runExpandTask(request.task, kernels);
        response = { id: request.id, kind: 'expand', result };
        port.postMessage(response, buffersOf([result.repair, result.roots]));
        return;
      }
      case 'column': {
        const result = runColumnTask(request.task, kernels);
        response = { id: request.id, kind: 'column', result };
        port.postMessage(
          response,
          buffersOf([result.columnRoots, result.rowSubtreeRoots, result.repair, result.secondary]),
        );
        return;
      }
      case 'decode': {
        const result = runDecodeTask(request.task, kernels);
        response = { id: request.id, kind: 'decode', result };
        port.postMessage(response, buffersOf([result]));
        return;
      }
    }
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    response = { id: request.id, kind: 'error', name: e.name, message: e.message };
    port.postMessage(response);
  }
});
port.postMessage({ id: 0, kind: 'ready' } satisfies PoolResponse);
