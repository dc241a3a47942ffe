// Undoing a body's Content-Encoding (gzip, deflate, br, zstd) so it can be read. The bytes are a
// stranger's, and a few KiB of gzip can claim gigabytes: every step is bounded by zlib's own
// `maxOutputLength` (it stops inflating there instead of allocating), set from an absolute cap and
// a ratio to the compressed size. Runs on an analysis thread (isolation/analysis-tasks.ts); the
// stored bytes are never changed — decoding is for display, export and `?decode=1` only.
import * as zlib from 'node:zlib';
import type { HeaderPair } from '../../contract/index.js';

export interface DecodeLimits {
  /** Never more than this many decoded bytes, whatever the input. */
  maxBytes: number;
  /** Never more than this many times the encoded size… */
  maxRatio: number;
  /** …except that any body may decode to this much (a small body of repeated spaces is no bomb). */
  minAllowance: number;
}

export const defaultDecodeLimits: DecodeLimits = { maxBytes: 64 * 1024 * 1024, maxRatio: 200, minAllowance: 1024 * 1024 };

export type DecodeOutcome =
  | { ok: true; bytes: Buffer; encodings: string[] }
  | { ok: false; reason: string; encodings: string[] };

type Decoder = (input: Buffer, options: zlib.ZlibOptions | zlib.BrotliOptions) => Buffer;

// zstd arrived in node:zlib with Node 22.15 (experimental); where it is missing, it is named as unsupported.
const zstdDecompressSync = (zlib as unknown as { zstdDecompressSync?: Decoder }).zstdDecompressSync;

/** deflate is meant to be zlib-wrapped (RFC 9110 §8.4.1.2), but some senders send it raw. */
const inflateEither: Decoder = (input, options) => {
  try {
    return zlib.inflateSync(input, options);
  } catch (error) {
    if (isTooLarge(error)) throw error;
    return zlib.inflateRawSync(input, options);
  }
};

const decoders: Record<string, Decoder | undefined> = {
  gzip: zlib.gunzipSync,
  'x-gzip': zlib.gunzipSync,
  deflate: inflateEither,
  br: zlib.brotliDecompressSync,
  zstd: zstdDecompressSync,
};

/** The codings the sender applied, in the order applied (Content-Encoding lists them so). */
export function contentCodings(headers: HeaderPair[]): string[] {
  return headers
    .filter(([name]) => name.toLowerCase() === 'content-encoding')
    .flatMap(([, value]) => value.split(','))
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '' && token !== 'identity');
}

/** The codings Hookscope can undo on this Node. */
export function supportedCodings(): string[] {
  return Object.keys(decoders).filter((name) => decoders[name] !== undefined);
}

function isTooLarge(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ERR_BUFFER_TOO_LARGE';
}

function allowanceFor(encodedSize: number, limits: DecodeLimits): number {
  return Math.min(limits.maxBytes, Math.max(limits.minAllowance, encodedSize * limits.maxRatio));
}

function mib(bytes: number): string {
  const value = bytes / 1024 / 1024;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} MiB`;
}

/** Undoes `encodings` (as listed in Content-Encoding) last first; refuses what it cannot bound or does not know. */
export function decodeBody(body: Buffer, encodings: string[], limits: DecodeLimits = defaultDecodeLimits): DecodeOutcome {
  const allowance = allowanceFor(body.length, limits);
  let bytes = body;
  for (const coding of [...encodings].reverse()) {
    const decoder = decoders[coding];
    if (!decoder) {
      const known = supportedCodings().join(', ');
      return { ok: false, encodings, reason: `the body is encoded as "${coding}", which Hookscope cannot undo (it knows ${known})` };
    }
    try {
      bytes = decoder(bytes, { maxOutputLength: allowance });
    } catch (error) {
      if (isTooLarge(error)) {
        return {
          ok: false,
          encodings,
          reason: `decoding "${coding}" went past ${mib(allowance)} (${limits.maxRatio}× the ${body.length.toLocaleString('en-US')} bytes received, at most ${mib(limits.maxBytes)}) and was stopped: a decompression bomb, or a body too large to show decoded. Download the raw bytes instead.`,
        };
      }
      return { ok: false, encodings, reason: `the body is labelled "${coding}" but is not valid ${coding}: ${(error as Error).message}` };
    }
  }
  return { ok: true, bytes, encodings };
}
