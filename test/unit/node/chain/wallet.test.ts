import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createWallet,
  DEFAULT_CHAIN_URL,
  loadWallet,
  resolveChainUrl,
  WalletFileError,
} from '../../../../node/chain/wallet.ts';

describe('wallet files', () => {
  it('are created with mode 0600, load back to the same key, and refuse to be overwritten', () => {
    const dir = mkdtempSync(join(tmpdir(), 'walrus-ts-wallet-'));
    try {
      const path = join(dir, 'sub', 'wallet.json');
      const kp = createWallet(path);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(loadWallet(path).toSuiAddress()).toBe(kp.toSuiAddress());
      expect(() => createWallet(path)).toThrow(WalletFileError);
      expect(createWallet(path, true).toSuiAddress()).not.toBe(kp.toSuiAddress());
      writeFileSync(join(dir, 'bad.json'), '{"secretKey": 5}');
      expect(() => loadWallet(join(dir, 'bad.json'))).toThrow(WalletFileError);
      expect(() => loadWallet(join(dir, 'missing.json'))).toThrow(WalletFileError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('resolve the chain URL from the option, then the environment, then the default', () => {
    const saved = process.env.WALRUS_TS_CHAIN_URL;
    try {
      delete process.env.WALRUS_TS_CHAIN_URL;
      expect(resolveChainUrl()).toBe(DEFAULT_CHAIN_URL);
      process.env.WALRUS_TS_CHAIN_URL = 'http://x:1';
      expect(resolveChainUrl()).toBe('http://x:1');
      expect(resolveChainUrl('http://y:2')).toBe('http://y:2');
    } finally {
      if (saved === undefined) delete process.env.WALRUS_TS_CHAIN_URL;
      else process.env.WALRUS_TS_CHAIN_URL = saved;
    }
  });
});
