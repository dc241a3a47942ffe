// Adyen. Standard (payment) webhooks sign each notification item, not the request: the item's
// additionalData.hmacSignature = base64 HMAC-SHA256, keyed with the hex HMAC key, of
// pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success
// (@adyen/api-library's HmacValidator is the oracle). Every item must verify. Balance Platform and
// Management webhooks sign the raw body instead, in an HmacSignature header, with the same key form.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { isHex } from './hmac.js';
import { duplicateNote, missing, verification } from './result.js';
import { type KeyReading, runSignatureCheck } from './signature-check.js';
import type { VerificationInput } from './types.js';

export const ADYEN_HEADER = 'HmacSignature';

type Item = Record<string, unknown>;

const hexKey: KeyReading = (secret) => (isHex(secret) ? Buffer.from(secret, 'hex') : null);

/** The NotificationRequestItem objects of a standard webhook body; null when it is not one. */
export function adyenItems(body: Buffer): Item[] | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { notificationItems?: unknown };
    if (!Array.isArray(parsed.notificationItems)) return null;
    return parsed.notificationItems.map((entry) => ((entry as { NotificationRequestItem?: Item } | null)?.NotificationRequestItem ?? {}) as Item);
  } catch {
    return null;
  }
}

/** The library's getDataToSign: absent fields join as empty strings. */
export function adyenSignedData(item: Item): string {
  const amount = (item.amount ?? {}) as Item;
  const fields = [item.pspReference, item.originalReference, item.merchantAccountCode, item.merchantReference, amount.value, amount.currency, item.eventCode, item.success];
  return fields.map((field) => (field === undefined || field === null ? '' : String(field))).join(':');
}

function itemSignature(item: Item): string | null {
  const signature = (item.additionalData as Item | undefined)?.hmacSignature;
  return typeof signature === 'string' ? signature : null;
}

export function verifyAdyen(input: VerificationInput, config: ConfigOf<'adyen'>, _nowMs: number): Verification {
  const header = findHeader(input.headers, ADYEN_HEADER);
  if (header) return verifyBodySignature(input, config, header.value, duplicateNote(header.name, header.count));
  const items = adyenItems(input.body);
  if (!items) return missing('adyen', `No ${ADYEN_HEADER} header and no notificationItems in the body.`);
  if (items.length === 0) return missing('adyen', 'The body has no notification items to verify.');
  for (const [index, item] of items.entries()) {
    const result = verifyItem(input, config, item, index);
    if (result.status !== 'valid') return items.length > 1 ? { ...result, reason: `Item ${index + 1} of ${items.length}: ${result.reason}` } : result;
  }
  const last = verifyItem(input, config, items[items.length - 1]!, items.length - 1);
  return verification('adyen', 'valid', items.length > 1 ? `All ${items.length} notification items' signatures match. ${last.reason}` : last.reason, last.details);
}

function verifyItem(input: VerificationInput, config: ConfigOf<'adyen'>, item: Item, index: number): Verification {
  const signature = itemSignature(item);
  if (signature === null) return missing('adyen', 'The notification item has no additionalData.hmacSignature: turn on HMAC signing in the Adyen webhook settings.');
  return runSignatureCheck(
    {
      scheme: 'adyen',
      algorithm: 'sha256',
      encoding: 'base64',
      secret: config.secret,
      key: hexKey,
      signedContent: (body) => {
        const parsed = adyenItems(body)?.[index];
        return parsed ? [Buffer.from(adyenSignedData(parsed), 'utf8')] : [];
      },
      signatures: [signature],
      receivedHeader: `hmacSignature ${signature}`,
      recipe: "base64 HMAC-SHA256 of the item's pspReference:…:eventCode:success with the hex HMAC key",
    },
    input,
  );
}

function verifyBodySignature(input: VerificationInput, config: ConfigOf<'adyen'>, value: string, note: string): Verification {
  return runSignatureCheck(
    {
      scheme: 'adyen',
      algorithm: 'sha256',
      encoding: 'base64',
      secret: config.secret,
      key: hexKey,
      signedContent: (body) => [body],
      signatures: [value.trim()],
      receivedHeader: value,
      recipe: `base64 HMAC-SHA256 of the raw body with the hex HMAC key, in ${ADYEN_HEADER}`,
      note,
    },
    input,
  );
}
