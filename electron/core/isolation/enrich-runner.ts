// Runs enrichment jobs in the analysis pool and always comes back with one result per job. A batch
// that fails (one hostile body overran, or killed its thread) is retried job by job, then stage by
// stage, so one delivery's failure is never its neighbours', and a signature whose diagnosis
// overran still gets its verdict (checked again without the diagnosis).
import type { AnalysisPool, PoolOutcome } from './analysis-pool.js';
import { enrichStages, type EnrichJob, type EnrichResult } from './analysis-tasks.js';

export interface EnrichBudget {
  /** Time for one task, whatever its size. */
  baseMs: number;
  /** Added per MiB of bodies in the task. */
  perMiBMs: number;
}

export const defaultEnrichBudget: EnrichBudget = { baseMs: 5_000, perMiBMs: 500 };

export class EnrichRunner {
  constructor(
    private readonly pool: AnalysisPool,
    private readonly budget: EnrichBudget = defaultEnrichBudget,
  ) {}

  async run(jobs: EnrichJob[]): Promise<EnrichResult[]> {
    const batch = await this.attempt(jobs);
    if (batch.ok) return batch.value;
    if (jobs.length === 1) return [await this.stageByStage(jobs[0]!)];
    const results: EnrichResult[] = [];
    for (const job of jobs) {
      const alone = await this.attempt([job]);
      results.push(alone.ok ? alone.value[0]! : await this.stageByStage(job));
    }
    return results;
  }

  private async stageByStage(job: EnrichJob): Promise<EnrichResult> {
    const result: EnrichResult = { deliveryId: job.deliveryId, failures: [] };
    for (const stage of enrichStages.filter((s) => job.stages.includes(s))) {
      const outcome = await this.attempt([{ ...job, stages: [stage] }]);
      if (outcome.ok) {
        merge(result, outcome.value[0]!);
        continue;
      }
      result.failures.push({ stage, reason: outcome.reason });
      if (stage === 'verify' && job.diagnose) {
        const plain = await this.attempt([{ ...job, stages: ['verify'], diagnose: false }]);
        if (plain.ok) {
          merge(result, plain.value[0]!);
          result.failures[result.failures.length - 1]!.reason = `looking for the likely cause of the mismatch: ${outcome.reason}`;
        }
      }
    }
    return result;
  }

  private attempt(jobs: EnrichJob[]): Promise<PoolOutcome<EnrichResult[]>> {
    const bytes = jobs.reduce((n, job) => n + job.body.byteLength, 0);
    const budgetMs = Math.round(this.budget.baseMs + (bytes / (1024 * 1024)) * this.budget.perMiBMs);
    return this.pool.run<EnrichResult[]>({ kind: 'enrich', jobs }, budgetMs);
  }
}

function merge(into: EnrichResult, from: EnrichResult): void {
  if (from.verification !== undefined) into.verification = from.verification;
  if (from.analysis !== undefined) into.analysis = from.analysis;
  if (from.documents !== undefined) into.documents = from.documents;
  into.failures.push(...from.failures);
}
