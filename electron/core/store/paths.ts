import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
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

/** The control API's bearer token for scripts (`hookscope serve`), created 0600 on first start. */
export function apiTokenFileIn(dataDir: string): string {
  return join(dataDir, 'api-token');
}

// The data folder holds every captured payload, the sealing key and the API token: other local
// users must not read or even list it. Windows has no mode bits (the profile folder's ACL applies).
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/** Creates the data folder 0700, or tightens an existing one to 0700 when it belongs to this user. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tightenIfOurs(dir, PRIVATE_DIR_MODE);
}

/** Takes group and other bits off a file or folder of this user; one that is not ours is left alone. */
export function tightenIfOurs(path: string, mode: number = PRIVATE_FILE_MODE): void {
  if (process.platform === 'win32') return;
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return; // not there (yet)
  }
  if ((stat.mode & 0o077) === 0 || stat.uid !== process.getuid?.()) return;
  chmodSync(path, mode);
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
