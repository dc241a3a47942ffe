// The inspector's session with `hookscope serve`. The page never holds a credential: the server
// keeps the session in an HttpOnly cookie (Path=/api) that the browser sends with every
// same-origin request, fetched event stream included. It is set by the printed one-time link
// (a server redirect) or by posting the API token from the sign-in screen: in a body, never a URL.
import { ApiCallError, asErrorBody, errorMessage } from './transport.js';

const SESSION_PATH = '/api/session';

/** True when this browser has a session; false when the server says it has none (401). */
export async function hasSession(origin: string = location.origin): Promise<boolean> {
  const response = await request(new URL(SESSION_PATH, origin).href, { method: 'GET' });
  if (response.status === 401) return false;
  if (!response.ok) throw await failureOf(response);
  return true;
}

/** Trades the API token for a session cookie; false when the server refused the token. */
export async function signInWithToken(token: string, origin: string = location.origin): Promise<boolean> {
  const response = await request(new URL(SESSION_PATH, origin).href, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (response.status === 401) return false;
  if (!response.ok) throw await failureOf(response);
  return true;
}

async function request(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, cache: 'no-store', credentials: 'same-origin' });
  } catch (error) {
    throw new ApiCallError('network', `Cannot reach Hookscope: ${errorMessage(error)}`);
  }
}

async function failureOf(response: Response): Promise<ApiCallError> {
  const body = asErrorBody(await response.json().catch(() => null));
  return body ? new ApiCallError(body.code, body.message, response.status) : new ApiCallError(`http_${response.status}`, `HTTP ${response.status}`, response.status);
}
