import { describe, expect, it } from 'vitest';
import { InvalidGossipTopicError } from '../../../../../node/network/errors.ts';
import {
  allGossipTopics,
  parseGossipTopic,
  stringifyGossipTopic,
} from '../../../../../node/network/gossip/topics.ts';

describe('gossip topics', () => {
  it('stringifies and parses back', () => {
    const s = stringifyGossipTopic({ network: 'devnet', type: 'blobs' });
    expect(s).toBe('/walrus-ts/devnet/blobs/1');
    expect(parseGossipTopic(s)).toEqual({ network: 'devnet', type: 'blobs', version: 1 });
    expect(parseGossipTopic('/walrus-ts/test-2/recovery/7')).toEqual({
      network: 'test-2',
      type: 'recovery',
      version: 7,
    });
  });

  it('lists one topic per type', () => {
    expect(allGossipTopics('local')).toEqual([
      '/walrus-ts/local/blobs/1',
      '/walrus-ts/local/epoch/1',
      '/walrus-ts/local/recovery/1',
    ]);
  });

  it.each([
    '/walrus-ts/devnet/blobs',
    '/walrus-ts/devnet/unknown/1',
    '/other/devnet/blobs/1',
    '/walrus-ts/Dev/blobs/1',
    '/walrus-ts/devnet/blobs/0',
    '/walrus-ts/devnet/blobs/01',
    'walrus-ts/devnet/blobs/1',
    '/walrus-ts/devnet/blobs/1/',
  ])('rejects %s', (t) => {
    expect(() => parseGossipTopic(t)).toThrow(InvalidGossipTopicError);
  });

  it('refuses to build bad topics', () => {
    expect(() => stringifyGossipTopic({ network: 'a/b', type: 'epoch' })).toThrow(InvalidGossipTopicError);
    expect(() => stringifyGossipTopic({ network: 'ok', type: 'epoch', version: 0 })).toThrow(
      InvalidGossipTopicError,
    );
  });
});
