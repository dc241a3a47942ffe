// Fresh ids, timestamps and links for each send: a handler that dedupes by event id or refuses
// stale timestamps must see a new event every time, as it would from the provider. Values keep
// the shape of the ones they replace (an `evt_` id stays an `evt_` id of the same length, Unix
// seconds stay seconds, ISO stays ISO), so a handler's parsing is exercised, not just its logic.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';

export interface FreshSource {
  nowMs: number;
  /** Random characters from an alphabet; injectable so tests can pin values. */
  chars(alphabet: string, length: number): string;
  uuid(): string;
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
export const ALNUM = `${DIGITS}ABCDEFGHIJKLMNOPQRSTUVWXYZ${LOWER}`;
export const LOWER_ALNUM = `${DIGITS}${LOWER}`;

export function freshSource(nowMs: number): FreshSource {
  return {
    nowMs,
    chars: (alphabet, length) => [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join(''),
    uuid: randomUUID,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A new id shaped like `like`: its prefix (up to the last `_` or `-` before the random part) kept. */
export function freshIdLike(like: string, f: FreshSource): string {
  if (UUID.test(like)) return f.uuid();
  if (/^\d+$/.test(like)) return String(1 + randomInt(9)) + f.chars(DIGITS, Math.max(0, like.length - 1));
  const prefix = /^(?:[A-Za-z]{1,12}[_-])+/.exec(like)?.[0] ?? '';
  const rest = like.slice(prefix.length);
  const alphabet = /^[0-9a-z]+$/.test(rest) ? LOWER_ALNUM : /^[0-9A-Z]+$/.test(rest) ? `${DIGITS}ABCDEFGHIJKLMNOPQRSTUVWXYZ` : ALNUM;
  return prefix + f.chars(alphabet, Math.max(rest.length, 8));
}

/** A number id of the same number of digits, up to 16 (larger ones are not safe integers in JSON readers). */
export function freshNumberLike(like: number): number {
  const digits = String(Math.trunc(Math.abs(like))).length;
  if (digits >= 16) return 1e15 + randomInt(2 ** 47);
  const low = 10 ** (digits - 1);
  return digits <= 1 ? randomInt(1, 10) : randomInt(low, Math.min(10 * low, 2 ** 47));
}

/** Now, written the way `like` was written: Unix seconds or ms (number or text), ISO 8601 with or without ms. */
export function freshTimeLike(like: unknown, nowMs: number): unknown {
  if (typeof like === 'number') return like >= 1e12 ? nowMs : Math.floor(nowMs / 1000);
  if (typeof like !== 'string') return like;
  if (/^\d{13}$/.test(like)) return String(nowMs);
  if (/^\d{10}(\.\d+)?$/.test(like)) return String(Math.floor(nowMs / 1000));
  if (/^\d{4}-\d{2}-\d{2}T/.test(like)) return isoLike(like, nowMs);
  return like;
}

/** ISO 8601 keeping the original's precision and zone style (Z, or an offset written as +00:00, or none). */
export function isoLike(like: string, nowMs: number): string {
  const iso = new Date(nowMs).toISOString();
  const fraction = /T\d{2}:\d{2}:\d{2}\.(\d+)/.exec(like)?.[1] ?? '';
  const base = iso.slice(0, 19) + (fraction ? `.${(iso.slice(20, 23) + '000000').slice(0, fraction.length)}` : '');
  if (like.endsWith('Z')) return `${base}Z`;
  if (/[+-]\d{2}:\d{2}$/.test(like)) return `${base}+00:00`;
  return base;
}

const ID_KEYS = new Set(['id', 'event_id', 'eventId', 'notification_id', 'webhook_id', 'delivery_id', 'message_id', 'messageId', 'uuid', 'pspReference', 'jobId', 'jobID']);
const TIME_KEYS = new Set([
  'created',
  'created_at',
  'createdAt',
  'timestamp',
  'occurred_at',
  'occurredAt',
  'eventDate',
  'event_time',
  'event_ts',
  'time',
  'sent_at',
  'updated_at',
  'date_created',
  'webhookTimestamp',
  'Timestamp',
]);

/** Times documented in milliseconds whatever the sample holds (Linear's webhookTimestamp, signed and age-checked). */
const MS_KEYS = new Set(['webhookTimestamp']);

/**
 * A copy of a sample's JSON with every id-like and time-like field fresh. Bounded: samples are
 * the catalogue's own small literals, never untrusted input, and the walk stops at depth 32.
 */
export function freshenJson(value: unknown, f: FreshSource, depth = 0): unknown {
  if (depth > 32 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => freshenJson(item, f, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (ID_KEYS.has(key) && typeof v === 'string' && v.length >= 4) out[key] = freshIdLike(v, f);
    else if (ID_KEYS.has(key) && typeof v === 'number' && Number.isInteger(v) && v > 9) out[key] = freshNumberLike(v);
    else if (MS_KEYS.has(key) && typeof v === 'number') out[key] = f.nowMs;
    else if (TIME_KEYS.has(key)) out[key] = freshTimeLike(v, f.nowMs);
    else out[key] = freshenJson(v, f, depth + 1);
  }
  return out;
}
