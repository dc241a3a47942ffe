// Which IP addresses the document fetcher may connect to. A payload's URL is chosen by whoever
// sent the webhook, so it must not reach this machine's network: private ranges, link-local
// (including the cloud metadata service at 169.254.169.254), loopback (unless a setting allows it,
// for tests and local senders), unspecified, multicast, and reserved space. IPv6 forms that embed
// an IPv4 address (mapped, NAT64, 6to4) are judged by the IPv4 address they lead to.
import { isIP } from 'node:net';

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'reserved' | 'invalid';

/** [first octets, prefix length, class]; the first matching row wins. */
const ipv4Table: ReadonlyArray<[number[], number, AddressClass]> = [
  [[0, 0, 0, 0], 32, 'unspecified'],
  [[0], 8, 'reserved'], // "this network"; 0.x.x.x reaches the local host on Linux
  [[10], 8, 'private'],
  [[100, 64], 10, 'private'], // carrier-grade NAT, shared address space
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link-local'], // includes the metadata service 169.254.169.254
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'reserved'],
  [[192, 0, 2], 24, 'reserved'], // documentation
  [[192, 88, 99], 24, 'reserved'], // 6to4 relay anycast
  [[192, 168], 16, 'private'],
  [[198, 18], 15, 'reserved'], // benchmarking
  [[198, 51, 100], 24, 'reserved'],
  [[203, 0, 113], 24, 'reserved'],
  [[224], 4, 'multicast'],
  [[240], 4, 'reserved'], // includes 255.255.255.255
];

function inPrefix(bytes: Uint8Array, prefix: number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function classifyV4(bytes: Uint8Array): AddressClass {
  for (const [prefix, bits, cls] of ipv4Table) if (inPrefix(bytes, prefix, bits)) return cls;
  return 'public';
}

function parseV4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return Uint8Array.from(parts.map(Number));
}

/** 16 bytes of an IPv6 address (zone id dropped), or null. */
export function parseV6(text: string): Uint8Array | null {
  const address = text.replace(/%.*$/, '');
  if (isIP(address) !== 6) return null;
  let head = address;
  let tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4?.[1]) {
    const b = parseV4(v4[1]);
    if (!b) return null;
    tail = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | b[3]!];
    head = address.slice(0, -v4[1].length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left = '', right] = head.split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const l = groups(left);
  const r = right === undefined ? [] : groups(right);
  const fill = 8 - l.length - r.length - tail.length;
  const all = right === undefined ? [...l, ...tail] : [...l, ...new Array<number>(fill).fill(0), ...r, ...tail];
  if (all.length !== 8) return null;
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

const v6 = (hex: string): number[] => {
  const b = parseV6(hex);
  return b ? Array.from(b) : [];
};

function classifyV6(bytes: Uint8Array): AddressClass {
  const zeroUpTo = (n: number) => bytes.subarray(0, n).every((b) => b === 0);
  if (zeroUpTo(16)) return 'unspecified';
  if (zeroUpTo(15) && bytes[15] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) lead to the IPv4 address they carry.
  if (inPrefix(bytes, v6('::ffff:0:0'), 96) || inPrefix(bytes, v6('64:ff9b::'), 96)) return classifyV4(bytes.subarray(12));
  if (inPrefix(bytes, v6('2002::'), 16)) return classifyV4(bytes.subarray(2, 6)); // 6to4
  if (zeroUpTo(12)) return 'reserved'; // deprecated IPv4-compatible ::a.b.c.d
  if (inPrefix(bytes, v6('64:ff9b:1::'), 48)) return 'private'; // local-use NAT64
  if (inPrefix(bytes, v6('fc00::'), 7)) return 'private'; // unique local
  if (inPrefix(bytes, v6('fec0::'), 10)) return 'private'; // site-local (deprecated)
  if (inPrefix(bytes, v6('fe80::'), 10)) return 'link-local';
  if (inPrefix(bytes, v6('ff00::'), 8)) return 'multicast';
  if (inPrefix(bytes, v6('2001::'), 32)) return 'reserved'; // Teredo: the IPv4 it reaches is obfuscated
  if (inPrefix(bytes, v6('2001:db8::'), 32)) return 'reserved'; // documentation
  if (inPrefix(bytes, v6('2000::'), 3)) return 'public'; // global unicast
  return 'reserved';
}

/** The class of an IP address literal (IPv6 with or without brackets and zone). */
export function classifyAddress(address: string): AddressClass {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  const v4 = isIP(bare) === 4 ? parseV4(bare) : null;
  if (v4) return classifyV4(v4);
  const v6bytes = parseV6(bare);
  return v6bytes ? classifyV6(v6bytes) : 'invalid';
}

export interface AddressPolicy {
  /** Let loopback through (127.0.0.0/8, ::1 and their mapped forms): tests, and senders on this machine. */
  allowLoopback: boolean;
}

/** Null when the fetcher may connect to the address, else the class that forbids it. */
export function refusedClass(address: string, policy: AddressPolicy): AddressClass | null {
  const cls = classifyAddress(address);
  if (cls === 'public') return null;
  if (cls === 'loopback' && policy.allowLoopback) return null;
  return cls;
}
