// What the verifier reads. Everything here came from the sender and is untrusted: header values
// and body bytes are only ever hashed, compared, parsed defensively, or shown clipped.
import type { HeaderPair } from '../../contract/index.js';

export type { Verification, VerificationStatus } from '../../contract/index.js';

export interface VerificationInput {
  method: string;
  /** The raw request target as received: path and query. */
  url: string;
  /** Exactly as received: original case, order and duplicates. */
  headers: HeaderPair[];
  /** The exact bytes received. */
  body: Buffer;
  /**
   * The URL the sender called, for schemes that sign it (Twilio), e.g. `https://x.loca.lt` or
   * `https://x.loca.lt/orders`. Its origin is joined with `url`; if `url` does not already start with
   * its path, that path is kept in front of `url` (a proxy that strips a prefix). Its query is ignored.
   */
  publicUrl?: string;
  /**
   * Certificates and public keys fetched earlier, by the URL they were fetched from
   * (certificate-cache.ts), for schemes whose key the request points to (sns, paypal, adobe-io)
   * and whose secret is `fetch`. The verifier never fetches: without the entry it answers
   * `unverified` and names the URL in details.certificateUrl.
   */
  certificates?: Readonly<Record<string, string>>;
  /**
   * false: after a failed check, do not look for the likely cause (the diagnosis reads the body in
   * several ways; a retry after it overran its budget skips it and keeps the verdict).
   */
  diagnose?: boolean;
}
