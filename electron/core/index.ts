// The core's one public face: what the hosts (serve, the desktop app, `listen`) use. Everything
// else under core/ is its inside.
export { startCore, version, type CoreOptions, type HookscopeApi, type HookscopeCore } from './core.js';
export { callMethod, type MethodOutcome } from './call-method.js';
export { isStoreUnavailableError, storeUnavailableMessage } from './store/store-errors.js';
export { apiTokenFileIn, defaultDataDir, ensurePrivateDir, packageRoot, tightenIfOurs } from './store/paths.js';
export { AesGcmSecretBox, KeyFileSecretBox, parseTeamKey, type SecretBox } from './secrets/secret-box.js';
export { TEAM_CONFIG_FILE, teamOptionsFrom, type TeamOptions } from './team/index.js';
export { RENDERER_CSP } from './renderer-csp.js';
export {
  templates as triggerTemplates,
  templateInfo as triggerTemplateInfo,
  prepareTrigger,
  deliverPrepared,
  realDeliverDeps,
  TriggerError,
  duration as formatDuration,
  type PreparedTrigger,
  type TriggerOptions,
} from './trigger/index.js';
export { templateFixture } from './fixtures/fixture-service.js';
export type { TemplateFixtureArgs } from './fixtures/template-fixture.js';
