/**
 * Worker thread of the encoding pool: owns one WebAssembly kernels instance and runs codec tasks
 * (`shared/encoding/tasks.ts`) posted by {@link EncodingPool}, transferring result buffers back.
 * A task's input buffer (transferred or cloned to this worker, so its own) is released as soon as
 * the task is done: left to the collector, dead inputs pile up by tens of MiB per worker.
 */
import { parentPort } from 'node:worker_threads';
import { releaseBuffer, runColumnTask, runDecodeTask, runExpandTask } from '../../shared/encoding/tasks.ts';
import { instantiateWasmKernels } from '../../shared/wasm/index.ts';
import { enableNativeLeafHashes } from '../crypto/blake2b/index.ts';
import type { PoolRequest, PoolResponse } from './messages.ts';

enableNativeLeafHashes();
const kernels = await instantiateWasmKernels();
kernels.rsInit();
const port = parentPort;
if (port === null) throw new Error('node/encoding/worker.ts must run as a worker thread');

function buffersOf(values: readonly (Uint8Array | undefined)[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const v of values) if (v !== undefined && v.buffer instanceof ArrayBuffer) out.push(v.buffer);
  return [...new Set(out)];
}

/** Runs one task; returns the response and the buffers to transfer with it. */
function handle(request: PoolRequest): [PoolResponse, ArrayBuffer[]] {
  switch (request.kind) {
    case 'expand': {
      const result = runExpandTask(request.task, kernels);
      return [{ id: request.id, kind: 'expand', result }, buffersOf([result.repair, result.roots])];
    }
    case 'column': {
      const result = runColumnTask(request.task, kernels);
      return [
        { id: request.id, kind: 'column', result },
        buffersOf([result.columnRoots, result.rowSubtreeRoots, result.repair, result.secondary]),
      ];
    }
    case 'decode': {
      const result = runDecodeTask(request.task, kernels);
      return [{ id: request.id, kind: 'decode', result }, buffersOf([result])];
    }
  }
}

/** The task's input bytes, or undefined for a malformed request. */
function inputOf(request: PoolRequest): Uint8Array | undefined {
  const task = request.task as { slivers?: unknown; band?: unknown } | undefined;
  const input = request.kind === 'expand' ? task?.slivers : task?.band;
  return input instanceof Uint8Array ? input : undefined;
}

port.on('message', (request: PoolRequest) => {
  try {
    const [response, transfer] = handle(request);
    releaseBuffer(inputOf(request)?.buffer);
    port.postMessage(response, transfer);
  } catch (err) {
    releaseBuffer(inputOf(request)?.buffer);
    const e = err instanceof Error ? err : new Error(String(err));
    const response: PoolResponse = { id: request.id, kind: 'error', name: e.name, message: e.message };
    port.postMessage(response);
  }
});
port.postMessage({ id: 0, kind: 'ready' } satisfies PoolResponse);
