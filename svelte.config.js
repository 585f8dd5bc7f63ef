import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter(),
    // The app lives in explorer/; node/, shared/, test/ and scripts/ sit beside it (see README).
    files: { src: 'explorer', assets: 'explorer/static' },
    typescript: {
      config(cfg) {
        cfg.include.push('../node/**/*.ts', '../shared/**/*.ts', '../scripts/**/*.ts', '../vite.config.ts');
        // AssemblyScript source (compiled by scripts/build-wasm.ts, not by tsc).
        (cfg.exclude ??= []).push('../shared/wasm/assembly/**');
      },
    },
  },
};
