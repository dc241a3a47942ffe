import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = join(root, 'dist', 'electron', 'serve', 'cli.js');

export interface ServeProcess {
  child: ChildProcess;
  captureUrl: string;
  uiUrl: string;
  /** The printed sign-in link: its one-time code works once, within 2 minutes. */
  inspectorUrl: string;
  /** The API token: the `--token` given, else the one `serve` keeps in the data folder. */
  token: string;
  /** The token file `serve` printed; null when started with `--token`. */
  tokenFile: string | null;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs the built `hookscope serve` as a user would, on free ports, and waits for its banner.
 * `token: null` starts it without `--token`, so it uses (or creates) the data folder's token file.
 */
export async function startServe(dataDir: string, extraArgs: string[] = [], token: string | null = 'test-token-0123456789'): Promise<ServeProcess> {
  const tokenArgs = token === null ? [] : ['--token', token];
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--ui-port', '0', '--data', dataDir, ...tokenArgs, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const deadline = Date.now() + 20_000;
  while (!/Token: .*\n/.test(out)) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const captureUrl = /Capture: +(http:\/\/\S+?)\/<endpoint>/.exec(out)![1]!;
  const inspectorUrl = /Inspector: +(\S+)/.exec(out)![1]!;
  const tokenFile = /Token: +in (.+?\/api-token)\b/.exec(out)?.[1] ?? null;
  return {
    child,
    captureUrl,
    inspectorUrl,
    uiUrl: new URL(inspectorUrl).origin,
    token: token ?? readFileSync(tokenFile!, 'utf8').trim(),
    tokenFile,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}

/**
 * Runs `hookscope trigger ARGS…` (the built CLI) to the end, as a user or their CI would. Its
 * $HOOKSCOPE_SECRET starts empty, so a secret in the tester's own environment never signs; `env`
 * sets one when a test needs it.
 */
export async function runTrigger(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [cliPath, 'trigger', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOOKSCOPE_SECRET: '', ...env } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out, err };
}
