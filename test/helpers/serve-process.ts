import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = join(root, 'dist', 'electron', 'serve', 'cli.js');

export interface ServeProcess {
  child: ChildProcess;
  captureUrl: string;
  uiUrl: string;
  inspectorUrl: string;
  token: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs the built `hookscope serve` as a user would, on free ports, and waits for its banner. */
export async function startServe(dataDir: string, extraArgs: string[] = [], token = 'test-token-0123456789'): Promise<ServeProcess> {
  const child = spawn(process.execPath, [cliPath, 'serve', '--port', '0', '--ui-port', '0', '--data', dataDir, '--token', token, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const deadline = Date.now() + 20_000;
  while (!/Inspector: \S+/.test(out)) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const captureUrl = /Capture: +(http:\/\/\S+?)\/<endpoint>/.exec(out)![1]!;
  const inspectorUrl = /Inspector: +(\S+)/.exec(out)![1]!;
  return {
    child,
    captureUrl,
    inspectorUrl,
    uiUrl: new URL(inspectorUrl).origin,
    token,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}
