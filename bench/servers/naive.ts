// A naive receiver, what a user might write in ten minutes: node:http + better-sqlite3, one INSERT
// per request in autocommit (one transaction each), no verification, 200 once the row is written.
// Same durability settings as Hookscope's store (WAL, synchronous NORMAL) so the rows differ in
// work done, not in fsyncs.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportWhenAsked } from './report.js';

const db = new Database(join(mkdtempSync(join(tmpdir(), 'hookscope bench naive-')), 'hooks.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE hooks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at INTEGER NOT NULL,
  method TEXT NOT NULL,
  url TEXT NOT NULL,
  headers TEXT NOT NULL,
  body BLOB NOT NULL
)`);
const insert = db.prepare('INSERT INTO hooks (received_at, method, url, headers, body) VALUES (?, ?, ?, ?, ?)');

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    insert.run(Date.now(), req.method, req.url, JSON.stringify(req.headers), Buffer.concat(chunks));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 17 });
    res.end('{"received":true}');
  });
});
server.listen(0, '127.0.0.1', () => reportWhenAsked({ port: (server.address() as { port: number }).port }));
