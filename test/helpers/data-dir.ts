import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh data folder per test, with a space in its path (paths with spaces must work). */
export async function makeDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hook scope-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
