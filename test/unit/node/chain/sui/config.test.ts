import { describe, it, expect } from 'vitest';
import {
  MAINNET_DEPLOYMENT,
  resolveSuiConfig,
  TESTNET_DEPLOYMENT,
} from '../../../../../node/chain/sui/config.ts';
import { SuiConfigError } from '../../../../../node/chain/sui/errors.ts';
import { createSuiChainClient } from '../../../../../node/chain/sui/index.ts';
import { InvalidArgumentError } from '../../../../../shared/errors.ts';

const CUSTOM = {
  rpcUrl: 'http://127.0.0.1:9000',
  systemObjectId: '0x51',
  stakingObjectId: '0x' + '53'.repeat(32),
  walCoinType: '0x35::wal::WAL',
};

function configError(f: () => unknown): SuiConfigError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SuiConfigError);
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect((e as SuiConfigError).code).toBe('CHAIN_SUI_INVALID_CONFIG');
    return e as SuiConfigError;
  }
  throw new Error('expected a SuiConfigError');
}

describe('resolveSuiConfig', () => {
  it('fills a known network from its preset', () => {
    const c = resolveSuiConfig({ network: 'mainnet' });
    expect(c.deployment).toEqual(MAINNET_DEPLOYMENT);
    expect(c.rpcUrl).toBe('https://fullnode.mainnet.sui.io:443');
    expect(c.pollIntervalMs).toBe(2000);
    expect(c.eventPageSize).toBe(50);
    expect(c.readNodeMetadata).toBe(false);
    expect(c.commissionRateBps).toBe(0);
    const t = resolveSuiConfig({ network: 'testnet', rpcUrl: 'https://example.org', pollIntervalMs: 500 });
    expect(t.deployment.systemObjectId).toBe(TESTNET_DEPLOYMENT.systemObjectId);
    expect(t.rpcUrl).toBe('https://example.org');
    expect(t.pollIntervalMs).toBe(500);
  });

  it('normalizes custom IDs and coin types', () => {
    const c = resolveSuiConfig({ ...CUSTOM, packageId: '0xABC' });
    expect(c.network).toBe('custom');
    expect(c.deployment.systemObjectId).toBe('0x' + '0'.repeat(62) + '51');
    expect(c.deployment.walCoinType).toBe('0x' + '0'.repeat(62) + '35::wal::WAL');
    expect(c.deployment.packageId).toBe('0x' + '0'.repeat(61) + 'abc');
    expect(c.deployment.originalPackageId).toBeUndefined();
  });

  it('names the bad field', () => {
    expect(configError(() => resolveSuiConfig({ ...CUSTOM, rpcUrl: undefined })).message).toMatch(/rpcUrl/);
    expect(configError(() => resolveSuiConfig({ ...CUSTOM, rpcUrl: 'ftp://x' })).message).toMatch(/http/);
    expect(configError(() => resolveSuiConfig({ ...CUSTOM, rpcUrl: 'not a url' })).message).toMatch(/rpcUrl/);
    expect(configError(() => resolveSuiConfig({ ...CUSTOM, systemObjectId: undefined })).message).toMatch(
      /systemObjectId/,
    );
    expect(configError(() => resolveSuiConfig({ ...CUSTOM, stakingObjectId: '0xzz' })).message).toMatch(
      /stakingObjectId/,
    );
    expect(configError(() => resolveSuiConfig({ ...CUSTOM, walCoinType: 'WAL' })).message).toMatch(
      /walCoinType/,
    );
    expect(configError(() => resolveSuiConfig({ ...CUSTOM, pollIntervalMs: 0 })).message).toMatch(
      /pollIntervalMs/,
    );
    expect(configError(() => resolveSuiConfig({ ...CUSTOM, eventPageSize: 1.5 })).message).toMatch(
      /eventPageSize/,
    );
    expect(configError(() => resolveSuiConfig({ ...CUSTOM, commissionRateBps: 10_001 })).message).toMatch(
      /commissionRateBps/,
    );
    expect(
      configError(() => resolveSuiConfig({ ...CUSTOM, networkPublicKey: new Uint8Array(32) })).message,
    ).toMatch(/33 bytes/);
    expect(configError(() => resolveSuiConfig({ network: 'devnet' as 'mainnet' })).message).toMatch(
      /network/,
    );
  });
});

describe('createSuiChainClient', () => {
  it('builds a read-only client offline, or a signing one from a suiprivkey', async () => {
    const ro = createSuiChainClient({ network: 'testnet' });
    expect(ro.address).toBe('0x' + '0'.repeat(64));
    const { Ed25519Keypair } = await import('@mysten/sui/keypairs/ed25519');
    const kp = Ed25519Keypair.generate();
    const rw = createSuiChainClient({ ...CUSTOM, secretKey: kp.getSecretKey() });
    expect(rw.address).toBe(kp.toSuiAddress());
    expect(
      configError(() => createSuiChainClient({ ...CUSTOM, secretKey: 'suiprivkey1nope' })).message,
    ).toMatch(/secretKey/);
  });
});
