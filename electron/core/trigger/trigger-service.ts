// The "Send test event" panel's service: sends a template to an endpoint's own capture URL, its
// forward target or any URL, signed with the secret given or, when the endpoint verifies with the
// provider's scheme, the endpoint's own secret. Runs in flight are listed from memory; finished ones
// are kept in SQLite, the newest 20 per endpoint (trigger-run-repository.ts). Adobe's error block is
// counted per provider and target across runs, as Adobe would.
// Threat model: the target is the user's choice through the loopback, token-protected API; the
// handler's answers are kept bounded (deliver.ts) and returned as data.
import { ApiError, type ForwardRule, type ParsedArgs, type TriggerPreview, type TriggerRun, type TriggerTemplateInfo } from '../../contract/index.js';
import type { EndpointTable } from '../endpoints/endpoint-table.js';
import { providerEntry } from '../providers/index.js';
import type { EndpointRecord } from '../store/endpoint-repository.js';
import { isStoreUnavailableError } from '../store/store-errors.js';
import type { TriggerRunRepository } from '../store/trigger-run-repository.js';
import type { DeliverDeps } from './deliver.js';
import { ErrorBlock } from './error-block.js';
import { deliverPrepared, prepareTrigger, previewTemplate } from './run.js';
import { TriggerError } from './sign.js';
import { templateInfo, templates } from './templates.js';

/** Runs kept per endpoint (newest first), and error-block trackers kept in all. */
export const KEPT_RUNS = 20;
const KEPT_BLOCKS = 200;

export interface TriggerServiceDeps {
  table: EndpointTable;
  forwardRule(endpoint: EndpointRecord): ForwardRule | null;
  captureUrl(): string;
  deliver: DeliverDeps;
  /** Finished runs, kept across restarts. */
  kept: Pick<TriggerRunRepository, 'save' | 'list'>;
}

export class TriggerService {
  /** Runs still sending, by endpoint id. */
  private running = new Map<number, Set<TriggerRun>>();
  private blocks = new Map<string, ErrorBlock>();

  constructor(private readonly deps: TriggerServiceDeps) {}

  templates(provider?: string): { templates: TriggerTemplateInfo[] } {
    return { templates: templates.filter((t) => provider === undefined || t.provider === provider).map(templateInfo) };
  }

  preview(id: string): TriggerPreview {
    return this.wrap(() => previewTemplate(id, this.deps.deliver.now()));
  }

  list(slug: string, limit: number): { runs: TriggerRun[] } {
    const endpoint = this.endpoint(slug);
    const running = [...(this.running.get(endpoint.id) ?? [])].reverse();
    return { runs: [...running, ...this.deps.kept.list(endpoint.id, limit)].slice(0, limit) };
  }

  async send(args: ParsedArgs<'trigger.send'>): Promise<TriggerRun> {
    const endpoint = this.endpoint(args.slug);
    const url = this.targetOf(endpoint, args.target, args.url);
    const prepared = this.wrap(() =>
      prepareTrigger(
        {
          templateId: args.template,
          url,
          secret: args.secret ?? this.endpointSecret(endpoint, args.template),
          sets: args.sets,
          body: args.body === undefined ? undefined : Buffer.from(args.body, 'utf8'),
          headers: args.headers,
          contract: args.contract,
          speed: args.speed,
        },
        this.deps.deliver.now(),
      ),
    );
    const running = this.running.get(endpoint.id) ?? new Set<TriggerRun>();
    this.running.set(endpoint.id, running.add(prepared.run));
    try {
      const run = await deliverPrepared(prepared, this.deps.deliver, {
        maxAttempts: args.retries === undefined ? undefined : args.retries + 1,
        errorBlock: this.errorBlock(prepared.run.provider, url),
      });
      this.keep(endpoint, run);
      return run;
    } finally {
      running.delete(prepared.run);
    }
  }

  private keep(endpoint: EndpointRecord, run: TriggerRun): void {
    try {
      this.deps.kept.save(endpoint.id, run);
    } catch (error) {
      // The endpoint was deleted meanwhile (its runs went with it), or the store is unavailable:
      // the caller still gets its run.
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY' && !isStoreUnavailableError(error)) throw error;
    }
  }

  private endpoint(slug: string): EndpointRecord {
    const endpoint = this.deps.table.bySlug(slug);
    if (!endpoint) throw new ApiError('not_found', `no endpoint "${slug}"`);
    return endpoint;
  }

  private targetOf(endpoint: EndpointRecord, target: 'endpoint' | 'forward' | 'url', url: string | undefined): string {
    if (target === 'url') return url!;
    if (target === 'endpoint') return `${this.deps.captureUrl()}/${endpoint.slug}`;
    const rule = this.deps.forwardRule(endpoint);
    if (!rule) throw new ApiError('invalid_argument', `endpoint "${endpoint.slug}" has no forward target: set one, or choose another target`);
    return rule.target;
  }

  /** The endpoint's secret, when it verifies with the scheme this template's provider signs with. */
  private endpointSecret(endpoint: EndpointRecord, templateId: string): string | undefined {
    const provider = templates.find((t) => t.id === templateId)?.provider;
    const scheme = provider ? providerEntry(provider)?.verification?.scheme : undefined;
    const config = this.deps.table.verificationConfig(endpoint.id);
    return config && scheme && config.scheme === scheme ? config.secret : undefined;
  }

  private errorBlock(provider: string, url: string): ErrorBlock | undefined {
    const rule = providerEntry(provider)?.delivery.errorBlock;
    if (!rule) return undefined;
    const key = `${provider} ${url}`;
    let block = this.blocks.get(key);
    if (!block) {
      if (this.blocks.size >= KEPT_BLOCKS) this.blocks.delete(this.blocks.keys().next().value!);
      block = new ErrorBlock(rule);
      this.blocks.set(key, block);
    }
    return block;
  }

  private wrap<T>(make: () => T): T {
    try {
      return make();
    } catch (error) {
      if (error instanceof TriggerError) throw new ApiError(/^no template/.test(error.message) ? 'not_found' : 'invalid_argument', error.message);
      throw error;
    }
  }
}
