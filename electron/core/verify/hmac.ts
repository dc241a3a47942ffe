// HMAC and comparison primitives. Digests are always computed over bytes (Buffers), never over
// strings decoded from the body, so binary and non-UTF-8 bodies verify exactly as sent.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type Algorithm = 'sha1' | 'sha256' | 'sha512';
export type Encoding = 'hex' | 'base64';

export function hmac(algorithm: Algorithm, key: Buffer, content: Buffer): Buffer {
  return createHmac(algorithm, key).update(content).digest();
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

export function encode(digest: Buffer, encoding: Encoding): string {
  return digest.toString(encoding);
}

export function otherEncoding(encoding: Encoding): Encoding {
  return encoding === 'hex' ? 'base64' : 'hex';
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
// Standard and URL-safe alphabets: Buffer decodes both, and some senders use the latter.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Strict decoding: Buffer.from() silently drops bad characters, which would hide a wrong format. */
export function decodeSignature(text: string, encoding: Encoding): Buffer | null {
  const trimmed = text.trim();
  const pattern = encoding === 'hex' ? HEX : BASE64;
  return pattern.test(trimmed) ? Buffer.from(trimmed, encoding) : null;
}

export function isHex(text: string): boolean {
  return HEX.test(text);
}

export function isBase64(text: string): boolean {
  return BASE64.test(text);
}

/**
 * Constant time in the content. Digest lengths are fixed by the algorithm and not secret, so a
 * length mismatch may answer at once; timingSafeEqual requires equal lengths anyway.
 */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * For values whose length is itself secret (a Basic password, a shared header value): compare
 * fixed-length hashes so neither the content nor the length leaks through timing.
 */
export function safeEqualText(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Index of the first received signature equal to any expected digest, or -1. Every pair is
 * compared, so the time taken does not depend on which one (if any) matches.
 */
export function findMatch(expected: Buffer[], received: Array<Buffer | null>): number {
  let match = -1;
  received.forEach((candidate, index) => {
    for (const digest of expected) {
      const equal = candidate !== null && safeEqual(candidate, digest);
      if (equal && match === -1) match = index;
    }
  });
  return match;
}

/** The common reading of a secret: its UTF-8 bytes are the key. */
export function utf8Key(secret: string): Buffer {
  return Buffer.from(secret, 'utf8');
}

/** A signature value without its scheme prefix (`sha256=`), matched case-insensitively. */
export function stripPrefix(value: string, prefix: string): string {
  return value.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase() ? value.slice(prefix.length) : value;
}
