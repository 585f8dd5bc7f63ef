import { describe, expect, it } from 'vitest';
import {
  httpMultiaddr,
  httpUrlFromMultiaddr,
  nodeHttpUrl,
  nodeLibp2pAddrs,
} from '../../../../../node/client/transport/endpoints.ts';

describe('node endpoints from on-chain multiaddrs', () => {
  it('turns /http and /https multiaddrs into base URLs', () => {
    expect(httpUrlFromMultiaddr('/ip4/127.0.0.1/tcp/9185/http')).toBe('http://127.0.0.1:9185');
    expect(httpUrlFromMultiaddr('/dns4/node.example/tcp/443/https')).toBe('https://node.example:443');
    expect(httpUrlFromMultiaddr('/dns/node.example/tcp/443/tls/http')).toBe('https://node.example:443');
    expect(httpUrlFromMultiaddr('/ip6/::1/tcp/80/http')).toBe('http://[::1]:80');
    expect(httpUrlFromMultiaddr('https://node.example/')).toBe('https://node.example');
    expect(httpUrlFromMultiaddr('/ip4/127.0.0.1/tcp/9300')).toBeUndefined();
  });
  it('round-trips httpMultiaddr', () => {
    expect(httpUrlFromMultiaddr(httpMultiaddr('127.0.0.1', 8080))).toBe('http://127.0.0.1:8080');
    expect(httpUrlFromMultiaddr(httpMultiaddr('n.example', 443, true))).toBe('https://n.example:443');
  });
  it('splits libp2p and HTTP addresses of a node and adds /p2p', () => {
    const node = {
      peerId: '12D3KooWabc',
      multiaddrs: [
        '/ip4/1.2.3.4/tcp/9300',
        '/ip4/1.2.3.4/tcp/9185/http',
        '/ip4/1.2.3.4/tcp/9301/ws/p2p/12D3KooWabc',
      ],
    };
    expect(nodeHttpUrl(node)).toBe('http://1.2.3.4:9185');
    expect(nodeLibp2pAddrs(node)).toEqual([
      '/ip4/1.2.3.4/tcp/9300/p2p/12D3KooWabc',
      '/ip4/1.2.3.4/tcp/9301/ws/p2p/12D3KooWabc',
    ]);
    expect(nodeHttpUrl({ multiaddrs: ['/ip4/1.2.3.4/tcp/9300'] })).toBeUndefined();
  });
});
