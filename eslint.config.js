import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['node_modules/', '.svelte-kit/', 'build/', 'test/fixtures/', '**/*.generated.ts'] },
  // AssemblyScript source (its own dialect; compiled by scripts/build-wasm.ts).
  { ignores: ['shared/wasm/assembly/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    // shared/ is isomorphic: it runs in the browser too, so no Node built-ins and no upward imports.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'shared/ must stay isomorphic (no node:* imports)' },
            {
              group: ['../../node/*', '../node/*', '#node/*', '**/explorer/*'],
              message: 'shared/ imports nothing above it',
            },
          ],
        },
      ],
    },
  },
  {
    // The explorer may use node/client only (and server routes may use node/chain through lib/server).
    files: ['explorer/**/*.ts', 'explorer/**/*.svelte'],
    ignores: ['explorer/lib/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/node/storage/*', '**/node/network/*', '**/node/sync/*'],
              message: 'explorer uses node/client only',
            },
          ],
        },
      ],
    },
  },
);
