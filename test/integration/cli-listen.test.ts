// `hookscope listen --forward-to URL` run as a user runs it: it forwards every delivery and prints
// one line per delivery with the target's status and latency.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { send } from '../helpers/http.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { cliPath } from '../helpers/serve-process.js';
import { deadPort, startTargetServer, type TargetServer } from '../helpers/target-server.js';
import { formatLine } from '../../electron/serve/listen.js';

interface Listening {
  child: ChildProcess;
  captureUrl: string;
  output: () => string;
  /** Resolves once the output matches, or rejects after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

async function startListen(args: string[]): Promise<Listening> {
  const child = spawn(process.execPath, [cliPath, 'listen', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const waitFor = async (pattern: RegExp, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(out);
      if (match) return match;
      if (child.exitCode !== null) throw new Error(`listen exited ${child.exitCode}:\n${out}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${out}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const banner = await waitFor(/Capture: +(http:\/\/127\.0\.0\.1:\d+)/).catch((error: Error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    child,
    captureUrl: banner[1]!,
    output: () => out,
    waitFor,
    async stop(signal = 'SIGINT') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}

describe('hookscope listen', () => {
  let target: TargetServer;
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  before(async () => {
    target = await startTargetServer((request) => ({ status: request.url.includes('fail') ? 500 : 200, body: 'ok' }));
    data = await makeDataDir();
  });
  after(async () => {
    await target.close();
    await data.remove();
  });

  it('forwards every delivery to the target and prints a line per delivery: time, method, path, size, verification, status, latency', async () => {
    const listen = await startListen(['--forward-to', `${target.url}/webhook`, '--data', data.dir]);
    try {
      assert.match(listen.output(), new RegExp(`Forward: +${target.url}/webhook \\(\\+ captured path and query\\), timeout 30 s`));
      const body = JSON.stringify({ id: 'evt_cli', type: 'job.completed' });
      const res = await send(`${listen.captureUrl}/jobs/done?x=1`, { headers: ['Content-Type', 'application/json'], body });
      assert.equal(res.status, 200);
      const [got] = await target.waitFor(1);
      assert.equal(got!.url, '/webhook/jobs/done?x=1');
      assert.equal(got!.body.toString(), body);
      await listen.waitFor(new RegExp(`\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  POST /jobs/done\\?x=1  ${Buffer.byteLength(body)} B  unverified  → 200  \\d+ ms\n`));

      await send(`${listen.captureUrl}/fail`, { body: 'x' });
      await listen.waitFor(/POST \/fail  1 B  unverified  → 500  \d+ ms\n/);
      assert.equal(await listen.stop('SIGINT'), 0);
      assert.match(listen.output(), /SIGINT, closing/);
    } finally {
      await listen.stop('SIGKILL');
    }
  });

  it('prints a dead target as an error line and keeps capturing; forwards only its endpoint', async () => {
    const listen = await startListen(['--forward-to', `http://127.0.0.1:${await deadPort()}`, '--endpoint', 'stripe', '--timeout', '2', '--data', data.dir]);
    try {
      assert.match(listen.output(), /Capture: +http:\/\/127\.0\.0\.1:\d+\/stripe/);
      await send(`${listen.captureUrl}/stripe`, { body: '{}' });
      await listen.waitFor(/POST \/stripe  2 B  unverified  → connection_refused  \d+ ms  connection refused/);
      await send(`${listen.captureUrl}/other`, { body: 'abc' });
      await listen.waitFor(/POST \/other  3 B  unverified  → not forwarded/);
      assert.equal(await listen.stop('SIGTERM'), 0);
    } finally {
      await listen.stop('SIGKILL');
    }
  });

  it('refuses bad arguments with a clear message', async () => {
    for (const [args, message] of [
      [[], /listen needs --forward-to URL/],
      [['--forward-to', 'ftp://x'], /a target is an http/],
      [['--forward-to', 'http://127.0.0.1:1', '--endpoint', 'Bad Slug'], /slug/],
      [['--forward-to', 'http://127.0.0.1:1', '--timeout', '0'], /--timeout/],
    ] as Array<[string[], RegExp]>) {
      const child = spawn(process.execPath, [cliPath, 'listen', '--port', '0', '--data', data.dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
      const [code] = (await once(child, 'exit')) as [number];
      assert.equal(code, 2, args.join(' '));
      assert.match(out, message);
    }
  });

  it('formats a line the same way for every outcome', () => {
    const summary = {
      id: 1, endpoint: 'default', receivedAt: '2026-04-06T10:01:23.456Z', method: 'POST', path: '/a', query: 'b=1', bodySize: 2048,
      contentType: null, responseStatus: 200, viaTunnel: false, headersTruncated: false, rejected: null, verification: null, imported: false,
      provider: null, attempt: null, handshake: null, node: null,
    };
    const line = formatLine({ summary, verification: 'valid', attempt: null });
    assert.match(line, /^\d\d:\d\d:23\.456  POST \/a\?b=1  2\.0 KiB  valid  → not forwarded$/);
    assert.match(formatLine({ summary: { ...summary, rejected: 'too large', responseStatus: 413 }, verification: 'unverified', attempt: null }), /rejected \(413\): not forwarded$/);
  });
});
