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

export const replayModes = ['as-is', 'edited', 'resigned', 'bad-signature'] as const;
export type ReplayMode = (typeof replayModes)[number];

/** The analysis after capture, stage by stage (a failure names its stage). */
export const analysisStages = ['verify', 'recognize', 'documents'] as const;
export type AnalysisStage = (typeof analysisStages)[number];
