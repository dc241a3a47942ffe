// `hookscope trigger PROVIDER.EVENT --fixture DIR`: the template as a test fixture written to DIR
// instead of sent (the same files fixtures.export returns). DIR is created; files already there are
// left alone unless --force, and all are checked before any is written, so a refusal leaves DIR
// as it was. Only --secret signs: $HOOKSCOPE_SECRET (often the real one, for sending) never does,
// since a fixture's files name the secret they are signed with.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FixtureResult } from '../contract/index.js';
import { templateFixture, type TemplateFixtureArgs } from '../core/index.js';

export interface FixtureTarget {
  dir: string;
  force: boolean;
}

export class FixtureWriteError extends Error {
  override name = 'FixtureWriteError';
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Writes the fixture's files into `target.dir`; resolves with their paths. */
export async function writeFixtureFiles(fixture: FixtureResult, target: FixtureTarget): Promise<string[]> {
  const dir = resolve(target.dir);
  try {
    await mkdir(dir, { recursive: true });
    const paths = fixture.files.map((file) => join(dir, file.name));
    const taken = [];
    for (const [i, path] of paths.entries()) if (await exists(path)) taken.push(fixture.files[i]!.name);
    if (taken.length > 0 && !target.force) {
      throw new FixtureWriteError(`${dir} already holds ${taken.join(', ')}: not overwritten (--force overwrites)`);
    }
    for (const [i, file] of fixture.files.entries()) {
      await writeFile(paths[i]!, Buffer.from(file.content, file.encoding), { flag: target.force ? 'w' : 'wx' });
    }
    return paths;
  } catch (error) {
    if (error instanceof FixtureWriteError) throw error;
    throw new FixtureWriteError(`--fixture ${target.dir}: ${(error as Error).message}`);
  }
}

export function formatWritten(fixture: FixtureResult, paths: string[], dir: string): string {
  const sizes = fixture.files.map((file, i) => `  ${paths[i]}  (${Buffer.byteLength(file.content, file.encoding)} bytes)`);
  const signing = fixture.unsigned
    ? `Not signed: ${fixture.unsigned}`
    : fixture.scheme
      ? `Signed (${fixture.scheme}) with the test secret ${fixture.secret}${fixture.resignsAtRunTime ? '; the tests sign again on each run' : ''}.`
      : 'Not signed: this provider does not sign its deliveries.';
  return [
    `Wrote a test fixture of ${fixture.source}:`,
    ...sizes,
    signing,
    'Run the tests against your handler (README.md says more):',
    `  cd ${JSON.stringify(resolve(dir))}`,
    '  HANDLER_URL=http://localhost:3000/webhooks npx vitest run handler.test.ts',
    '  HANDLER_URL=http://localhost:3000/webhooks python3 -m pytest test_handler.py',
    '',
  ].join('\n');
}

/** The whole of `--fixture`: make, write, say what was written. */
export async function fixtureCommand(args: TemplateFixtureArgs, target: FixtureTarget, out: (text: string) => void): Promise<number> {
  const fixture = templateFixture(args, Date.now());
  const paths = await writeFixtureFiles(fixture, target);
  out(formatWritten(fixture, paths, target.dir));
  return 0;
}
