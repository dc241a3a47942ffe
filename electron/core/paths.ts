import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRODUCT_NAME = 'Hookscope';

/**
 * The folder the desktop app uses for its data (Electron's app.getPath('userData') for our
 * productName), so `serve` and the app share one history by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}

export function databaseFileIn(dataDir: string): string {
  return join(dataDir, 'hookscope.db');
}

/** The folder holding Hookscope's package.json, from source (tsx) or from the build (dist/). */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'hookscope') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find Hookscope's package.json above ${from}`);
    dir = parent;
  }
}
