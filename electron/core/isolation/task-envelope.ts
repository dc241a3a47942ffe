// How a task travels to an analysis thread: with a port the thread answers on the moment it takes
// the task, so the task's time budget starts then — not while a replacement thread is still
// starting up (loading its modules can take seconds on a busy machine).
import type { MessagePort } from 'node:worker_threads';

export interface TaskEnvelope<T> {
  task: T;
  started: MessagePort;
}

/** On the analysis thread: says "started" and hands over the task. */
export function takeTask<T>(envelope: TaskEnvelope<T>): T {
  envelope.started.postMessage(0);
  envelope.started.close();
  return envelope.task;
}
