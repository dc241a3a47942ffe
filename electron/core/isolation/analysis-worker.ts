// The entry point of each analysis thread (see analysis-pool.ts). Piscina calls the default export
// once per task.
import { runAnalysisTask, type AnalysisTask } from './analysis-tasks.js';

export default function analysisWorker(task: AnalysisTask): ReturnType<typeof runAnalysisTask> {
  return runAnalysisTask(task);
}
