// One way in for every host: a method name and arguments from outside (an HTTP request, an IPC
// message), checked against the contract's schema, run, and every failure mapped to the contract's
// error codes. serve's control server and the desktop IPC bridge both call this; neither reaches
// into the core's internals to interpret an error.
import { ApiError, isMethodName, parseArgs, type Api, type ErrorCode, type MethodName } from '../contract/index.js';
import { isStoreUnavailableError, storeUnavailableMessage } from './store/store-errors.js';

export type MethodOutcome =
  | { ok: true; result: unknown }
  | {
      ok: false;
      code: ErrorCode;
      message: string;
      /** The store was locked or full: nothing was written; the caller should retry shortly. */
      retryAfterSeconds?: number;
      /** An unexpected error, for the host's log only (never shown to a caller). */
      internal?: unknown;
    };

/** Runs `name` with `untrustedArgs`; never throws. */
export async function callMethod(api: Api, name: unknown, untrustedArgs: unknown): Promise<MethodOutcome> {
  if (!isMethodName(name)) return { ok: false, code: 'not_found', message: `unknown method ${describe(name)}` };
  const method: MethodName = name;
  try {
    const args = parseArgs(method, untrustedArgs);
    const implementation = api[method] as (a: typeof args) => unknown;
    return { ok: true, result: await implementation(args) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, code: error.code, message: error.message };
    if (isStoreUnavailableError(error)) return { ok: false, code: 'store_unavailable', message: `${storeUnavailableMessage(error)}; retry`, retryAfterSeconds: 1 };
    return { ok: false, code: 'internal', message: 'internal error', internal: error };
  }
}

/** A method name from outside, made safe to echo in a message. */
function describe(method: unknown): string {
  return typeof method === 'string' ? JSON.stringify(method.slice(0, 80)) : typeof method;
}
