// har-validator ships no types: the part the tests use.
declare module 'har-validator' {
  interface HarError extends Error {
    errors: Array<{ dataPath?: string; message?: string }>;
  }
  const validator: {
    /** Resolves with the document when it is a valid HAR 1.2 file; rejects with a HarError otherwise. */
    har(data: unknown): Promise<unknown>;
    request(data: unknown): Promise<unknown>;
  };
  export default validator;
  export type { HarError };
}
