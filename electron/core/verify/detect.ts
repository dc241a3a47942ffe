// Which scheme a request looks signed with, from the headers it carries. Used by `auto`, and to
// name the likely scheme when the one configured finds no header of its own.
import type { HeaderPair } from '../../contract/index.js';
import type { SchemeName } from './config.js';
import { findHeader } from './headers.js';

/**
 * Not detectable: the generic ones, Mailgun (its signature is in the body), Intercom (it sends
 * GitHub's legacy X-Hub-Signature, so the header cannot tell them apart) and PayPal (its check
 * needs the webhook id, which a secret alone does not give).
 */
export type DetectableScheme = Exclude<SchemeName, 'hmac' | 'header' | 'basic' | 'auto' | 'mailgun' | 'intercom' | 'paypal'>;

/** In order of precedence: the generic X-Signature last, as the least specific. */
export const detectionTable: ReadonlyArray<{ header: string; scheme: DetectableScheme; provider: string }> = [
  { header: 'Stripe-Signature', scheme: 'stripe', provider: 'Stripe' },
  { header: 'X-Hub-Signature-256', scheme: 'github', provider: 'GitHub' },
  { header: 'X-Hub-Signature', scheme: 'github', provider: 'GitHub' },
  { header: 'webhook-signature', scheme: 'standard-webhooks', provider: 'Standard Webhooks' },
  { header: 'svix-signature', scheme: 'standard-webhooks', provider: 'Svix (Standard Webhooks)' },
  { header: 'X-Shopify-Hmac-Sha256', scheme: 'shopify', provider: 'Shopify' },
  { header: 'X-Slack-Signature', scheme: 'slack', provider: 'Slack' },
  { header: 'X-Twilio-Signature', scheme: 'twilio', provider: 'Twilio' },
  { header: 'X-Signature-Ed25519', scheme: 'discord', provider: 'Discord' },
  { header: 'X-Twilio-Email-Event-Webhook-Signature', scheme: 'sendgrid', provider: 'SendGrid' },
  { header: 'x-amz-sns-message-type', scheme: 'sns', provider: 'Amazon SNS' },
  { header: 'x-adobe-digital-signature-1', scheme: 'adobe-io', provider: 'Adobe I/O Events' },
  { header: 'Plaid-Verification', scheme: 'plaid', provider: 'Plaid' },
  { header: 'x-square-hmacsha256-signature', scheme: 'square', provider: 'Square' },
  { header: 'Paddle-Signature', scheme: 'paddle', provider: 'Paddle' },
  { header: 'x-zm-signature', scheme: 'zoom', provider: 'Zoom' },
  { header: 'Linear-Signature', scheme: 'linear', provider: 'Linear' },
  { header: 'Twitch-Eventsub-Message-Signature', scheme: 'twitch', provider: 'Twitch' },
  { header: 'X-HubSpot-Signature-v3', scheme: 'hubspot', provider: 'HubSpot' },
  { header: 'X-HubSpot-Signature', scheme: 'hubspot', provider: 'HubSpot' },
  { header: 'X-Zendesk-Webhook-Signature', scheme: 'zendesk', provider: 'Zendesk' },
  { header: 'HmacSignature', scheme: 'adyen', provider: 'Adyen (Balance Platform / Management)' },
  { header: 'x-pdfg-signature', scheme: 'pdfgorilla', provider: 'PDF Gorilla' },
  { header: 'X-Signature', scheme: 'goshiip', provider: 'GoShiip (or another X-Signature sender)' },
];

export interface Detected {
  scheme: DetectableScheme;
  provider: string;
  /** The header as the sender spelled it. */
  header: string;
}

export function detectScheme(headers: HeaderPair[], except: SchemeName | null = null): Detected | null {
  for (const row of detectionTable) {
    const found = row.scheme === except ? null : findHeader(headers, row.header);
    if (found) return { scheme: row.scheme, provider: row.provider, header: found.name };
  }
  return null;
}

export function lookedFor(): string {
  return detectionTable.map((row) => row.header).join(', ');
}
