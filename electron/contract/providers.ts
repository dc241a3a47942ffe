// The providers Hookscope knows by name, as the UI needs them: id, name, docs, the verification
// scheme an endpoint should use for them (with its options) and the handshake they send before
// their first event. Zod-free, so the renderer's menus and the schemas read the same list. The core's
// catalogue (electron/core/providers/) adds to each id how to recognise it, its delivery contract
// and a sample delivery; a test keeps the two in step.

import type { VerificationScheme } from './names.js';

/** Handshakes Hookscope answers for the user (see docs/api.md, "Handshakes"). */
export const handshakeKinds = [
  'slack-url-verification',
  'zoom-url-validation',
  'twitch-verification',
  'graph-validation',
  'meta-subscribe',
  'dropbox-challenge',
  'asana-hook-secret',
  'sns-subscription',
] as const;
export type HandshakeKind = (typeof handshakeKinds)[number];

export interface ListedProvider {
  id: string;
  name: string;
  docs: string;
  /** The verification scheme and the options it needs for this provider; null: the provider does not sign. */
  verification: { scheme: VerificationScheme; options: Readonly<Record<string, string | number>> } | null;
  handshake: HandshakeKind | null;
}

const hmac = (header: string, algorithm: 'sha1' | 'sha256' | 'sha512', encoding: 'hex' | 'base64', extra: Record<string, string> = {}) => ({
  scheme: 'hmac' as const,
  options: { header, algorithm, encoding, ...extra },
});
const scheme = (id: VerificationScheme, options: Record<string, string | number> = {}) => ({ scheme: id, options });

export const providerList = [
  // The senders of the reference documents (../shared/reference 000-004).
  { id: 'adobe', name: 'Adobe PDF Services', docs: 'https://developer.adobe.com/document-services/docs/overview/pdf-services-api/howtos/webhook-notification/', verification: null, handshake: null },
  { id: 'pdfgorilla', name: 'PDF Gorilla', docs: 'https://pdfgorilla.io/docs/webhooks', verification: scheme('pdfgorilla'), handshake: null },
  { id: 'goshiip', name: 'GoShiip', docs: 'https://goshiip.com/docs/webhook', verification: scheme('goshiip'), handshake: null },
  { id: 'pdfshift', name: 'PDFShift', docs: 'https://docs.pdfshift.io/guides/receive-webhook-event', verification: null, handshake: null },
  { id: 'stripe', name: 'Stripe', docs: 'https://docs.stripe.com/webhooks', verification: scheme('stripe'), handshake: null },
  { id: 'github', name: 'GitHub', docs: 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries', verification: scheme('github'), handshake: null },
  { id: 'shopify', name: 'Shopify', docs: 'https://shopify.dev/docs/apps/build/webhooks/subscribe/https', verification: scheme('shopify'), handshake: null },
  { id: 'standard-webhooks', name: 'Standard Webhooks / Svix', docs: 'https://www.standardwebhooks.com/', verification: scheme('standard-webhooks'), handshake: null },
  // Schemes of their own.
  { id: 'slack', name: 'Slack', docs: 'https://api.slack.com/authentication/verifying-requests-from-slack', verification: scheme('slack'), handshake: 'slack-url-verification' },
  { id: 'twilio', name: 'Twilio', docs: 'https://www.twilio.com/docs/usage/webhooks/webhooks-security', verification: scheme('twilio'), handshake: null },
  { id: 'zoom', name: 'Zoom', docs: 'https://developers.zoom.us/docs/api/webhooks/', verification: scheme('zoom'), handshake: 'zoom-url-validation' },
  { id: 'twitch', name: 'Twitch EventSub', docs: 'https://dev.twitch.tv/docs/eventsub/handling-webhook-events/', verification: scheme('twitch'), handshake: 'twitch-verification' },
  { id: 'discord', name: 'Discord Interactions', docs: 'https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint', verification: scheme('discord'), handshake: null },
  { id: 'sendgrid', name: 'SendGrid Event Webhook', docs: 'https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features', verification: scheme('sendgrid'), handshake: null },
  { id: 'sns', name: 'Amazon SNS', docs: 'https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html', verification: scheme('sns'), handshake: 'sns-subscription' },
  { id: 'paypal', name: 'PayPal', docs: 'https://developer.paypal.com/api/rest/webhooks/rest/', verification: scheme('paypal'), handshake: null },
  { id: 'adobe-io', name: 'Adobe I/O Events', docs: 'https://developer.adobe.com/events/docs/guides/#security-considerations', verification: scheme('adobe-io'), handshake: null },
  { id: 'plaid', name: 'Plaid', docs: 'https://plaid.com/docs/api/webhooks/webhook-verification/', verification: scheme('plaid'), handshake: null },
  { id: 'square', name: 'Square', docs: 'https://developer.squareup.com/docs/webhooks/step3validate', verification: scheme('square'), handshake: null },
  { id: 'adyen', name: 'Adyen', docs: 'https://docs.adyen.com/development-resources/webhooks/verify-hmac-signatures/', verification: scheme('adyen'), handshake: null },
  { id: 'paddle', name: 'Paddle', docs: 'https://developer.paddle.com/webhooks/signature-verification', verification: scheme('paddle'), handshake: null },
  { id: 'mailgun', name: 'Mailgun', docs: 'https://documentation.mailgun.com/docs/mailgun/user-manual/events/webhooks/#securing-webhooks', verification: scheme('mailgun'), handshake: null },
  { id: 'linear', name: 'Linear', docs: 'https://linear.app/developers/webhooks#securing-webhooks', verification: scheme('linear'), handshake: null },
  { id: 'hubspot', name: 'HubSpot', docs: 'https://developers.hubspot.com/docs/guides/apps/authentication/validating-requests', verification: scheme('hubspot'), handshake: null },
  { id: 'zendesk', name: 'Zendesk', docs: 'https://developer.zendesk.com/documentation/webhooks/verifying/', verification: scheme('zendesk'), handshake: null },
  { id: 'intercom', name: 'Intercom', docs: 'https://developers.intercom.com/docs/webhooks/webhook-notifications#signed-notifications', verification: scheme('intercom'), handshake: null },
  // Svix and Standard Webhooks senders.
  { id: 'clerk', name: 'Clerk', docs: 'https://clerk.com/docs/webhooks/sync-data', verification: scheme('standard-webhooks'), handshake: null },
  { id: 'resend', name: 'Resend', docs: 'https://resend.com/docs/dashboard/webhooks/verify-webhooks-requests', verification: scheme('standard-webhooks'), handshake: null },
  { id: 'openai', name: 'OpenAI', docs: 'https://platform.openai.com/docs/guides/webhooks', verification: scheme('standard-webhooks'), handshake: null },
  // An HMAC of the body (or of a template) in a header: the generic recipe with the provider's options.
  { id: 'bitbucket', name: 'Bitbucket Cloud', docs: 'https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/#Secure-webhooks', verification: hmac('X-Hub-Signature', 'sha256', 'hex', { prefix: 'sha256=' }), handshake: null },
  { id: 'jira', name: 'Jira Cloud', docs: 'https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks', verification: hmac('X-Hub-Signature', 'sha256', 'hex', { prefix: 'sha256=' }), handshake: null },
  { id: 'gitea', name: 'Gitea', docs: 'https://docs.gitea.com/usage/webhooks', verification: hmac('X-Gitea-Signature', 'sha256', 'hex'), handshake: null },
  { id: 'gogs', name: 'Gogs', docs: 'https://gogs.io/docs/features/webhook', verification: hmac('X-Gogs-Signature', 'sha256', 'hex'), handshake: null },
  { id: 'typeform', name: 'Typeform', docs: 'https://www.typeform.com/developers/webhooks/secure-your-webhooks/', verification: hmac('Typeform-Signature', 'sha256', 'base64', { prefix: 'sha256=' }), handshake: null },
  { id: 'lemonsqueezy', name: 'Lemon Squeezy', docs: 'https://docs.lemonsqueezy.com/help/webhooks/signing-requests', verification: hmac('X-Signature', 'sha256', 'hex'), handshake: null },
  { id: 'woocommerce', name: 'WooCommerce', docs: 'https://woocommerce.github.io/woocommerce-rest-api-docs/#webhooks', verification: hmac('X-WC-Webhook-Signature', 'sha256', 'base64'), handshake: null },
  { id: 'vercel', name: 'Vercel', docs: 'https://vercel.com/docs/webhooks/webhooks-api#securing-webhooks', verification: hmac('x-vercel-signature', 'sha1', 'hex'), handshake: null },
  { id: 'sentry', name: 'Sentry', docs: 'https://docs.sentry.io/organization/integrations/integration-platform/webhooks/#sentry-hook-signature', verification: hmac('Sentry-Hook-Signature', 'sha256', 'hex'), handshake: null },
  { id: 'segment', name: 'Segment', docs: 'https://segment.com/docs/connections/destinations/catalog/webhooks/#authentication', verification: hmac('X-Signature', 'sha1', 'hex'), handshake: null },
  { id: 'meta', name: 'Meta (Facebook, Instagram, Messenger)', docs: 'https://developers.facebook.com/docs/graph-api/webhooks/getting-started', verification: hmac('X-Hub-Signature-256', 'sha256', 'hex', { prefix: 'sha256=' }), handshake: 'meta-subscribe' },
  { id: 'whatsapp', name: 'WhatsApp Cloud API', docs: 'https://developers.facebook.com/docs/whatsapp/cloud-api/guides/set-up-webhooks', verification: hmac('X-Hub-Signature-256', 'sha256', 'hex', { prefix: 'sha256=' }), handshake: 'meta-subscribe' },
  { id: 'dropbox', name: 'Dropbox', docs: 'https://www.dropbox.com/developers/reference/webhooks', verification: hmac('X-Dropbox-Signature', 'sha256', 'hex'), handshake: 'dropbox-challenge' },
  { id: 'asana', name: 'Asana', docs: 'https://developers.asana.com/docs/webhooks-guide', verification: hmac('X-Hook-Signature', 'sha256', 'hex'), handshake: 'asana-hook-secret' },
  { id: 'circleci', name: 'CircleCI', docs: 'https://circleci.com/docs/webhooks/#validate-webhooks', verification: hmac('circleci-signature', 'sha256', 'hex', { prefix: 'v1=' }), handshake: null },
  { id: 'docusign', name: 'Docusign Connect', docs: 'https://developers.docusign.com/platform/webhooks/connect/hmac/', verification: hmac('X-DocuSign-Signature-1', 'sha256', 'base64'), handshake: null },
  { id: 'coinbase-commerce', name: 'Coinbase Commerce', docs: 'https://docs.cdp.coinbase.com/commerce/docs/webhooks-security', verification: hmac('X-CC-Webhook-Signature', 'sha256', 'hex'), handshake: null },
  { id: 'razorpay', name: 'Razorpay', docs: 'https://razorpay.com/docs/webhooks/validate-test/', verification: hmac('X-Razorpay-Signature', 'sha256', 'hex'), handshake: null },
  { id: 'paystack', name: 'Paystack', docs: 'https://paystack.com/docs/payments/webhooks/#verify-event-origin', verification: hmac('x-paystack-signature', 'sha512', 'hex'), handshake: null },
  { id: 'airtable', name: 'Airtable', docs: 'https://airtable.com/developers/web/api/webhooks-overview#webhook-notification-delivery', verification: hmac('X-Airtable-Content-MAC', 'sha256', 'hex', { prefix: 'hmac-sha256=', keyEncoding: 'base64' }), handshake: null },
  { id: 'notion', name: 'Notion', docs: 'https://developers.notion.com/reference/webhooks#step-3-validating-event-payloads-recommended', verification: hmac('X-Notion-Signature', 'sha256', 'hex', { prefix: 'sha256=' }), handshake: null },
  { id: 'gocardless', name: 'GoCardless', docs: 'https://developer.gocardless.com/getting-started/staying-up-to-date-with-webhooks#verifying-webhooks', verification: hmac('Webhook-Signature', 'sha256', 'hex'), handshake: null },
  { id: 'webflow', name: 'Webflow', docs: 'https://developers.webflow.com/data/docs/working-with-webhooks#validating-request-signatures', verification: hmac('x-webflow-signature', 'sha256', 'hex', { template: '{timestamp}:{body}', timestampHeader: 'x-webflow-timestamp' }), handshake: null },
  // A shared token in a header, or HTTP Basic credentials in the URL the provider calls.
  { id: 'gitlab', name: 'GitLab', docs: 'https://docs.gitlab.com/user/project/integrations/webhooks/#create-a-webhook', verification: scheme('header', { header: 'X-Gitlab-Token' }), handshake: null },
  { id: 'flutterwave', name: 'Flutterwave', docs: 'https://developer.flutterwave.com/docs/webhooks#verifying-webhook-signatures', verification: scheme('header', { header: 'verif-hash' }), handshake: null },
  { id: 'postmark', name: 'Postmark', docs: 'https://postmarkapp.com/developer/webhooks/webhooks-overview#protecting-your-webhook', verification: scheme('basic'), handshake: null },
  { id: 'pipedrive', name: 'Pipedrive', docs: 'https://pipedrive.readme.io/docs/guide-for-webhooks-v2', verification: scheme('basic'), handshake: null },
  { id: 'chargebee', name: 'Chargebee', docs: 'https://www.chargebee.com/docs/2.0/webhook_settings.html#basic-authentication', verification: scheme('basic'), handshake: null },
  // No signature: Graph's clientState is a value in the body; the handshake is what matters.
  { id: 'microsoft-graph', name: 'Microsoft Graph', docs: 'https://learn.microsoft.com/en-us/graph/change-notifications-delivery-webhooks', verification: null, handshake: 'graph-validation' },
] as const satisfies readonly ListedProvider[];

export type ProviderId = (typeof providerList)[number]['id'];
export const providerIds = providerList.map((p) => p.id) as ProviderId[];

export function listedProvider(id: string): ListedProvider | undefined {
  return (providerList as readonly ListedProvider[]).find((p) => p.id === id);
}
