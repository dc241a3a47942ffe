// The trigger room's public face: play a provider's events against a handler (`hookscope trigger`,
// the "Send test event" panel) with its payloads, signatures and delivery contract.
export { templates, findTemplate, templateInfo } from './templates.js';
export type { Template, Built, RetryReason } from './template.js';
export { prepareTrigger, deliverPrepared, previewTemplate, type TriggerOptions, type PreparedTrigger, type DeliverOptions } from './run.js';
export { deliver, type DeliverDeps, type DeliveryPlan, type Delivered } from './deliver.js';
export { rulesFor, duration, DEFAULT_TIMEOUT_MS, type Rules } from './contract-rules.js';
export { ErrorBlock } from './error-block.js';
export { TriggerError } from './sign.js';
export { realDeliverDeps } from './real-deps.js';
export { TriggerService, KEPT_RUNS } from './trigger-service.js';
