/**
 * How the client finds a storage node: the one module that turns a committee member's on-chain addresses
 * into a libp2p dial target and an HTTP API base URL.
 *
 * Convention (walrus-ts): a node announces, in its on-chain `multiaddrs`, its libp2p listen addresses
 * (`/ip4/1.2.3.4/tcp/9300`, `/dns4/n.example/tcp/9301/ws`, ...) and its HTTP API as a multiaddr ending in
 * `/http` or `/https` (`/ip4/1.2.3.4/tcp/9185/http`, `/dns4/n.example/tcp/443/https`,
 * `/dns/n.example/tcp/443/tls/http`). A plain `http://` or `https://` URL in the list is accepted too.
 * libp2p addresses get `/p2p/<peerId>` appended when missing, so a dial checks the node's identity.
 * @packageDocumentation
 */
import type { StorageNodeRef } from './types.ts';

const HTTP_MULTIADDR = /^\/(ip4|ip6|dns|dns4|dns6)\/([^/]+)\/tcp\/(\d{1,5})\/(https|tls\/http|http)$/;

function isHttpEntry(addr: string): boolean {
  return /^https?:\/\//.test(addr) || HTTP_MULTIADDR.test(addr);
}

/** The HTTP API base URL of a multiaddr like `/ip4/127.0.0.1/tcp/9185/http` (no trailing slash), or undefined. */
export function httpUrlFromMultiaddr(addr: string): string | undefined {
  if (/^https?:\/\//.test(addr)) return addr.replace(/\/+$/, '');
  const m = HTTP_MULTIADDR.exec(addr);
  if (!m) return undefined;
  const [, proto, host, port, scheme] = m;
  const h = proto === 'ip6' ? `[${host}]` : host;
  return `${scheme === 'http' ? 'http' : 'https'}://${h}:${Number(port)}`;
}

/** The multiaddr a node announces for an HTTP API served at `host:port`. */
export function httpMultiaddr(host: string, port: number, tls = false): string {
  const proto = host.includes(':') ? 'ip6' : /^[0-9.]+$/.test(host) ? 'ip4' : 'dns';
  return `/${proto}/${host}/tcp/${port}/${tls ? 'https' : 'http'}`;
}

/** The node's HTTP API base URL, or undefined when it announces none. */
export function nodeHttpUrl(node: Pick<StorageNodeRef, 'multiaddrs'>): string | undefined {
  for (const a of node.multiaddrs) {
    const url = httpUrlFromMultiaddr(a);
    if (url) return url;
  }
  return undefined;
}

/** The node's libp2p multiaddrs (HTTP entries dropped), each ending in `/p2p/<peerId>`. */
export function nodeLibp2pAddrs(node: Pick<StorageNodeRef, 'multiaddrs' | 'peerId'>): string[] {
  return node.multiaddrs
    .filter((a) => a.startsWith('/') && !isHttpEntry(a))
    .map((a) => (a.includes('/p2p/') ? a : `${a}/p2p/${node.peerId}`));
}
