// Mockoon CLI as a peer: one environment with one route, POST /pdfgorilla/webhooks/pdf answering
// 200 {"received":true}, built with Mockoon's own schema builders (@mockoon/commons) so the file is
// what its desktop app would save. The CLI is started with --log-transaction, its way of recording
// each request and response in full (to its log file under $HOME/.mockoon-cli/logs and to stdout);
// the parent points HOME at a temporary folder so nothing lands in the user's.
import { BuildEnvironment, BuildHTTPRoute } from '@mockoon/commons';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUEST_PATH } from '../payload.js';

export interface MockoonSetup {
  /** The command and its arguments. */
  argv: string[];
  /** The temporary HOME for its transaction log. */
  home: string;
}

export function mockoonSetup(port: number): MockoonSetup {
  const home = mkdtempSync(join(tmpdir(), 'hookscope bench mockoon-'));
  const route = BuildHTTPRoute(true, { endpoint: REQUEST_PATH.slice(1), body: '{"received":true}' });
  route.method = 'post';
  const environment = BuildEnvironment({ hasDefaultRoute: false, hasContentTypeHeader: true, hasCorsHeaders: false, port });
  environment.name = 'hookscope bench';
  environment.hostname = '127.0.0.1';
  environment.routes = [route];
  environment.rootChildren = [{ type: 'route', uuid: route.uuid }];
  const file = join(home, 'environment.json');
  writeFileSync(file, JSON.stringify(environment));
  const cli = fileURLToPath(new URL('../../node_modules/@mockoon/cli/bin/run.js', import.meta.url));
  return { argv: [cli, 'start', '--data', file, '--port', String(port), '--hostname', '127.0.0.1', '--log-transaction'], home };
}
