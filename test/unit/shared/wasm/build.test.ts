import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildKernels, OUTPUT, renderModule } from '../../../../scripts/build-wasm.ts';
import { kernelsWasmBytes } from '../../../../shared/wasm/index.ts';

describe('scripts/build-wasm.ts', () => {
  // The committed module was built in another process, so equality also shows the build is deterministic.
  it('rebuilds the committed kernels module byte for byte', { timeout: 120_000 }, async () => {
    const first = await buildKernels();
    const committed = readFileSync(join(import.meta.dirname, '../../../..', OUTPUT), 'utf8');
    expect(renderModule(first)).toBe(committed);
    expect(Buffer.from(kernelsWasmBytes()).equals(Buffer.from(first))).toBe(true);
  });

  it('embeds a module with SIMD code and the documented exports', () => {
    const module = new WebAssembly.Module(kernelsWasmBytes() as Uint8Array<ArrayBuffer>);
    const names = WebAssembly.Module.exports(module).map((e) => e.name);
    for (const name of [
      'memory',
      'blake2b256',
      'hashLeaves',
      'merkleRoots',
      'fft',
      'ifft',
      'encodeHighRate',
      'pack',
    ]) {
      expect(names).toContain(name);
    }
    expect(WebAssembly.Module.imports(module)).toEqual([]);
  });
});
