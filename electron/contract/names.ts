// The contract's closed lists, declared once. Zod-free, so every side imports the values: the
// schemas (methods.ts) build their enums from them, the types derive from them, the core's records
// and the renderer's menus list them. Adding a scheme, a provider profile or a failure mode starts here.
import { providerList, type ProviderId } from './providers.js';

/** Signature schemes an endpoint can be verified with (`auto` picks one per delivery by its headers). */
export const verificationSchemes = [
  'auto',
  'hmac',
  'pdfgorilla',
  'goshiip',
  'stripe',
  'github',
  'standard-webhooks',
  'shopify',
  'slack',
  'twilio',
  'header',
  'basic',
  'discord',
  'sendgrid',
  'sns',
  'paypal',
  'adobe-io',
  'plaid',
  'square',
  'adyen',
  'paddle',
  'zoom',
  'mailgun',
  'linear',
  'twitch',
  'hubspot',
  'zendesk',
  'intercom',
] as const;
export type VerificationScheme = (typeof verificationSchemes)[number];

export const verificationStatuses = ['valid', 'invalid', 'missing', 'unverified'] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

/** Providers whose delivery contract (deadline, acknowledgement) an endpoint can be held to: every listed provider. */
export const providerProfileKeys = providerList.map((p) => p.id) as unknown as readonly [ProviderId, ...ProviderId[]];
export type ProviderProfileKey = ProviderId;

/** Ways an endpoint can misbehave on purpose, to exercise a sender's retries. */
export const failureModeKinds = ['fail-first', 'fail-percent', 'after-deadline', 'wrong-ack'] as const;
export type FailureModeKind = (typeof failureModeKinds)[number];

/**
 * The text form of `deliveries.import` (the desktop's IPC path) is held whole in memory: bounded.
 * Here, zod-free, because the renderer reads it: importing methods.ts would bundle zod, whose
 * eval probe (`Function('')`) the page's CSP reports as a violation at every load.
 */
export const MAX_IMPORT_TEXT_CHARS = 256 * 1024 * 1024;

/** The windows of an endpoint's traffic chart: how far back, in how many bars. */
export const trafficRanges = ['1h', '24h', '7d'] as const;
export type TrafficRange = (typeof trafficRanges)[number];

/** The status mix of the traffic chart: the answer's class, or refused by the listener. */
export const statusClasses = ['2xx', '3xx', '4xx', '5xx', 'other', 'rejected'] as const;
export type StatusClass = (typeof statusClasses)[number];

export const replayModes = ['as-is', 'edited', 'resigned', 'bad-signature'] as const;
export type ReplayMode = (typeof replayModes)[number];

/** The analysis after capture, stage by stage (a failure names its stage). */
export const analysisStages = ['verify', 'recognize', 'documents'] as const;
export type AnalysisStage = (typeof analysisStages)[number];
