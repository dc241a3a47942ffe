// The control API's bearer token for scripts. It is stable, so a script or a pasted token keeps
// working across restarts: generated once into the data folder (0600, like secret.key) and read
// back on every start. `--token` overrides it for one run and is never written down. The token is
// never printed: a user reads it from the file, whose path `serve` prints.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { apiTokenFileIn, ensurePrivateDir, tightenIfOurs } from '../core/index.js';

/** Printable ASCII without spaces, at least 8 characters: what fits in `Authorization: Bearer`. */
export const TOKEN_PATTERN = /^[\x21-\x7e]{8,}$/;

export interface ApiToken {
  token: string;
  /** Where the token came from: the data folder's file (with its path), or `--token`. */
  source: { kind: 'file'; file: string; created: boolean } | { kind: 'option' };
}

export function resolveApiToken(dataDir: string, fromOption: string | undefined): ApiToken {
  if (fromOption !== undefined) {
    if (!TOKEN_PATTERN.test(fromOption)) throw new Error('--token must be at least 8 printable characters without spaces');
    return { token: fromOption, source: { kind: 'option' } };
  }
  return loadOrCreateTokenFile(dataDir);
}

function loadOrCreateTokenFile(dataDir: string): ApiToken {
  ensurePrivateDir(dataDir);
  const file = apiTokenFileIn(dataDir);
  const token = randomBytes(32).toString('base64url');
  try {
    // 'wx': never overwrite a token a script already uses (two starts racing keep the first).
    writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
    return { token, source: { kind: 'file', file, created: true } };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  tightenIfOurs(file);
  const stored = readFileSync(file, 'utf8').trim();
  if (!TOKEN_PATTERN.test(stored)) {
    throw new Error(`${file} does not hold a usable token (8+ printable characters, no spaces); delete it to get a new one`);
  }
  return { token: stored, source: { kind: 'file', file, created: false } };
}
