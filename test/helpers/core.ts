import { startCore, type CoreOptions, type HookscopeCore } from '../../electron/core/core.js';
import { makeDataDir } from './data-dir.js';

export interface TestCore {
  core: HookscopeCore;
  dataDir: string;
  /** `http://127.0.0.1:PORT` of the capture listener. */
  captureUrl: string;
  stop(): Promise<void>;
}

/** A real core on a free loopback port over a real SQLite file in a fresh temp folder. */
export async function startTestCore(options: Partial<CoreOptions> = {}, existingDir?: string): Promise<TestCore> {
  const data = existingDir ? { dir: existingDir, remove: async () => undefined } : await makeDataDir();
  const core = await startCore({ dataDir: data.dir, capturePort: 0, ...options });
  return {
    core,
    dataDir: data.dir,
    captureUrl: core.capture.url,
    async stop() {
      await core.close();
      await data.remove();
    },
  };
}
