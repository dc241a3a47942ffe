// The provider catalogue: for each provider Hookscope knows by name, its name, docs and scheme
// (contract/providers.ts, which the UI reads) joined with how to recognise it, the delivery
// contract it holds receivers to and a sample delivery (this folder). Recognition, response
// presets, deadlines and the handshakes all read it. To add a provider: a line in
// contract/providers.ts, an entry in one of this folder's files, its place in `details` below, and
// a signer in test/fixtures/provider-signers.ts.
import { listedProvider, type ProviderId } from '../../contract/index.js';
import { airtable, asana, bitbucket, circleci, gitea, github, gitlab, gogs, jira, linear, notion, sentry, typeform, vercel, webflow } from './code.js';
import { docusign, hubspot, intercom, pipedrive, segment, shopify, woocommerce, zendesk } from './commerce.js';
import { discord, dropbox, mailgun, meta, microsoftGraph, postmark, resend, sendgrid, slack, twilio, twitch, whatsapp, zoom } from './messaging.js';
import {
  adyen,
  chargebee,
  coinbaseCommerce,
  flutterwave,
  gocardless,
  lemonsqueezy,
  paddle,
  paypal,
  paystack,
  plaid,
  razorpay,
  square,
  stripe,
} from './payments.js';
import { adobeIo, clerk, openai, sns, standardWebhooks } from './platforms.js';
import type { Recognizer } from './recognition-types.js';
import { adobe, goshiip, pdfgorilla, pdfshift } from './references.js';
import type { ProviderDetails, ProviderEntry } from './types.js';

export type { DeliveryContract, ProviderDetails, ProviderEntry, RetrySchedule, Sample } from './types.js';
export type * from './recognition-types.js';

/**
 * In recognition order: rules naming headers are tried across all providers before body-only
 * rules, and within each kind in this order. So a provider whose headers another one also sends
 * comes first (Gitea and Gogs also send X-GitHub-Event; Clerk, Resend and OpenAI send Svix or
 * Standard Webhooks headers; WhatsApp is Meta's), and the eight recognised before the catalogue
 * keep their order.
 */
const details: readonly ProviderDetails[] = [
  pdfgorilla,
  gitea,
  gogs,
  github,
  shopify,
  stripe,
  clerk,
  resend,
  openai,
  standardWebhooks,
  adobe,
  goshiip,
  pdfshift,
  slack,
  twilio,
  sendgrid,
  zoom,
  twitch,
  discord,
  whatsapp,
  meta,
  intercom,
  sns,
  paypal,
  adobeIo,
  plaid,
  square,
  adyen,
  paddle,
  mailgun,
  linear,
  hubspot,
  zendesk,
  gitlab,
  bitbucket,
  jira,
  circleci,
  sentry,
  vercel,
  notion,
  airtable,
  asana,
  webflow,
  typeform,
  lemonsqueezy,
  woocommerce,
  segment,
  dropbox,
  docusign,
  coinbaseCommerce,
  razorpay,
  paystack,
  flutterwave,
  gocardless,
  chargebee,
  postmark,
  pipedrive,
  microsoftGraph,
];

export const providerCatalogue: readonly ProviderEntry[] = details.map((entry) => {
  const listed = listedProvider(entry.id);
  if (!listed) throw new Error(`provider catalogue: "${entry.id}" is not in contract/providers.ts`);
  return { ...listed, ...entry };
});

const byId = new Map(providerCatalogue.map((entry) => [entry.id as string, entry]));

export function providerEntry(id: string): ProviderEntry | undefined {
  return byId.get(id);
}

export function catalogueEntry(id: ProviderId): ProviderEntry {
  return byId.get(id)!;
}

/** The catalogue's recognition, as the recognition engine reads it. */
export const recognizers: readonly Recognizer[] = providerCatalogue.flatMap((entry) =>
  entry.recognition ? [{ id: entry.id, name: entry.name, ...entry.recognition }] : [],
);
