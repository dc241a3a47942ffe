// Recognition: provider, event, status and outcome; duplicate keys and attempts; document links.
import { documentLinks, type DocumentLink } from './document-links.js';
import { duplicateKeyOf, type DuplicateKey } from './duplicate-key.js';
import { describeWith, findRecognizer } from './recognize.js';
import { recognizers } from './recognizers.js';
import { viewOf } from './source.js';
import type { ProviderInfo, RecognizeInput, Recognizer } from './types.js';

export type { FieldValue, Outcome, ProviderInfo, RecognizeInput, Recognizer, Source, MatchRule, OutcomeRule, DocumentRule } from './types.js';
export { recognizers } from './recognizers.js';
export { recognize, findRecognizer, recognizerById, formatBytes } from './recognize.js';
export { duplicateKey, idHeaders, genericBodyIds, type DuplicateKey } from './duplicate-key.js';
export { groupAttempts, type Attempt, type AttemptInput } from './group-attempts.js';
export { documentLinks, MAX_LINKS, type DocumentLink } from './document-links.js';

export interface Analysis {
  provider: ProviderInfo | null;
  duplicate: DuplicateKey | null;
  links: DocumentLink[];
}

/** Everything recognition says about one delivery, parsing its body once. */
export function analyze(input: RecognizeInput, table: readonly Recognizer[] = recognizers): Analysis {
  const view = viewOf(input);
  const rec = findRecognizer(view, table);
  const provider = rec ? describeWith(rec, view) : null;
  return { provider, duplicate: duplicateKeyOf(view, rec), links: documentLinks(provider, view.json, table) };
}
