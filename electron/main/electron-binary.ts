// Where the Electron binary is, without `require('electron')`: the electron package's index.js
// starts a download when its binary is missing, and this machine (like many CI hosts) has no
// network for that. Used by `npm start` (scripts/start.mjs) and the Electron end-to-end tests.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

export function findElectronBinary(packageRootDir: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const electronDir = join(packageRootDir, 'node_modules', 'electron');
  if (!existsSync(join(electronDir, 'package.json'))) {
    return { found: false, reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron');
    return existsSync(candidate)
      ? { found: true, path: candidate }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH names no Electron binary (${candidate})` };
  }
  if (!executable) {
    return { found: false, reason: 'no Electron binary is installed (its download was skipped or failed at npm install)' };
  }
  const binary = join(electronDir, 'dist', executable);
  return existsSync(binary)
    ? { found: true, path: binary }
    : { found: false, reason: `the Electron binary ${binary} is missing` };
}
