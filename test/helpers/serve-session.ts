// `hookscope serve` on a fresh data folder with an API client: what most serve tests start with,
// and what the e2e inspector session builds on. Closing stops serve and removes the folder.
import { makeDataDir } from './data-dir.js';
import { controlClient } from './http.js';
import { startServe, type ServeProcess } from './serve-process.js';

export type ControlClient = ReturnType<typeof controlClient>;

export interface ServeSession {
  /** The data folder (its path has a space in it). */
  readonly dir: string;
  serve: ServeProcess;
  api: ControlClient;
  /** Stops serve and starts it again on the same folder, for what must survive a restart. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startServeSession(extraArgs: string[] = []): Promise<ServeSession> {
  const data = await makeDataDir();
  try {
    const serve = await startServe(data.dir, extraArgs);
    const session: ServeSession = {
      dir: data.dir,
      serve,
      api: controlClient(serve.uiUrl, serve.token),
      async restart() {
        await session.serve.stop();
        session.serve = await startServe(data.dir, extraArgs);
        session.api = controlClient(session.serve.uiUrl, session.serve.token);
      },
      async close() {
        await session.serve.stop();
        await data.remove();
      },
    };
    return session;
  } catch (failure) {
    await data.remove();
    throw failure;
  }
}
