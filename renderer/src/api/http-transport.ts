// The HTTP API of `hookscope serve`, same origin as the page. URLs come from the contract's
// bindings, so a new method needs no code here. No credential is handled here: the browser sends
// the session cookie (api/session.ts) with every same-origin request.
import { httpBindings, importUploadRoute } from '../../../electron/contract/routes.js';
import type { MethodName } from '../../../electron/contract/index.js';
import { openEventStream } from './sse.js';
import { ApiCallError, asErrorBody, errorMessage, type Transport } from './transport.js';

function queryValue(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Fills `:params` from the arguments; what is left goes to the query (GET/DELETE) or the JSON body. */
export function buildRequest(
  method: MethodName,
  args: unknown,
  origin: string,
): { url: string; verb: string; body: string | undefined } {
  const { verb, path } = httpBindings[method];
  const rest: Record<string, unknown> = { ...(args as Record<string, unknown> | undefined) };
  const filled = path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    const value = rest[name];
    if (value === undefined || value === null) throw new ApiCallError('invalid_argument', `${method}: missing "${name}"`);
    delete rest[name];
    return encodeURIComponent(String(value));
  });
  const url = new URL(filled, origin);
  let body: string | undefined;
  if (verb === 'POST' || verb === 'PATCH') {
    body = JSON.stringify(rest);
  } else {
    for (const [key, value] of Object.entries(rest)) {
      if (value !== undefined) url.searchParams.set(key, queryValue(value));
    }
  }
  return { url: url.href, verb, body };
}

async function failureOf(response: Response): Promise<ApiCallError> {
  const parsed = asErrorBody(await response.json().catch(() => null));
  if (parsed) return new ApiCallError(parsed.code, parsed.message, response.status);
  return new ApiCallError(`http_${response.status}`, `HTTP ${response.status} ${response.statusText}`.trim(), response.status);
}

export class HttpTransport implements Transport {
  constructor(private readonly origin: string = location.origin) {}

  private async send(url: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        cache: 'no-store',
        credentials: 'same-origin',
      });
    } catch (error) {
      throw new ApiCallError('network', `Cannot reach Hookscope: ${errorMessage(error)}`);
    }
    if (!response.ok) throw await failureOf(response);
    return response;
  }

  async invoke(method: MethodName, args: unknown): Promise<unknown> {
    const { url, verb, body } = buildRequest(method, args, this.origin);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.send(url, { method: verb, headers, body });
    return response.json();
  }

  subscribe(...[onEvent, onState]: Parameters<Transport['subscribe']>): () => void {
    return openEventStream({ url: new URL('/api/events', this.origin).href, onEvent, onState });
  }

  /** The file is the request body: the browser streams it from disk, the server parses it as it arrives. */
  async importFile(endpoint: string, file: Blob, importId: string): Promise<unknown> {
    const url = new URL(importUploadRoute.path, this.origin);
    url.searchParams.set('endpoint', endpoint);
    url.searchParams.set('importId', importId);
    const response = await this.send(url.href, {
      method: importUploadRoute.verb,
      headers: { Accept: 'application/json', 'Content-Type': 'application/octet-stream' },
      body: file,
    });
    return response.json();
  }

  async rawBody(id: number): Promise<Blob> {
    const response = await this.send(new URL(`/api/deliveries/${encodeURIComponent(id)}/raw`, this.origin).href, {});
    return response.blob();
  }
}
