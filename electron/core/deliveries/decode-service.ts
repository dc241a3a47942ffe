// A stored body with its Content-Encoding undone, for reading: `deliveries.decoded` and
// `GET /api/deliveries/:id/raw?decode=1`. The inflating runs on an analysis thread under the
// limits of untrusted/content-coding.ts; a refusal (a bomb, a coding we cannot undo, bytes that are
// not what they claim) is an `unprocessable` error that says why.
import { ApiError, type DecodedBody } from '../../contract/index.js';
import type { AnalysisPool } from '../isolation/analysis-pool.js';
import type { DeliveryRepository } from '../store/delivery-repository.js';
import { contentCodings, type DecodeLimits, type DecodeOutcome } from '../untrusted/content-coding.js';

export interface DecodeServiceDeps {
  deliveries: DeliveryRepository;
  pool: AnalysisPool;
  limits?: DecodeLimits;
}

export class DecodeService {
  constructor(private readonly deps: DecodeServiceDeps) {}

  /** The decoded bytes; a body that was not encoded comes back as stored, with `encodings: []`. */
  async decoded(id: number): Promise<{ bytes: Buffer; encodings: string[]; contentType: string | null }> {
    const raw = this.deps.deliveries.raw(id);
    if (!raw) throw new ApiError('not_found', `no delivery ${id}`);
    const encodings = contentCodings(raw.headers);
    if (encodings.length === 0 || raw.body.length === 0) return { bytes: raw.body, encodings: [], contentType: raw.contentType };
    const task = { kind: 'decode', body: raw.body, encodings, limits: this.deps.limits };
    const outcome = await this.deps.pool.run<DecodeOutcome>(task, 5_000 + raw.body.length / 2048);
    if (!outcome.ok) throw new ApiError('unprocessable', `the body could not be decoded: ${outcome.reason}`);
    if (!outcome.value.ok) throw new ApiError('unprocessable', `the body could not be decoded: ${outcome.value.reason}`);
    const bytes = Buffer.from(outcome.value.bytes.buffer, outcome.value.bytes.byteOffset, outcome.value.bytes.byteLength);
    return { bytes, encodings, contentType: raw.contentType };
  }

  async decodedBody(id: number): Promise<DecodedBody> {
    const { bytes, encodings, contentType } = await this.decoded(id);
    return { body: bytes.toString('base64'), size: bytes.length, encodings, contentType };
  }
}
