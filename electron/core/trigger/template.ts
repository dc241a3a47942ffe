// What a trigger template is: one provider event, built fresh on every send. Pure data plus a
// builder; the seeds (seed-templates.ts), the well-known providers (known-templates.ts) and the
// rest of the catalogue (catalogue-templates.ts) all produce these.
import type { HeaderPair } from '../../contract/index.js';
import type { FreshSource } from './fresh.js';

/** A request as a template builds it, before the user's edits and before signing. */
export interface Built {
  method: string;
  /** The catalogue sample's path (usually empty), for reference; a trigger calls the URL it is given, exactly. */
  path: string;
  headers: HeaderPair[];
  /** JSON bodies stay values until sent, so `--set path=value` edits them; other bodies are text. */
  body: { json: unknown; indent?: number } | { text: string };
}

export type RetryReason = 'http_timeout' | 'http_error' | 'connection_failed';

export interface Template {
  /** `provider.event`. */
  id: string;
  provider: string;
  event: string;
  title: string;
  source: string;
  notes?: readonly string[];
  build(f: FreshSource): Built;
  /** Headers a retry carries besides the first attempt's (Slack's X-Slack-Retry-Num). */
  retryHeaders?(retry: number, reason: RetryReason): HeaderPair[];
}

export const json = (body: unknown): Built['body'] => ({ json: body });

export const post = (headers: HeaderPair[], body: Built['body'], path = ''): Built => ({ method: 'POST', path, headers, body });

export const CONTENT_JSON: HeaderPair = ['Content-Type', 'application/json'];
