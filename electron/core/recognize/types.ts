// The shapes recognition works with. The recognizers themselves are data in the provider catalogue
// (electron/core/providers/), written in the shapes of providers/recognition-types.ts; the engine
// (recognize.ts) interprets them, so adding a provider is adding one entry to the catalogue.

export type FieldValue = string | number | boolean | null;

/** What recognition says about one delivery (the badge and the list's summary line): the contract's shape. */
import type { Outcome, ProviderInfo } from '../../contract/index.js';
export type { Outcome, ProviderInfo };
export type { Source, ValueTest, MatchRule, Matcher, OutcomeRule, DocumentRule, Recognizer } from '../providers/recognition-types.js';

export interface RecognizeInput {
  headers: ReadonlyArray<readonly [string, string]>;
  body: Buffer;
  contentType: string | null;
}

