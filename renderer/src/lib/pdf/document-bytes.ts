// Where the preview's bytes come from. The components take an injected `loadBytes(id)`, so the
// desktop shell can hand them bytes over IPC; this is the one for `hookscope serve`: the archived
// file from `GET /api/documents/:id`, with the session cookie the HTTP transport relies on too.
import { ApiCallError, asErrorBody, errorMessage } from '../../api/transport.js';

export type LoadDocumentBytes = (id: number) => Promise<Uint8Array>;

export interface FetchDocumentOptions {
  /** The API's origin; the page's own by default (the server serves both). */
  origin?: string;
  signal?: AbortSignal;
}

export function documentUrl(id: number, origin: string = location.origin): string {
  return new URL(`/api/documents/${encodeURIComponent(String(id))}`, origin).href;
}

/** The archived bytes of one document. Rejects with an ApiCallError, as the API client does. */
export async function fetchDocumentBytes(id: number, options: FetchDocumentOptions): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(documentUrl(id, options.origin), {
      cache: 'no-store',
      credentials: 'same-origin',
      headers: { Accept: 'application/pdf, */*' },
      signal: options.signal,
    });
  } catch (error) {
    throw new ApiCallError('network', `Cannot reach Hookscope: ${errorMessage(error)}`);
  }
  if (!response.ok) {
    const body = asErrorBody(await response.json().catch(() => null));
    if (body) throw new ApiCallError(body.code, body.message, response.status);
    throw new ApiCallError(`http_${response.status}`, `HTTP ${response.status} ${response.statusText}`.trim(), response.status);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** A `loadBytes` for the HTTP API of the page's own origin. */
export function httpDocumentLoader(origin: string = location.origin): LoadDocumentBytes {
  return (id) => fetchDocumentBytes(id, { origin });
}
