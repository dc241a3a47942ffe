// The entry point of each analysis thread (see analysis-pool.ts). Piscina calls the default export
// once per task. Snippets load httpsnippet only when first asked for, so threads start light.
import type { SnippetLanguage } from '../../contract/index.js';
import type { RenderedSnippet, SnippetRequest } from '../export/snippet.js';
import { runAnalysisTask, type AnalysisTask } from './analysis-tasks.js';
import { takeTask, type TaskEnvelope } from './task-envelope.js';
import { lowerThisThreadPriority } from './thread-priority.js';

// Once per thread: capture comes first (thread-priority.ts).
lowerThisThreadPriority();

export type SnippetTask = { kind: 'snippet'; request: Omit<SnippetRequest, 'body'> & { body: Uint8Array }; language: SnippetLanguage; client: string | undefined };

export type WorkerTask = AnalysisTask | SnippetTask;

export default function analysisWorker(envelope: TaskEnvelope<WorkerTask>): Promise<ReturnType<typeof runAnalysisTask> | RenderedSnippet> {
  return runWorkerTask(takeTask(envelope));
}

/** One task, on this thread (the hostile test worker reuses it). */
export async function runWorkerTask(task: WorkerTask): Promise<ReturnType<typeof runAnalysisTask> | RenderedSnippet> {
  if (task.kind !== 'snippet') return runAnalysisTask(task);
  const { renderSnippet } = await import('../export/snippet.js');
  const { body, ...request } = task.request;
  return renderSnippet({ ...request, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) }, task.language, task.client);
}
