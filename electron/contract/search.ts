// The search grammar of `deliveries.list` (q), as the UI's help lists it. Zod-free: the renderer
// shows these rows, the core's parser (core/search/query-grammar.ts) implements them, and
// docs/api.md documents the same table.

export const MAX_QUERY_CHARS = 1000;
export const MAX_QUERY_TERMS = 32;
/** Counts stop here: past it a list says "10,000+". */
export const MATCH_COUNT_CAP = 10_000;

export const queryHelp: readonly { example: string; meaning: string }[] = [
  { example: 'job_123', meaning: 'a word in the body, a header name or value, the path or query (every word must match)' },
  { example: '"payment failed"', meaning: 'a phrase: the words next to each other' },
  { example: 'evt_1Nx*', meaning: 'a prefix' },
  { example: 'method:POST', meaning: 'the request method' },
  { example: 'status:500  status:5xx', meaning: 'the status Hookscope answered' },
  { example: 'provider:stripe', meaning: 'the recognised sender' },
  { example: 'event:payment_intent.succeeded  event:invoice.*', meaning: 'the event type (or job for PDF senders)' },
  { example: 'verified:valid|invalid|missing|unverified', meaning: 'the signature verdict' },
  { example: 'endpoint:stripe', meaning: 'the endpoint (slug)' },
  { example: 'header:x-github-event  header:x-github-event=push', meaning: 'a header is present, or has this value (case-insensitive; * for a prefix)' },
  { example: 'size>10kb  size<100', meaning: 'body size in bytes (kb, mb)' },
  { example: 'after:2026-11-30  before:2026-12-01T12:00', meaning: 'received from / before a date (UTC) or ISO time' },
  { example: 'retry:yes', meaning: 'a repeated delivery of an event already received' },
  { example: 'document:archived|failed|pending', meaning: 'a document the payload pointed to' },
  { example: 'via:tunnel|direct|import', meaning: 'how it arrived' },
  { example: '-verified:valid  -ping', meaning: '"-" excludes a term or field' },
];
