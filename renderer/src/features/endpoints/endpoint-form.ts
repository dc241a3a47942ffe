// The endpoint settings form as plain data: built from an Endpoint, turned back into the smallest
// `endpoints.update` patch. No secret passes through here: the secret input is read at save time.
import type { Endpoint, ForwardRule, HeaderPair, MethodArgs, ResponseRule } from '../../../../electron/contract/index.js';
import { type OptionName, type SchemeChoice, schemeInfo } from '../../lib/verification.js';
import { headerRow, type HeaderRow } from '../../components/HeaderListEditor.js';
import { type ContractForm, contractFormFrom, contractPatch } from './contract-form.js';
import { isProfileKey, listedProviderOf } from '../../lib/providers.js';

export interface EndpointForm {
  name: string;
  scheme: SchemeChoice;
  /** Every option typed so far, kept across scheme switches; only the chosen scheme's are sent. */
  options: Partial<Record<OptionName, string>>;
  status: string;
  delayMs: string;
  headers: HeaderRow[];
  body: string;
  publicUrl: string;
  /** Live forwarding: an empty target turns it off. */
  forwardTarget: string;
  forwardAppendPath: boolean;
  forwardRelay: boolean;
  forwardTimeoutMs: string;
  /** Sender contract: provider profile and failure mode (features/arrival/contract-form.ts). */
  contract: ContractForm;
  /** Answer the provider's endpoint-validation handshake (Slack, Zoom, Meta…). */
  handshakes: boolean;
  /** Meta/WhatsApp's hub.verify_token; empty: the secret. */
  verifyToken: string;
  /** Team mode: share this endpoint's history with the team. */
  shared: boolean;
}

export { headerRow };

export function formFrom(endpoint: Endpoint): EndpointForm {
  const options: Partial<Record<OptionName, string>> = {};
  for (const [name, value] of Object.entries(endpoint.verification?.options ?? {})) {
    if (value !== undefined && value !== null) options[name as OptionName] = String(value);
  }
  const scheme = endpoint.verification ? (schemeInfo(endpoint.verification.scheme)?.id ?? 'none') : 'none';
  return {
    name: endpoint.name,
    scheme,
    options,
    status: String(endpoint.response.status),
    delayMs: String(endpoint.response.delayMs),
    headers: endpoint.response.headers.map(([name, value]) => headerRow(name, value)),
    body: endpoint.response.body,
    publicUrl: endpoint.publicUrl ?? '',
    forwardTarget: endpoint.forward?.target ?? '',
    forwardAppendPath: endpoint.forward?.appendPath ?? true,
    forwardRelay: endpoint.forward?.relayResponse ?? false,
    forwardTimeoutMs: String(endpoint.forward?.timeoutMs ?? 30_000),
    contract: contractFormFrom(endpoint),
    handshakes: endpoint.handshakes,
    verifyToken: endpoint.verifyToken ?? '',
    shared: endpoint.shared,
  };
}

/**
 * Picking a provider: its scheme and options (from the contract's provider list) and the provider
 * the endpoint is held to. A scheme this version does not offer yet leaves the scheme as it is.
 */
export function providerChoice(form: EndpointForm, id: string): Partial<EndpointForm> {
  const provider = listedProviderOf(id);
  const contract = { ...form.contract, provider: provider && isProfileKey(provider.id) ? provider.id : ('' as const) };
  const scheme = provider?.verification ? schemeInfo(provider.verification.scheme) : undefined;
  if (!provider?.verification || !scheme) return { contract };
  const options: Partial<Record<OptionName, string>> = {};
  for (const [name, value] of Object.entries(provider.verification.options)) options[name as OptionName] = String(value);
  return { contract, scheme: scheme.id, options };
}

type Patch = Omit<MethodArgs<'endpoints.update'>, 'slug'>;
type VerificationPatch = Exclude<Patch['verification'], undefined | null>;

export type BuildResult = { ok: true; patch: Patch } | { ok: false; error: string };

const wholeNumber = /^\d+$/;

/** The chosen scheme's options, typed as the core expects; empty fields are left out. */
function schemeOptions(form: EndpointForm): { ok: true; options: Record<string, string | number> } | { ok: false; error: string } {
  const info = schemeInfo(form.scheme);
  const options: Record<string, string | number> = {};
  for (const field of info?.options ?? []) {
    const raw = (form.options[field.name] ?? '').trim();
    const value = raw === '' && field.required && field.choices ? (field.choices[0] ?? '') : raw;
    if (value === '') {
      if (field.required) return { ok: false, error: `${field.label} is required for this scheme.` };
      continue;
    }
    if (field.kind === 'number') {
      if (!wholeNumber.test(value)) return { ok: false, error: `${field.label}: a whole number is needed.` };
      options[field.name] = Number(value);
    } else {
      options[field.name] = value;
    }
  }
  return { ok: true, options };
}

function sameOptions(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

function responseRule(form: EndpointForm): { ok: true; rule: ResponseRule } | { ok: false; error: string } {
  const status = form.status.trim();
  if (!wholeNumber.test(status)) return { ok: false, error: 'Response status: a number from 100 to 599 is needed.' };
  const delay = form.delayMs.trim() === '' ? '0' : form.delayMs.trim();
  if (!wholeNumber.test(delay)) return { ok: false, error: 'Response delay: a whole number of milliseconds is needed.' };
  const headers: HeaderPair[] = form.headers
    .filter((row) => row.name.trim() !== '' || row.value !== '')
    .map((row) => [row.name.trim(), row.value]);
  if (headers.some(([name]) => name === '')) return { ok: false, error: 'Response headers: every header needs a name.' };
  return { ok: true, rule: { status: Number(status), headers, body: form.body, delayMs: Number(delay) } };
}

function sameRule(a: ResponseRule, b: ResponseRule): boolean {
  return JSON.stringify([a.status, a.headers, a.body, a.delayMs]) === JSON.stringify([b.status, b.headers, b.body, b.delayMs]);
}

type VerificationChange = { ok: true; change: Patch['verification'] } | { ok: false; error: string };

/** The verification change, or undefined when the form says what is already saved. */
function verificationChange(form: EndpointForm, endpoint: Endpoint, secretTyped: boolean): VerificationChange {
  if (form.scheme === 'none') return { ok: true, change: endpoint.verification === null ? undefined : null };
  const built = schemeOptions(form);
  if (!built.ok) return built;
  const stored = endpoint.verification;
  const changed = secretTyped || stored === null || stored.scheme !== form.scheme || !sameOptions(built.options, stored.options);
  return { ok: true, change: changed ? ({ scheme: form.scheme, ...built.options } as VerificationPatch) : undefined };
}

/**
 * Only what changed, so a save never rewrites settings someone else just changed. `secretTyped`
 * says whether the secret field holds a new secret; the caller adds it to the verification.
 */
export function buildPatch(form: EndpointForm, endpoint: Endpoint, secretTyped: boolean): BuildResult {
  const patch: Patch = {};

  const name = form.name.trim() || endpoint.slug;
  if (name !== endpoint.name) patch.name = name;

  const verification = verificationChange(form, endpoint, secretTyped);
  if (!verification.ok) return verification;
  if (verification.change !== undefined) patch.verification = verification.change;

  const rule = responseRule(form);
  if (!rule.ok) return rule;
  if (!sameRule(rule.rule, endpoint.response)) patch.response = rule.rule;

  const publicUrl = form.publicUrl.trim() === '' ? null : form.publicUrl.trim();
  if (publicUrl !== endpoint.publicUrl) patch.publicUrl = publicUrl;

  const forward = forwardRule(form);
  if (!forward.ok) return forward;
  if (!sameForward(forward.rule, endpoint.forward)) patch.forward = forward.rule;

  const contract = contractPatch(form.contract, endpoint);
  if (!contract.ok) return contract;
  Object.assign(patch, contract.patch);

  if (form.handshakes !== endpoint.handshakes) patch.handshakes = form.handshakes;
  const verifyToken = form.verifyToken.trim() === '' ? null : form.verifyToken.trim();
  if (verifyToken !== endpoint.verifyToken) patch.verifyToken = verifyToken;
  if (form.shared !== endpoint.shared) patch.shared = form.shared;

  return { ok: true, patch };
}

function forwardRule(form: EndpointForm): { ok: true; rule: ForwardRule | null } | { ok: false; error: string } {
  const target = form.forwardTarget.trim();
  if (target === '') return { ok: true, rule: null };
  if (!/^https?:\/\/[^\s/?#]+[^\s]*$/.test(target) || !URL.canParse(target)) return { ok: false, error: 'Forwarding target: an http:// or https:// URL is needed.' };
  const timeout = form.forwardTimeoutMs.trim() === '' ? '30000' : form.forwardTimeoutMs.trim();
  if (!wholeNumber.test(timeout) || Number(timeout) < 100 || Number(timeout) > 300_000) {
    return { ok: false, error: 'Forwarding timeout: 100 to 300000 milliseconds.' };
  }
  return { ok: true, rule: { target, appendPath: form.forwardAppendPath, relayResponse: form.forwardRelay, timeoutMs: Number(timeout) } };
}

function sameForward(a: ForwardRule | null, b: ForwardRule | null): boolean {
  if (a === null || b === null) return a === b;
  return a.target === b.target && a.appendPath === b.appendPath && a.relayResponse === b.relayResponse && a.timeoutMs === b.timeoutMs;
}

/** Whether the verification part of the form differs from what is saved (re-verify uses the saved one). */
export function verificationDirty(form: EndpointForm, endpoint: Endpoint, secretTyped: boolean): boolean {
  const change = verificationChange(form, endpoint, secretTyped);
  return !change.ok || change.change !== undefined;
}
